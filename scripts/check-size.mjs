// Size budget of the built extension (dist/chrome; run `npm run build` first). Prints the table and exits non-zero
// when an entry is over its budget, or when a heavy library shows up where it is not used. `.ci/run` runs it
// after `npm test`; `npm run bench` prints the same table (section 5).
//
// An entry is everything the browser loads for it: background.js and content.js are single files; a page
// (popup, options, history) is the JS and CSS its index.html references, plus the chunks those scripts import
// statically (shared chunks included), counted once each. A chunk a page imports on demand (the popup's checks
// view, loaded when a finished rewrite is first shown) is not part of its entry: it loads after the first paint, and
// the zip budget counts it. "minified" is the bytes on disk (the build minifies);
// "gzip" is zlib level 9 of each file, summed. The Chrome zip is made in memory by scripts/zip.mjs's zipDirectory.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { version, zipDirectory } from './zip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KiB = 1024;

/** Minified-size budgets in bytes; null: reported, no budget. */
export const BUDGETS = {
  // 180 → 190 KiB: the IndexedDB wrapper (idb) and the version store (issue 13), the stream guard and the output
  // ceiling (issue 12) came in after the 180 KiB budget was set; the openai SDK is still the bulk of it.
  // 190 → 200 KiB (issue 13): the job core (src/pipeline.ts, the job states and their reader, ~5 KiB over the
  // writer it replaced), the body's grammar read once into blocks (src/rewrite/blocks.ts, ~2.5 KiB, in the checks)
  // and each version's history summary written beside it (~2.3 KiB): 198.0 KiB when it was set.
  // 200 → 300 KiB (issue 14): the checks read four languages and compare claims. Sentence alignment and the
  // changed-claims check with their word lists for en/de/fr/es (~55 KiB), numbers, dates, names and credits in
  // four languages (~15 KiB), reading ease per language, the targeted revisions (~4 KiB),
  // the facts' false-alarm rules: 290.8 KiB when it was set.
  // The worker cannot load code on demand (no import() in a service worker), and the checks must run there: a
  // finished rewrite is checked and stored with its checks while the popup may be closed.
  // 300 → 330 KiB (issue 14, second round; issue 15): claims read by each sentence's names, credits, rates and quote
  // marks, denial and admission verbs in four languages, the invented-claim detector with its filler lists
  // (src/checks/invented.ts), and the answer's label grammar in four languages (src/rewrite/labels.ts): 319.0 KiB when
  // it was set.
  // 330 → 338 KiB (issue 16): paragraph revisions and edits from the review page (src/revise-paragraph.ts with its
  // prompts, the body's paragraphs placed in src/review/paragraphs.ts), the latest-rewrite offer, the recent list and
  // the side panel's menu and shortcut: 334.0 KiB when it was set.
  // 338 → 339 KiB (issue 16): the keyless probe of a chosen preset's server (probeEndpoint and its message), so a
  // preset that answers extension requests is saved with no permission prompt: 338.1 KiB when it was set.
  // 339 → 352 KiB (issue 18): WordPress drafts from the extension: the REST client (src/publish: the API found from
  // the Link header or its two URL forms, every fault in words), the draft built from the version, and the Test and
  // Send handlers with the version's record of where it went: 350.4 KiB when it was set; 352.1 KiB with plain http
  // to another computer refused and an answer without a post id said (353 KiB then).
  // 353 → 367 KiB (issue 17): the batch queue's runner (background/queue.ts), its rules and store (src/queue,
  // lib/queue-store.ts), the queued jobs in the job owner, and the off-screen reader's client (its extraction is in
  // the offscreen page, not here): 366.3 KiB when it was set. 367 → 370 KiB: the queue's pace under 429s, its budget
  // cap and its line moves: 368.9 KiB when it was set. 370 → 371 KiB: the feed source (its read asked of the reader,
  // the pages already rewritten left out): 370.0 KiB when it was set.
  background: 371 * KiB,
  // 60 → 70 KiB (issue 12): the page's visibility judged from layout (src/extract/visible.ts, ~6 KiB) and DOM reads
  // that markup cannot shadow (src/extract/dom.ts); Readability and the cleanup rules are the other ~60.
  // 70 → 84 KiB (issue 15): cleanup rules for social embeds, newsletter boxes, correction notes and author bios in
  // four languages, streamed server rendering put in place (src/extract/streamed.ts), the slideshow recovery, and
  // what stands after the story's last paragraph read for a gate (src/extract/gate.ts): 80.6 KiB when it was set.
  // 84 → 92 KiB (issue 15, second round): the "most read" / "recommended" list, live-blog navigation and repeated-block
  // rules in four languages, the recovery of a story split into sibling boxes, and the gate read without a marked story
  // region: 89.8 KiB when it was set.
  // 92 → 95 KiB (issue 16): the editor check a click makes before reading the page (src/extract/editor-page.ts, ~1.4
  // KiB), so a CMS tab is offered the latest rewrite instead of a paid rewrite of itself: 92.5 KiB when it was set.
  // 95 → 98 KiB (issue 15, third round): story boxes named like widgets or headers judged by the prose they hold
  // (src/extract/weighed-names.ts, header-names.ts, prose.ts), listicle items read by their paragraphs: 96.3 KiB
  // when it was set.
  content: 98 * KiB,
  // 60 → 64 KiB: the version switcher and the quota notice (issue 13), the linear-time parsers (issue 12).
  // 64 → 66 KiB (issue 13): the article drawn from the grammar's blocks (lists, quotes, rules; copied runs marked inside them).
  // 66 → 76 KiB (issue 15): the answer's label grammar in four languages, read while the answer streams
  // (src/rewrite/labels.ts), and the confirmation's preview of the extracted text: 73.9 KiB when it was set.
  // 76 → 80 KiB (issue 15): closing chatter read as a class in four languages while the answer streams, so that it
  // is held back rather than shown and taken away (src/rewrite/closing.ts, ~5 KiB of words): 79.2 KiB when it was set.
  // 80 → 84 KiB (issue 16): the offer of the latest rewrite on an editor tab, Copy for CMS with the copy shortcuts,
  // and opening the side panel; the panel's own start and its list of recent rewrites load only in the panel:
  // 80.3 KiB when it was set.
  // 84 → 87 KiB (issue 18): Send to WordPress as draft, with the post's link, the site's words on failure, and the
  // replace-or-new choice for a new version of a page already sent: 86.2 KiB when it was set.
  // 87 → 88 KiB (issue 17): the queue page's link and the queue's messages in the one protocol: 87.7 KiB when it was set.
  popup: 88 * KiB,
  options: 60 * KiB,
  history: null,
  // The batch queue's page reader: content.js's extraction core, the fetch and the charset rules: 105.8 KiB when it was set.
  // 108 → 110 KiB: RSS and Atom feeds read there too (src/queue/feed.ts): 108.7 KiB when it was set.
  offscreen: 110 * KiB,
  // 250 → 265 KiB (issue 16): the review page, and the workspace's words in four catalogs: 259.9 KiB when it was set.
  // 265 → 266 KiB (issue 16): the preset probe in the worker and the options page: 265.4 KiB when it was set.
  // 266 → 279 KiB (issue 18): WordPress drafts in the worker, the popup, the review page and the options, and their
  // words in four catalogs: 277.0 KiB when it was set.
  // 279 → 330 KiB (issue 17): the offscreen page (the extraction core a second time, as its own page: ~35 KiB
  // compressed), the queue page, and the queue's words in four catalogs: 327.7 KiB when it was set. 330 → 334 KiB: the
  // queue's ZIP export (its own small zip writer) and the budget, pace and line-move words: 332.0 KiB when it was set.
  // 334 → 337 KiB: the feed source and its words in four catalogs: 335.4 KiB when it was set.
  'chrome zip': 337 * KiB,
  'firefox zip': null,
};

/**
 * Interim CI limits where the build is known to miss a target: CI then fails on growth past today's size instead
 * of on the known miss, and says so. The target stays in BUDGETS (npm run bench reports it as FAIL).
 */
export const CI_LIMITS = {};

/** Where a library may be: a marker string that survives minification, and the entries allowed to carry it. */
const PLACEMENT = [
  { library: 'openai SDK', marker: 'x-stainless', allowed: ['background'] },
  { library: 'Readability', marker: '_grabArticle', allowed: ['content', 'offscreen'] },
  // The tests' stand-in for Chrome's LanguageModel (test/support/language-model-stand-in.ts) must never ship.
  { library: 'the LanguageModel stand-in (tests only)', marker: 'newsmith-language-model-stand-in', allowed: [] },
];

/** The files an extension page loads: its HTML's scripts, module preloads and styles, then static imports, transitively. */
function pageFiles(dir, htmlPath) {
  const html = readFileSync(join(dir, htmlPath), 'utf8');
  const base = dirname(join(dir, htmlPath));
  const queue = [];
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"[^>]*>/g)) {
    const ref = m[1];
    if (/^[a-z]+:/i.test(ref) || !/\.(?:m?js|css)$/.test(ref)) continue;
    queue.push(resolve(base, ref));
  }
  const seen = new Set();
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    // Static imports only: `import … from"./x.js"`, `import"./x.js"`, `export … from"./x.js"`. Dynamic import() is lazy.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) queue.push(resolve(dirname(file), m[1]));
  }
  return [...seen];
}

function measureFiles(entry, files) {
  let minified = 0;
  let gzip = 0;
  for (const f of files) {
    const data = readFileSync(f);
    minified += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { entry, files, minified, gzip, budget: BUDGETS[entry] ?? null };
}

/** Sizes of every entry and both zips, with budgets and placement problems. */
export function measureSizes(distRoot = join(root, 'dist')) {
  const dir = join(distRoot, 'chrome');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${relative(root, dir)}/manifest.json is missing: run \`npm run build\` first.`);
  const rows = [
    measureFiles('background', [join(dir, 'background.js')]),
    measureFiles('content', [join(dir, 'content.js')]),
    measureFiles('popup', pageFiles(dir, 'popup/index.html')),
    measureFiles('options', pageFiles(dir, 'options/index.html')),
    measureFiles('history', pageFiles(dir, 'history/index.html')),
    measureFiles('offscreen', pageFiles(dir, 'offscreen/index.html')),
  ];
  for (const browser of ['chrome', 'firefox']) {
    const zip = zipDirectory(join(distRoot, browser));
    rows.push({
      entry: `${browser} zip`,
      files: [`newsmith-${browser}-${version()}.zip`],
      minified: zip.length,
      gzip: null,
      budget: BUDGETS[`${browser} zip`] ?? null,
    });
  }
  const misplaced = [];
  for (const row of rows.filter((r) => !r.entry.endsWith(' zip'))) {
    const code = row.files
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const p of PLACEMENT)
      if (!p.allowed.includes(row.entry) && code.includes(p.marker))
        misplaced.push(`${p.library} is bundled into ${row.entry} (only ${p.allowed.join(', ')} should carry it)`);
  }
  return { rows, misplaced, dir };
}

const kib = (n) => (n === null ? '—' : `${(n / KiB).toFixed(1)} KiB`);

export function formatSizeTable({ rows, dir }) {
  const lines = [];
  lines.push(`${'entry'.padEnd(12)} ${'minified'.padStart(11)} ${'gzip'.padStart(10)} ${'budget'.padStart(11)}  verdict  files`);
  for (const r of rows) {
    const verdict = r.budget === null ? '—' : r.minified <= r.budget ? 'PASS' : 'FAIL';
    const files = r.files.map((f) => (f.startsWith('/') ? relative(dir, f) : f)).join(' ');
    lines.push(
      `${r.entry.padEnd(12)} ${kib(r.minified).padStart(11)} ${kib(r.gzip).padStart(10)} ${(r.budget === null ? '—' : `≤ ${kib(r.budget)}`).padStart(11)}  ${verdict.padEnd(7)}  ${files}`,
    );
  }
  return lines.join('\n');
}

export function overBudget(rows) {
  return rows.filter((r) => r.budget !== null && r.minified > r.budget);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let result;
  try {
    result = measureSizes();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  console.log('size budget (dist/chrome; minified = bytes on disk)');
  console.log(formatSizeTable(result));
  const limit = (r) => CI_LIMITS[r.entry] ?? r.budget;
  const over = result.rows.filter((r) => limit(r) !== null && r.minified > limit(r));
  for (const r of overBudget(result.rows).filter((r) => !over.includes(r))) {
    console.log(
      `known miss: ${r.entry} is ${kib(r.minified)}, over its target ${kib(r.budget)} but within the interim CI limit ${kib(limit(r))} (see BENCHMARKS.md)`,
    );
  }
  for (const r of over) console.error(`over budget: ${r.entry} is ${kib(r.minified)}, limit ${kib(limit(r))} (+${kib(r.minified - limit(r))})`);
  for (const m of result.misplaced) console.error(`misplaced: ${m}`);
  if (over.length || result.misplaced.length) process.exit(1);
  console.log('all entries within their CI limits');
}
