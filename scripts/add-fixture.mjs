#!/usr/bin/env node
// Creates a new extraction test case in test/fixtures/pages/ from a saved page:
//
//   node scripts/add-fixture.mjs SAVED.html[.gz] CASE-NAME --url URL [--source "where it is from, licence"]
//
// - copies the page to test/fixtures/pages/CASE-NAME.html.gz (gzipped);
// - runs today's extraction on it and writes CASE-NAME.expected.json with the current title and the
//   first and last paragraphs as must-include snippets, and an empty must-exclude list;
// - reminds you to review the JSON (add the cruft that must go to mustExclude) and to add the page's origin
//   and licence to test/fixtures/pages/NOTICE. test/unit/extract-fixtures.test.ts runs every case.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildForNode, root } from '../cli/build.mjs';

const USAGE = 'usage: node scripts/add-fixture.mjs SAVED.html[.gz] CASE-NAME --url URL [--source TEXT] [--force]';
const argv = process.argv.slice(2);
const positional = [];
let url = null;
let source = null;
let force = false;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--url') url = argv[++i];
  else if (argv[i] === '--source') source = argv[++i];
  else if (argv[i] === '--force') force = true;
  else if (argv[i] === '-h' || argv[i] === '--help') {
    console.log(USAGE);
    process.exit(0);
  } else positional.push(argv[i]);
}
const [saved, name] = positional;
if (!saved || !name || !url || positional.length !== 2) {
  console.error(USAGE);
  process.exit(2);
}
if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
  console.error(`case name "${name}": use lower-case letters, digits and "-"`);
  process.exit(2);
}
const pages = join(root, 'test', 'fixtures', 'pages');
const htmlOut = join(pages, `${name}.html.gz`);
const jsonOut = join(pages, `${name}.expected.json`);
if (!force && (existsSync(htmlOut) || existsSync(jsonOut))) {
  console.error(`case ${name} exists already (use --force to overwrite)`);
  process.exit(1);
}

let bytes = readFileSync(saved);
if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
const html = new TextDecoder('utf-8').decode(bytes);

const core = join(root, '.bench', 'core', 'extract-core.mjs');
await buildForNode('src/extract/node.ts', join(root, '.bench', 'core'), 'extract-core.mjs');
const { extractFromHtml } = await import(pathToFileURL(core).href);
const r = extractFromHtml(html, url, { minWords: 0 });
if (!r.ok) {
  console.error(`extraction found no article (${r.reason}: ${r.detail}); the case is written with "ok": false`);
}
const snippet = (t) => (t.length > 120 ? t.slice(0, 120) : t);
const paragraphs = r.ok ? r.article.blocks.filter((b) => b.kind === 'paragraph' && b.text.length >= 40) : [];
const expected = {
  url,
  source: source ?? `saved page ${basename(saved)}: FILL IN origin and licence (and add it to NOTICE)`,
  ok: r.ok,
  ...(r.ok ? { title: r.article.title } : {}),
  mustInclude: r.ok ? [...new Set([paragraphs[0]?.text, paragraphs.at(-1)?.text].filter(Boolean).map(snippet))] : [],
  mustExclude: [],
  ...(r.ok ? { warnings: r.article.warnings.map((w) => w.code) } : {}),
};
writeFileSync(htmlOut, gzipSync(bytes, { level: 9 }));
writeFileSync(jsonOut, `${JSON.stringify(expected, null, 2)}\n`);
console.log(`wrote ${htmlOut}\nwrote ${jsonOut}`);
console.log('Now: 1. check the title and must-include snippets against the page (they are what extraction gives TODAY);');
console.log('     2. put the cruft that must not come through into "mustExclude";');
console.log("     3. add the page's origin and licence to test/fixtures/pages/NOTICE (only pages we may redistribute);");
console.log('     4. npx vitest run --project unit test/unit/extract-fixtures.test.ts');
