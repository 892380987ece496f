// Section 12 of `npm run bench`: the extension's batch queue (queue/index.html, background/queue.ts) in real Chromium
// on the built dist/chrome, 20 articles at concurrency 3 (set on the options page), against the local server at a
// realistic pace: 1 s to the first token, then 60 chunks of about 5.2 tokens (o200k) 105 ms apart, about 50 tokens per
// second (313 tokens per answer). Its own browser and server, so the worker's heap is that of the queue alone.
//
// Clocks: Date.now() in Node (the add click, the server's records) and in the queue page (when each row first shows
// a state): one machine, one system clock.
//
// - Measured: the add click (Node, just before it) → the last row painted `done` (the queue page).
// - An item's own time: the server got its page GET → the server ended its answer. That is the page read (off-screen
//   fetch and extraction, the job's preparation) plus the request and the stream. Ideal = the sum ÷ 3.
// - What the rest is: each item is put in one of the 3 slots (the one freed last before its page GET); the slots'
//   idle time is the head (add click → first GET), the gaps between one item's answer end and the next item's GET
//   in the same slot (split at the row painted `done`: the checks and storing before it, the start of the next after
//   it), and the tail (last answer end in a slot → the batch done).
// - Worker heap: Runtime.getHeapUsage on the service worker target after two HeapProfiler.collectGarbage (as
//   test/e2e/worker-heap.test.ts reads it), before the 20 (after an untimed batch of 3, cleared) and after them.
//   Playwright's debugger keeps the worker alive, which this needs (a restarted worker would start empty).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, sum } from './stats.mjs';

export const QUEUE_ITEMS = 20;
export const QUEUE_CONCURRENCY = 3;
const WARM_ITEMS = 3;
const API_KEY = 'sk-bench-0123456789';
const ARTICLE_TITLE = 'Harbour City Library Opens Night Reading Room After Record Demand';
const FIRST_TOKEN_MS = 1_000;
const CHUNK_GAP_MS = 105;

/** 60 chunks: a headline, then 59 of five plain words each (313 o200k tokens in all, about 5.2 per chunk). */
const ANSWER_CHUNKS = (() => {
  const words =
    'the harbour board said on tuesday that the new ferry pier would open next spring after months of delays and that the works would cost less than first planned by the city council'.split(
      ' ',
    );
  const chunks = ['# Harbour Board Opens New Ferry Pier\n\n'];
  let i = 0;
  for (let c = 1; c < 60; c++) chunks.push(Array.from({ length: 5 }, () => `${words[i++ % words.length]} `).join(''));
  return chunks;
})();

/** Installed in the queue page: the first time each row (by URL) is shown in each state, and the list redraws. */
const ROW_MARKS = `(() => {
  const m = (window.__marks = { rows: {}, redraws: 0 });
  const see = () => {
    for (const li of document.querySelectorAll('[data-testid=item]')) {
      const r = (m.rows[li.dataset.url] ??= {});
      r[li.dataset.state] ??= Date.now();
    }
  };
  new MutationObserver((records) => {
    if (records.some((r) => r.type === 'childList')) m.redraws++;
    see();
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  see();
})()`;

const STUB_PERMISSIONS = `(() => {
  chrome.permissions.request = (p, callback) => { callback?.(true); return Promise.resolve(true); };
})()`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function poll(fn, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`queue bench: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** The worker's used JS heap in bytes, after two full collections. */
async function workerHeap(lib, ext) {
  const { targetInfos } = await ext.cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(ext.origin));
  if (!worker) throw new Error('no extension service worker target');
  const session = await lib.Popup.attach(ext.cdp, worker.targetId);
  try {
    for (let i = 0; i < 2; i++) await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await ext.cdp.send('Target.detachFromTarget', { sessionId: session.sessionId }).catch(() => {});
  }
}

const rowsOf = (page) => page.$$eval('[data-testid=item]', (els) => els.map((e) => ({ url: e.dataset.url ?? '', state: e.dataset.state ?? '' })));

async function runList(page, urls, timeoutMs) {
  await page.getByTestId('urls').fill(urls.join('\n'));
  const t0 = Date.now();
  await page.getByTestId('add').click();
  const want = new Set(urls);
  const rows = await poll(
    async () => {
      const r = (await rowsOf(page)).filter((x) => want.has(x.url));
      return r.length === urls.length && r.every((x) => ['done', 'error', 'skipped', 'confirm'].includes(x.state)) ? r : null;
    },
    timeoutMs,
    `${urls.length} items settled`,
  );
  return { t0, rows };
}

async function clear(page) {
  await page.getByTestId('clear').click();
  await poll(async () => (await rowsOf(page)).length === 0, 10_000, 'an empty queue');
}

export async function benchQueue(lib, root) {
  const server = await lib.startLLMServer();
  const article = readFileSync(join(root, 'test/e2e/fixtures/article.html'), 'utf8');
  const cors = { credentialedCors: true };
  const urlOf = [];
  for (let n = 1; n <= WARM_ITEMS + QUEUE_ITEMS; n++) {
    server.addPage(`q12-${n}`, article.replaceAll(ARTICLE_TITLE, `Story q12 ${n}: ${ARTICLE_TITLE}`), cors);
    urlOf[n] = server.pageUrl(`q12-${n}`);
  }
  server.setHandler(() => ({ chunks: ANSWER_CHUNKS, delayMs: FIRST_TOKEN_MS, chunkDelayMs: [0, CHUNK_GAP_MS] }));
  const ext = await lib.launchExtension();
  try {
    await ext.configure({ apiKey: API_KEY, baseURL: server.baseURL, model: 'test-model' });
    // Concurrency through the options page, as a user sets it.
    const options = await ext.openOptions();
    await options.locator('form[data-ready=true]').waitFor();
    await options.getByTestId('queue-concurrency').fill(String(QUEUE_CONCURRENCY));
    await options.getByTestId('save').click();
    await options.locator('[data-testid=save-status][data-ok=true]').waitFor();
    await options.close();

    const page = await ext.context.newPage();
    await page.goto(`${ext.origin}/queue/index.html`);
    await page.evaluate(STUB_PERMISSIONS);
    await page.evaluate(ROW_MARKS);
    const heapCold = await workerHeap(lib, ext);

    // Untimed: compiles the code paths and opens what any batch opens, then cleared.
    const warm = await runList(page, urlOf.slice(1, 1 + WARM_ITEMS), 60_000);
    const warmDone = warm.rows.filter((r) => r.state === 'done').length;
    await clear(page);
    await sleep(500);
    const heapBefore = await workerHeap(lib, ext);

    const firstRequest = server.requests.length;
    const firstResponse = server.responses.length;
    const redrawsBefore = await page.evaluate('window.__marks.redraws');
    const urls = urlOf.slice(1 + WARM_ITEMS);
    const { t0, rows } = await runList(page, urls, 180_000);
    const marks = await page.evaluate('window.__marks');
    const heapAfter = await workerHeap(lib, ext);
    await clear(page);
    await sleep(500);
    const heapCleared = await workerHeap(lib, ext);
    await page.close();

    // The server's records of the 20, matched to their item by page name (GET) and by title in the prompt (chat).
    const requests = server.requests.slice(firstRequest);
    const responses = server.responses.slice(firstResponse);
    const kinds = {};
    for (const r of requests) {
      const k = `${r.method} ${r.path.startsWith('/page/') ? '/page/…' : r.path}`;
      kinds[k] = (kinds[k] ?? 0) + 1;
    }
    const items = urls.map((url, i) => {
      const n = WARM_ITEMS + 1 + i;
      const gets = requests.filter((r) => r.method === 'GET' && r.path === `/page/q12-${n}`);
      const chats = requests.filter(
        (r) => r.method === 'POST' && r.path.endsWith('/chat/completions') && (r.body.messages ?? []).some((m) => m.content.includes(`Story q12 ${n}:`)),
      );
      const chat = chats[0];
      const res = chat ? responses.find((x) => x.requestIndex === chat.index) : undefined;
      const mark = marks.rows[url] ?? {};
      return {
        n,
        url,
        state: rows.find((r) => r.url === url)?.state,
        gets: gets.length,
        chats: chats.length,
        get: gets[0]?.time,
        request: chat?.time,
        end: res?.endedAt ?? undefined,
        completed: res?.completed ?? false,
        shownReading: mark.reading,
        shownWriting: mark.writing,
        shownDone: mark.done,
      };
    });
    const ok = items.filter((x) => x.state === 'done' && x.get && x.end && x.shownDone);
    const tEnd = Math.max(...items.map((x) => x.shownDone ?? -Infinity));
    const wallMs = tEnd - t0;
    const own = ok.map((x) => x.end - x.get);
    const idealMs = sum(own) / QUEUE_CONCURRENCY;

    // Slots: each item (in page GET order) takes the slot whose last answer ended latest before its GET.
    const slots = Array.from({ length: QUEUE_CONCURRENCY }, () => ({ last: null }));
    const idle = { head: 0, checks: 0, start: 0, tail: 0, overlaps: 0 };
    for (const x of [...ok].sort((a, b) => a.get - b.get)) {
      const free = slots.filter((s) => s.last === null || s.last.end <= x.get);
      if (!free.length) {
        idle.overlaps++;
        continue;
      }
      const fresh = free.find((s) => s.last === null);
      const slot = fresh ?? free.reduce((a, b) => (b.last.end > a.last.end ? b : a));
      if (!slot.last) idle.head += x.get - t0;
      else {
        const doneAt = Math.min(Math.max(slot.last.shownDone, slot.last.end), x.get);
        idle.checks += doneAt - slot.last.end;
        idle.start += x.get - doneAt;
      }
      slot.last = x;
    }
    for (const s of slots) idle.tail += s.last ? tEnd - s.last.end : wallMs;
    const parts = {
      read: median(ok.map((x) => x.request - x.get)),
      answer: median(ok.map((x) => x.end - x.request)),
      endToDone: median(ok.map((x) => x.shownDone - x.end)),
      shownReadingToWriting: median(ok.filter((x) => x.shownReading && x.shownWriting).map((x) => x.shownWriting - x.shownReading)),
    };
    const mb = (b) => b / 2 ** 20;
    return {
      items: QUEUE_ITEMS,
      concurrency: QUEUE_CONCURRENCY,
      answer: {
        chunks: ANSWER_CHUNKS.length,
        tokens: 313,
        firstTokenMs: FIRST_TOKEN_MS,
        chunkGapMs: CHUNK_GAP_MS,
        planMs: FIRST_TOKEN_MS + (ANSWER_CHUNKS.length - 1) * CHUNK_GAP_MS,
      },
      warmItems: WARM_ITEMS,
      warmDone,
      done: ok.length,
      states: rows.map((r) => r.state),
      oneGetEach: items.every((x) => x.gets === 1),
      oneChatEach: items.every((x) => x.chats === 1),
      completed: items.filter((x) => x.completed).length,
      kinds,
      redraws: marks.redraws - redrawsBefore,
      wallMs,
      firstShownMs: Math.min(...items.map((x) => x.shownReading ?? Infinity)) - t0,
      idealMs,
      ratio: wallMs / idealMs,
      sumOwnMs: sum(own),
      ownMedianMs: median(own),
      parts,
      idle,
      lowerBound: Math.ceil(QUEUE_ITEMS / QUEUE_CONCURRENCY) / (QUEUE_ITEMS / QUEUE_CONCURRENCY),
      heapColdMB: mb(heapCold),
      heapBeforeMB: mb(heapBefore),
      heapAfterMB: mb(heapAfter),
      heapClearedMB: mb(heapCleared),
      heapGrowthMB: mb(heapAfter - heapBefore),
      perItem: items.map((x) => ({
        n: x.n,
        get: x.get - t0,
        request: x.request - t0,
        end: x.end - t0,
        done: x.shownDone - t0,
      })),
    };
  } finally {
    await ext.close();
    await server.close();
  }
}
