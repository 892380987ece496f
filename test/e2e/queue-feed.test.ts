// A news feed as the queue's source, in the built extension: its newest N articles go into the list (after what is
// there) for the user to look over, pages already rewritten are left out and counted, and Add queues exactly those;
// a feed address that serves a web page, or a feed cut off mid-write, says so.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { addList, addStories, asked, clearQueue, CORS, openQueue, storyOf, waitForRows } from './fixtures/queue-page';
import { useSession } from './fixtures/setup';

const s = useSession();

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An RSS 2.0 feed of these pages, the first the newest, a day apart. */
function rss(urls: readonly string[]): string {
  const items = urls.map(
    (url, i) =>
      `<item><title><![CDATA[Story ${i + 1} & more]]></title><link>${escapeXml(url)}</link><pubDate>${new Date(Date.UTC(2024, 5, 20 - i)).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test feed</title><link>http://127.0.0.1/</link>${items.join('')}</channel></rss>`;
}

const FEED = { contentType: 'application/rss+xml; charset=utf-8', ...CORS };

async function loadFeed(page: Page, url: string, newest?: number): Promise<string> {
  const before = await page.getByTestId('feed-status').innerText();
  await page.getByTestId('feed-url').fill(url);
  if (newest !== undefined) await page.getByTestId('feed-newest').fill(String(newest));
  await page.getByTestId('load-feed').click();
  return poll(
    async () => {
      const now = await page.getByTestId('feed-status').innerText();
      return now !== before && !/Reading the feed/.test(now) && (await page.getByTestId('load-feed').isEnabled()) ? now : null;
    },
    15_000,
    'the feed answered',
  );
}

describe('queue from a feed', () => {
  it('puts the newest N in the list without the page already rewritten, and Add runs exactly those', async () => {
    s.server.setHandler((req) => ({ text: `# Rewritten ${storyOf(req)}\n\nThe new text of ${storyOf(req)}.`, chunkCount: 3, chunkDelayMs: 50 }));
    const stories = addStories(s, 'f', 4);
    const page = await openQueue(s);

    // Story 2 is rewritten first, through the queue; clearing the queue keeps its version in the history.
    await addList(page, [stories[1]!]);
    await waitForRows(page, (r) => r.length === 1 && r[0]!.state === 'done', 30_000, 'story 2 done');
    await clearQueue(page);
    const requestsBefore = s.server.chatRequests.length;

    s.server.addPage('feed-f', rss(stories), FEED);
    const feed = s.server.pageUrl('feed-f');
    await page.getByTestId('urls').fill('# from the feed\n');
    expect(await page.getByTestId('feed-skip-done').isChecked()).toBe(true);
    const status = await loadFeed(page, feed, 3);

    // The newest three are stories 1-3; story 2 is left out; story 4 is older than the three.
    expect(await page.getByTestId('urls').inputValue()).toBe(['# from the feed', stories[0], stories[2]].join('\n'));
    expect(status).toMatch(/2 addresses added/);
    expect(status).toMatch(/1 already rewritten/);
    expect((await asked(page)).at(-1)).toEqual({ origins: ['http://127.0.0.1/*'] });
    expect(s.server.chatRequests.length).toBe(requestsBefore);

    await page.getByTestId('add').click();
    await waitForRows(page, (r) => r.length === 2 && r.every((x) => x.state === 'done'), 30_000, 'the feed pages done');
    expect((await waitForRows(page, () => true, 1_000, 'rows')).map((r) => r.url)).toEqual([stories[0], stories[2]]);
    expect(s.server.chatRequests.slice(requestsBefore).map(storyOf).sort()).toEqual(['f 1', 'f 3']);

    // Without skipping, the same load lists the rewritten page too.
    await page.getByTestId('urls').fill('');
    await page.getByTestId('feed-skip-done').uncheck();
    expect(await loadFeed(page, feed, 3)).not.toMatch(/already rewritten/);
    expect(await page.getByTestId('urls').inputValue()).toBe(stories.slice(0, 3).join('\n'));
    await page.getByTestId('urls').fill('');
    await clearQueue(page);
    await page.close();
  }, 90_000);

  it('says so when the address is a web page or a broken feed, and adds nothing', async () => {
    const [story] = addStories(s, 'g', 1);
    s.server.addPage('feed-broken', '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Half', FEED);
    const page = await openQueue(s);

    expect(await loadFeed(page, story!)).toMatch(/is a web page, not a feed/);
    expect(await loadFeed(page, s.server.pageUrl('feed-broken'))).toMatch(/not an RSS or Atom feed/);
    expect(await loadFeed(page, 'ftp://127.0.0.1/feed')).toMatch(/http\(s\) address/);
    expect(await page.getByTestId('urls').inputValue()).toBe('');
    expect(await page.locator('[data-testid=item]').count()).toBe(0);
    await page.close();
  }, 60_000);
});
