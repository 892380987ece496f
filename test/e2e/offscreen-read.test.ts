/// <reference types="chrome" />
// The batch queue's page reader in real Chromium: the service worker asks the offscreen document
// (offscreen/index.html) to read a page by its address, as background/page-reader.ts does, and gets the extraction
// back as data; the document answers the worker only. The test server lets the extension read its pages with cookies
// through CORS (no host permission is granted here).
import { createServer } from 'node:net';
import type { Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sleep } from '../support/browser';
import type { PageRead } from '../../src/queue/page-read';
import { ARTICLE_TITLE, articleHtml } from './fixtures/index';
import { useSession } from './fixtures/setup';

const s = useSession({ configure: false });
const cors = { credentialedCors: true };

function worker(): Worker {
  const w = s.ext.context.serviceWorkers().find((sw) => sw.url().startsWith(s.ext.origin));
  if (!w) throw new Error('no extension service worker');
  return w;
}

/**
 * From the service worker: the offscreen document made if there is none, then asked to read `url`. Tried again, as
 * background/page-reader.ts does, when the document went away meanwhile (the queue closes it when it is idle, as at
 * every worker start).
 */
function readFromWorker(url: string): Promise<PageRead> {
  return worker().evaluate(async (address) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const open = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
        if (open.length === 0) {
          await chrome.offscreen
            .createDocument({ url: 'offscreen/index.html', reasons: [chrome.offscreen.Reason.DOM_PARSER], justification: 'e2e test' })
            .catch((err: Error) => {
              if (!/single offscreen/i.test(err.message)) throw err;
            });
        }
        return await chrome.runtime.sendMessage({ type: 'offscreen-read', url: address });
      } catch (err) {
        if (attempt === 3 || !/closed before|Receiving end does not exist/i.test(String(err))) throw err;
      }
    }
  }, url);
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Text as windows-1252 bytes: ASCII and Latin-1 as they are, curly quotes and the euro sign at their 0x80–0x9F places. */
function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return Uint8Array.from([...text].map((c) => special[c] ?? (c.charCodeAt(0) < 0x100 ? c.charCodeAt(0) : 0x3f)));
}

const HIDDEN = 'PROMOMARK subscribe today for our offers';
/** The article page with a paragraph hidden by a class rule of its own style sheet. */
const hiddenByClass = articleHtml
  .replace('</style>', '.promo-box{display:none}</style>')
  .replace('<h2>What happens next</h2>', `<p class="promo-box">${HIDDEN}</p><h2>What happens next</h2>`);

const legacyStory = `<!doctype html><html lang="fr"><head><title>Le café du port rouvre | La Gazette</title></head><body><article>
  <h1>Le café du port rouvre</h1>
  ${Array.from(
    { length: 6 },
    (_, i) =>
      `<p>Paragraphe ${i + 1} : « Nous voulions un café où l’on parle encore », a déclaré la gérante, Hélène Dufresne, devant une salle pleine. Le “menu du pêcheur” coûte 12 € et la terrasse donne sur la jetée, à deux pas du marché couvert.</p>`,
  ).join('\n')}
</article></body></html>`;

describe('the offscreen page reader', () => {
  it('reads a served article: title and text right, a paragraph hidden by a <style> class left out', async () => {
    s.server.addPage('offscreen-article', hiddenByClass, cors);
    const url = s.server.pageUrl('offscreen-article');
    const read = await readFromWorker(url);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.url).toBe(url);
    expect(read.result.ok).toBe(true);
    if (!read.result.ok) return;
    const article = read.result.article;
    expect(article.title).toBe(ARTICLE_TITLE);
    expect(article.byline).toMatch(/Mara Ellison/);
    expect(article.text).toContain('The Harbour City Central Library will keep one of its reading rooms open until two in the morning');
    expect(article.text).toContain('I think I owe that room a thank-you card.');
    expect(article.text).not.toContain('PROMOMARK');
    expect(article.text).not.toContain('Rowing club wins regional cup');
    expect(article.wordCount).toBeGreaterThan(400);
    // The page was fetched with the browser's cookies for it (a credentialed request) from the extension's origin.
    const request = s.server.requests.find((r) => r.url === new URL(url).pathname + new URL(url).search);
    expect(request?.headers.origin).toBe(s.ext.origin);
  });

  it('reads a windows-1252 page whose charset only the Content-Type header names', async () => {
    s.server.addPage('offscreen-1252', windows1252(legacyStory), { ...cors, contentType: 'text/html; charset=windows-1252' });
    const read = await readFromWorker(s.server.pageUrl('offscreen-1252'));
    expect(read.ok && read.result.ok).toBe(true);
    if (!read.ok || !read.result.ok) return;
    expect(read.result.article.title).toBe('Le café du port rouvre');
    expect(read.result.article.text).toContain('« Nous voulions un café où l’on parle encore », a déclaré la gérante, Hélène Dufresne');
    expect(read.result.article.text).toContain('Le “menu du pêcheur” coûte 12 €');
  });

  it('an error status is an http failure with its status', async () => {
    s.server.addPage('offscreen-gone', '<!doctype html><title>Not found</title><p>Gone.</p>', { ...cors, status: 404 });
    expect(await readFromWorker(s.server.pageUrl('offscreen-gone'))).toEqual({ ok: false, why: 'http', status: 404 });
  });

  it('a response that is not HTML is refused with its type', async () => {
    s.server.addPage('offscreen-json', '{"title":"not a page"}', { ...cors, contentType: 'application/json; charset=utf-8' });
    expect(await readFromWorker(s.server.pageUrl('offscreen-json'))).toEqual({ ok: false, why: 'not-html', detail: 'application/json' });
  });

  it('a page over 8 MB is refused as too large', async () => {
    s.server.addPage('offscreen-huge', `<!doctype html><title>Huge</title><p>${'word '.repeat(1_800_000)}</p>`, cors);
    expect(await readFromWorker(s.server.pageUrl('offscreen-huge'))).toEqual({ ok: false, why: 'too-large' });
  });

  it('a closed port, or a site that does not let the extension read it, is unreachable', async () => {
    const dead = await readFromWorker(`http://127.0.0.1:${await closedPort()}/story`);
    expect(dead).toMatchObject({ ok: false, why: 'unreachable' });
    s.server.addPage('offscreen-no-cors', articleHtml);
    expect(await readFromWorker(s.server.pageUrl('offscreen-no-cors'))).toMatchObject({ ok: false, why: 'unreachable' });
  });

  it('answers the worker only: a message from an extension page gets no answer and fetches nothing', async () => {
    // The document exists (made by this read), so only its sender check can keep it from answering.
    s.server.addPage('offscreen-article', hiddenByClass, cors);
    expect((await readFromWorker(s.server.pageUrl('offscreen-article'))).ok).toBe(true);
    const page = await s.ext.openOptions();
    try {
      // What the offscreen document sees of a worker's message: its sender, recorded here by a listener of the page.
      await page.evaluate(() => {
        chrome.runtime.onMessage.addListener((message, sender) => {
          if ((message as { type?: string }).type === 'sender-probe')
            (globalThis as { probed?: unknown }).probed = { id: sender.id, url: sender.url, tab: sender.tab };
        });
      });
      await worker().evaluate(() => chrome.runtime.sendMessage({ type: 'sender-probe' }).catch(() => undefined));
      const probed = await page.evaluate(() => (globalThis as { probed?: unknown }).probed);
      expect(probed).toEqual({ id: s.ext.extensionId, url: `${s.ext.origin}/background.js` });

      const url = s.server.pageUrl('offscreen-article', { from: 'options' });
      const answer = await page.evaluate(async (address) => {
        try {
          return { value: (await chrome.runtime.sendMessage({ type: 'offscreen-read', url: address })) as unknown };
        } catch (err) {
          return { error: String(err) };
        }
      }, url);
      expect(answer).not.toHaveProperty('value.ok');
      await sleep(500);
      expect(s.server.requests.filter((r) => r.url.includes('from=options'))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
