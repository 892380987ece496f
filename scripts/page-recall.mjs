#!/usr/bin/env node
// Per-page recall on the shared corpus, for quick loops between runs of `npm run bench:extract` (about 20 s, no timing):
// the pages that lose the most ground-truth text, with their P and R as ../shared/corpus/score.mjs scores them, and
// how much of what each lost a cleanup rule dropped (by rule) rather than Readability never picking it.
//
// Usage: node scripts/page-recall.mjs [--no-build] [--top N] [--ids a,b] [--save FILE] [--diff FILE] [--dump ID]
//   --save FILE  per-page scores and texts as JSON; --diff FILE  list the pages whose P or R moved since a saved run;
//   --dump ID    print one page's text, the blocks the cleanup rules dropped, and the ground truth.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodePage } from './decode-page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(process.env.NEWSMITH_CORPUS ?? join(root, '..', 'shared', 'corpus'));
const argv = process.argv.slice(2);
const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const out = join(root, '.bench');
const coreFile = join(out, 'core', 'extract-core.mjs');
if (!argv.includes('--no-build') || !existsSync(coreFile)) {
  const { buildForNode } = await import('../cli/build.mjs');
  await buildForNode('src/extract/node.ts', join(out, 'core'), 'extract-core.mjs');
}
const core = await import(pathToFileURL(coreFile).href);
const gt = JSON.parse(readFileSync(join(corpus, 'extraction', 'ground-truth.json'), 'utf8'));

// Shingles as the metric forms them, only to tell which lost text a cleanup rule dropped (the scores come from score.mjs).
const shingles = (text) => {
  const t = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const s = [];
  for (let i = 0; i < Math.max(1, t.length - 3); i++) if (t.length) s.push(t.slice(i, i + 4).join(' '));
  return s;
};

const dump = opt('--dump');
let ids = Object.keys(gt).sort();
if (dump) ids = [dump];
else if (opt('--ids')) ids = ids.filter((id) => opt('--ids').split(',').includes(id));
const texts = {};
const drops = {};
const recovery = {};
for (const id of ids) {
  const html = decodePage(gunzipSync(readFileSync(join(corpus, 'extraction', 'pages', `${id}.html.gz`))));
  const r = core.extractFromHtml(html, gt[id].url ?? '', {
    minWords: 0,
    onDropped: (d) => (drops[id] = d),
    onRecovery: (x) => (recovery[id] = x),
  });
  texts[id] = r.ok ? r.article.text : '';
}

mkdirSync(out, { recursive: true });
const preds = join(out, 'page-recall-predictions.json');
const scored = join(out, 'page-recall-scores.json');
writeFileSync(preds, JSON.stringify(texts));
const summary = execFileSync(
  process.execPath,
  [join(corpus, 'score.mjs'), '--predictions', preds, '--data', join(corpus, 'extraction'), '--out', scored, '--worst', '0', '--bootstrap', '0', '--quiet'],
  { encoding: 'utf8' },
);
const result = JSON.parse(readFileSync(scored, 'utf8'));
const m = result.metrics;
console.log(`${summary.trim()}\n(4 places: F1 ${m.f1.toFixed(4)} P ${m.precision.toFixed(4)} R ${m.recall.toFixed(4)})`);
const pages = result.pages.filter((p) => ids.includes(p.id));

const rows = pages.map((p) => {
  const ours = new Set(shingles(texts[p.id]));
  const missing = new Set(shingles(gt[p.id].articleBody ?? '').filter((k) => !ours.has(k)));
  const byRule = {};
  for (const { rule, block } of drops[p.id] ?? []) {
    let n = 0;
    for (const k of shingles(block.text)) if (missing.delete(k)) n++;
    if (n) byRule[rule] = (byRule[rule] ?? 0) + n;
  }
  return { id: p.id, P: p.precision ?? 0, R: p.recall ?? 0, predTokens: p.predTokens, trueTokens: p.trueTokens, recovery: recovery[p.id], byRule };
});
if (opt('--save')) writeFileSync(opt('--save'), JSON.stringify({ rows, texts }));
if (opt('--diff')) {
  const before = new Map(JSON.parse(readFileSync(opt('--diff'), 'utf8')).rows.map((r) => [r.id, r]));
  const moved = rows
    .map((r) => ({ id: r.id, dR: r.R - (before.get(r.id)?.R ?? 0), dP: r.P - (before.get(r.id)?.P ?? 0) }))
    .filter((x) => Math.abs(x.dR) > 0.001 || Math.abs(x.dP) > 0.001)
    .sort((a, b) => a.dR + a.dP - (b.dR + b.dP));
  console.log(`pages whose P or R moved since ${opt('--diff')}: ${moved.length}`);
  for (const x of moved) console.log(`  ${x.id.padEnd(14)} ΔR ${x.dR.toFixed(3)}  ΔP ${x.dP.toFixed(3)}`);
}
if (dump) {
  const r = rows[0];
  console.log(`${dump}: P ${r.P.toFixed(3)} R ${r.R.toFixed(3)} recovery ${r.recovery}; lost text a rule dropped: ${JSON.stringify(r.byRule)}`);
  console.log(`--- ours ---\n${texts[dump]}\n--- dropped by the cleanup rules ---`);
  for (const d of drops[dump] ?? []) console.log(`[${d.rule}] ${d.block.text.slice(0, 200)}`);
  console.log(`--- ground truth ---\n${gt[dump].articleBody}`);
} else {
  console.log(`pages by lost recall (R, P, recovery, lost shingles a cleanup rule dropped):`);
  for (const r of [...rows].sort((a, b) => a.R - b.R).slice(0, Number(opt('--top') ?? 40))) {
    console.log(`  ${r.id.padEnd(14)} R ${r.R.toFixed(3)}  P ${r.P.toFixed(3)}  ${r.recovery === 'none' ? '' : r.recovery}  ${JSON.stringify(r.byRule)}`);
  }
}
