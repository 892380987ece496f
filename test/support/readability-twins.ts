/**
 * The extraction run twice, with the patched Readability (what vitest loads, through scripts/vite-readability-safe.mjs)
 * and with the file as published (what Node's own loader reads), on saved pages: for
 * test/unit/readability-patch.test.ts (the fixtures) and test/slow/readability-patch-corpus.test.ts (the corpus).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser as LinkedomDOMParser } from 'linkedom';
import { expect, vi } from 'vitest';
import type Readability from '@mozilla/readability/Readability.js';
import type { ExtractResult } from '../../src/article';
import { extractFromHtml } from '../../src/extract/node';
import { decodePage } from '../../cli/commands/extract';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PAGES = join(ROOT, 'test', 'fixtures', 'pages');
export const CORPUS = resolve(process.env.NEWSMITH_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
export const FAKE_URL = 'http://fakehost/test/page.html';
const MODULE = '@mozilla/readability/Readability.js';

/** The class as published: Node's own loader reads the file, past Vite and its plugins. */
export const Unpatched = createRequire(import.meta.url)(MODULE) as typeof Readability;

/** The extractor (src/extract/node.ts and everything it imports, loaded afresh) with `R` as its Readability. */
export async function extractorWith(R: typeof Readability): Promise<typeof extractFromHtml> {
  vi.resetModules();
  vi.doMock(MODULE, () => ({ default: R }));
  try {
    return (await import('../../src/extract/node')).extractFromHtml;
  } finally {
    vi.doUnmock(MODULE);
  }
}

export interface Page {
  name: string;
  url: string;
  html: string;
}

/** Every saved page in test/fixtures/pages, with the URL its expected.json gives (the readability-* ones have none). */
export function fixturePages(): Page[] {
  const out: Page[] = [];
  for (const file of readdirSync(PAGES).sort()) {
    const m = /^(.+)\.html(?:\.gz)?$/.exec(file);
    if (!m) continue;
    const expected = join(PAGES, `${m[1]}.expected.json`);
    const url = existsSync(expected) ? (JSON.parse(readFileSync(expected, 'utf8')) as { url: string }).url : FAKE_URL;
    out.push({ name: file, url, html: decodePage(readFileSync(join(PAGES, file))) });
  }
  return out;
}

/** The shared corpus (../shared/corpus or $NEWSMITH_CORPUS): extraction/pages and readability-pages; [] when absent. */
export function corpusPages(): Page[] {
  const out: Page[] = [];
  const gtFile = join(CORPUS, 'extraction', 'ground-truth.json');
  if (existsSync(gtFile)) {
    const gt = JSON.parse(readFileSync(gtFile, 'utf8')) as Record<string, { url?: string }>;
    for (const id of Object.keys(gt).sort()) {
      const file = join(CORPUS, 'extraction', 'pages', `${id}.html.gz`);
      if (existsSync(file)) out.push({ name: `extraction/${id}`, url: gt[id]?.url || FAKE_URL, html: decodePage(readFileSync(file)) });
    }
  }
  const rp = join(CORPUS, 'readability-pages');
  if (existsSync(rp)) {
    for (const id of readdirSync(rp).sort()) {
      const file = join(rp, id, 'source.html.gz');
      if (existsSync(file)) out.push({ name: `readability-pages/${id}`, url: FAKE_URL, html: decodePage(readFileSync(file)) });
    }
  }
  return out;
}

/** Runs `fn` and counts the parses the patch's helper made: its calls of linkedom's DOMParser (the published code makes none). */
export function countingHelperParses<T>(fn: () => T): { result: T; parses: number } {
  const spy = vi.spyOn(LinkedomDOMParser.prototype, 'parseFromString');
  try {
    const result = fn();
    const parses = spy.mock.calls.filter(([markup]) => /^(?:<!doctype html>)?<body>/.test(String(markup))).length;
    return { result, parses };
  } finally {
    spy.mockRestore();
  }
}

/** The result, or the error thrown, so that both Readabilities must also fail alike. */
function run(extract: typeof extractFromHtml, p: Page): ExtractResult | { threw: string } {
  try {
    return extract(p.html, p.url, { minWords: 0 });
  } catch (err) {
    return { threw: String(err) };
  }
}

/**
 * Asserts that every page extracts to the same result (text, title, blocks, metadata, warnings, or the same
 * failure) with the patched and the unpatched Readability; returns on how many pages the helper parsed something.
 */
export async function expectSameExtraction(pages: Page[]): Promise<number> {
  const unpatched = await extractorWith(Unpatched);
  let exercised = 0;
  for (const p of pages) {
    const plain = countingHelperParses(() => run(unpatched, p));
    const ours = countingHelperParses(() => run(extractFromHtml, p));
    expect(plain.parses, `${p.name}: the unpatched run called the helper`).toBe(0);
    expect(ours.result, p.name).toEqual(plain.result);
    if (ours.parses > 0) exercised++;
  }
  return exercised;
}
