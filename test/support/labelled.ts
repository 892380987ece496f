/**
 * The labelled set of issue 14 (test/fixtures/checks/labelled/<id>.json): source articles, each with clean heavy
 * paraphrases and planted errors (one substring of a clean rewrite replaced). This file reads and validates the
 * files and turns them into cases the checks run on; labelled-score.ts scores the findings.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAnswer } from '../../src/rewrite/split';

/** The classes of planted error, one per kind of change the claims check reports. */
export const PLANTED_CLASSES = ['figure', 'unit', 'date', 'name-swap', 'negation', 'certainty', 'attribution', 'invented'] as const;
export type PlantedClass = (typeof PLANTED_CLASSES)[number];

export const LABELLED_LANGS = ['en', 'de', 'fr', 'es'] as const;
export type LabelledLang = (typeof LABELLED_LANGS)[number];

/** Where the files live, from the repository root. */
export const LABELLED_DIR = 'test/fixtures/checks/labelled';

/** Sources per rewrite language the issue asks for (cross-language sources not counted). */
export const MIN_SOURCES_PER_LANG = 3;

export interface Planted {
  class: PlantedClass;
  /** Index into `clean` of the rewrite the error is planted in. */
  clean: number;
  /** Exact text occurring once in that clean rewrite, and what replaces it. */
  from: string;
  to: string;
  note: string;
}

export interface LabelledSource {
  id: string;
  /** The rewrite's language. */
  lang: LabelledLang;
  /** The source's language when it differs from the rewrite's. */
  sourceLang?: LabelledLang;
  /** Title, blank line, article text (paragraphs separated by blank lines). */
  source: string;
  /** Model answers: "# Headline", blank line, Markdown body. */
  clean: string[];
  planted: Planted[];
}

export interface LabelledCase {
  /** "<source id>/clean-<i>" or "<source id>/<class>-<j>" (j: index in `planted`). */
  key: string;
  id: string;
  lang: LabelledLang;
  sourceLang: LabelledLang;
  /** null for a clean rewrite. */
  class: PlantedClass | null;
  /** The clean rewrite this case is (clean) or was planted in (planted). */
  cleanIndex: number;
  note: string | null;
  source: string;
  headline: string;
  body: string;
}

/** Every labelled file in `dir`, sorted by name, parsed as JSON (not yet validated). */
export function readLabelled(dir: string): { file: string; data: unknown }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, data: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown }));
}

const count = (text: string, part: string): number => {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0 && part !== ''; at = text.indexOf(part, at + 1)) n++;
  return n;
};

const words = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

const isLang = (v: unknown): v is LabelledLang => typeof v === 'string' && (LABELLED_LANGS as readonly string[]).includes(v);
const isClass = (v: unknown): v is PlantedClass => typeof v === 'string' && (PLANTED_CLASSES as readonly string[]).includes(v);

/** Quoted passages: straight and curly English quotes, German „…“, French and Spanish «…». */
const QUOTE = /"([^"\n]+)"|“([^”\n]+)”|„([^“\n]+)“|«\s*([^»\n]+?)\s*»/g;
const squash = (t: string): string =>
  t
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:!?]+$/, '')
    .trim();

/** The quotes of a rewrite that the source does not hold word for word (closing punctuation aside). */
export function quotesNotInSource(source: string, rewrite: string): string[] {
  const flat = source.replace(/\s+/g, ' ');
  return [...rewrite.matchAll(QUOTE)].map((m) => squash(m.slice(1).find((g) => g !== undefined) ?? '')).filter((q) => !flat.includes(q));
}

/** The rewrite with a planted error applied. */
export function applyPlanted(clean: string, p: Pick<Planted, 'from' | 'to'>): string {
  const at = clean.indexOf(p.from);
  return clean.slice(0, at) + p.to + clean.slice(at + p.from.length);
}

/** What is wrong with one file, as sentences ([] when nothing is). */
export function validateSource(file: string, data: unknown): string[] {
  const problems: string[] = [];
  const bad = (msg: string): number => problems.push(`${file}: ${msg}`);
  if (typeof data !== 'object' || data === null) return [`${file}: not an object`];
  const s = data as Partial<Record<keyof LabelledSource, unknown>>;
  if (typeof s.id !== 'string' || `${s.id}.json` !== file) bad(`id ${JSON.stringify(s.id)} does not match the file name`);
  if (!isLang(s.lang)) bad(`lang ${JSON.stringify(s.lang)} is not one of ${LABELLED_LANGS.join(', ')}`);
  if (s.sourceLang !== undefined && !isLang(s.sourceLang)) bad(`sourceLang ${JSON.stringify(s.sourceLang)} is not a UI language`);
  if (typeof s.source !== 'string' || !/^[^\n]+\n\n\S/.test(s.source)) bad('source is not "<title>\\n\\n<text>"');
  else if (words(s.source) < 300 || words(s.source) > 700) bad(`source has ${words(s.source)} words (300–700 expected)`);
  const clean = Array.isArray(s.clean) ? s.clean : [];
  if (clean.length < 2) bad(`${clean.length} clean rewrites (2 or more expected)`);
  clean.forEach((c: unknown, i) => {
    if (typeof c !== 'string' || !c.startsWith('# ')) return void bad(`clean[${i}] does not start with "# Headline"`);
    const parsed = parseAnswer(c, { final: true });
    if (parsed.headline === '' || words(parsed.body) < 200)
      bad(`clean[${i}] parses to a headline "${parsed.headline}" and ${words(parsed.body)} words of body`);
    if (c === s.source) bad(`clean[${i}] is the source itself`);
    if (typeof s.source === 'string' && (s.sourceLang === undefined || s.sourceLang === s.lang))
      for (const q of quotesNotInSource(s.source, c)) bad(`clean[${i}] quotes "${q}", which the source does not say word for word`);
  });
  const planted = Array.isArray(s.planted) ? s.planted : [];
  const seen = new Set<string>();
  planted.forEach((p: unknown, j) => {
    const at = `planted[${j}]`;
    if (typeof p !== 'object' || p === null) return void bad(`${at} is not an object`);
    const q = p as Partial<Record<keyof Planted, unknown>>;
    if (!isClass(q.class)) bad(`${at}: class ${JSON.stringify(q.class)} is not one of ${PLANTED_CLASSES.join(', ')}`);
    else seen.add(q.class);
    if (typeof q.clean !== 'number' || !Number.isInteger(q.clean) || q.clean < 0 || q.clean >= clean.length)
      return void bad(`${at}: clean ${String(q.clean)} is not a clean rewrite's index`);
    if (typeof q.from !== 'string' || typeof q.to !== 'string') return void bad(`${at}: from and to must be strings`);
    const target = clean[q.clean];
    const n = typeof target === 'string' ? count(target, q.from) : 0;
    if (n !== 1) bad(`${at} (${String(q.class)}): "${q.from}" occurs ${n} times in clean[${q.clean}] (exactly once expected)`);
    if (q.from === q.to) bad(`${at}: from and to are the same`);
    if (typeof q.note !== 'string' || q.note.trim() === '') bad(`${at}: no note`);
  });
  for (const c of PLANTED_CLASSES) if (!seen.has(c)) bad(`no planted error of class ${c}`);
  return problems;
}

/** What is wrong with the set as a whole: every file's problems, duplicate ids, too few sources in a language. */
export function validateLabelled(files: readonly { file: string; data: unknown }[], minPerLang = MIN_SOURCES_PER_LANG): string[] {
  const problems = files.flatMap(({ file, data }) => validateSource(file, data));
  const perLang = new Map<string, number>();
  for (const { data } of files) {
    const s = data as Partial<LabelledSource>;
    if (s.sourceLang === undefined || s.sourceLang === s.lang) perLang.set(String(s.lang), (perLang.get(String(s.lang)) ?? 0) + 1);
  }
  for (const lang of LABELLED_LANGS) {
    const n = perLang.get(lang) ?? 0;
    if (n < minPerLang) problems.push(`${lang}: ${n} sources (at least ${minPerLang} expected)`);
  }
  return problems;
}

/** The files of `dir`, validated; throws with every problem listed when any file is wrong. */
export function loadLabelled(dir: string, minPerLang = MIN_SOURCES_PER_LANG): LabelledSource[] {
  const files = readLabelled(dir);
  const problems = validateLabelled(files, minPerLang);
  if (problems.length) throw new Error(`labelled set at ${dir}:\n${problems.join('\n')}`);
  return files.map(({ data }) => data as LabelledSource);
}

/** Every clean and planted rewrite of the sources, parsed as the pipeline parses a final answer. */
export function labelledCases(sources: readonly LabelledSource[]): LabelledCase[] {
  const cases: LabelledCase[] = [];
  for (const s of sources) {
    const base = { id: s.id, lang: s.lang, sourceLang: s.sourceLang ?? s.lang, source: s.source };
    const make = (key: string, cls: PlantedClass | null, cleanIndex: number, note: string | null, answer: string): LabelledCase => {
      const { headline, body } = parseAnswer(answer, { final: true });
      return { key: `${s.id}/${key}`, ...base, class: cls, cleanIndex, note, headline, body };
    };
    s.clean.forEach((c, i) => cases.push(make(`clean-${i}`, null, i, null, c)));
    s.planted.forEach((p, j) => cases.push(make(`${p.class}-${j}`, p.class, p.clean, p.note, applyPlanted(s.clean[p.clean] as string, p))));
  }
  return cases;
}
