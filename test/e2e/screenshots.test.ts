// Real screenshots of the built extension in Chromium, for the README: the popup after a finished rewrite (with
// its checks and SEO extras), the side panel on it, the review page beside its source, the options page, the
// history page and the batch queue.
//
// The popup is the real action popup opened by a toolbar click, captured through CDP Page.captureScreenshot on
// its own target (the same page opened in a tab would have no job to show). Every run checks that each capture
// is a real, non-empty PNG; the files in docs/screenshots/ are written only with NEWSMITH_SCREENSHOTS=1
// (`npm run screenshots`), so ordinary test runs leave the work tree alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, ROOT } from '../support/browser';
import { ANSWER, OTHER_ANSWER } from './fixtures/index';
import { saveOptions, type Session, startSession } from './fixtures/setup';
import { openPanel, openReview } from './fixtures/workspace';
import { addList, addStories, CORS, openQueue, storyOf, waitForRows } from './fixtures/queue-page';
import { noArticleHtml } from './fixtures/index';

const WRITE = process.env.NEWSMITH_SCREENSHOTS === '1';
const OUT_DIR = join(ROOT, 'docs', 'screenshots');

const SEO_TAIL = [
  '',
  '---',
  'Meta description: Harbour City makes its late-night library reading room permanent after 11,000 visitors in a six-month trial.',
  'Slug: harbour-city-night-reading-room-permanent',
  'Keywords: Harbour City library, night reading room, late-night study',
].join('\n');

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 33 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`not a PNG (${png.length} bytes)`);
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Asserts a real capture (a PNG of a plausible size) and writes it when asked to. */
function keep(name: string, png: Buffer, min: { width: number; height: number }): void {
  const size = pngSize(png);
  expect(png.length, `${name}: PNG bytes`).toBeGreaterThan(5000);
  expect(size.width, `${name}: width`).toBeGreaterThanOrEqual(min.width);
  expect(size.height, `${name}: height`).toBeGreaterThanOrEqual(min.height);
  if (WRITE) {
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, name), png);
  }
}

let s: Session;

beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

describe('screenshots', () => {
  it('popup: a finished rewrite with its checks and SEO extras', async () => {
    // A second, earlier rewrite so the history page has more than one entry.
    s.server.enqueue({ text: `# ${OTHER_ANSWER.headline}\n\n${OTHER_ANSWER.body}` });
    const first = await s.open(s.articleUrl('shot-earlier'));
    await first.popup.waitForState('done', 15_000);
    await s.cleanup();

    await saveOptions(s, { 'seo-pack': true });
    try {
      s.server.enqueue({ text: ANSWER.raw + SEO_TAIL, chunkCount: 6 });
      const { popup } = await s.open(s.articleUrl('shot-done'));
      await popup.waitForState('done', 15_000);
      await popup.waitFor(`document.querySelector('[data-testid=checks]:not([hidden])')`, 5000);
      await popup.waitFor(`document.querySelector('[data-testid=seo-extras]:not([hidden])')`, 5000);
      // Let the popup window settle to its final size before the capture.
      await popup.eval('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      keep('popup-done.png', await popup.screenshot(), { width: 300, height: 300 });

      // The side panel, opened from the popup on the same job.
      const panel = await openPanel(s, popup);
      await panel.waitFor(`document.querySelector('[data-testid=panel]')?.dataset.state === 'done'`, 10_000);
      await panel.eval('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      keep('panel.png', await panel.screenshot(), { width: 200, height: 300 });
      await s.cleanup();
    } finally {
      await saveOptions(s, { 'seo-pack': false });
    }
  });

  it('review page: the source and the rewrite side by side, a finding picked', async () => {
    const page = await openReview(s, { width: 1280, height: 1100 });
    await page.getByTestId('finding').first().click();
    await page.evaluate(() => window.scrollTo(0, 0));
    keep('review.png', await page.screenshot(), { width: 1200, height: 800 });
    await page.close();
  });

  it('options page', async () => {
    const page = await s.ext.context.newPage();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto(s.ext.optionsUrl);
    await page.locator('form[data-ready=true]').waitFor();
    keep('options.png', await page.screenshot({ fullPage: true }), { width: 800, height: 800 });
    await page.close();
  });

  it('history page', async () => {
    const page = await s.ext.context.newPage();
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(`${s.ext.origin}/history/index.html`);
    await poll(async () => (await page.getByTestId('entry').count()) >= 2, 5000, 'two history entries');
    keep('history.png', await page.screenshot({ fullPage: true }), { width: 900, height: 300 });
    await page.close();
  });

  it('queue page: pages done, one writing, one that failed with its reason', async () => {
    const stories = addStories(s, 'shot', 4);
    s.server.addPage('shot-empty', noArticleHtml, CORS);
    // The last story streams slowly, so the capture shows one page still being written.
    s.server.setHandler((req) => {
      const story = storyOf(req) ?? '';
      const slow = story === 'shot 4';
      return { text: `# Harbour library night room, story ${story.split(' ')[1]}\n\nThe new text.`, chunkCount: slow ? 40 : 4, chunkDelayMs: slow ? 1000 : 50 };
    });
    const page = await openQueue(s);
    await page.setViewportSize({ width: 1000, height: 900 });
    await addList(page, [...stories.slice(0, 3), s.server.pageUrl('shot-empty'), stories[3]!]);
    await waitForRows(
      page,
      (r) => r.filter((x) => x.state === 'done').length === 3 && r.some((x) => x.state === 'error') && r.some((x) => x.state === 'writing'),
      20_000,
      'the queue mid-run',
    );
    keep('queue.png', await page.screenshot({ fullPage: true }), { width: 900, height: 500 });
    await page.close();
  });
});
