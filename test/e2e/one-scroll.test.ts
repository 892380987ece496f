// The popup reads as one page: on a long rewrite with every group of findings opened, nothing but the document
// scrolls (no box inside a box), and the copy bar stays in view at the top and the bottom without covering the end.
import { describe, expect, it } from 'vitest';
import { ferryHtml, ferryRewrite } from './fixtures/ferry-article';
import { useSession } from './fixtures/setup';

const s = useSession();

/** Thirty more paragraphs: far taller than the popup. */
const LONG = [
  ferryRewrite,
  ...Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1} of the longer story goes on about the harbour, the pier and the ferries that serve the islands.`),
].join('\n\n');

/** Elements other than the document that scroll their own content, as "tag.class". */
const INNER_SCROLLERS = `[...document.querySelectorAll('body *')].filter((el) => {
  const y = getComputedStyle(el).overflowY;
  return (y === 'auto' || y === 'scroll') && el.scrollHeight > el.clientHeight + 1;
}).map((el) => el.tagName.toLowerCase() + '.' + el.className)`;

/** Where the copy bar is, against the viewport. */
const BAR = `(() => {
  const r = document.querySelector('[data-testid=actions]').getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, viewport: window.innerHeight };
})()`;

describe('one scroll area', () => {
  it('a long rewrite with its findings opened: only the document scrolls, the copy bar stays in view', async () => {
    s.server.addPage('ferry-long', ferryHtml);
    s.server.enqueue({ text: LONG, chunkCount: 6 });
    const { popup } = await s.open(s.server.pageUrl('ferry-long'));
    await popup.waitForState('done', 15_000);
    await popup.waitFor(`document.querySelector('[data-testid=checks]:not([hidden])')`, 5000);
    await popup.eval(`document.querySelectorAll('[data-testid=findings-more] summary').forEach((s) => s.click())`);
    await popup.waitFor(`[...document.querySelectorAll('[data-testid=findings-more]')].every((d) => d.open)`, 3000);
    expect(await popup.eval<number>(`document.querySelectorAll('[data-testid=findings-more]').length`)).toBeGreaterThan(0);

    // The document is taller than the popup, and it alone scrolls.
    expect(await popup.eval<boolean>('document.scrollingElement.scrollHeight > window.innerHeight + 100')).toBe(true);
    expect(await popup.eval<string[]>(INNER_SCROLLERS)).toEqual([]);

    // The copy bar: on screen at the top of the page and at its end.
    for (const y of ['0', 'document.scrollingElement.scrollHeight']) {
      await popup.eval(`window.scrollTo(0, ${y})`);
      const bar = await popup.eval<{ top: number; bottom: number; viewport: number }>(BAR);
      expect(bar.top).toBeGreaterThanOrEqual(0);
      expect(bar.bottom).toBeLessThanOrEqual(bar.viewport + 1);
    }
    // At the end nothing is under the bar: the last finding ends above it.
    const hidden = await popup.eval<boolean>(`(() => {
      const bar = document.querySelector('[data-testid=actions]').getBoundingClientRect();
      const last = [...document.querySelectorAll('[data-testid=finding]')].at(-1).getBoundingClientRect();
      return last.bottom > bar.top + 1;
    })()`);
    expect(hidden).toBe(false);
  });
});
