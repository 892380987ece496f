// The worker's side of the page reader (background/page-reader.ts) in Chrome's shape: one offscreen document, made
// once however many reads start together, found again when an earlier worker left it, closed when asked, and its
// answers checked. The fake Chrome keeps Chrome's rules: at most one document, a second createDocument refused,
// closing none refused, and a message with no document open finds no receiver.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRead } from '../../src/queue/page-read';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class FakeChrome {
  open = false;
  /** createDocument calls, and those that made a document. */
  asked = 0;
  created = 0;
  closed = 0;
  /** What the document answers to a read; by default the page's address as a failed read. */
  answer: (url: string) => unknown = (url) => ({ ok: false, why: 'http', status: 404, detail: url });
  offscreen = {
    createDocument: async (options: { url: string; reasons: string[] }) => {
      expect(options).toMatchObject({ url: 'offscreen/index.html', reasons: ['DOM_PARSER'] });
      this.asked += 1;
      await sleep(20);
      if (this.open) throw new Error('Only a single offscreen document may be created.');
      this.open = true;
      this.created += 1;
    },
    closeDocument: async () => {
      await sleep(5);
      if (!this.open) throw new Error('No current offscreen document.');
      this.open = false;
      this.closed += 1;
    },
  };
  runtime = {
    getContexts: async ({ contextTypes }: { contextTypes: string[] }) =>
      contextTypes.includes('OFFSCREEN_DOCUMENT') && this.open ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : [],
    sendMessage: async (message: { type: string; url: string }) => {
      await sleep(1);
      if (!this.open) throw new Error('Could not establish connection. Receiving end does not exist.');
      expect(message.type).toBe('offscreen-read');
      return this.answer(message.url);
    },
  };
}

let fake: FakeChrome;
vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage: (m: { type: string; url: string }) => fake.runtime.sendMessage(m) } } }));

async function reader() {
  vi.resetModules();
  return import('../../background/page-reader');
}

beforeEach(() => {
  fake = new FakeChrome();
  (globalThis as { chrome?: unknown }).chrome = fake;
});
afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('readPage in Chrome', () => {
  it('makes the one offscreen document once for reads that start together, and each read gets its own answer', async () => {
    const { readPage } = await reader();
    const urls = Array.from({ length: 6 }, (_, i) => `https://news.example/${i}`);
    const reads = await Promise.all(urls.map((u) => readPage(u)));
    expect(fake).toMatchObject({ asked: 1, created: 1 });
    expect(reads.map((r) => (r as { detail?: string }).detail)).toEqual(urls);
    await readPage('https://news.example/later');
    expect(fake.created).toBe(1);
  });

  it('uses a document an earlier life of the worker left open, and takes a "single document" refusal as one being there', async () => {
    fake.open = true;
    const first = await reader();
    expect(await first.readPage('https://news.example/a')).toMatchObject({ ok: false, why: 'http' });
    expect(fake.created).toBe(0);
    // Someone else makes it between the look and the create: the refusal is not an error.
    fake.open = false;
    fake.runtime.getContexts = async () => [];
    const made = fake.offscreen.createDocument;
    fake.offscreen.createDocument = async (o) => {
      await made(o);
      throw new Error('Only a single offscreen document may be created.');
    };
    const second = await reader();
    expect(await second.readPage('https://news.example/b')).toMatchObject({ ok: false, why: 'http', detail: 'https://news.example/b' });
  });

  it('passes a well-formed answer through, and turns one of the wrong shape into an unreadable failure', async () => {
    const { readPage } = await reader();
    const good: PageRead = {
      ok: true,
      url: 'https://news.example/final',
      result: {
        ok: true,
        article: {
          title: 'T',
          byline: null,
          siteName: null,
          lang: 'en',
          publishedTime: null,
          url: 'https://news.example/final',
          blocks: [{ kind: 'paragraph', text: 'Text.' }],
          text: 'Text.',
          wordCount: 1,
          warnings: [],
        },
      },
    };
    fake.answer = () => good;
    expect(await readPage('https://news.example/x')).toEqual(good);
    for (const bad of [undefined, { ok: true, url: 'u' }, { ok: false, why: 'gone' }, { ok: false, why: 'http', status: '404' }, 'yes']) {
      fake.answer = () => bad;
      expect(await readPage('https://news.example/x')).toMatchObject({ ok: false, why: 'unreadable' });
    }
  });

  it('opens the document again when it went away behind its back', async () => {
    const { readPage } = await reader();
    await readPage('https://news.example/1');
    fake.open = false; // closed by someone else: the worker's note of it is stale
    expect(await readPage('https://news.example/2')).toMatchObject({ ok: false, why: 'http', detail: 'https://news.example/2' });
    expect(fake.created).toBe(2);
  });

  it('closeReader closes it (twice is fine), and the next read opens it again', async () => {
    const { readPage, closeReader } = await reader();
    await readPage('https://news.example/1');
    await closeReader();
    await closeReader();
    expect(fake).toMatchObject({ open: false, closed: 1 });
    // A read that starts while a close is under way gets its answer, from a document opened again.
    await readPage('https://news.example/2');
    const [, read] = await Promise.all([closeReader(), readPage('https://news.example/3')]);
    expect(read).toMatchObject({ ok: false, why: 'http', detail: 'https://news.example/3' });
    expect(fake).toMatchObject({ open: true, created: 3 });
  });

  it('a reader that cannot be opened is an unreadable failure, never a throw', async () => {
    fake.offscreen.createDocument = async () => {
      throw new Error('Offscreen documents are not allowed here.');
    };
    const { readPage } = await reader();
    expect(await readPage('https://news.example/1')).toEqual({ ok: false, why: 'unreadable', detail: 'Offscreen documents are not allowed here.' });
  });
});
