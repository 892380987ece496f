#!/usr/bin/env node
// npm run bench — Newsmith's own work measured against the physical floor, ten sections, one run, one table.
// The method of each figure is in BENCHMARKS.md ("Performance (npm run bench)"). Timings are reported, never
// asserted: the exit code is 0 whatever the verdicts (the size budget is enforced by scripts/check-size.mjs in CI).
//
//   npm run bench [-- --only 1,4,6] [--no-build]
//
// It builds the extension (scripts/build.mjs) and bench/lib.ts (the TypeScript the Node sections need, bundled with
// Vite into .bench/lib/), then runs: 1 extraction (corpus in Node; content script in Chromium), 2 click to first
// word, 3 streaming render, 4 checks, 5 bundle sizes and popup first paint, 6 token economy, 7 parsers of model
// text on adversarial answers at 1 MB, 8 the popup reopened on a page with 10 stored versions against 1, 9 the
// history page over 500 stored versions of 5,000-word articles (bench/stored-sections.mjs), 10 the checks on the
// labelled set of planted errors and clean paraphrases (bench/labelled-section.mjs: recall per class, false alarms),
// 11 `newsmith batch` on 20 articles at concurrency 3 against the ideal (bench/batch-section.mjs), 12 the extension's
// batch queue on 20 articles at concurrency 3 in Chromium against the ideal, and the worker's heap (bench/queue-section.mjs).
// The corpus is ../shared/corpus beside the repo, or $NEWSMITH_CORPUS; without it sections 1 (Node) and 6 are skipped.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBenchLib, benchDir, root } from './build-lib.mjs';
import { EXTRACTION_ROUNDS, benchChecks, benchExtraction, benchParsers, benchTokens, loadCorpus } from './node-sections.mjs';
import { benchContentScript, benchFirstWord, benchFirstWordFloor, benchStreaming, startBrowserBench } from './browser-sections.mjs';
import { benchHistory, benchPopupReopen } from './stored-sections.mjs';
import { benchCorpusRewrites, benchLabelled, labelledDetails } from './labelled-section.mjs';
import { benchBatch } from './batch-section.mjs';
import { benchQueue } from './queue-section.mjs';
import { fmt, ms, verdict } from './stats.mjs';
import { formatSizeTable, measureSizes } from '../scripts/check-size.mjs';

const argv = process.argv.slice(2);
const opt = { build: !argv.includes('--no-build'), only: null };
const onlyAt = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
if (onlyAt >= 0) {
  const v = argv[onlyAt].includes('=') ? argv[onlyAt].split('=')[1] : argv[onlyAt + 1];
  opt.only = new Set(String(v).split(',').map(Number));
}
const want = (n) => !opt.only || opt.only.has(n);
const corpus = resolve(process.env.NEWSMITH_CORPUS ?? join(root, '..', 'shared', 'corpus'));
const started = Date.now();

function chromiumVersion() {
  try {
    return execFileSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'Chromium: not found';
  }
}

console.log('npm run bench');
console.log(
  `machine: ${cpus()[0]?.model ?? '?'} x${cpus().length} (nproc), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${chromiumVersion()}`,
);
console.log(`corpus: ${corpus}`);
let busy = 0;
try {
  busy = Number(execFileSync('pgrep', ['-c', 'chrom|firefox'], { encoding: 'utf8' }).trim()) || 0;
} catch {
  busy = 0;
}
if (busy) console.log(`note: ${busy} other browser processes were running when the bench started: browser figures may be disturbed`);

if (opt.build) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const lib = await import(pathToFileURL(await buildBenchLib()).href);

/** The summary: one row per figure with a target. */
const rows = [];
const row = (section, measure, figure, target, v) => rows.push({ section, measure, figure, target, verdict: v });
const results = {};

// ---- 1. Extraction (Node, corpus) ----
let corpusPages = null;
let texts = null;
if (want(1) || want(6)) {
  corpusPages = loadCorpus(corpus);
  if (!corpusPages) console.log(`\n(corpus not found at ${corpus}: sections 1 (Node) and 6 skipped; set NEWSMITH_CORPUS)`);
}
if (want(1) && corpusPages) {
  const e = benchExtraction(lib, corpusPages);
  texts = e.texts;
  results.extraction = { ...e, texts: undefined };
  console.log(
    `\n1. Extraction in Node: ${e.pages} corpus pages, parsed before the clock starts; per page the fastest of ${EXTRACTION_ROUNDS} runs of each extractor, interleaved`,
  );
  console.log(`   plain Readability (textContent)  median ${ms(e.plain.median)}  p95 ${ms(e.plain.p95)}  total ${ms(e.plain.total, 0)}`);
  console.log(`   ours (whole extraction)          median ${ms(e.ours.median)}  p95 ${ms(e.ours.p95)}  total ${ms(e.ours.total, 0)}`);
  console.log(
    `   ours ÷ plain: medians ${fmt(e.ratioMedian, 2)}, p95s ${fmt(e.ratioP95, 2)}, totals ${fmt(e.ratioTotal, 2)}, median of per-page ratios ${fmt(e.medianPageRatio, 2)}`,
  );
  console.log(
    `   ours, split (median ms, first run): hidden removal + survey + Readability + blocks (+ recovery run) ${ms(e.stages.readability)}, cleanup + metadata + warnings ${ms(e.stages.cleanup)}; recovery ran on ${
      Object.entries(e.recovery)
        .map(([k, v]) => `${v} (${k})`)
        .join(', ') || '0'
    } pages`,
  );
  if (e.failures.plain || e.failures.ours) console.log(`   threw: plain on ${e.failures.plain} pages, ours on ${e.failures.ours}`);
  row(
    '1 extraction',
    'ours ÷ plain Readability, median ms (Node)',
    `${fmt(e.ratioMedian, 2)} (${ms(e.ours.median)} vs ${ms(e.plain.median)}; p95 ${fmt(e.ratioP95, 2)}, total ${fmt(e.ratioTotal, 2)})`,
    '≤ 1.25',
    verdict(e.ratioMedian <= 1.25),
  );
} else if (want(1)) {
  row('1 extraction', 'ours ÷ plain Readability (Node)', 'no corpus', '≤ 1.25', 'SKIP');
}

// ---- 4. Checks ----
if (want(4)) {
  const c = benchChecks(lib);
  results.checks = c;
  console.log('\n4. Checks: runChecks (facts, originality, SEO) on generated source/rewrite pairs');
  for (const w of [1_000, 10_000]) {
    const parts = Object.entries(c[w].parts)
      .map(([k, v]) => `${k} ${ms(v, 2)}`)
      .join(', ');
    console.log(
      `   ${w.toLocaleString('en-US')} words: median ${ms(c[w].median, 2)}, p95 ${ms(c[w].p95, 2)} (${c[w].reps} runs); medians of the parts alone: ${parts}`,
    );
  }
  console.log(`   10k ÷ 1k: ${fmt(c.ratio, 1)} (10 is linear)`);
  row('4 checks', 'runChecks, 10,000-word pair, median', ms(c[10_000].median), '< 50 ms', verdict(c[10_000].median < 50));
  row('4 checks', 'growth 10k ÷ 1k (linear = 10)', fmt(c.ratio, 1), '≈ 10 (≤ 12.5)', verdict(c.ratio <= 12.5));
}

// ---- 10. Labelled set: planted errors caught, false alarms on clean rewrites ----
if (want(10)) {
  const l = benchLabelled(lib, root);
  results.labelled = { sources: l.sources, cases: l.cases, ...l.score, outcomes: undefined, alarms: undefined };
  const pct = (r, which = 'caught') => `${(100 * lib.recallOf(r, which)).toFixed(0)} %`;
  console.log(
    `\n10. Labelled set: ${l.sources} sources, ${l.score.cleanRewrites} clean rewrites, ${l.score.overall.planted} planted errors (test/fixtures/checks/labelled); caught = a changed-claim, missing- or added-fact finding the clean twin lacks`,
  );
  for (const line of l.table) console.log(line ? `   ${line}` : '');
  if (process.env.LABELLED_VERBOSE === '1') for (const line of labelledDetails(l.score)) console.log(`   ${line}`);
  else console.log('   (LABELLED_VERBOSE=1 lists every missed error and every false alarm)');
  row(
    '10 labelled',
    'planted errors caught, overall',
    `${pct(l.score.overall)} (${l.score.overall.caught}/${l.score.overall.planted})`,
    '≥ 90 %',
    verdict(lib.recallOf(l.score.overall) >= 0.9),
  );
  for (const [cls, r] of Object.entries(l.score.perClass))
    row('10 labelled', `planted ${cls} caught (right class)`, `${pct(r)} (${pct(r, 'rightClass')})`, '≥ 90 %', verdict(lib.recallOf(r) >= 0.9));
  row('10 labelled', 'planted errors caught as their own class, overall', pct(l.score.overall, 'rightClass'), 'reported', '—');
  row(
    '10 labelled',
    'false alarms per clean rewrite',
    `${l.score.falseAlarmRate.toFixed(2)} (${l.score.falseAlarms}/${l.score.cleanRewrites})`,
    '≤ 0.25',
    verdict(l.score.falseAlarmRate <= 0.25),
  );
  const c = benchCorpusRewrites(lib, root);
  results.corpusRewrites = c;
  console.log(
    `   corpus: ${c.rewrites} faithful rewrites of real articles (test/fixtures/checks/corpus): copied warning on ${c.warned}; changed-claim and fact findings ${c.alarms} in all (median ${c.median}, max ${c.max} per rewrite)`,
  );
  row(
    '10 labelled',
    'copied warning on faithful rewrites of real articles',
    `${((100 * c.warned) / c.rewrites).toFixed(0)} % (${c.warned}/${c.rewrites})`,
    '< 10 %',
    verdict(c.warned / c.rewrites < 0.1),
  );
  row(
    '10 labelled',
    'false alarms per faithful rewrite of a real article',
    `${(c.alarms / c.rewrites).toFixed(2)} (${c.alarms}/${c.rewrites})`,
    'reported',
    '—',
  );
}

// ---- 6. Token economy ----
if (want(6) && corpusPages) {
  if (!texts) texts = benchExtraction(lib, corpusPages).texts;
  const t = await benchTokens(lib, corpusPages, texts);
  results.tokens = t;
  console.log(`\n6. Token economy on ${t.pages} corpus pages: tokens sent (our article text, prompt template excluded) ÷ ground-truth tokens`);
  for (const [what, label] of [
    ['ours', 'ours (extracted)'],
    ['visible', 'page visible text'],
  ]) {
    console.log(
      `   ${label.padEnd(18)} o200k: median ${fmt(t[what].real.median, 3)}, aggregate ${fmt(t[what].real.aggregate, 3)}   estimateTokens: median ${fmt(t[what].est.median, 3)}, aggregate ${fmt(t[what].est.aggregate, 3)}`,
    );
  }
  console.log(
    `   estimateTokens ÷ o200k on what we send: ${fmt(t.estimateVsReal, 3)}; pages with nothing extracted: ${t.empty}; pages over 1.5×: ${t.over150}`,
  );
  row(
    '6 tokens',
    'sent ÷ ground truth, o200k, median per page',
    `${fmt(t.ours.real.median, 3)} (aggregate ${fmt(t.ours.real.aggregate, 3)}; estimate ${fmt(t.ours.est.median, 3)})`,
    '≤ 1.08',
    verdict(t.ours.real.median <= 1.08),
  );
  row(
    '6 tokens',
    'page visible text ÷ ground truth, o200k, median',
    `${fmt(t.visible.real.median, 2)} (aggregate ${fmt(t.visible.real.aggregate, 2)})`,
    'reference',
    '—',
  );
} else if (want(6)) {
  row('6 tokens', 'sent ÷ ground truth', 'no corpus', '≤ 1.08', 'SKIP');
}

// ---- 5. Bundle sizes ----
if (want(5)) {
  const s = measureSizes();
  results.sizes = s.rows.map(({ entry, minified, gzip, budget }) => ({ entry, minified, gzip, budget }));
  console.log('\n5. Bundle sizes (dist/chrome as built; minified = bytes on disk, gzip level 9 per file, summed)');
  console.log(formatSizeTable(s).replace(/^/gm, '   '));
  for (const m of s.misplaced) console.log(`   misplaced: ${m}`);
  for (const r of s.rows.filter((x) => x.budget !== null)) {
    row(
      '5 size',
      `${r.entry}${r.entry.endsWith('zip') ? '' : ' (minified)'}`,
      `${fmt(r.minified / 1024)} KiB${r.gzip ? ` (gzip ${fmt(r.gzip / 1024)})` : ''}`,
      `≤ ${fmt(r.budget / 1024, 0)} KiB`,
      verdict(r.minified <= r.budget),
    );
  }
  if (s.misplaced.length) row('5 size', 'SDK only in background, Readability only in content', s.misplaced.join('; '), 'nowhere else', 'FAIL');
  else row('5 size', 'SDK only in background, Readability only in content', 'yes', 'nowhere else', 'PASS');
}

// ---- Browser: 1b, 2, 3, 5b, 8, 9 ----
if (want(1) || want(2) || want(3) || want(5) || want(8) || want(9)) {
  const h = await startBrowserBench(lib, root);
  try {
    if (want(1)) {
      const rowsB = await benchContentScript(h);
      results.contentScript = rowsB;
      console.log(
        '\n1b. Content script in Chromium (dist/chrome/content.js evaluated in the page, __newsmithExtract() timed inside the page; median of 3 loads)',
      );
      console.log(
        `   ${'page'.padEnd(24)} ${'HTML'.padStart(8)} ${'words'.padStart(6)} ${'inject'.padStart(8)} ${'cold'.padStart(9)} ${'warm'.padStart(9)} ${'result→JSON'.padStart(11)}`,
      );
      for (const r of rowsB) {
        console.log(
          `   ${r.name.padEnd(24)} ${`${fmt(r.bytes / 1024, 0)} KiB`.padStart(8)} ${String(r.words).padStart(6)} ${ms(r.inject).padStart(8)} ${ms(r.cold).padStart(9)} ${ms(r.warm).padStart(9)} ${ms(r.serialize, 2).padStart(11)}`,
        );
      }
      const e2e = rowsB[0];
      const worst = rowsB.reduce((a, b) => (b.cold > a.cold ? b : a));
      row(
        '1 extraction',
        'content script in Chromium, e2e article, cold',
        `${ms(e2e.cold)} (+${ms(e2e.inject)} inject; slowest fixture ${worst.name} ${ms(worst.cold)})`,
        'reported',
        '—',
      );
    }
    if (want(2) || want(5)) {
      const f = await benchFirstWord(h, 10);
      results.firstWord = f;
      console.log(`\n2. Click to first word in Chromium (median of ${f.n} clicks; server answers instantly)`);
      console.log(
        `   from the click: popup navigation start ${ms(f.clickToPopupStart)}, popup first paint +${ms(f.popupFirstPaint)}, 'Reading the article…' painted ${ms(f.clickToExtracting)},`,
      );
      console.log(
        `   'Writing…' painted ${ms(f.clickToWriting)}, the chat request reaches the server ${ms(f.clickToRequest)}, first text painted ${ms(f.clickToText)}`,
      );
      console.log(`   request at the server → first text painted: ${ms(f.requestToText)}`);
      console.log(`   floor: the worker's own fetch to the first SSE chunk ${ms(f.floorWorker)} (from an extension page: ${ms(f.floorPage)})`);
      if (f.retried || f.invalid)
        console.log(`   ${f.retried} clicks repeated and ${f.invalid} dropped: the popup's probe was installed after the popup showed something`);
      if (want(2))
        row(
          '2 first word',
          'click → first character painted, minus the floor',
          `${ms(f.overFloor)} (click→text ${ms(f.clickToText)}, floor ${ms(f.floorWorker)})`,
          '≤ 150 ms',
          verdict(f.overFloor <= 150),
        );
      if (want(5)) row('5 start-up', 'popup navigation start → first paint, median', ms(f.popupFirstPaint), 'reported', '—');
    }
    if (want(2)) {
      const m = await benchFirstWordFloor(h, 10);
      results.firstWordFloor = m;
      console.log(
        `   against a minimal extension (its popup asks its worker to fetch the same stream and paints it; own Chromium, clicked the same way, alternating, ${m.counted.ours} + ${m.counted.minimal} clicks): Newsmith ${ms(m.ours)}, minimal ${ms(m.minimal)}`,
      );
      row(
        '2 first word',
        'click → first character painted ÷ minimal extension',
        `${fmt(m.ratio, 2)} (${ms(m.ours)} vs ${ms(m.minimal)})`,
        '≤ 1.1',
        verdict(m.ratio <= 1.1),
      );
    }
    if (want(3)) {
      const s = await benchStreaming(h);
      results.streaming = s;
      console.log('\n3. Streaming render: 5-character chunks, as fast as the server writes; from the request at the server to `done` painted in the popup');
      for (const c of [5_000, 100_000]) {
        const x = s[c];
        console.log(
          `   ${c.toLocaleString('en-US').padStart(7)} chars (${x.chunks} chunks, median of ${x.reps}): done ${x.capped ? '> ' : ''}${ms(x.requestToDone, 0)}${x.capped ? ' (not done when the bench stopped waiting)' : ''}; server wrote the last byte at ${ms(x.requestToServerEnd, 0)}; floor (worker fetch+read) ${ms(x.floor, 0)}; ratio ${fmt(x.ratioToFloor, 2)}`,
        );
        if (!x.capped)
          console.log(
            `           popup: ${fmt(x.renders, 0)} frames rendered, ${ms(x.renderMs, 0)} in render callbacks, longest ${ms(x.maxRenderMs, 0)}; article shows ${x.charsShown} chars`,
          );
        if (x.heap)
          console.log(
            `           JS heap (after a full collection): worker ${fmt(x.heap.during?.worker)} MB during the stream, ${fmt(x.heap.after?.worker)} MB after; popup ${fmt(x.heap.during?.popup)} MB during, ${fmt(x.heap.after?.popup)} MB after`,
          );
        const rd = (r) => (r ? `${r.count} reads of ${fmt(r.bytes / 1024, 0)} KiB, largest ${fmt(r.max / 1024, 1)} KiB` : 'n/a');
        console.log(`           the floor's fetch got the body in ${rd(x.floorReads)}`);
      }
      console.log(`   growth 100k ÷ 5k: ${fmt(s.growth, 1)} (floor's own growth ${fmt(s.floorGrowth, 1)}; linear is 20)`);
      row(
        '3 streaming',
        '5,000 chars: done ÷ floor',
        `${fmt(s[5_000].ratioToFloor, 2)} (${ms(s[5_000].requestToDone, 0)} vs ${ms(s[5_000].floor, 0)})`,
        '≤ 1.5',
        verdict(s[5_000].ratioToFloor <= 1.5),
      );
      row(
        '3 streaming',
        '100,000 ÷ 5,000 chars: done',
        `${s[100_000].capped ? '> ' : ''}${fmt(s.growth, 1)} (${s[100_000].capped ? '> ' : ''}${ms(s[100_000].requestToDone, 0)}; ${fmt(s[100_000].ratioToFloor, 2)}× its floor)`,
        '≤ 25',
        verdict(s.growth <= 25),
      );
    }
    if (want(8)) {
      const p = await benchPopupReopen(h);
      results.popupReopen = p;
      console.log(
        `\n8. Popup reopened on a page with 10 stored versions and on one with 1 (${p.words.toLocaleString('en-US')}-word articles with their sources; ${p.n} clicks each, alternating)`,
      );
      console.log(`   click → the newest version's text painted, median: 1 version ${ms(p.one)}, 10 versions ${ms(p.ten)} (popup shows "${p.versionLine}")`);
      console.log(
        `   all (ms): 1 version ${p.all[0].map((x) => x.toFixed(0)).join(' ')}; 10 versions ${p.all[1].map((x) => x.toFixed(0)).join(' ')}${p.late ? `; ${p.late} opens repeated (probe too late)` : ''}`,
      );
      if (p.reads)
        console.log(
          `   in the worker, the page's versions read whole from the page index (what an open reads for "n of N"): 1 version ${ms(p.reads[0].rows, 2)}, 10 versions ${ms(p.reads[1].rows, 2)}; their keys only: ${ms(p.reads[0].keys, 2)}, ${ms(p.reads[1].keys, 2)}`,
        );
      row('8 reopen', 'popup reopen, 10 versions ÷ 1 version, median', `${fmt(p.ratio, 2)} (${ms(p.ten)} vs ${ms(p.one)})`, '≤ 1.1', verdict(p.ratio <= 1.1));
    }
    if (want(9)) {
      const x = await benchHistory(h);
      results.history = x;
      console.log(
        `\n9. History page over ${x.versions} stored versions of ${x.pages} pages (${x.words.toLocaleString('en-US')}-word articles with their sources, about ${fmt(x.storedMB, 0)} MB as JSON, their summaries ${fmt(x.summariesMB, 1)} MB)`,
      );
      console.log(
        `   first rows, each load (ms): ${x.allFirst.map((v) => Math.round(v)).join(' ')}; every row listed, each load (ms): ${x.allAll.map((v) => Math.round(v)).join(' ')}`,
      );
      console.log(
        `   navigation start → the first rows painted, median of ${x.loads} loads: ${ms(x.firstRows)} (first contentful paint ${ms(x.fcp)}; every row listed and the count painted ${ms(x.allRows)})`,
      );
      for (const q of x.queries)
        console.log(`   search "${q.query}": ${q.matches} entries, input → the list painted ${ms(q.ms)} (median of ${q.reps}); cleared again ${ms(q.clearMs)}`);
      row('9 history', `${x.versions} versions: navigation → first rows painted, median`, ms(x.firstRows), '< 300 ms', verdict(x.firstRows < 300));
      row('9 history', `${x.versions} versions: navigation → every row listed, median`, ms(x.allRows), 'reported', '—');
      row(
        '9 history',
        'search: input → filtered list painted, slowest query median',
        `${ms(x.searchMs)} (clearing: ${ms(x.clearMs)})`,
        '< 100 ms',
        verdict(x.searchMs < 100),
      );
    }
  } finally {
    await h.close();
  }
}

// ---- 7. Parsers of model text on adversarial answers (Node) ----
if (want(7)) {
  const p = benchParsers(lib);
  results.parsers = p;
  console.log(`\n7. Parsers of model text: ${p.pairs} parser × shape pairs at 1 MB, fastest of 5 runs each`);
  for (const r of p.slowest) console.log(`   ${ms(r.ms, 0).padStart(8)}  ${r.parser} / ${r.shape}`);
  console.log(`   median pair ${ms(p.median, 0)}; over ${p.targetMs} ms: ${p.over} of ${p.pairs}`);
  row(
    '7 parsers',
    'slowest parser × shape at 1 MB (fastest of 5)',
    `${ms(p.slowest[0].ms, 0)} (${p.slowest[0].parser} / ${p.slowest[0].shape}; ${p.over} of ${p.pairs} over ${p.targetMs} ms)`,
    `≤ ${p.targetMs} ms`,
    verdict(p.over === 0),
  );
}

// ---- 11. Batch: newsmith batch, 20 articles at concurrency 3, realistic pace (Node) ----
if (want(11)) {
  const b = await benchBatch(lib);
  results.batch = b;
  console.log(`\n11. Batch (CLI): ${b.items} articles at concurrency ${b.concurrency}, 1 s to the first token then 50 tokens/s`);
  console.log(
    `   ${b.done} done (exit ${b.code}, ${b.requests} requests) in ${ms(b.wallMs, 0)}; ideal (sum of the items' times ÷ ${b.concurrency}) ${ms(b.idealMs, 0)}`,
  );
  console.log(`   heap before ${fmt(b.heapBeforeMB)} MB, after ${fmt(b.heapAfterMB)} MB`);
  row(
    '11 batch',
    `${b.items} articles at concurrency ${b.concurrency}: time ÷ ideal`,
    fmt(b.ratio, 2),
    '≤ 1.15',
    verdict(b.ratio <= 1.15 && b.done === b.items && b.requests === b.items),
  );
}

// ---- 12. Batch queue: the extension's queue, 20 articles at concurrency 3, realistic pace (Chromium) ----
if (want(12)) {
  const q = await benchQueue(lib, root);
  results.queue = q;
  const a = q.answer;
  console.log(
    `\n12. Batch queue (extension, own Chromium): ${q.items} articles at concurrency ${q.concurrency} (options page), ${a.firstTokenMs} ms to the first token, then ${a.chunks} chunks ${a.chunkGapMs} ms apart (${a.tokens} o200k tokens, ${fmt((a.tokens / (a.chunks - 1)) * (1000 / a.chunkGapMs), 0)} tokens/s; the plan alone ${ms(a.planMs, 0)})`,
  );
  console.log(
    `   ${q.done} done of ${q.items} (${q.completed} answers complete; one page read each: ${q.oneGetEach ? 'yes' : 'no'}, one request each: ${q.oneChatEach ? 'yes' : 'no'}); requests: ${Object.entries(
      q.kinds,
    )
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  console.log(
    `   add click → last row done ${ms(q.wallMs, 0)}; ideal (sum of the items' page GET → answer end, ${ms(q.sumOwnMs, 0)}, ÷ ${q.concurrency}) ${ms(q.idealMs, 0)}; ratio ${fmt(q.ratio, 3)} (the rounds alone: ${fmt(q.lowerBound, 3)})`,
  );
  console.log(
    `   per item, median: page read and preparation (page GET → chat request) ${ms(q.parts.read, 0)}, chat request → answer end ${ms(q.parts.answer, 0)}, answer end → row done ${ms(q.parts.endToDone, 0)} (row reading → writing ${ms(q.parts.shownReadingToWriting, 0)}); item ${ms(q.ownMedianMs, 0)}`,
  );
  const i = q.idle;
  console.log(
    `   slots idle (slot-ms; ratio − 1 = idle ÷ sum): head (add click → first GETs) ${ms(i.head, 0)}, answer end → row done before the next start ${ms(i.checks, 0)}, row done → next page GET ${ms(i.start, 0)}, tail ${ms(i.tail, 0)}${i.overlaps ? `; ${i.overlaps} items started with no slot free` : ''}`,
  );
  console.log(`   queue page: ${q.redraws} list redraws for the ${q.items}; first row shown ${ms(q.firstShownMs, 0)} after the click`);
  console.log(
    `   worker JS heap after 2 full collections: cold ${fmt(q.heapColdMB)} MB, before the ${q.items} (after an untimed ${q.warmItems}, cleared) ${fmt(q.heapBeforeMB)} MB, after ${fmt(q.heapAfterMB)} MB, after Clear ${fmt(q.heapClearedMB)} MB`,
  );
  row(
    '12 queue',
    `${q.items} articles at concurrency ${q.concurrency}: time ÷ ideal`,
    `${fmt(q.ratio, 2)} (${ms(q.wallMs, 0)} vs ${ms(q.idealMs, 0)})`,
    '≤ 1.15',
    verdict(q.ratio <= 1.15 && q.done === q.items && q.oneChatEach),
  );
  row(
    '12 queue',
    `worker JS heap, after the ${q.items} − before`,
    `${q.heapGrowthMB >= 0 ? '+' : ''}${fmt(q.heapGrowthMB, 2)} MB (${fmt(q.heapBeforeMB)} → ${fmt(q.heapAfterMB)} MB)`,
    '≤ 20 MB',
    verdict(q.heapGrowthMB <= 20 && q.done === q.items),
  );
}

// ---- the table ----
const order = (r) => Number.parseInt(r.section, 10);
rows.sort((a, b) => order(a) - order(b));
const w = {
  section: Math.max(...rows.map((r) => r.section.length), 7),
  measure: Math.max(...rows.map((r) => r.measure.length), 7),
  figure: Math.max(...rows.map((r) => r.figure.length), 6),
  target: Math.max(...rows.map((r) => r.target.length), 6),
};
console.log(`\nSummary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
console.log(`${'section'.padEnd(w.section)} | ${'measure'.padEnd(w.measure)} | ${'figure'.padEnd(w.figure)} | ${'target'.padEnd(w.target)} | verdict`);
console.log(`${'-'.repeat(w.section)}-|-${'-'.repeat(w.measure)}-|-${'-'.repeat(w.figure)}-|-${'-'.repeat(w.target)}-|--------`);
for (const r of rows)
  console.log(`${r.section.padEnd(w.section)} | ${r.measure.padEnd(w.measure)} | ${r.figure.padEnd(w.figure)} | ${r.target.padEnd(w.target)} | ${r.verdict}`);
const failing = rows.filter((r) => r.verdict === 'FAIL');
console.log(failing.length ? `\n${failing.length} target(s) not met: ${failing.map((r) => `${r.section} (${r.measure})`).join('; ')}` : '\nall targets met');
writeFileSync(join(benchDir, 'bench-results.json'), JSON.stringify({ at: new Date().toISOString(), rows, results }, null, 2));
