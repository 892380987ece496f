/**
 * Real news articles with a faithful rewrite each (test/fixtures/checks/corpus: WCXB texts, CC-BY-4.0, see the
 * NOTICE there), for calibrating the checks on text nobody wrote to suit them. A case is the source text and
 * the rewrite split as the product splits a model's final answer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseAnswer } from '../../src/rewrite/split';

export const CORPUS_DIR = new URL('../fixtures/checks/corpus/', import.meta.url);

/** One corpus file as stored. */
export interface CorpusFile {
  id: string;
  url: string;
  /** The article text as the ground truth has it (paragraphs separated by newlines). */
  source: string;
  /** Our rewrite as a model answers: a '# Headline' line, then a Markdown body. */
  rewrite: string;
}

export interface CorpusRewrite {
  id: string;
  url: string;
  source: string;
  headline: string;
  body: string;
}

/** The corpus files' names (`<id>.json`), sorted. */
export function corpusFileNames(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** A file's parsed JSON, unchecked (the unit test checks its shape). */
export function readCorpusJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, CORPUS_DIR), 'utf8')) as unknown;
}

function asCorpusFile(name: string, value: unknown): CorpusFile {
  const v = value as Partial<Record<keyof CorpusFile, unknown>> | null;
  const str = (key: keyof CorpusFile): string => {
    const field = v?.[key];
    if (typeof field !== 'string') throw new Error(`${name}: "${key}" is not a string`);
    return field;
  };
  return { id: str('id'), url: str('url'), source: str('source'), rewrite: str('rewrite') };
}

/** Every case, in file order, with the rewrite split into headline and body. */
export function corpusRewrites(): CorpusRewrite[] {
  return corpusFileNames().map((name) => {
    const { id, url, source, rewrite } = asCorpusFile(name, readCorpusJson(name));
    const { headline, body } = parseAnswer(rewrite, { final: true });
    return { id, url, source, headline, body };
  });
}
