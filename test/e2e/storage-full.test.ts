// storage.local really full (Chrome's 10 MB quota, filled from an extension page): the finished rewrite is shown,
// the user is told to make room in History, a reopen (even after the worker restarts) bills nothing more, and
// once the user deletes an old rewrite the new one is saved and listed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { poll } from '../support/browser';
import { useSession } from './fixtures/setup';

const s = useSession();

/** The bit of the extension API the test calls inside an extension page. */
interface ChromeLocal {
  storage: {
    local: {
      QUOTA_BYTES: number;
      set(v: Record<string, unknown>): Promise<void>;
      get(k: string | null): Promise<Record<string, unknown>>;
      getBytesInUse(k: null): Promise<number>;
    };
  };
}
declare const chrome: ChromeLocal;

const OLD_REWRITES = 9;

/**
 * Plants old rewrites of about 1 MB each (as the history page lists them), then one filler value that leaves
 * `leave` bytes of the quota free. Returns the bytes in use afterwards.
 */
async function fillStorage(page: Page, leave: number): Promise<{ used: number; quota: number }> {
  return page.evaluate(
    async ({ count, leave }) => {
      const local = chrome.storage.local;
      const index: Record<string, number> = {};
      const items: Record<string, unknown> = {};
      for (let n = 0; n < count; n++) {
        const key = `https://old.example/story-${n}`;
        index[key] = Date.UTC(2025, 0, 1 + n);
        items[`job:${key}`] = {
          id: `old-${n}`,
          key,
          url: key,
          title: `Old story ${n}`,
          state: 'done',
          text: `# Old Story ${n}\n\n${'Old words. '.repeat(90_000)}`,
          model: 'test-model',
          createdAt: index[key],
          updatedAt: index[key],
        };
      }
      await local.set({ ...items, jobIndex: index });
      const used = await local.getBytesInUse(null);
      // Chrome counts a value as its key plus its JSON: a string of n characters is n + 2.
      const room = local.QUOTA_BYTES - used - leave;
      await local.set({ filler: 'x'.repeat(room - 'filler'.length - 2) });
      return { used: await local.getBytesInUse(null), quota: local.QUOTA_BYTES };
    },
    { count: OLD_REWRITES, leave },
  );
}

describe('storage.local full', () => {
  it('shows the rewrite and says how to make room; a reopen never bills again; deleting an old rewrite saves it', async () => {
    const ext = s.ext;
    const history = await ext.context.newPage();
    await history.goto(`${ext.origin}/history/index.html`);
    const { used, quota } = await fillStorage(history, 64);
    expect(quota - used).toBe(64);
    // The quota is real: a write of a few hundred bytes is refused by the browser itself.
    const refused = await history.evaluate(() => chrome.storage.local.set({ probe: 'p'.repeat(200) }).then(() => 'stored', (e: Error) => e.message));
    expect(refused).toMatch(/quota/i);

    s.server.enqueue({ text: '# Harbour Ferry Gets New Timetable\n\nThe council approved the new ferry timetable on Monday.', chunkCount: 3 });
    const url = s.articleUrl('storage-full');
    const { page, popup } = await s.open(url);
    await popup.waitForState('done', 15_000);
    expect(await popup.text('headline')).toBe('Harbour Ferry Gets New Timetable');
    await popup.waitFor(`!document.querySelector('[data-testid=storage-full]').hidden`, 10_000);
    expect(await popup.text('storage-full')).toMatch(/storage is full/i);
    expect(await popup.text('storage-full')).toMatch(/delete old rewrites in History/i);
    expect(await popup.visible('storage-full-history')).toBe(true);
    // Nothing of the new job reached storage.local.
    expect(Object.keys(await history.evaluate(() => chrome.storage.local.get(null))).filter((k) => k.includes('storage-full'))).toEqual([]);
    expect(s.server.chatRequests).toHaveLength(1);

    // Reopened: the answer from memory, no new request.
    await popup.close();
    const again = await s.click(page);
    await again.waitForState('done', 10_000);
    expect(await again.text('headline')).toBe('Harbour Ferry Gets New Timetable');
    expect(await again.visible('storage-full')).toBe(true);
    await again.close();

    // The worker stopped (memory gone): the answer from session storage, still no new request.
    await ext.stopWorker();
    const third = await s.click(page);
    await third.waitForState('done', 10_000);
    expect(await third.text('headline')).toBe('Harbour Ferry Gets New Timetable');
    expect(await third.text('article')).toContain('The council approved the new ferry timetable on Monday.');
    expect(await third.visible('storage-full')).toBe(true);
    expect(s.server.chatRequests).toHaveLength(1);

    // The notice's button opens History, where the user deletes an old rewrite: the new one is saved.
    const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await third.click('storage-full-history');
    const historyTab = await opened;
    await historyTab.waitForURL(/\/history\/index\.html$/);
    const entries = historyTab.locator('[data-testid=entry]');
    await poll(async () => (await entries.count()) === OLD_REWRITES, 5000, 'the old rewrites listed');
    await entries.filter({ hasText: 'Old Story 0' }).getByTestId('entry-delete').click();
    const key = await poll(
      async () => Object.keys(await historyTab.evaluate(() => chrome.storage.local.get(null))).find((k) => k.startsWith('job:') && k.includes('storage-full')),
      10_000,
      'the new rewrite saved after room was made',
    );
    await historyTab.reload();
    await poll(async () => (await entries.filter({ hasText: 'Harbour Ferry Gets New Timetable' }).count()) === 1, 5000, 'the new rewrite in History');
    const saved = (await historyTab.evaluate((k) => chrome.storage.local.get(k), key))[key] as { state: string; text: string };
    expect(saved.state).toBe('done');
    expect(saved.text).toContain('The council approved the new ferry timetable on Monday.');

    // Saved now: the popup no longer warns, and still nothing was billed twice.
    const fourth = await s.click(page);
    await fourth.waitForState('done', 10_000);
    await fourth.waitFor(`document.querySelector('[data-testid=storage-full]').hidden`, 5000);
    expect(s.server.chatRequests).toHaveLength(1);
    await history.close();
    await historyTab.close();
  }, 90_000);
});
