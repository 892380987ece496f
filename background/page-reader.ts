/**
 * Pages read by their address for the batch queue, off-screen: the extraction needs a DOM, which the worker lacks, and
 * stays out of this bundle. Chrome: the one offscreen document (offscreen/index.html). Firefox, whose background is a
 * page: that page in a hidden frame of it. Both are asked with runtime messages and answer data (src/queue/page-read.ts).
 */

import browser from 'webextension-polyfill';
import {
  isFeedRead,
  isPageRead,
  OFFSCREEN_FEED,
  OFFSCREEN_READ,
  type FeedRead,
  type OffscreenReadRequest,
  type PageRead,
  type PageReadFailure,
} from '../src/queue/page-read';

const PAGE = 'offscreen/index.html';
const FRAME_ID = 'newsmith-reader';

/** The parts of Chrome's offscreen and runtime APIs used here (absent in Firefox). */
interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
const chromeApi = (globalThis as { chrome?: { offscreen?: OffscreenApi; runtime?: { getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]> } } })
  .chrome;

/** The reader being opened or open (single flight: reads that start together share it). */
let ready: Promise<void> | null = null;
/** The last close, which a new open waits for (Chrome refuses a second document while one is open). */
let closing: Promise<void> = Promise.resolve();

async function openDocument(offscreen: OffscreenApi): Promise<void> {
  await closing;
  // A document from an earlier life of this worker outlives it.
  const open = await chromeApi?.runtime?.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] }).catch(() => []);
  if (open?.length) return;
  try {
    await offscreen.createDocument({
      url: PAGE,
      reasons: ['DOM_PARSER'],
      justification: 'Reads the pages of the batch queue with the article extraction, which parses their HTML.',
    });
  } catch (err) {
    // Another start made it meanwhile: there is only ever one, and that one will do.
    if (!/single offscreen/i.test(String((err as Error | null)?.message ?? err))) throw err;
  }
}

function openFrame(): Promise<void> {
  return new Promise((resolve) => {
    document.getElementById(FRAME_ID)?.remove();
    const frame = document.createElement('iframe');
    frame.id = FRAME_ID;
    frame.hidden = true;
    // Loaded means its script runs: module scripts run before the load event.
    frame.addEventListener('load', () => resolve(), { once: true });
    frame.src = browser.runtime.getURL(PAGE);
    (document.body ?? document.documentElement).append(frame);
  });
}

function openReader(): Promise<void> {
  ready ??= (chromeApi?.offscreen ? openDocument(chromeApi.offscreen) : openFrame()).catch((err: unknown) => {
    ready = null;
    throw err;
  });
  return ready;
}

/** Reads the page at `url` off-screen; never throws (a reader that cannot be reached is an `unreadable` failure). */
export function readPage(url: string): Promise<PageRead> {
  return ask({ type: OFFSCREEN_READ, url }, isPageRead);
}

/** Reads the news feed at `url` off-screen (its items, src/queue/feed.ts); never throws, as readPage. */
export function readFeed(url: string): Promise<FeedRead> {
  return ask({ type: OFFSCREEN_FEED, url }, isFeedRead);
}

async function ask<T>(request: OffscreenReadRequest, isAnswer: (v: unknown) => v is T): Promise<T | PageReadFailure> {
  let problem = '';
  // A second try when the reader did not answer: it may have been closed meanwhile, and is opened again.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await openReader();
      const answer: unknown = await browser.runtime.sendMessage(request);
      if (isAnswer(answer)) return answer;
      problem = 'the reader gave no readable answer';
    } catch (err) {
      problem = String((err as Error | null)?.message ?? err);
    }
    ready = null;
  }
  return { ok: false, why: 'unreadable', detail: problem.slice(0, 200) };
}

/** Closes the reader (the queue is idle); the next read opens it again. */
export function closeReader(): Promise<void> {
  ready = null;
  const offscreen = chromeApi?.offscreen;
  if (!offscreen) {
    document.getElementById(FRAME_ID)?.remove();
    return Promise.resolve();
  }
  // Closing when none is open is refused: nothing to do then.
  closing = closing.then(() => offscreen.closeDocument()).catch(() => {});
  return closing;
}
