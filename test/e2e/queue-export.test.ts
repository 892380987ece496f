// The queue page's Export in the built extension: the done items' versions, read from the history's database, come
// down as one ZIP (a Markdown and an HTML file per article, named by slug, and a CSV row each whose headline is the
// one the page shows). Failed items are not in it; a done item whose version was deleted is left out and counted.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import type { RecordedRequest } from '../support/llm-server';
import { unzip, type UnzippedEntry } from '../support/unzip';
import { addList, addStories, openQueue, rows, storyOf, type Row } from './fixtures/queue-page';
import { useSession } from './fixtures/setup';

const s = useSession();

const settled = (r: Row) => ['done', 'error', 'skipped'].includes(r.state);

async function settle(page: Page, n: number): Promise<Row[]> {
  return poll(
    async () => {
      const r = await rows(page);
      return r.length === n && r.every(settled) ? r : null;
    },
    60_000,
    `${n} items settled`,
  );
}

/** Clicks Export and reads the downloaded ZIP back (strictly: headers, offsets and CRCs checked). */
async function exported(page: Page): Promise<{ name: string; files: Map<string, string>; entries: UnzippedEntry[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const entries = unzip(readFileSync((await download.path())!));
  return { name: download.suggestedFilename(), files: new Map(entries.map((e) => [e.name, e.data.toString('utf8')])), entries };
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks), the byte-order mark dropped. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

/** Each story's answer: an SEO pack for some (two with the same slug), commas and quotes in one headline, a tag in another. */
const ANSWERS: Record<string, { headline: string; slug?: string }> = {
  'a 1': { headline: 'Night room opens for good', slug: 'night-room' },
  'a 2': { headline: 'Readers ask, "why close at ten?", and the council listens' },
  'a 3': { headline: 'Night room <img src=x onerror=alert(1)> again', slug: 'night-room' },
};

function answerFor(req: RecordedRequest): string {
  const story = storyOf(req) ?? '?';
  const a = ANSWERS[story] ?? { headline: `Rewritten ${story}` };
  const seo = a.slug ? `\n\n---\n**Meta description:** The night room of story ${story}.\n**URL slug:** ${a.slug}\n**Keywords:** library, night` : '';
  return `# ${a.headline}\n\nThe new text of ${story}, about the library's night reading room.${seo}`;
}

describe('queue export', () => {
  it('downloads every done item as one ZIP: a Markdown and an HTML file each, named by slug, and a CSV row each with the headline the page shows', async () => {
    const stories = addStories(s, 'a', 3);
    s.server.setHandler((req) => ({ text: answerFor(req), chunkCount: 3, chunkDelayMs: 50 }));
    const page = await openQueue(s);
    expect(await page.getByTestId('export').isDisabled()).toBe(true);
    await addList(page, stories);
    const done = await settle(page, 3);
    expect(done.map((r) => r.state)).toEqual(['done', 'done', 'done']);
    await poll(async () => ((await page.getByTestId('export').isEnabled()) ? true : null), 5_000, 'Export enabled');

    const zip = await exported(page);
    expect(zip.name).toMatch(/^newsmith-queue-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(zip.entries.every((e) => (e.flags & 0x0800) !== 0)).toBe(true);
    expect([...zip.files.keys()].sort()).toEqual(
      [
        'articles.csv',
        'night-room.md',
        'night-room.html',
        'night-room-2.md',
        'night-room-2.html',
        'readers-ask-why-close-at-ten-and-the-council-listens.md',
        'readers-ask-why-close-at-ten-and-the-council-listens.html',
      ].sort(),
    );

    const csv = readCsv(zip.files.get('articles.csv')!);
    expect(csv[0]).toEqual(['url', 'headline', 'slug', 'meta_description', 'keywords', 'word_count', 'facts_kept', 'copied_share']);
    expect(csv).toHaveLength(4);
    const byUrl = new Map(csv.slice(1).map((r) => [r[0], r]));
    for (const row of done) {
      const line = byUrl.get(row.url);
      expect(line?.[1], row.url).toBe(row.name);
      const slug = line![2]!;
      expect(zip.files.get(`${slug}.md`)).toMatch(new RegExp(`^# ${row.name.slice(0, 10)}`));
      expect(Number(line![5])).toBeGreaterThan(5);
      // The checks ran on each version: both shares are figures from 0 to 1.
      for (const share of line!.slice(6)) expect(Number(share) >= 0 && Number(share) <= 1, share).toBe(true);
    }
    expect(byUrl.get(stories[0])?.slice(2, 5)).toEqual(['night-room', 'The night room of story a 1.', 'library; night']);
    expect(byUrl.get(stories[2])?.[2]).toBe('night-room-2');

    // The HTML files are whole pages whose page text is text: the planted tag is escaped, never live.
    const html = zip.files.get('night-room-2.html')!;
    expect(html).toMatch(/^<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">/);
    expect(html).toContain('<title>Night room &lt;img src=x onerror=alert(1)&gt; again</title>');
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain(`<a href="${stories[2]}">`);
    expect(zip.files.get('night-room.md')).toContain('\n\n---\n\nMeta description: The night room of story a 1.\nSlug: night-room\nKeywords: library, night\n');
    await poll(async () => ((await page.getByTestId('export-status').innerText()) === 'Exported 3 articles.' ? true : null), 5_000, 'the status line');
    await page.close();
  }, 120_000);

  it('leaves failed items out, and a done item whose version was deleted from the history, saying how many', async () => {
    const stories = addStories(s, 'b', 2);
    const dead = 'http://127.0.0.1:9/gone';
    s.server.setHandler((req) => ({ text: answerFor(req), chunkCount: 2, chunkDelayMs: 30 }));
    const page = await openQueue(s);
    await page.getByTestId('clear').click();
    await poll(async () => ((await rows(page)).length === 0 ? true : null), 5_000, 'an empty queue');
    await addList(page, [stories[0]!, dead, stories[1]!]);
    const done = await settle(page, 3);
    expect(done.map((r) => r.state)).toEqual(['done', 'error', 'done']);

    const first = await exported(page);
    expect([...first.files.keys()].sort()).toEqual(['articles.csv', 'rewritten-b-1.html', 'rewritten-b-1.md', 'rewritten-b-2.html', 'rewritten-b-2.md']);
    const csv = readCsv(first.files.get('articles.csv')!);
    expect(csv.slice(1).map((r) => [r[0], r[1]])).toEqual([
      [stories[0], 'Rewritten b 1'],
      [stories[1], 'Rewritten b 2'],
    ]);
    expect(csv.flat()).not.toContain(dead);

    // The first story's version deleted from the history's database: the next export has the other one only.
    const id = new URL(done[0]!.review!, s.ext.origin).searchParams.get('id')!;
    await page.evaluate(
      (versionId) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('newsmith');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['versions'], 'readwrite');
            tx.objectStore('versions').delete(versionId);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      id,
    );
    const second = await exported(page);
    expect([...second.files.keys()].sort()).toEqual(['articles.csv', 'rewritten-b-2.html', 'rewritten-b-2.md']);
    expect(readCsv(second.files.get('articles.csv')!)).toHaveLength(2);
    await poll(async () => ((await page.getByTestId('export-status').innerText()).includes('left out') ? true : null), 5_000, 'the status line');
    expect(await page.getByTestId('export-status').innerText()).toBe('Exported 1 article. 1 done page was left out: its rewrite is no longer in the history.');
    expect(s.server.chatRequests.map(storyOf).sort()).toEqual(['b 1', 'b 2']);
    await page.close();
  }, 120_000);
});
