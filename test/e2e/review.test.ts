// The review page, for real: opened from the popup on a finished rewrite, the extracted source and the rewrite side
// by side, paragraph by paragraph; a finding marks its sentence in both texts; a paragraph written again or edited
// in place becomes a new version (one request for the first, none for the second); Copy for CMS from there.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { poll } from '../support/browser';
import { useSession } from './fixtures/setup';

const s = useSession();

// A rewrite with a changed figure (the fixture says 412 visitors), so the checks find something to point at.
const ANSWER =
  '# Night Reading Room Opens in Harbour City\n\n' +
  'Harbour City Library will keep its main reading room open until midnight, after 900 visitors asked for it.\n\n' +
  '## What changes\n\n' +
  'The room opens late on weekdays, the library said.';

async function reviewPage(): Promise<Page> {
  return poll(() => s.ext.context.pages().find((p) => p.url().includes('/review/index.html?id=')) ?? null, 10_000, 'the review tab');
}

describe('review page', () => {
  it('opens from the popup, aligns source and rewrite, marks a finding in both, regenerates and edits paragraphs as new versions', async () => {
    s.server.enqueue({ text: ANSWER }, { text: 'The room stays open late on weekdays, library staff confirmed.' });
    const { page, popup } = await s.open(s.articleUrl('review'));
    await popup.waitForState('done', 15_000);
    await popup.waitFor(`document.querySelector('[data-testid=checks]:not([hidden])')`, 10_000);
    await popup.click('open-review');
    const review = await reviewPage();
    await review.locator('#review[data-state=done]').waitFor({ timeout: 10_000 });

    // Both sides, paragraph by paragraph: the source's blocks and the rewrite's (a subheading is one).
    const source = review.getByTestId('review-source');
    const rewrite = review.getByTestId('review-rewrite');
    expect(await source.locator('[data-paragraph]').count()).toBeGreaterThan(1);
    expect(await rewrite.locator('[data-paragraph]').count()).toBe(3);
    expect(await rewrite.locator('h2[data-paragraph="1"]').textContent()).toBe('What changes');
    expect(await review.getByTestId('headline').textContent()).toBe('Night Reading Room Opens in Harbour City');
    expect(await source.textContent()).toContain('Harbour City');
    // Rows: the first rewrite paragraph sits beside the source paragraphs it says again, at the same height.
    const tops = await review.evaluate(() => {
      const rows = (side: string) => [...document.querySelectorAll(`[data-testid=${side}] .group`)].map((g) => Math.round(g.getBoundingClientRect().top));
      return { source: rows('review-source'), rewrite: rows('review-rewrite') };
    });
    expect(tops.source.length).toBe(tops.rewrite.length);
    expect(tops.source).toEqual(tops.rewrite);

    // A finding: clicking it marks its sentence on both sides; it names the rewrite paragraph it points to.
    const finding = review.locator('[data-testid=finding][data-rewrite-start]').first();
    await finding.waitFor({ timeout: 5000 });
    const at = await finding.getAttribute('data-paragraph');
    expect(at).toBe('0');
    await finding.click();
    await review.locator('[data-testid=review-rewrite] mark.highlight').first().waitFor({ timeout: 3000 });
    expect(await rewrite.locator(`[data-paragraph="${at}"] mark.highlight`).count()).toBeGreaterThan(0);
    if ((await finding.getAttribute('data-source-start')) !== null) expect(await source.locator('mark.highlight').count()).toBeGreaterThan(0);

    // Write one paragraph again: one request, a new version with only that paragraph changed.
    expect(s.server.chatRequests).toHaveLength(1);
    await rewrite.locator('.para').nth(2).getByTestId('paragraph-regenerate').click();
    await poll(
      async () => (await rewrite.locator('[data-paragraph="2"]').textContent()) === 'The room stays open late on weekdays, library staff confirmed.',
      15_000,
      'the new paragraph',
    );
    await review.locator('#review[data-state=done]').waitFor({ timeout: 10_000 });
    expect(s.server.chatRequests).toHaveLength(2);
    const sent = s.server.chatRequests[1]!.body.messages?.map((m) => m.content).join('\n') ?? '';
    expect(sent).toContain('The room opens late on weekdays, the library said.');
    expect(sent).toMatch(/paragraph/i);
    expect(await rewrite.locator('[data-paragraph="0"]').textContent()).toContain('after 900 visitors asked for it');
    expect(await review.getByTestId('version').textContent()).toBe('2 of 2');

    // Edit in place: no request, a third version.
    await rewrite.locator('.para').nth(0).getByTestId('paragraph-edit').click();
    await review.getByTestId('paragraph-editor').fill('Harbour City Library will keep its reading room open until midnight.');
    await review.getByTestId('paragraph-save').click();
    await poll(
      async () => (await rewrite.locator('[data-paragraph="0"]').textContent()) === 'Harbour City Library will keep its reading room open until midnight.',
      10_000,
      'the edit',
    );
    await poll(async () => (await review.getByTestId('version').textContent()) === '3 of 3', 10_000, 'a third version');
    expect(s.server.chatRequests).toHaveLength(2);

    // Copy for CMS from the review page.
    await review.getByTestId('copy-cms').click();
    await poll(
      async () =>
        (await s.ext.readClipboard()).startsWith(
          'Headline:\nNight Reading Room Opens in Harbour City\n\nArticle:\nHarbour City Library will keep its reading room',
        ),
      3000,
      'the CMS copy',
    );

    // The popup (closed when the review tab opened) shows the newest version on the page again, with no request.
    await review.close();
    const again = await s.click(page);
    await again.waitFor(`document.querySelector('[data-testid=version]')?.textContent === '3 of 3'`, 10_000);
    expect(s.server.chatRequests).toHaveLength(2);
  });
});
