// The history page: every rewrite kept, with its checks or the reason it stopped; search, copy, export, delete.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { xssPayloads } from '../fixtures/xss-payloads';
import { startSession, type Session } from './fixtures/setup';

let s: Session;
/** What the popup said of the finished rewrite: its progress line and its SEO figures. */
let popupWords = { progress: '', figures: '' };

beforeAll(async () => {
  s = await startSession();
  // One finished rewrite and one cut short.
  s.server.enqueue({ text: '# Ferry Timetable Changes Approved\n\nThe council approved the new ferry timetable.' });
  const a = await s.open(s.articleUrl('history-done'));
  await a.popup.waitForState('done', 10_000);
  // The checks view is loaded once a finished rewrite is shown: wait for its figures line.
  await a.popup.waitFor(`(document.querySelector('[data-testid=seo-figures]')?.textContent ?? '') !== ''`, 5000);
  popupWords = { progress: (await a.popup.text('progress')) ?? '', figures: (await a.popup.text('seo-figures')) ?? '' };
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
    // One word count: the popup's "Done: N words", its checks and the history's entry give the same N.
    const n = /Done: (\d+) words?/.exec(popupWords.progress)?.[1];
    expect(n).toBe('7');
    expect(popupWords.figures).toContain(`${n} words (source`);
    expect(await done.locator('.meta').first().textContent()).toContain(` · ${n} words · `);
    expect(await cut.getAttribute('data-status')).toBe('incomplete');
    expect(await cut.locator('.reason').textContent()).toMatch(/incomplete|cut off/i);
    expect(await cut.locator('.text').textContent()).toContain('Winds reached');

    await page.getByTestId('search').fill('ferry timetable');
    await poll(async () => (await entries.count()) === 1, 3000, 'the search to leave one entry');
    expect(await page.getByTestId('count').textContent()).toMatch(/^1 of \d+ rewrites$/);

    await done.getByTestId('entry-copy').click();
    await poll(async () => (await s.ext.readClipboard()).startsWith('Ferry Timetable Changes Approved\n\n'), 3000, 'the entry on the clipboard');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const jsonText = readFileSync((await json.path())!, 'utf8');
    // The key pays for every call: it is never in an export.
    expect(jsonText).not.toContain(s.settings.apiKey);
    const exported = JSON.parse(jsonText);
    expect(exported.entries).toHaveLength(1);
    expect(exported.entries[0]).toMatchObject({ headline: 'Ferry Timetable Changes Approved', status: 'done' });
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    const mdText = readFileSync((await md.path())!, 'utf8');
    expect(mdText).toMatch(/^# Ferry Timetable Changes Approved\n\nSource: \[/);
    expect(mdText).not.toContain(s.settings.apiKey);

    await page.getByTestId('search').fill('');
    await cut.getByTestId('entry-delete').click();
    await poll(async () => (await entries.filter({ hasText: 'Storm Warning Issued' }).count()) === 0, 3000, 'the entry to go');
    await page.reload();
    await poll(async () => (await entries.count()) >= 1, 3000, 'the page to list again');
    expect(await entries.filter({ hasText: 'Storm Warning Issued' }).count()).toBe(0);
    await page.close();
  });

  it('the Markdown export of hostile stored rewrites is inert: no raw HTML, no image, no link but the source', async () => {
    const page = await s.ext.context.newPage();
    await page.goto(`${s.ext.origin}/history/index.html`);
    const all = xssPayloads(s.server.origin)
      .map((p) => p.text)
      .join('\n\n');
    const records = {
      'https://hostile.example/web': { url: 'https://hostile.example/web?x="><img src=x onerror=alert(1)>', headline: 'Hostile Web Story' },
      'https://hostile.example/js': { url: 'javascript:alert(document.domain)', headline: 'Hostile Script Story' },
    };
    await page.evaluate(
      async ({ records, all }) => {
        const local = (
          globalThis as unknown as {
            chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } } };
          }
        ).chrome.storage.local;
        const index = ((await local.get('jobIndex')).jobIndex ?? {}) as Record<string, unknown>;
        const items: Record<string, unknown> = {};
        for (const [key, { url, headline }] of Object.entries(records)) {
          index[key] = 5;
          items[`job:${key}`] = {
            id: key,
            key,
            url,
            title: `${headline} ${all}`,
            state: 'done',
            model: all,
            createdAt: 5,
            updatedAt: 5,
            text: `# ${headline} ${all}\n\n${all}`,
          };
        }
        await local.set({ ...items, jobIndex: index });
      },
      { records, all },
    );
    await page.reload();
    await page.getByTestId('search').fill('hostile');
    const entries = page.locator('[data-testid=entry]');
    await poll(async () => (await entries.count()) === 2, 5000, 'the two hostile rewrites listed');
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    const text = readFileSync((await md.path())!, 'utf8');
    expect(text).toContain('Hostile Web Story');
    expect(text).toContain('Hostile Script Story');
    // The one link is the web story's own address, percent-encoded; the javascript: one is not a link.
    const links = text.match(/\]\(<[^>]*>\)/g) ?? [];
    expect(links).toEqual(['](<https://hostile.example/web?x=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E>)']);
    const rest = text.split(links[0]!).join('');
    expect(rest).not.toMatch(/(?<!\\)(?:\\\\)*<[A-Za-z/!?]/);
    expect(rest.match(/(?<!\\)(?:\\\\)*[[\]]/g) ?? []).toEqual(['[']);
    expect(text).not.toMatch(/\]\(\s*<?\s*(?:javascript|data|vbscript):/i);
    await page.close();
  });

  it('lists the good rewrites next to malformed stored records, and says how many it skipped or repaired', async () => {
    const page = await s.ext.context.newPage();
    await page.goto(`${s.ext.origin}/history/index.html`);
    const entries = page.locator('[data-testid=entry]');
    await poll(async () => (await entries.count()) >= 1, 5000, 'the stored rewrite listed');
    const good = await entries.count();
    await page.evaluate(async () => {
      const local = (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } } };
        }
      ).chrome.storage.local;
      const index = ((await local.get('jobIndex')).jobIndex ?? {}) as Record<string, unknown>;
      const base = { id: 'x', url: 'https://bad.example/', title: 'Planted', state: 'done', model: 'm', createdAt: 1, updatedAt: 1 };
      const bad: Record<string, unknown> = {
        'https://bad.example/date': { ...base, key: 'https://bad.example/date', text: '# Bad Date Story\n\nText.', createdAt: 'tomorrow', updatedAt: null },
        'https://bad.example/checks': { ...base, key: 'https://bad.example/checks', text: '# Half Checks Story\n\nText.', checks: { facts: { kept: 2 } } },
        'https://bad.example/types': { ...base, key: 'https://bad.example/types', text: '# Wrong Types Story\n\nText.', warnings: 'x', error: 7, title: {} },
        'https://bad.example/no-text': { ...base, key: 'https://bad.example/no-text' },
        'https://bad.example/string': 'not a record',
      };
      const items: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(bad)) {
        items[`job:${key}`] = value;
        index[key] = key.endsWith('types') ? 'soon' : 2;
      }
      await local.set({ ...items, jobIndex: index });
    });
    await page.reload();
    await poll(async () => (await entries.count()) === good + 3, 5000, 'the good and the repaired rewrites listed');
    for (const headline of ['Ferry Timetable Changes Approved', 'Bad Date Story', 'Half Checks Story', 'Wrong Types Story']) {
      expect(await entries.filter({ hasText: headline }).count(), headline).toBe(1);
    }
    expect(await entries.filter({ hasText: 'Bad Date Story' }).locator('.meta').first().textContent()).toContain('date unknown');
    const notice = page.getByTestId('unreadable');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toBe(
      '2 stored rewrites could not be read and were skipped. 3 stored rewrites were partly unreadable: they are shown with what could be read.',
    );
    await page.close();
  });
});
