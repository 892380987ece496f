// The batch queue in the built extension: a pasted list asks once for exactly its sites, runs N at a time, ends
// every page done or with a clear error, lets a doubtful page wait without holding up the rest, and survives its
// page closing and the worker being stopped mid-batch (the alarm brings it back; a cut-off answer goes on with
// Continue; nothing is billed twice).
import { describe, expect, it } from 'vitest';
import { poll, sleep } from '../support/browser';
import type { RecordedRequest, ResponseRecord } from '../support/llm-server';
import { noArticleHtml } from './fixtures/index';
import { addList, addStories, asked, clearQueue, CORS, openQueue, storyOf as storyOfPage, waitForRows, type Row } from './fixtures/queue-page';
import { saveOptions, useSession } from './fixtures/setup';

const s = useSession();

const para = (i: number) =>
  `<p>Paragraph ${i} of the harbour report: the port authority said container traffic rose again this quarter, with rail freight up by a fifth and the new quay nearly full.</p>`;
const TEASER = `<!doctype html><html><head><title>Harbour Fees Rise</title></head><body><article><h1>Harbour Fees Rise</h1><div class="article-body">${[1, 2, 3, 4].map(para).join('')}<p>The last paragraph of the teaser ends here, before the gate.</p></div><div class="offer"><h3>Subscribe to continue reading</h3><a href="/login">Sign in</a></div></article></body></html>`;

/** The most answers streaming at once. */
function mostAtOnce(responses: readonly ResponseRecord[]): number {
  const edges = responses.flatMap((r) => [
    [r.startedAt, 1],
    [r.endedAt ?? Infinity, -1],
  ]);
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (now += d!));
  return most;
}

/** Which story a request is for; the doubtful page is the teaser. */
function storyOf(req: RecordedRequest): string | null {
  return storyOfPage(req) ?? ((req.body.messages ?? []).some((m) => m.content.includes('Harbour Fees Rise')) ? 'teaser' : null);
}

const settled = (r: Row) => ['done', 'error', 'skipped', 'confirm'].includes(r.state);

describe('batch queue', () => {
  it('asks once for exactly its sites, runs two at a time, and ends each page done, failed with a reason, or waiting for confirmation', async () => {
    const stories = addStories(s, 'a', 5);
    s.server.addPage('queue-teaser', TEASER, CORS).addPage('queue-empty', noArticleHtml, CORS);
    const dead = 'http://127.0.0.1:9/gone';
    const empty = s.server.pageUrl('queue-empty');
    const teaser = s.server.pageUrl('queue-teaser');
    const list = [...stories.slice(0, 3), dead, empty, teaser, ...stories.slice(3)];
    s.server.setHandler((req) => ({
      text: `# Rewritten ${storyOf(req)}\n\nThe new text of ${storyOf(req)}, in several short pieces.`,
      chunkCount: 6,
      chunkDelayMs: 150,
    }));
    const page = await openQueue(s);
    await addList(page, list);

    const done = await waitForRows(page, (r) => r.length === list.length && r.every(settled), 60_000, 'every item settled');
    expect(await asked(page)).toEqual([{ origins: ['http://127.0.0.1/*'] }]);
    const byUrl = new Map(done.map((r) => [r.url, r]));
    for (const url of stories) expect(byUrl.get(url)?.state).toBe('done');
    expect(byUrl.get(dead)?.state).toBe('error');
    expect(byUrl.get(dead)?.text).toMatch(/could not|no answer|reach/i);
    expect(byUrl.get(empty)?.state).toBe('error');
    expect(byUrl.get(teaser)?.state).toBe('confirm');

    // One request per article, two at most at a time; none for the dead page, the empty page or the doubtful one.
    const requested = s.server.chatRequests.map(storyOf);
    expect(requested.sort()).toEqual(['a 1', 'a 2', 'a 3', 'a 4', 'a 5']);
    expect(mostAtOnce(s.server.responses)).toBe(2);
    expect(await page.getByTestId('summary').innerText()).toMatch(/5 of 8 done/);

    // The doubtful page is sent on the user's word, and is then an ordinary version with a review page.
    await page.locator('[data-testid=item][data-state=confirm] [data-action=confirm]').click();
    await waitForRows(page, (r) => r.every((x) => x.state !== 'confirm' && settled(x)), 20_000, 'the confirmed page done');
    expect(s.server.chatRequests.map(storyOf).filter((x) => x === 'teaser')).toHaveLength(1);
    const review = await page.locator(`[data-testid=item][data-url="${stories[0]}"] [data-link=review]`).getAttribute('href');
    expect(review).toMatch(/\/review\/index\.html\?id=/);
    const reviewPage = await s.ext.context.newPage();
    await reviewPage.goto(review!);
    await reviewPage.getByText('Rewritten a 1').first().waitFor({ timeout: 10_000 });
    await reviewPage.close();

    // Retry of the empty page reads it again and fails the same way, with no request; Clear leaves the queue empty.
    await page.locator(`[data-testid=item][data-url="${empty}"] [data-action=retry]`).click();
    await waitForRows(page, (r) => r.find((x) => x.url === empty)?.state === 'error', 20_000, 'the retried page failed again');
    await clearQueue(page);
    expect(s.server.chatRequests).toHaveLength(6);
    await page.close();
  }, 120_000);

  it('goes on after its page is closed and the worker stopped mid-answer: the alarm brings it back, cut-off answers continue, nothing is billed twice', async () => {
    const stories = addStories(s, 'b', 4);
    s.server.setHandler((req) => ({
      text: `# Rewritten ${storyOf(req)}\n\n${Array.from({ length: 12 }, (_, i) => `Piece ${i + 1} of ${storyOf(req)}.`).join(' ')}`,
      chunkCount: 12,
      chunkDelayMs: 400,
    }));
    const page = await openQueue(s);
    await addList(page, stories);
    // Two answers under way, a few pieces each; then the page goes and the browser stops the worker.
    await poll(async () => (s.server.responses.filter((r) => r.chunksWritten >= 3).length >= 2 ? true : null), 20_000, 'two answers streaming');
    await page.close();
    await s.ext.stopWorker();
    const cut = s.server.chatRequests.map(storyOf);
    expect(cut).toHaveLength(2);

    // No page, no popup: only the queue's alarm (every 30 s) can bring the worker back.
    await poll(async () => (s.server.chatRequests.length >= 4 ? true : null), 60_000, 'the queue going on by itself');
    const again = await openQueue(s);
    const done = await waitForRows(again, (r) => r.length === 4 && r.every((x) => x.state === 'done'), 60_000, 'all four done');
    expect(done.map((r) => r.state)).toEqual(['done', 'done', 'done', 'done']);

    // Each cut-off answer went on with Continue (its partial text as the model's turn); no page was written twice.
    const requests = s.server.chatRequests;
    for (const story of cut) {
      const mine = requests.filter((r) => storyOf(r) === story);
      expect(mine).toHaveLength(2);
      expect(mine[1]!.body.messages?.some((m) => m.role === 'assistant' && m.content.includes(`Piece 1 of ${story}`))).toBe(true);
    }
    const fresh = requests.filter((r) => !cut.includes(storyOf(r)));
    expect(fresh.map(storyOf).sort()).toEqual(stories.map((_, i) => `b ${i + 1}`).filter((x) => !cut.includes(x)));
    await clearQueue(again);
    await again.close();
  }, 180_000);

  it('pauses when the budget is reached, says so, and goes on when resumed with a higher budget', async () => {
    await saveOptions(s, { prices: 'test-model = 100, 100', 'queue-budget': 0.05 });
    const stories = addStories(s, 'd', 4);
    s.server.setHandler((req) => ({ text: `# Rewritten ${storyOf(req)}\n\nThe new text of ${storyOf(req)}.`, chunkCount: 4, chunkDelayMs: 100 }));
    const page = await openQueue(s);
    await addList(page, stories);
    await waitForRows(
      page,
      (r) => r.filter((x) => x.state === 'done').length === 2 && r.filter((x) => x.state === 'waiting').length === 2,
      30_000,
      'two done, two waiting',
    );
    await page
      .getByTestId('problem')
      .getByText(/budget is reached/i)
      .waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('pause').innerText()).toMatch(/resume/i);
    await sleep(1500);
    expect(s.server.chatRequests).toHaveLength(2);

    await saveOptions(s, { 'queue-budget': 0 });
    await page.getByTestId('pause').click();
    await waitForRows(page, (r) => r.length === 4 && r.every((x) => x.state === 'done'), 30_000, 'all four done');
    expect(s.server.chatRequests).toHaveLength(4);
    await saveOptions(s, { prices: '' });
    await clearQueue(page);
    await page.close();
  }, 90_000);

  it('moves a waiting page up the line', async () => {
    const stories = addStories(s, 'e', 4);
    s.server.setHandler((req) => ({ text: `# Rewritten ${storyOf(req)}\n\nThe new text.`, chunkCount: 4, chunkDelayMs: 300 }));
    await saveOptions(s, { 'queue-concurrency': 1 });
    const page = await openQueue(s);
    await addList(page, stories);
    await waitForRows(page, (r) => r.length === 4, 5_000, 'four listed');
    // The last page moved up twice: it runs second, after the one already started.
    const last = page.locator(`[data-testid=item][data-url="${stories[3]}"]`);
    await last.locator('[data-action=up]').click();
    await page.waitForFunction((u) => [...document.querySelectorAll<HTMLElement>('[data-testid=item]')].map((e) => e.dataset.url).indexOf(u) === 2, stories[3]);
    await last.locator('[data-action=up]').click();
    await waitForRows(page, (r) => r.every((x) => x.state === 'done'), 40_000, 'all four done');
    expect(s.server.chatRequests.map(storyOf).slice(0, 2)).toEqual(['e 1', 'e 4']);
    await saveOptions(s, { 'queue-concurrency': 2 });
    await clearQueue(page);
    await page.close();
  }, 90_000);
  it('a doubtful page skipped, retried (read again, it asks again), then removed: never sent', async () => {
    s.server.addPage('queue-teaser-2', TEASER, CORS);
    const teaser = s.server.pageUrl('queue-teaser-2');
    const page = await openQueue(s);
    await addList(page, [teaser]);
    const item = page.locator(`[data-testid=item][data-url="${teaser}"]`);
    await waitForRows(page, (r) => r[0]?.state === 'confirm', 20_000, 'waiting for confirmation');
    await item.locator('[data-action=skip]').click();
    await waitForRows(page, (r) => r[0]?.state === 'skipped', 5_000, 'skipped');
    await item.locator('[data-action=retry]').click();
    await waitForRows(page, (r) => r[0]?.state === 'confirm', 20_000, 'asking again');
    await item.locator('[data-action=remove]').click();
    await waitForRows(page, (r) => r.length === 0, 5_000, 'removed');
    await sleep(500);
    expect(s.server.chatRequests).toHaveLength(0);
    // Both tries read the page; each stopped before sending.
    expect(s.server.requests.filter((r) => r.path === '/page/queue-teaser-2')).toHaveLength(2);
    await page.close();
  }, 60_000);

  // Last: the slow spell a 429 leaves lasts a minute in this worker, and would pace the tests after it.
  it('a 429 storm slows the whole queue to one page at a time and puts refused pages back in line: every page done, none billed twice', async () => {
    const stories = addStories(s, 'c', 5);
    // The first six requests are refused for the rate (past the SDK's own two retries for each of the first two pages).
    s.server.setHandler((req, i) =>
      i < 6
        ? { status: 429, headers: { 'retry-after': '1' } }
        : { text: `# Rewritten ${storyOf(req)}\n\nThe new text of ${storyOf(req)}.`, chunkCount: 5, chunkDelayMs: 120 },
    );
    const page = await openQueue(s);
    await addList(page, stories);
    await waitForRows(page, (r) => r.length === 5 && r.every((x) => x.state === 'done'), 90_000, 'all five done');

    const billed = s.server.responses.filter((r) => r.status === 200);
    const storyOfResponse = (r: ResponseRecord) => storyOf(s.server.requests[r.requestIndex]!);
    expect(billed.map(storyOfResponse).sort()).toEqual(['c 1', 'c 2', 'c 3', 'c 4', 'c 5']);
    // After the storm: one page at a time (the slow spell lasts a minute), where the queue would run two.
    expect(mostAtOnce(billed)).toBe(1);
    expect(s.server.responses.filter((r) => r.status === 429)).toHaveLength(6);
    await clearQueue(page);
    await page.close();
  }, 120_000);
});
