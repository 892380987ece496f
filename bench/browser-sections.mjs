// The sections of `npm run bench` that run in real Chromium (the built dist/chrome, the e2e harness of
// test/support/browser.ts and the local OpenAI-compatible server of test/support/llm-server.ts):
// 1b (the content script on the fixture pages), 2 (click to first word), 3 (streaming render), 5b (popup first paint).
//
// Clocks: every time below is a difference of wall-clock `Date.now()` readings, taken in Node (the click, the
// server's request arrival) and in the browser (popup, worker): one machine, one system clock, 1 ms resolution.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { median } from './stats.mjs';
import { benchDir } from './build-lib.mjs';
import { writeMinimalExtension } from './minimal-extension.mjs';

const API_KEY = 'sk-bench-0123456789';

/**
 * Installed in the popup before its own scripts run (Page.addScriptToEvaluateOnNewDocument on the popup target,
 * attached as soon as it is created). It marks when the streamed text first appears in the DOM and when each
 * `data-state` is first reached, and when that change was PAINTED: the popup renders inside
 * requestAnimationFrame callbacks, so a change made in a frame is painted at the end of that frame, and a message
 * posted from it runs right after the frame's paint; a change made outside a frame waits for the next frame
 * (rAF, then the message). It also times each of the popup's rAF callbacks (its renders).
 */
const POPUP_INIT = `(() => {
  if (window.__bench) return;
  const b = (window.__bench = { installedAt: Date.now(), marks: {}, renders: 0, renderMs: 0, maxRenderMs: 0 });
  let inFrame = false;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((ts) => {
    const t0 = performance.now();
    inFrame = true;
    try { cb(ts); } finally {
      const d = performance.now() - t0;
      b.renders++; b.renderMs += d; if (d > b.maxRenderMs) b.maxRenderMs = d;
      queueMicrotask(() => { inFrame = false; });
    }
  });
  const afterPaint = (fn) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = fn;
    if (inFrame) ch.port2.postMessage(0); else raf(() => ch.port2.postMessage(0));
  };
  const mark = (k) => {
    if (b.marks[k]) return;
    const m = (b.marks[k] = { dom: Date.now(), painted: null });
    afterPaint(() => { m.painted = Date.now(); });
  };
  const text = (id) => document.querySelector('[data-testid="' + id + '"]')?.textContent ?? '';
  // Installed after the popup already showed text or a state: those marks would be late, so the run does not count.
  if ((document.getElementById('app')?.dataset.state ?? 'extracting') !== 'extracting' || (text('headline') + text('article')).trim()) b.late = true;
  new MutationObserver(() => {
    if (!b.marks.text && (text('headline') + text('article')).trim()) mark('text');
    const s = document.getElementById('app')?.dataset.state;
    if (s) mark('state-' + s);
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

/** A model answer of exactly `n` characters: "# headline", blank line, paragraphs of plain sentences. */
export function longAnswer(n) {
  const words =
    'the council said on tuesday that the new reading room would stay open until two in the morning after a trial drew more than eleven thousand visitors and that staff costs would be met from savings elsewhere'.split(
      ' ',
    );
  let out = '# Night Reading Room Becomes Permanent in Harbour City\n\n';
  let i = 0;
  let inSentence = 0;
  let inParagraph = 0;
  while (out.length < n) {
    let w = words[i++ % words.length];
    if (inSentence === 0) w = w[0].toUpperCase() + w.slice(1);
    out += w;
    inSentence++;
    if (inSentence >= 14) {
      out += '.';
      inSentence = 0;
      inParagraph++;
      out += inParagraph % 4 === 0 ? '\n\n' : ' ';
    } else out += ' ';
  }
  return out.slice(0, n);
}

const chunksOf = (text, size) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

export async function startBrowserBench(lib, root) {
  const server = await lib.startLLMServer();
  server.addPage('article', readFileSync(join(root, 'test/e2e/fixtures/article.html'), 'utf8'));
  const ext = await lib.launchExtension();
  try {
    await ext.configure({ apiKey: API_KEY, baseURL: server.baseURL, model: 'test-model' });
    await ext.cdp.send('Target.setDiscoverTargets', { discover: true });
  } catch (e) {
    await ext.close();
    await server.close();
    throw e;
  }
  return { lib, root, ext, server, close: async () => (await ext.close(), await server.close()) };
}

function worker(h) {
  const w = h.ext.context.serviceWorkers().find((x) => x.url().startsWith(h.ext.origin));
  if (!w) throw new Error('no extension service worker');
  return w;
}

/**
 * Opens the article in a new tab (or uses `existing`, a tab already at `url`), clicks the toolbar button for real,
 * and attaches to the popup as it is created, with POPUP_INIT's marks installed.
 */
export async function clickAndWatch(h, url, existing = null) {
  const { ext } = h;
  const page = existing ?? (await ext.openArticle(url));
  await page.bringToFront();
  const { targetInfos } = await ext.cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.url === url);
  if (!tab) throw new Error(`no tab target at ${url}`);
  let onCreated;
  const created = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the popup target was not created within 10 s')), 10_000);
    // The action popup is created as an "other" target with no URL, then becomes a page at popup/index.html.
    onCreated = (e) => {
      const t = e.targetInfo;
      if ((t.type === 'other' && t.url === '') || (t.type === 'page' && t.url.startsWith(ext.popupUrl))) {
        clearTimeout(timer);
        resolve(t);
      }
    };
    ext.cdp.on('Target.targetCreated', onCreated);
  });
  const t0 = Date.now();
  try {
    await ext.cdp.send('Extensions.triggerAction', { id: ext.extensionId, targetId: tab.targetId });
    const info = await created;
    const popup = await h.lib.Popup.attach(ext.cdp, info.targetId);
    await popup.send('Page.addScriptToEvaluateOnNewDocument', { source: POPUP_INIT });
    // Attached after the popup's document started: install it now (it is idempotent); the marks say if it was too late.
    const href = await popup.eval('location.href').catch(() => '');
    if (String(href).startsWith(ext.popupUrl)) await popup.eval(POPUP_INIT);
    return { page, popup, t0 };
  } finally {
    ext.cdp.off('Target.targetCreated', onCreated);
  }
}

async function finishedPopup(popup, timeoutMs) {
  await popup.waitFor(`window.__bench?.late || window.__bench?.marks['state-done']?.painted || window.__bench?.marks['state-error']?.painted`, timeoutMs);
  return popup.eval(`({ bench: window.__bench, href: location.href, timeOrigin: performance.timeOrigin,
    paint: Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])),
    state: document.getElementById('app')?.dataset.state, chars: (document.querySelector('[data-testid="article"]')?.textContent ?? '').length })`);
}

/** The worker's own fetch of a chat stream with the product's request body: ms to the first chunk, and the wall clock at the end. */
async function workerFetch(h, body) {
  return worker(h).evaluate(
    async ({ url, body, key }) => {
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
      const reader = res.body.getReader();
      let r = await reader.read();
      const first = performance.now() - t0;
      let bytes = r.value?.length ?? 0;
      while (!r.done) {
        r = await reader.read();
        bytes += r.value?.length ?? 0;
      }
      return { first, total: performance.now() - t0, endWall: Date.now(), bytes };
    },
    { url: `${h.server.baseURL}/chat/completions`, body, key: API_KEY },
  );
}

/** The same from an extension page (the harness's helper tab at the extension's manifest.json). */
async function pageFetch(h, body) {
  const page = h.ext.context.pages().find((p) => p.url().startsWith(h.ext.origin));
  if (!page) return null;
  return page.evaluate(
    async ({ url, body, key }) => {
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
      const reader = res.body.getReader();
      let r = await reader.read();
      const first = performance.now() - t0;
      while (!r.done) r = await reader.read();
      return { first };
    },
    { url: `${h.server.baseURL}/chat/completions`, body, key: API_KEY },
  );
}

async function closeRun(run) {
  await run.popup?.close().catch(() => {});
  await run.page?.close().catch(() => {});
}

/** One toolbar click on a fresh article tab, answered by `plan`; returns the popup's marks against the click and the request. */
/** The used JS heap (MB) of the extension's worker and of a page session, each after a full collection. */
async function heapsMB(h, popup) {
  const { targetInfos } = await h.ext.cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(h.ext.origin));
  const read = async (session) => {
    await session.send('HeapProfiler.collectGarbage');
    return (await session.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
  };
  const w = target ? await h.lib.Popup.attach(h.ext.cdp, target.targetId) : null;
  try {
    return { worker: w ? await read(w) : NaN, popup: popup && !popup.closed ? await read(popup).catch(() => NaN) : NaN };
  } finally {
    if (w) await h.ext.cdp.send('Target.detachFromTarget', { sessionId: w.sessionId }).catch(() => {});
  }
}

async function oneRewrite(h, plan, timeoutMs, opts = {}) {
  for (let attempt = 1; ; attempt++) {
    const r = await oneRewriteAttempt(h, plan, timeoutMs, opts);
    if (r.valid || attempt >= 3) return { ...r, attempts: attempt };
  }
}

async function oneRewriteAttempt(h, plan, timeoutMs, opts = {}) {
  h.server.reset();
  h.server.setHandler(() => plan);
  const run = await clickAndWatch(h, h.server.pageUrl('article'));
  // With `heap`: the worker's and the popup's heap read once, halfway through the stream, and again when it is done.
  let during = null;
  const halfway = opts.heap
    ? h.server
        .waitForChatRequests(1, timeoutMs)
        .then(() => new Promise((r) => setTimeout(r, (plan.chunks.length * (plan.chunkDelayMs ?? 0)) / 2 || 300)))
        .then(() => heapsMB(h, run.popup))
        .then((x) => (during = x))
        .catch(() => {})
    : null;
  try {
    const r = await finishedPopup(run.popup, timeoutMs);
    await halfway;
    const after = opts.heap ? await heapsMB(h, run.popup) : null;
    if (r.bench.late) await h.server.waitForChatRequests(1, timeoutMs);
    const req = h.server.chatRequests[0];
    const res = h.server.responses[0];
    if (!req) throw new Error('the extension sent no chat request');
    // The probe came too late to see this run: try again (oneRewrite), never count it.
    if (r.bench.late) {
      // Let that job finish in the worker before the next attempt, so it does not compete with it.
      await h.server.waitForResponseEnd(0, timeoutMs).catch(() => {});
      await run.popup.waitFor(`document.getElementById('app')?.dataset.state !== 'writing'`, timeoutMs).catch(() => {});
      return { valid: false, rawBody: req.rawBody };
    }
    if (r.state !== 'done') throw new Error(`the popup ended in state ${r.state}`);
    const m = r.bench.marks;
    return {
      t0: run.t0,
      valid: r.bench.installedAt <= (m.text?.dom ?? Infinity),
      clickToPopupStart: r.timeOrigin - run.t0,
      firstPaint: r.paint['first-paint'] ?? r.paint['first-contentful-paint'] ?? NaN,
      clickToRequest: req.time - run.t0,
      clickToExtracting: (m['state-extracting']?.painted ?? NaN) - run.t0,
      clickToWriting: (m['state-writing']?.painted ?? NaN) - run.t0,
      clickToText: m.text.painted - run.t0,
      requestToText: m.text.painted - req.time,
      requestToDone: m['state-done'].painted - req.time,
      requestToServerEnd: (res?.endedAt ?? NaN) - req.time,
      renders: r.bench.renders,
      renderMs: r.bench.renderMs,
      maxRenderMs: r.bench.maxRenderMs,
      chars: r.chars,
      rawBody: req.rawBody,
      heap: opts.heap ? { during, after } : null,
    };
  } finally {
    await closeRun(run);
  }
}

/** One toolbar click on the minimal extension (bench/minimal-extension.mjs): click → first character painted. */
async function oneMinimal(h, plan) {
  h.server.reset();
  h.server.setHandler(() => plan);
  const run = await clickAndWatch(h, h.server.pageUrl('article'));
  try {
    await run.popup.waitFor(`window.__bench?.late || window.__bench?.marks.text?.painted`, 20_000);
    const b = await run.popup.eval('window.__bench');
    return { valid: !b.late, clickToText: b.marks.text.painted - run.t0 };
  } finally {
    await closeRun(run);
  }
}

/**
 * Section 2's floor (issue 19): Newsmith and the minimal extension, each in its own Chromium, clicked the same way
 * on the same article with the same answer, alternating (which goes first flips every round), `n` times each.
 */
export async function benchFirstWordFloor(h, n = 10) {
  const plan = { chunks: chunksOf(longAnswer(600), 40) };
  const warm = await oneRewrite(h, plan, 20_000);
  const dir = writeMinimalExtension(join(benchDir, 'minimal-extension'), { url: `${h.server.baseURL}/chat/completions`, body: warm.rawBody, key: API_KEY });
  const ext = await h.lib.launchExtension({ extensionDir: dir });
  const minimal = { ...h, ext };
  try {
    await ext.cdp.send('Target.setDiscoverTargets', { discover: true });
    await oneMinimal(minimal, plan); // first click after launch: untimed
    const ours = [];
    const floor = [];
    for (let i = 0; i < n; i++) {
      const pair =
        i % 2 === 0
          ? [() => oneRewrite(h, plan, 20_000), () => oneMinimal(minimal, plan)]
          : [() => oneMinimal(minimal, plan), () => oneRewrite(h, plan, 20_000)];
      for (const run of pair) {
        const r = await run();
        if (!r.valid) continue;
        (r.rawBody !== undefined ? ours : floor).push(r.clickToText);
      }
    }
    return { n, ours: median(ours), minimal: median(floor), ratio: median(ours) / median(floor), counted: { ours: ours.length, minimal: floor.length } };
  } finally {
    await ext.close();
  }
}

/** Section 2 (and the popup's first paint for section 5): median of `n` clicks, and the fetch floor measured between them. */
export async function benchFirstWord(h, n = 10) {
  const answer = longAnswer(600);
  const plan = { chunks: chunksOf(answer, 40) };
  const warm = await oneRewrite(h, plan, 20_000); // first click after launch: untimed
  await workerFetch(h, warm.rawBody);
  await pageFetch(h, warm.rawBody);
  const runs = [];
  const floor = [];
  const pageFloor = [];
  for (let i = 0; i < n; i++) {
    const r = await oneRewrite(h, plan, 20_000);
    runs.push(r);
    h.server.reset();
    h.server.setHandler(() => plan);
    floor.push((await workerFetch(h, r.rawBody)).first);
    const pf = await pageFetch(h, r.rawBody);
    if (pf) pageFloor.push(pf.first);
  }
  const valid = runs.filter((r) => r.valid);
  const med = (k) => median(valid.map((r) => r[k]));
  return {
    n: valid.length,
    invalid: runs.length - valid.length,
    retried: runs.reduce((a, r) => a + r.attempts - 1, 0),
    clickToText: med('clickToText'),
    clickToPopupStart: med('clickToPopupStart'),
    popupFirstPaint: med('firstPaint'),
    clickToRequest: med('clickToRequest'),
    clickToExtracting: med('clickToExtracting'),
    clickToWriting: med('clickToWriting'),
    requestToText: med('requestToText'),
    floorWorker: median(floor),
    floorPage: median(pageFloor),
    overFloor: med('clickToText') - median(floor),
  };
}

/**
 * Counts the reads of every response body in the worker (ReadableStreamDefaultReader.prototype.read, wrapped once):
 * how many, and the largest. A slow consumer gets fewer, larger reads; some SSE parsers cost more per large read.
 */
async function watchWorkerReads(h) {
  await worker(h).evaluate(() => {
    const g = globalThis;
    if (!g.__benchReads) {
      const proto = ReadableStreamDefaultReader.prototype;
      const read = proto.read;
      proto.read = async function (...args) {
        const r = await read.apply(this, args);
        const n = r.value?.byteLength ?? 0;
        if (n) {
          g.__benchReads.count++;
          g.__benchReads.bytes += n;
          if (n > g.__benchReads.max) g.__benchReads.max = n;
        }
        return r;
      };
    }
    g.__benchReads = { count: 0, bytes: 0, max: 0 };
  });
}
const workerReads = (h) => worker(h).evaluate(() => globalThis.__benchReads);

/**
 * Section 3: answers of `chars` characters in 5-character chunks, as fast as the server writes them. The floor
 * (the worker reading the same stream with a plain fetch, same request body) is measured first; then the product,
 * given at most `capMs` to show `done` (past it the figure is a lower bound, and the bench moves on).
 */
export async function benchStreaming(
  h,
  sizes = [
    [5_000, 3],
    [100_000, 1],
  ],
  capMs = 60_000,
) {
  const out = {};
  // The product's request body (the same article and settings on every run), for the floor's fetch.
  let body = null;
  for (const [chars, reps] of sizes) {
    const plan = { chunks: chunksOf(longAnswer(chars), 5) };
    const runs = [];
    const floors = [];
    let floorReads = null;
    for (let i = 0; i < reps; i++) {
      if (body) {
        h.server.reset();
        h.server.setHandler(() => plan);
        await watchWorkerReads(h);
        const f = await workerFetch(h, body);
        floors.push(f.endWall - (h.server.chatRequests[0]?.time ?? NaN));
        floorReads = await workerReads(h);
      }
      let r;
      try {
        r = await oneRewrite(h, plan, capMs, { heap: chars >= 100_000 });
      } catch (err) {
        const arrived = h.server.chatRequests[0]?.time;
        if (!arrived || !/timed out/.test(String(err))) throw err;
        r = {
          valid: true,
          capped: true,
          requestToDone: Date.now() - arrived,
          requestToServerEnd: (h.server.responses[0]?.endedAt ?? NaN) - arrived,
          rawBody: h.server.chatRequests[0].rawBody,
        };
      }
      runs.push(r);
      body = r.rawBody;
      if (!floors.length || floors.length < runs.length) {
        // The very first floor needs the product's request body: measured right after the first product run.
        h.server.reset();
        h.server.setHandler(() => plan);
        await watchWorkerReads(h);
        const f = await workerFetch(h, body);
        floors.push(f.endWall - (h.server.chatRequests[0]?.time ?? NaN));
        floorReads = await workerReads(h);
      }
    }
    const valid = runs.filter((r) => r.valid);
    const med = (k) => median(valid.map((r) => r[k]));
    out[chars] = {
      reps: valid.length,
      capped: valid.some((r) => r.capped),
      chunks: plan.chunks.length,
      requestToDone: med('requestToDone'),
      requestToServerEnd: med('requestToServerEnd'),
      floor: median(floors),
      renders: med('renders'),
      renderMs: med('renderMs'),
      maxRenderMs: med('maxRenderMs'),
      charsShown: med('chars'),
      floorReads,
      heap: valid.find((r) => r.heap)?.heap ?? null,
    };
    out[chars].ratioToFloor = out[chars].requestToDone / out[chars].floor;
  }
  const [small, large] = sizes.map(([c]) => c);
  out.growth = out[large].requestToDone / out[small].requestToDone;
  out.floorGrowth = out[large].floor / out[small].floor;
  return out;
}

/** The e2e article page and the extraction fixture pages of test/fixtures/pages. */
function fixturePages(root) {
  const pages = [['e2e/article.html', readFileSync(join(root, 'test/e2e/fixtures/article.html'), 'utf8')]];
  const dir = join(root, 'test/fixtures/pages');
  for (const name of ['cruft-news.html', 'readability-bbc-1.html.gz', 'readability-lemonde-1.html.gz', 'wcxb-0031.html.gz', 'wcxb-0078.html.gz']) {
    try {
      const buf = readFileSync(join(dir, name));
      pages.push([name.replace(/\.gz$/, ''), (name.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8')]);
    } catch {
      // a fixture another change removed: skip it
    }
  }
  return pages;
}

/**
 * Section 1b: the content script (dist/chrome/content.js, as built) on real pages in Chromium. Each page is loaded
 * `loads` times; each time content.js is evaluated in the page and `__newsmithExtract()` (computed-style hidden
 * check on the live page, clone, extraction) is timed with performance.now() inside the page: the first call
 * (cold: a fresh page and freshly compiled script, as on a real click) and 5 more (warm). JSON.stringify of the
 * result (what executeScript's structured clone carries back) is timed apart.
 */
export async function benchContentScript(h, loads = 3) {
  const code = readFileSync(join(h.root, 'dist/chrome/content.js'), 'utf8');
  const rows = [];
  for (const [name, html] of fixturePages(h.root)) {
    h.server.addPage(`bench-${name}`, html);
    const cold = [];
    const warm = [];
    const inject = [];
    const serialize = [];
    let words = 0;
    for (let i = 0; i < loads; i++) {
      const page = await h.ext.openArticle(h.server.pageUrl(`bench-${name}`));
      try {
        inject.push(
          await page.evaluate((src) => {
            const t0 = performance.now();
            (0, eval)(src);
            return performance.now() - t0;
          }, code),
        );
        for (let k = 0; k < 6; k++) {
          const r = await page.evaluate(() => {
            const t0 = performance.now();
            const result = globalThis.__newsmithExtract();
            const t1 = performance.now();
            JSON.stringify(result);
            return { ms: t1 - t0, ser: performance.now() - t1, words: result.ok ? result.article.wordCount : 0 };
          });
          (k === 0 ? cold : warm).push(r.ms);
          if (k === 0) serialize.push(r.ser);
          words = r.words;
        }
      } finally {
        await page.close();
      }
    }
    rows.push({ name, bytes: Buffer.byteLength(html), words, inject: median(inject), cold: median(cold), warm: median(warm), serialize: median(serialize) });
  }
  return rows;
}
