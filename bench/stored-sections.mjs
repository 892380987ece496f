// The sections of `npm run bench` about stored versions, in real Chromium (the built dist/chrome through the
// harness of browser-sections.mjs): 8, the popup reopened on a page with 10 versions against a page with 1;
// 9, the history page over 500 versions of 5,000-word articles (first paint of the list, and search).
//
// The versions are written straight into the extension's own IndexedDB (the database and stores of
// lib/version-db.ts, rows made by lib/version-store.ts's rowOf, see bench/stored-versions.ts) from an extension
// page, in batches: what a long use of the extension leaves there, without running 500 rewrites.
import { clickAndWatch } from './browser-sections.mjs';
import { median } from './stats.mjs';

/** Rows and sources per evaluate call: each call carries a few MB of JSON over CDP. */
const BATCH = 25;

/** The helper tab at the extension's origin (the harness's clipboard page at manifest.json). */
async function extensionPage(h) {
  await h.ext.readClipboard().catch(() => '');
  const page = h.ext.context.pages().find((p) => p.url().startsWith(h.ext.origin));
  if (!page) throw new Error('no extension page to write the version database from');
  return page;
}

/** Empties the versions, summaries and sources stores, so a section counts only the versions it wrote. */
async function clearVersions(page) {
  await page.evaluate(async (name) => {
    const deadline = Date.now() + 10_000;
    // The worker creates (and upgrades) the database at start-up; wait for it rather than create an empty one.
    while (!(await indexedDB.databases()).some((d) => d.name === name)) {
      if (Date.now() > deadline) throw new Error(`no ${name} database after 10 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(['versions', 'summaries', 'sources'], 'readwrite');
    tx.objectStore('versions').clear();
    tx.objectStore('summaries').clear();
    tx.objectStore('sources').clear();
    await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
    db.close();
  }, 'newsmith');
}

/** Writes the rows with their summaries and sources, BATCH at a time, each batch one transaction (as the store does). */
async function writeVersions(page, set) {
  for (let i = 0; i < set.rows.length; i += BATCH) {
    await page.evaluate(
      async ({ name, rows, summaries, sources }) => {
        const db = await new Promise((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const tx = db.transaction(['versions', 'summaries', 'sources'], 'readwrite');
        for (const r of rows) tx.objectStore('versions').put(r);
        for (const s of summaries) tx.objectStore('summaries').put(s);
        for (const [id, a] of sources) tx.objectStore('sources').put(a, id);
        await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
        db.close();
      },
      { name: 'newsmith', rows: set.rows.slice(i, i + BATCH), summaries: set.summaries.slice(i, i + BATCH), sources: set.sources.slice(i, i + BATCH) },
    );
  }
}

/**
 * Section 8: two tabs, one page with 1 stored version and one with 10 (finished rewrites of `words`-word articles,
 * with their sources). The toolbar is clicked `n` times on each, alternating (ABAB…, then BABA… on the second half),
 * after one untimed open of each. Each time: click → the newest version's text painted in the popup (POPUP_INIT's
 * `text` mark: the first frame with the headline or article in the DOM, painted), and → the version line painted.
 */
export async function benchPopupReopen(h, { n = 20, words = 5_000 } = {}) {
  const { lib, ext, server } = h;
  const urls = [server.pageUrl('article', { bench: 'one-version' }), server.pageUrl('article', { bench: 'ten-versions' })];
  const set = lib.storedVersions(urls, [1, 10], words);
  const helper = await extensionPage(h);
  await clearVersions(helper);
  await writeVersions(helper, set);
  const newest = [set.rows[0].job, set.rows.at(-1).job].map((j) => j.text.split('\n')[0].replace(/^#\s*/, ''));
  const tabs = [];
  for (const url of urls) tabs.push(await ext.openArticle(url));
  server.reset();
  const times = [[], []];
  let late = 0;
  const once = async (which, timed) => {
    for (let attempt = 1; ; attempt++) {
      const run = await clickAndWatch(h, urls[which], tabs[which]);
      try {
        await run.popup.waitFor(`window.__bench?.late || window.__bench?.marks.text?.painted`, 15_000);
        const r = await run.popup.eval(`({ bench: window.__bench, headline: document.querySelector('[data-testid="headline"]')?.textContent ?? '',
          version: document.querySelector('[data-testid="version"]')?.textContent ?? '', state: document.getElementById('app')?.dataset.state })`);
        if (r.bench.late) {
          late++;
          if (attempt < 3) continue;
          throw new Error('the popup showed the stored version before its probe was installed, 3 times');
        }
        if (r.headline !== newest[which]) throw new Error(`the popup showed "${r.headline}", not the newest version "${newest[which]}"`);
        if (timed) times[which].push(r.bench.marks.text.painted - run.t0);
        return r;
      } finally {
        await run.popup.close().catch(() => {});
      }
    }
  };
  await once(0, false);
  const shown = await once(1, false);
  for (let i = 0; i < n; i++) {
    const order = i < n / 2 ? [0, 1] : [1, 0];
    for (const which of order) await once(which, true);
  }
  for (const t of tabs) await t.close().catch(() => {});
  const reads = await workerReads(h, set.rows[0].page, set.rows.at(-1).page);
  if (server.chatRequests.length) throw new Error(`${server.chatRequests.length} chat requests: a stored version was rewritten again`);
  const one = median(times[0]);
  const ten = median(times[1]);
  return { n, words, one, ten, ratio: ten / one, late, versionLine: shown.version, all: times, reads };
}

/**
 * Where a difference would come from: in the service worker, the read a popup open makes of the page's versions
 * (lib/version-store.ts versions(): every row of the page from the page index, whole) against a key-only read of
 * the same index, for each page; median of 10 of each, raw IndexedDB (the store's readJob pass is not included).
 */
async function workerReads(h, ...pages) {
  const w = h.ext.context.serviceWorkers().find((x) => x.url().startsWith(h.ext.origin));
  if (!w) return null;
  return w.evaluate(
    async ({ name, pages }) => {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const time = async (page, how) => {
        const ms = [];
        for (let i = 0; i < 10; i++) {
          const t0 = performance.now();
          await new Promise((resolve, reject) => {
            const index = db.transaction('versions').objectStore('versions').index('page');
            const req = index[how](IDBKeyRange.bound([page, -Infinity], [page, Infinity]));
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          ms.push(performance.now() - t0);
        }
        ms.sort((a, b) => a - b);
        return (ms[4] + ms[5]) / 2;
      };
      const out = [];
      for (const page of pages) out.push({ rows: await time(page, 'getAll'), keys: await time(page, 'getAllKeys') });
      db.close();
      return out;
    },
    { name: 'newsmith', pages },
  );
}

/**
 * Installed in the history page before its scripts run (addInitScript). `firstRows`: the first frame with an entry
 * in the list has been painted (the rAF after the DOM change, then a message posted from it, which runs after that
 * frame's paint), in ms since the navigation started (performance.now()). `allRows`: the same for the moment the
 * list holds an entry for every stored version. `search(query)` sets the search box, dispatches one input event and
 * resolves with ms from the dispatch to the frame that shows the changed list painted.
 */
const HISTORY_INIT = `(() => {
  const b = (window.__bench = { firstRows: null, allRows: null });
  const afterPaint = (fn) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = fn;
    ch.port2.postMessage(0);
  });
  const watch = () => {
    const list = document.querySelector('[data-testid="entries"]');
    if (!list) return requestAnimationFrame(watch);
    const seen = () => {
      if (b.firstRows === null && list.querySelector('[data-testid="entry"]')) {
        b.firstRows = -1;
        afterPaint(() => (b.firstRows = performance.now()));
      }
      if (b.allRows === null && b.want && list.querySelectorAll('[data-testid="entry"]').length === b.want) {
        b.allRows = -1;
        afterPaint(() => (b.allRows = performance.now()));
      }
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, characterData: true });
    seen();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch); else watch();
  b.search = (query) => new Promise((resolve) => {
    const input = document.querySelector('[data-testid="search"]');
    const list = document.querySelector('[data-testid="entries"]');
    let t0 = 0;
    const obs = new MutationObserver(() => {
      obs.disconnect();
      afterPaint(() => resolve({ ms: performance.now() - t0, entries: list.querySelectorAll('[data-testid="entry"]').length }));
    });
    obs.observe(list, { subtree: true, childList: true, attributes: true });
    input.value = query;
    t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
})()`;

/**
 * How many versions each of the pages has: 240 pages with one, 40 with three, 20 with seven: 500 in all on 300 pages. Every
 * page's versions are written at different times (round-robin), so a page's versions are apart in time.
 */
function historyShape() {
  const versions = [];
  for (let i = 0; i < 300; i++) versions.push(i % 15 === 7 ? 7 : i % 15 === 3 || i % 15 === 11 ? 3 : 1);
  return versions;
}

/** Section 9: the history page over many stored versions: first paint of the list over `loads` loads, then search. */
export async function benchHistory(h, { loads = 5, words = 5_000, reps = 3 } = {}) {
  const { lib, ext, server } = h;
  const shape = historyShape();
  const urls = shape.map((_, i) => server.pageUrl('article', { story: String(i) }));
  const set = lib.storedVersions(urls, shape, words);
  const helper = await extensionPage(h);
  await clearVersions(helper);
  await writeVersions(helper, set);
  const storedMB = set.rows.reduce((a, r, i) => a + JSON.stringify(r).length + JSON.stringify(set.sources[i][1]).length, 0) / 2 ** 20;
  const summariesMB = set.summaries.reduce((a, s) => a + JSON.stringify(s).length, 0) / 2 ** 20;
  const want = set.rows.length;
  const url = `${ext.origin}/history/index.html`;
  const first = [];
  const all = [];
  const fcp = [];
  let page = null;
  for (let i = 0; i <= loads; i++) {
    await page?.close();
    page = await ext.context.newPage();
    await page.addInitScript(`${HISTORY_INIT}; window.__bench.want = ${want};`);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench?.firstRows > 0 && window.__bench?.allRows > 0, null, { timeout: 60_000 });
    const r = await page.evaluate(() => ({ ...window.__bench, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN }));
    if (i === 0) continue; // the first load after the writes: untimed
    first.push(r.firstRows);
    all.push(r.allRows);
    fcp.push(r.fcp);
  }
  // Queries a reader might type: a place, a subject, a version's "Take 3", and one that finds nothing.
  const queries = ['kingsbridge', 'flood defences', 'take 3', 'no such story'];
  const out = [];
  for (const query of queries) {
    const times = [];
    const clears = [];
    let matches = 0;
    for (let k = 0; k < reps; k++) {
      const r = await page.evaluate((q) => window.__bench.search(q), query);
      times.push(r.ms);
      matches = r.entries;
      clears.push((await page.evaluate(() => window.__bench.search(''))).ms);
    }
    out.push({ query, matches, reps, ms: median(times), clearMs: median(clears) });
  }
  await page.close();
  return {
    versions: want,
    pages: shape.length,
    words,
    storedMB,
    summariesMB,
    loads,
    firstRows: median(first),
    allRows: median(all),
    fcp: median(fcp),
    queries: out,
    searchMs: Math.max(...out.map((q) => q.ms)),
    clearMs: Math.max(...out.map((q) => q.clearMs)),
    allFirst: first,
    allAll: all,
  };
}
