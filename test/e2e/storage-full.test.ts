// The database really full (the browser's own quota for the extension's origin, lowered through CDP
// Storage.overrideQuotaForOrigin before anything is written, so that IndexedDB refuses writes with a real
// QuotaExceededError): the finished rewrite is shown, the user is told to make room in History, a reopen (even after
// the worker restarts) bills nothing more, and once there is room the new one is saved and listed.
// (Chromium applies a lowered quota only to a database not yet written in this session, and IndexedDB frees a
// deleted record's disk space lazily, so "the user deletes an old rewrite and that wakes the retry" is proven in
// test/unit/job-saver.test.ts over a real BroadcastChannel; here the room comes from lifting the override.)
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { poll } from '../support/browser';
import { useSession } from './fixtures/setup';

const s = useSession();

/** The database's rows for pages whose key holds `part`, read straight from IndexedDB. */
function rowsFor(page: Page, part: string): Promise<{ state: string; text: string }[]> {
  return page.evaluate(async (part) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('newsmith');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<{ page: string; job: { state: string; text: string } }[]>((resolve, reject) => {
      const req = db.transaction('versions').objectStore('versions').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows.filter((r) => r.page.includes(part)).map((r) => ({ state: r.job.state, text: r.job.text }));
  }, part);
}

describe('database full', () => {
  it('shows the rewrite and says how to make room; a reopen never bills again; saved once there is room', async () => {
    const ext = s.ext;
    const history = await ext.context.newPage();
    await history.goto(`${ext.origin}/history/index.html`);
    const cdp = await ext.context.newCDPSession(history);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: ext.origin, quotaSize: 1 });
    // The quota is real: the browser itself refuses a write of a few hundred bytes (the override applies shortly).
    const refused = await poll(
      async () => {
        const result = await history.evaluate(async () => {
          const db = await new Promise<IDBDatabase>((resolve) => {
            const req = indexedDB.open('newsmith');
            req.onsuccess = () => resolve(req.result);
          });
          return new Promise<string>((resolve) => {
            const tx = db.transaction('sources', 'readwrite');
            tx.objectStore('sources').put({ text: 'p'.repeat(200_000) }, `probe-${Math.random()}`);
            tx.oncomplete = () => resolve('stored');
            tx.onabort = () => resolve(String(tx.error?.name));
          });
        });
        return result === 'stored' ? null : result;
      },
      5000,
      'the lowered quota to refuse a write',
    );
    expect(refused).toBe('QuotaExceededError');

    s.server.enqueue({ text: '# Harbour Ferry Gets New Timetable\n\nThe council approved the new ferry timetable on Monday.', chunkCount: 3 });
    const url = s.articleUrl('storage-full');
    const { page, popup } = await s.open(url);
    await popup.waitForState('done', 15_000);
    expect(await popup.text('headline')).toBe('Harbour Ferry Gets New Timetable');
    await popup.waitFor(`!document.querySelector('[data-testid=storage-full]').hidden`, 10_000);
    expect(await popup.text('storage-full')).toMatch(/storage is full/i);
    expect(await popup.text('storage-full')).toMatch(/delete old rewrites in History/i);
    expect(await popup.visible('storage-full-history')).toBe(true);
    // Nothing of the new job reached the database.
    expect(await rowsFor(history, 'storage-full')).toEqual([]);
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

    // Room again (the override lifted: the browser's own quota is gigabytes here): the retry saves it.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: ext.origin });
    const saved = await poll(
      async () => (await rowsFor(history, 'storage-full')).find((r) => r.state === 'done'),
      20_000,
      'the new rewrite saved once there is room',
    );
    expect(saved.text).toContain('The council approved the new ferry timetable on Monday.');
    // The notice's button opens History, which lists it.
    const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await third.click('storage-full-history');
    const historyTab = await opened;
    await historyTab.waitForURL(/\/history\/index\.html$/);
    const entries = historyTab.locator('[data-testid=entry]');
    await poll(async () => (await entries.filter({ hasText: 'Harbour Ferry Gets New Timetable' }).count()) === 1, 5000, 'the new rewrite in History');

    // Saved now: the popup no longer warns, and still nothing was billed twice.
    const fourth = await s.click(page);
    await fourth.waitForState('done', 10_000);
    await fourth.waitFor(`document.querySelector('[data-testid=storage-full]').hidden`, 5000);
    expect(s.server.chatRequests).toHaveLength(1);
    await cdp.detach();
    await history.close();
    await historyTab.close();
  }, 90_000);
});
