// The batch queue in the built extension: a pasted list asks once for exactly its sites, runs N at a time, ends
// every page done or with a clear error, lets a doubtful page wait without holding up the rest, and survives its
// page closing and the worker being stopped mid-batch (the alarm brings it back; a cut-off answer goes on with
// Continue; nothing is billed twice).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { poll, sleep } from '../support/browser';
import type { RecordedRequest, ResponseRecord } from '../support/llm-server';
import { ARTICLE_TITLE, articleHtml, noArticleHtml } from './fixtures/index';
import { useSession, type Session } from './fixtures/setup';

const s = useSession();

/**
 * The queue's pages answer cross-origin reads with cookies: the stand-in for the host permission the test cannot
 * grant (its prompt is answered by a stub).
 */
const CORS = { credentialedCors: true };

/** Article pages that differ by their title, so each request tells which page it is for. */
function addStories(session: Session, tag: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `${tag}-${i + 1}`;
    session.server.addPage(name, articleHtml.replaceAll(ARTICLE_TITLE, `Story ${tag} ${i + 1}: ${ARTICLE_TITLE}`), CORS);
    return session.server.pageUrl(name);
  });
}

const para = (i: number) =>
  `<p>Paragraph ${i} of the harbour report: the port authority said container traffic rose again this quarter, with rail freight up by a fifth and the new quay nearly full.</p>`;
const TEASER = `<!doctype html><html><head><title>Harbour Fees Rise</title></head><body><article><h1>Harbour Fees Rise</h1><div class="article-body">${[1, 2, 3, 4].map(para).join('')}<p>The last paragraph of the teaser ends here, before the gate.</p></div><div class="offer"><h3>Subscribe to continue reading</h3><a href="/login">Sign in</a></div></article></body></html>`;

/** Which story a chat request is for (its title in the prompt), or null. */
function storyOf(req: RecordedRequest): string | null {
  const text = (req.body.messages ?? []).map((m) => m.content).join('\n');
  return /Story (\S+ \d+):/.exec(text)?.[1] ?? (text.includes('Harbour Fees Rise') ? 'teaser' : null);
}

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

/** Opens the queue page with the browser's permission prompt answered yes, recording what it was asked. */
async function openQueue(session: Session): Promise<Page> {
  const page = await session.ext.context.newPage();
  await page.goto(`${session.ext.origin}/queue/index.html`);
  await page.evaluate(() => {
    const w = window as unknown as { asked: unknown[] };
    w.asked = [];
    const permissions = (globalThis as unknown as { chrome: { permissions: { request: unknown } } }).chrome.permissions;
    permissions.request = (p: unknown, callback?: (granted: boolean) => void) => {
      w.asked.push(p);
      callback?.(true);
      return Promise.resolve(true);
    };
  });
  return page;
}

async function addList(page: Page, urls: readonly string[]): Promise<void> {
  await page.getByTestId('urls').fill(urls.join('\n'));
  await page.getByTestId('add').click();
}

type Row = { url: string; state: string; text: string };
const rows = (page: Page): Promise<Row[]> =>
  page.$$eval('[data-testid=item]', (els) =>
    els.map((e) => ({ url: (e as HTMLElement).dataset.url ?? '', state: (e as HTMLElement).dataset.state ?? '', text: (e as HTMLElement).innerText })),
  );

async function waitForStates(page: Page, want: (rows: Row[]) => boolean, timeoutMs: number, what: string): Promise<Row[]> {
  return poll(
    async () => {
      const r = await rows(page);
      return want(r) ? r : null;
    },
    timeoutMs,
    what,
  );
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

    const done = await waitForStates(page, (r) => r.length === list.length && r.every(settled), 60_000, 'every item settled');
    expect(await page.evaluate(() => (window as unknown as { asked: unknown[] }).asked)).toEqual([{ origins: ['http://127.0.0.1/*'] }]);
    const byUrl = new Map(done.map((r) => [r.url, r]));
    for (const url of stories) expect(byUrl.get(url)?.state).toBe('done');
    expect(byUrl.get(dead)?.state).toBe('error');
    expect(byUrl.get(dead)?.text).toMatch(/could not|no answer|reach/i);
    expect(byUrl.get(empty)?.state).toBe('error');
    expect(byUrl.get(teaser)?.state).toBe('confirm');

    // One request per article, two at most at a time; none for the dead page, the empty page or the doubtful one.
    const asked = s.server.chatRequests.map(storyOf);
    expect(asked.sort()).toEqual(['a 1', 'a 2', 'a 3', 'a 4', 'a 5']);
    expect(mostAtOnce(s.server.responses)).toBe(2);
    expect(await page.getByTestId('summary').innerText()).toMatch(/5 of 8 done/);

    // The doubtful page is sent on the user's word, and is then an ordinary version with a review page.
    await page.locator('[data-testid=item][data-state=confirm] [data-action=confirm]').click();
    await waitForStates(page, (r) => r.every((x) => x.state !== 'confirm' && settled(x)), 20_000, 'the confirmed page done');
    expect(s.server.chatRequests.map(storyOf).filter((x) => x === 'teaser')).toHaveLength(1);
    const review = await page.locator(`[data-testid=item][data-url="${stories[0]}"] [data-link=review]`).getAttribute('href');
    expect(review).toMatch(/\/review\/index\.html\?id=/);
    const reviewPage = await s.ext.context.newPage();
    await reviewPage.goto(review!);
    await reviewPage.getByText('Rewritten a 1').first().waitFor({ timeout: 10_000 });
    await reviewPage.close();

    // Retry of the empty page reads it again and fails the same way, with no request; Clear leaves the queue empty.
    await page.locator(`[data-testid=item][data-url="${empty}"] [data-action=retry]`).click();
    await waitForStates(page, (r) => r.find((x) => x.url === empty)?.state === 'error', 20_000, 'the retried page failed again');
    await page.getByTestId('clear').click();
    await waitForStates(page, (r) => r.length === 0, 5_000, 'an empty queue');
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
    const done = await waitForStates(again, (r) => r.length === 4 && r.every((x) => x.state === 'done'), 60_000, 'all four done');
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
    await sleep(500);
    await again.close();
  }, 180_000);
});
