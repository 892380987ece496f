// The history page: every rewrite kept, with its checks or the reason it stopped; search, copy, export, delete.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { startSession, type Session } from './fixtures/setup';

let s: Session;

beforeAll(async () => {
  s = await startSession();
  // One finished rewrite and one cut short.
  s.server.enqueue({ text: '# Ferry Timetable Changes Approved\n\nThe council approved the new ferry timetable.' });
  const a = await s.open(s.articleUrl('history-done'));
  await a.popup.waitForState('done', 10_000);
  s.server.enqueue({ chunks: ['# Storm Warning Issued\n\n', 'Winds reached', ' never'], cutAfter: 2 });
  const b = await s.open(s.articleUrl('history-cut'));
  await b.popup.waitForState('error', 10_000);
  await s.cleanup();
});
afterAll(async () => {
  await s?.close();
});

describe('history page', () => {
  it('lists finished and incomplete rewrites with checks or the reason, searches, copies, exports and deletes', async () => {
    const page = await s.ext.context.newPage();
    await page.goto(`${s.ext.origin}/history/index.html`);
    const entries = page.locator('[data-testid=entry]');
    await poll(async () => (await entries.count()) >= 2, 5000, 'two history entries');
    const done = entries.filter({ hasText: 'Ferry Timetable Changes Approved' });
    const cut = entries.filter({ hasText: 'Storm Warning Issued' });
    expect(await done.getAttribute('data-status')).toBe('done');
    expect(await done.getByTestId('entry-checks').textContent()).toMatch(/facts kept \d+ of \d+/);
    expect(await cut.getAttribute('data-status')).toBe('incomplete');
    expect(await cut.locator('.reason').textContent()).toMatch(/incomplete|cut off/i);
    expect(await cut.locator('.text').textContent()).toContain('Winds reached');

    await page.getByTestId('search').fill('ferry timetable');
    await poll(async () => (await entries.count()) === 1, 3000, 'the search to leave one entry');
    expect(await page.getByTestId('count').textContent()).toMatch(/^1 of \d+ rewrites$/);

    await done.getByTestId('entry-copy').click();
    await poll(async () => (await s.ext.readClipboard()).startsWith('Ferry Timetable Changes Approved\n\n'), 3000, 'the entry on the clipboard');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(exported.entries).toHaveLength(1);
    expect(exported.entries[0]).toMatchObject({ headline: 'Ferry Timetable Changes Approved', status: 'done' });
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    expect(readFileSync((await md.path())!, 'utf8')).toMatch(/^# Ferry Timetable Changes Approved\n\nSource: \[/);

    await page.getByTestId('search').fill('');
    await cut.getByTestId('entry-delete').click();
    await poll(async () => (await entries.filter({ hasText: 'Storm Warning Issued' }).count()) === 0, 3000, 'the entry to go');
    await page.reload();
    await poll(async () => (await entries.count()) >= 1, 3000, 'the page to list again');
    expect(await entries.filter({ hasText: 'Storm Warning Issued' }).count()).toBe(0);
    await page.close();
  });
});
