// Versions, for real: Regenerate keeps every rewrite of the page; the popup says which one is on screen and switches
// between them without a request; History lists them all; a worker restart loses none.
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { pageKey } from '../../src/job';
import { useSession } from './fixtures/setup';
import type { Popup } from '../support/browser';

const s = useSession();

const ANSWERS = [
  { headline: 'Council Approves Ferry Timetable', body: 'The council approved the new ferry timetable on Monday.' },
  { headline: 'New Ferry Timetable Gets the Nod', body: 'On Monday the council said yes to the ferry timetable.' },
  { headline: 'Ferries Run to a New Timetable', body: 'A new ferry timetable was approved by the council.' },
];
const raw = (a: (typeof ANSWERS)[number]) => `# ${a.headline}\n\n${a.body}`;
const headlineIs = (h: string) => `document.querySelector('[data-testid="headline"]')?.innerText.trim() === ${JSON.stringify(h)}`;
const versionIs = (v: string) => `document.querySelector('[data-testid="version"]')?.textContent === ${JSON.stringify(v)}`;

async function shows(popup: Popup, n: number, of: number): Promise<void> {
  const a = ANSWERS[n - 1]!;
  await popup.waitFor(`${versionIs(`${n} of ${of}`)} && ${headlineIs(a.headline)}`, 10_000);
  expect((await popup.text('article'))?.trim()).toBe(a.body);
}

describe('versions', () => {
  it('Regenerate twice keeps all three; prev/next switch with no request; History lists three; a worker restart keeps them', async () => {
    s.server.enqueue(...ANSWERS.map((a) => ({ text: raw(a), chunkCount: 3 })));
    const { page, popup } = await s.open(s.articleUrl('versions'));
    await popup.waitForState('done', 15_000);
    // One version: no switcher.
    expect(await popup.visible('versions')).toBe(false);
    for (const n of [2, 3]) {
      await popup.click('regenerate');
      await popup.waitFor(headlineIs(ANSWERS[n - 1]!.headline), 15_000);
      await popup.waitForState('done', 15_000);
    }
    await shows(popup, 3, 3);
    expect(s.server.chatRequests).toHaveLength(3);

    await popup.click('version-prev');
    await shows(popup, 2, 3);
    await popup.click('version-prev');
    await shows(popup, 1, 3);
    expect(await popup.eval<boolean>(`document.querySelector('[data-testid="version-prev"]').disabled`)).toBe(true);
    // Copy acts on the version on screen.
    await popup.click('copy-all');
    await poll(async () => (await s.ext.readClipboard()).startsWith(`${ANSWERS[0]!.headline}\n\n`), 3000, 'the first version on the clipboard');
    await popup.click('version-next');
    await shows(popup, 2, 3);
    expect(s.server.chatRequests).toHaveLength(3);

    // History: three versions of this page, grouped together, each with its model, date, state and checks.
    const history = await s.ext.context.newPage();
    await history.goto(`${s.ext.origin}/history/index.html`);
    const group = history.locator('[data-testid=page]').filter({ hasText: ANSWERS[0]!.headline });
    await poll(async () => (await group.locator('[data-testid=entry]').count()) === 3, 5000, 'three versions in one group');
    const entries = group.locator('[data-testid=entry]');
    expect(await entries.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.version))).toEqual(['3/3', '2/3', '1/3']);
    for (const [i, a] of [...ANSWERS].reverse().entries()) {
      const entry = entries.nth(i);
      expect(await entry.locator('h2').textContent()).toBe(a.headline);
      expect(await entry.getAttribute('data-status')).toBe('done');
      expect(await entry.locator('.meta').first().textContent()).toMatch(new RegExp(`· ${s.settings.model} · done · version ${3 - i} of 3$`));
      expect(await entry.getByTestId('entry-checks').textContent()).toMatch(/facts kept/);
    }
    await popup.close();

    // The worker dies; the reopened popup shows the newest, and every earlier one, with no request.
    await s.ext.stopWorker();
    const again = await s.click(page);
    await again.waitForState('done', 10_000);
    await shows(again, 3, 3);
    await again.click('version-prev');
    await shows(again, 2, 3);
    await again.click('version-prev');
    await shows(again, 1, 3);
    expect(s.server.chatRequests).toHaveLength(3);

    // Delete one version in History, then undo: it is back, with nothing else touched.
    await entries.nth(1).getByTestId('entry-delete').click();
    await poll(async () => (await entries.count()) === 2, 3000, 'the version to go');
    expect(await history.getByTestId('undo-bar').isVisible()).toBe(true);
    await history.getByTestId('undo').click();
    await poll(async () => (await entries.count()) === 3, 3000, 'the version back');
    expect(await entries.nth(1).locator('h2').textContent()).toBe(ANSWERS[1]!.headline);
    await history.close();
  }, 90_000);

  it('Continue on an earlier version after a worker restart goes on from that version, with the article it was written from', async () => {
    const partial = '# Library Keeps Night Room\n\nThe council voted to keep the reading room open';
    s.server.enqueue({ chunks: [partial.slice(0, 30), partial.slice(30)], finishReason: 'length' }, { text: raw(ANSWERS[0]!), chunkCount: 2 });
    const { page, popup } = await s.open(s.articleUrl('versions-continue'));
    await popup.waitForState('error', 15_000);
    expect(await popup.visible('continue')).toBe(true);
    await popup.click('regenerate');
    await popup.waitFor(headlineIs(ANSWERS[0]!.headline), 15_000);
    await popup.waitForState('done', 15_000);
    await popup.close();
    // The page changes under the old version: Continue must not send this instead of what it was written from.
    await page.evaluate(() => {
      const article = document.createElement('article');
      const h1 = document.createElement('h1');
      h1.textContent = 'Another Story';
      const p = document.createElement('p');
      p.textContent = 'Entirely different words that were never rewritten.';
      article.append(h1, p);
      document.body.replaceChildren(article);
    });

    await s.ext.stopWorker();
    const again = await s.click(page);
    await again.waitFor(versionIs('2 of 2'), 10_000);
    await again.click('version-prev');
    await again.waitFor(`${versionIs('1 of 2')} && ${headlineIs('Library Keeps Night Room')}`, 10_000);
    expect(await again.visible('continue')).toBe(true);
    s.server.enqueue({ text: ' until 2 a.m. every night.', chunkCount: 2 });
    await again.click('continue');
    await again.waitFor(`document.querySelector('[data-testid="article"]')?.innerText.includes('until 2 a.m. every night.')`, 15_000);
    await again.waitForState('done', 15_000);
    expect(await again.text('version')).toBe('1 of 2');
    const [first, , third] = s.server.chatRequests;
    expect(s.server.chatRequests).toHaveLength(3);
    expect(third!.body.messages?.[1]?.content).toBe(first!.body.messages?.[1]?.content);
    expect(third!.body.messages?.[2]?.content).toBe(partial);
    // The newest version is untouched.
    await again.click('version-next');
    await again.waitFor(`${versionIs('2 of 2')} && ${headlineIs(ANSWERS[0]!.headline)}`, 10_000);
    expect(s.server.chatRequests).toHaveLength(3);
  }, 90_000);

  it('jobs an earlier build stored in storage.local move into IndexedDB at worker start: the popup shows one with no request', async () => {
    const url = s.articleUrl('versions-migrated');
    const key = pageKey(url);
    const options = await s.ext.openOptions();
    // Today's stored shape (lib/job-store.ts before versions): job:<page key> and the jobIndex.
    await options.evaluate(
      async ({ key, url }) => {
        const local = (globalThis as unknown as { chrome: { storage: { local: { set(v: Record<string, unknown>): Promise<void> } } } }).chrome.storage.local;
        const job = {
          id: 'old-build-job',
          key,
          url,
          title: 'Old build story',
          state: 'done',
          text: '# Kept From the Old Build\n\nThis rewrite was stored before versions.',
          incomplete: false,
          error: null,
          notice: null,
          model: 'old-model',
          warnings: [],
          estimate: null,
          section: null,
          awaiting: null,
          canContinue: false,
          checks: null,
          createdAt: Date.UTC(2026, 0, 5),
          updatedAt: Date.UTC(2026, 0, 5),
        };
        await local.set({ [`job:${key}`]: job, jobIndex: { [key]: job.createdAt } });
      },
      { key, url },
    );
    await s.ext.stopWorker();
    const { popup } = await s.open(url);
    await popup.waitFor(headlineIs('Kept From the Old Build'), 10_000);
    expect(await popup.text('article')).toContain('This rewrite was stored before versions.');
    expect(s.server.chatRequests).toHaveLength(0);

    // In the real IndexedDB, and gone from storage.local (the worker moved it, not the history page).
    const state = await options.evaluate(async () => {
      const local = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local;
      const leftover = Object.keys(await local.get(null)).filter((k) => k.startsWith('job'));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('newsmith');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const rows = await new Promise<{ id: string; page: string; job: { text: string } }[]>((resolve, reject) => {
        const req = db.transaction('versions').objectStore('versions').getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return { leftover, rows: rows.filter((r) => r.id === 'old-build-job').map((r) => ({ page: r.page, text: r.job.text })) };
    }, undefined);
    expect(state.leftover).toEqual([]);
    expect(state.rows).toEqual([{ page: key, text: '# Kept From the Old Build\n\nThis rewrite was stored before versions.' }]);
    await options.goto(`${s.ext.origin}/history/index.html`);
    await poll(
      async () => (await options.locator('[data-testid=entry]').filter({ hasText: 'Kept From the Old Build' }).count()) === 1,
      5000,
      'the moved rewrite in History',
    );
    await options.close();
  }, 60_000);

  it('a version that failed with nothing written is replaced by the next open, not kept beside it', async () => {
    const fresh = { headline: 'Harbour Ferry Fares Frozen', body: 'The council froze ferry fares for a year.' };
    s.server.enqueue({ status: 401 }, { text: raw(fresh), chunkCount: 2 });
    const { page, popup } = await s.open(s.articleUrl('versions-failed'));
    await popup.waitForState('error', 15_000);
    await popup.close();
    const again = await s.click(page);
    await again.waitFor(headlineIs(fresh.headline), 15_000);
    await again.waitForState('done', 15_000);
    expect(await again.visible('versions')).toBe(false);
    expect(s.server.chatRequests).toHaveLength(2);
    const history = await s.ext.context.newPage();
    await history.goto(`${s.ext.origin}/history/index.html`);
    const group = history.locator('[data-testid=page]').filter({ hasText: fresh.headline });
    await poll(async () => (await group.count()) === 1, 5000, 'the page listed');
    await poll(async () => (await group.locator('[data-testid=entry]').count()) === 1, 3000, 'one version, the failed one gone');
    await history.close();
  }, 60_000);
});
