// Accessibility in every UI language: axe-core reports no violation on the options page (with the first-run guide),
// the popup with a finished rewrite, the side panel, the history page and the review page, with the browser in each of
// the four UI languages (every popup state is in a11y.test.ts). Longer words and other quote marks must not break
// contrast, labels or landmarks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, checkPopup, expectClean } from '../support/axe';
import { poll } from '../support/browser';
import { startSession, type Session } from './fixtures/setup';
import { openPanel, openReview } from './fixtures/workspace';

const ANSWER = {
  text: [
    '# Fähre: neuer Fahrplan ab März',
    '',
    'Der Stadtrat hat am Dienstag den neuen Fahrplan der Fähre beschlossen; er gilt ab dem 1. März.',
    '',
    '## Was sich ändert',
    '',
    '„Wir fahren öfter“, sagte die Betreiberin. Die Fähre fährt künftig alle 20 Minuten.',
  ].join('\n'),
  chunkCount: 4,
};

for (const lang of ['en', 'de', 'fr', 'es']) {
  describe(`axe-core in ${lang}`, () => {
    let s: Session;
    beforeAll(async () => {
      s = await startSession({ configure: false, lang });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('options page with the first-run guide, then popup, side panel, history and review with a rewrite', async () => {
      const options = await s.ext.openOptions();
      await options.locator('form[data-ready=true]').waitFor();
      expect(await options.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await options.getByTestId('guide').isVisible()).toBe(true);
      const withGuide = await checkPage(options);
      await options.close();
      expectClean(`options with the guide (${lang})`, withGuide);
      await s.ext.configure(s.settings);

      s.server.enqueue(ANSWER);
      const { popup } = await s.open(s.articleUrl(`a11y-${lang}`));
      await popup.waitForState('done', 15_000);
      expectClean(`popup done (${lang})`, await checkPopup(popup, 'done'));

      const panel = await openPanel(s, popup);
      await panel.waitFor(`document.querySelector('[data-testid=panel]')?.dataset.state === 'done'`, 10_000);
      expectClean(`side panel (${lang})`, await checkPopup(panel, 'done'));

      const history = await s.ext.context.newPage();
      await history.goto(`${s.ext.origin}/history/index.html`);
      await poll(async () => (await history.getByTestId('entry').count()) > 0, 5000, 'history entries');
      expectClean(`history (${lang})`, await checkPage(history));
      await history.close();
      const review = await openReview(s);
      expectClean(`review (${lang})`, await checkPage(review));
      await review.close();
    });
  });
}
