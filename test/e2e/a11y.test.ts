// Accessibility: axe-core runs inside the real extension pages in Chromium and must report no violation.
// The popup is checked in every state it can reach (needs-key, writing, done with checks and SEO extras, error),
// then the options page and the history page; each in the light and the dark colour scheme, since the pages
// have a dark theme and colour contrast is one of axe's rules.
//
// axe's source is evaluated through CDP Runtime.evaluate (the popup's attached target, or Playwright's
// page.evaluate, which also goes through CDP): the pages' CSP (`script-src 'self'`) would block an injected
// <script>, but it does not apply to DevTools evaluation.
//
// The assertions are strict (0 violations, every impact level). When one fails, its message lists each
// violation as `rule id (impact): selector` so the fix can be made in the product page, not here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, checkPopup, expectClean } from '../support/axe';
import { poll } from '../support/browser';
import { plans } from '../support/llm-server';
import { exampleHtml, exampleParagraphs } from './fixtures/example-article';
import { saveOptions, type Session, startSession } from './fixtures/setup';
import { openReview } from './fixtures/workspace';

let s: Session;

beforeAll(async () => {
  // Not configured: the first popup shows needs-key; the test saves the settings after that.
  s = await startSession({ configure: false });
  s.server.addPage('example', exampleHtml);
});
afterAll(async () => {
  await s?.close();
});

describe('axe-core reports no violation', () => {
  it('popup: needs-key (no API key saved)', async () => {
    const { popup } = await s.open(s.articleUrl('a11y-nokey'));
    await popup.waitForState('needs-key', 10_000);
    await popup.waitFor(`!document.querySelector('[data-testid="copy-prompt"]').disabled`, 5000);
    // <html lang> follows the UI language (English here; test/e2e/i18n.test.ts runs the browser in German).
    expect(await popup.eval<string>('document.documentElement.lang')).toBe('en');
    const results = await checkPopup(popup, 'needs-key');
    await s.cleanup();
    expectClean('popup needs-key', results);
  });

  it('popup: writing (the answer streaming in)', async () => {
    await s.ext.configure(s.settings);
    s.server.enqueue({
      text: '# Night Library Stays Open\n\nThe reading room stays open at night.\n\nThe council voted for it.\n\nResidents welcomed the news.',
      chunkCount: 6,
      chunkDelayMs: [0, 200, 20_000],
    });
    const { popup } = await s.open(s.articleUrl('a11y-writing'));
    await popup.waitForState('writing', 10_000);
    await popup.waitFor(`(document.querySelector('[data-testid="article"]')?.innerText ?? '').trim() !== ''`, 10_000);
    const results = await checkPopup(popup, 'writing');
    await s.cleanup();
    expectClean('popup writing', results);
  });

  it('popup: done, with the checks and the SEO extras', async () => {
    await saveOptions(s, { 'seo-pack': true });
    try {
      const copied = exampleParagraphs.find((p) => p.startsWith('The US considers Hamas'))!;
      s.server.enqueue({
        text: [
          '# Meta Removes Khamenei Accounts Over Hamas Support',
          '',
          'Meta has shut down the Instagram and Facebook accounts of Ayatollah Ali Khamenei, citing his praise for Hamas after the October 7 attack on Israel.',
          '',
          "Khamenei, Iran's Supreme Leader for 35 years, had six million Instagram followers.",
          '',
          copied,
          '',
          '---',
          'Meta description: Meta removes the Supreme Leader of Iran from Instagram and Facebook.',
          'Slug: meta-removes-khamenei-accounts',
          'Keywords: Meta, Khamenei, Instagram, Hamas',
        ].join('\n'),
        chunkCount: 5,
      });
      const { popup } = await s.open(s.server.pageUrl('example', { t: 'a11y-done' }));
      await popup.waitForState('done', 15_000);
      await popup.waitFor(`document.querySelector('[data-testid=checks]:not([hidden])')`, 5000);
      await popup.waitFor(`document.querySelector('[data-testid=seo-extras]:not([hidden])')`, 5000);
      // Every "and N more" opened, so axe sees the findings behind them too.
      await popup.eval(`document.querySelectorAll('[data-testid=findings-more]').forEach((d) => { d.open = true; })`);
      await popup.waitFor(`[...document.querySelectorAll('[data-testid=findings-more]')].every((d) => d.querySelector('.rest').childElementCount > 0)`, 3000);
      const results = await checkPopup(popup, 'done');
      await s.cleanup();
      expectClean('popup done', results);
    } finally {
      await saveOptions(s, { 'seo-pack': false });
    }
  });

  it('popup: error (the endpoint refused the key)', async () => {
    s.server.enqueue(plans.unauthorized());
    const { popup } = await s.open(s.articleUrl('a11y-error'));
    await popup.waitForState('error', 10_000);
    const results = await checkPopup(popup, 'error');
    await s.cleanup();
    expectClean('popup error', results);
  });

  it('options page', async () => {
    const page = await s.ext.openOptions();
    await page.locator('form[data-ready=true]').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const results = await checkPage(page);
    await page.close();
    expectClean('options', results);
  });

  it('history page (with the rewrites written above)', async () => {
    const page = await s.ext.context.newPage();
    await page.goto(`${s.ext.origin}/history/index.html`);
    await poll(async () => (await page.getByTestId('entry').count()) > 0, 5000, 'history entries');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const results = await checkPage(page);
    await page.close();
    expectClean('history', results);
  });

  it('review page (a finished rewrite beside its source, a finding picked, a paragraph being edited)', async () => {
    const page = await openReview(s);
    await page.getByTestId('finding').first().click();
    const picked = await checkPage(page);
    await page.getByTestId('paragraph-edit').first().click();
    const editing = await checkPage(page);
    await page.close();
    expectClean('review', picked);
    expectClean('review editing', editing);
  });

  it('popup: the latest rewrite offered on an editor tab', async () => {
    s.server.addPage(
      'a11y-cms',
      '<!doctype html><html lang="en"><title>Edit</title><body><div contenteditable="true" style="width:700px;height:300px"></div></body></html>',
    );
    const page = await s.ext.openArticle(s.server.pageUrl('a11y-cms'));
    const popup = await s.click(page);
    await popup.waitForState('offer', 10_000);
    const results = await checkPopup(popup, 'offer');
    await s.cleanup();
    expectClean('popup offer', results);
  });
});
