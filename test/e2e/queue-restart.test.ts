// The batch queue across a browser quit and relaunch on the same profile, mid-batch: the two answers under way are
// cut off with the browser, the queue goes on by itself when the browser starts again, each cut-off page goes on
// with one Continue, and every page ends with exactly one finished version: nothing billed twice, nothing lost.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import type { RecordedRequest } from '../support/llm-server';
import { addStories, openQueue, rows, storyOf } from './fixtures/queue-page';
import { API_KEY, useSession } from './fixtures/setup';

const s = useSession();

/** The model's whole answer for a story. */
const answerFor = (story: string) => `# Rewritten ${story}\n\n${Array.from({ length: 12 }, (_, i) => `Piece ${i + 1} of ${story}.`).join(' ')}`;

/** The partial answer a Continue request hands back as the model's own turn, or undefined for a first request. */
const partialOf = (req: RecordedRequest) => req.body.messages?.find((m) => m.role === 'assistant')?.content;

type StoredVersion = { page: string; state: string; text: string };

/** Every version in the extension's database, read from one of its pages. */
function storedVersions(page: Page): Promise<StoredVersion[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('newsmith');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<{ page: string; job: { state: string; text: string } }[]>((resolve, reject) => {
      const req = db.transaction('versions').objectStore('versions').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return all.map((r) => ({ page: r.page, state: r.job.state, text: r.job.text }));
  });
}

describe('batch queue across a browser restart', () => {
  it('goes on by itself after the browser is closed mid-run and relaunched on the same profile: cut-off answers continue, every page ends done once', async () => {
    const stories = addStories(s, 'r', 5);
    s.server.setHandler((req) => {
      const full = answerFor(storyOf(req) ?? '?');
      const partial = partialOf(req);
      // A Continue gets the rest of the answer after the text it already has, as a model goes on from its own turn.
      if (partial !== undefined && full.startsWith(partial)) return { text: full.slice(partial.length), chunkCount: 4, chunkDelayMs: 100 };
      return { text: full, chunkCount: 12, chunkDelayMs: 400 };
    });

    const page = await openQueue(s);
    await page.getByTestId('urls').fill(stories.join('\n'));
    await page.getByTestId('add').click();

    // Two answers streaming (the default two at a time), a few pieces each, and some of each stored: then the browser quits.
    await poll(
      async () => (s.server.responses.filter((r) => r.endedAt === null && r.chunksWritten >= 3).length >= 2 ? true : null),
      20_000,
      'two answers streaming',
    );
    await poll(
      async () => ((await storedVersions(page)).filter((v) => v.state === 'writing' && v.text.includes('Piece 1 of')).length === 2 ? true : null),
      5000,
      'both answers stored in part',
    );
    const cut = s.server.chatRequests.map(storyOf);
    expect(cut).toHaveLength(2);
    const cutResponses = s.server.responses.map((_, i) => i);
    expect(cutResponses).toHaveLength(2);
    const { extensionId, userDataDir } = s.ext;

    await s.restart();

    // The same extension on the same profile; the browser's exit cut both answers mid-stream.
    expect(s.ext.extensionId).toBe(extensionId);
    expect(s.ext.userDataDir).toBe(userDataDir);
    for (const i of cutResponses) {
      const r = s.server.responses[i]!;
      expect(r.aborted).toBe(true);
      expect(r.completed).toBe(false);
      expect(r.chunksWritten).toBeLessThan(12);
    }

    // No queue page, no popup: the browser starts the worker as it starts (for an extension loaded from the command
    // line it fires runtime.onInstalled again, not onStartup), and the worker's start takes the queue up again. The
    // harness keeps one extension tab open, manifest.json, which does not talk to the worker.
    const workerLogs: string[] = [];
    for (const w of s.ext.context.serviceWorkers()) w.on('console', (m) => workerLogs.push(`${m.type()}: ${m.text()}`));
    try {
      await poll(async () => (s.server.chatRequests.length >= 4 ? true : null), 20_000, 'the queue going on by itself after the relaunch, with no page open');
      const again = await openQueue(s);
      const done = await poll(
        async () => {
          const r = await rows(again);
          return r.length === 5 && r.every((x) => x.state === 'done') ? r : null;
        },
        60_000,
        'all five done on the queue page',
      );
      expect(done.map((r) => r.url).sort()).toEqual([...stories].sort());

      // Each cut-off page: one more request, a Continue with its partial text as the model's turn. The others: one each.
      const requests = s.server.chatRequests;
      expect(requests).toHaveLength(7);
      for (const story of cut) {
        const mine = requests.filter((r) => storyOf(r) === story);
        expect(mine).toHaveLength(2);
        expect(partialOf(mine[0]!)).toBeUndefined();
        const partial = partialOf(mine[1]!) ?? '';
        expect(partial, `the request for ${story} after the relaunch is a Continue with its text so far`).toContain(`Piece 1 of ${story}`);
        expect(answerFor(story!).startsWith(partial)).toBe(true);
      }
      const fresh = requests.filter((r) => !cut.includes(storyOf(r)));
      expect(fresh.map(storyOf).sort()).toEqual(['r 1', 'r 2', 'r 3', 'r 4', 'r 5'].filter((x) => !cut.includes(x)));
      expect(fresh.every((r) => partialOf(r) === undefined)).toBe(true);
      // The key saved before the restart is the one sent after it: the profile's storage came back.
      for (const r of requests.slice(2)) expect(r.headers.authorization).toBe(`Bearer ${API_KEY}`);

      // One finished version per page in the database, each the whole answer once (nothing lost, nothing doubled).
      const versions = await storedVersions(again);
      expect(versions).toHaveLength(5);
      expect(new Set(versions.map((v) => v.page)).size).toBe(5);
      expect(versions.map((v) => v.state)).toEqual(Array(5).fill('done'));
      expect(versions.map((v) => v.text).sort()).toEqual(['r 1', 'r 2', 'r 3', 'r 4', 'r 5'].map(answerFor).sort());

      // And so in the history.
      const history = await s.ext.context.newPage();
      await history.goto(`${s.ext.origin}/history/index.html`);
      const entries = history.locator('[data-testid=entry]');
      await poll(async () => (await entries.count()) === 5, 5000, 'five history entries');
      expect(await entries.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual(Array(5).fill('done'));
      for (let i = 1; i <= 5; i++) expect(await entries.filter({ hasText: `Rewritten r ${i}` }).count()).toBe(1);
      await history.close();
      await again.close();
    } catch (err) {
      if (workerLogs.length) console.error(`The worker said after the relaunch:\n${workerLogs.join('\n')}`);
      throw err;
    }
  }, 180_000);
});
