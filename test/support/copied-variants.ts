/**
 * The corpus's faithful rewrites (test/fixtures/checks/corpus) and the same rewrites with whole source sentences
 * pasted in, outside quotes: what the originality warning must stay quiet on, and what it must catch.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { parseAnswer } from '../../src/rewrite/split';

export interface CorpusRewrite {
  id: string;
  source: string;
  headline: string;
  body: string;
}

const DIR = new URL('../fixtures/checks/corpus/', import.meta.url);

export function corpusRewrites(): CorpusRewrite[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const d = JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as { id: string; source: string; rewrite: string };
      const { headline, body } = parseAnswer(d.rewrite, { final: true });
      return { id: d.id, source: d.source, headline, body };
    });
}

/** Sentences of the source a copier would paste: 12 words or more, no quotation marks or web addresses, one line. */
export function pastableSentences(source: string): string[] {
  return source
    .split('\n')
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z])/))
    .map((s) => s.trim())
    .filter((s) => /[.!?]$/.test(s) && s.split(/\s+/).length >= 12 && !/["“”„«»‘’/]|\w\.[a-z]/.test(s));
}

/**
 * The rewrite with `count` source sentences pasted in, each after the last sentence of a paragraph, spread over the article.
 * Returns the new body and the sentences pasted (null when the source has too few to paste).
 */
export function withCopiedSentences(r: CorpusRewrite, count: number): { body: string; pasted: string[] } | null {
  const candidates = pastableSentences(r.source);
  if (candidates.length < count) return null;
  const pasted = Array.from({ length: count }, (_, k) => candidates[Math.floor(((k + 1) * candidates.length) / (count + 1))] as string);
  const paragraphs = r.body.split('\n\n');
  const plain = paragraphs.map((p, i) => i).filter((i) => !/^#/.test((paragraphs[i] as string).trim()) && /[.!?]$/.test((paragraphs[i] as string).trim()));
  if (plain.length < count) return null;
  pasted.forEach((s, k) => {
    const at = plain[Math.floor(((k + 1) * plain.length) / (count + 1))] as number;
    paragraphs[at] = `${paragraphs[at] as string} ${s}`;
  });
  return { body: paragraphs.join('\n\n'), pasted };
}
