import { readFile } from 'node:fs/promises';
import { HEADLINE_MAX_CHARS, runChecks, toChecksJson } from '../../src/checks';
import { parseAnswer } from '../../src/rewrite/split';
import { parseOptions } from './article-input';
import type { Command, CommandIO } from './types';

export const CHECK_USAGE = `usage: newsmith check --source SRC.txt --rewrite OUT.md [--headline-max N] [--json]

Checks a rewrite against its source: facts kept, missing and added; the share copied in runs of 6+ words;
headline length (against --headline-max, default ${HEADLINE_MAX_CHARS}), word counts and reading ease. --json prints
{headline, facts: {total, kept, missing, added}, originality: {copiedShare, longestRun, runs, passages, warn}, seo: {headlineChars, words, sourceWords, readingEase}}.`;

export async function runCheck(args: string[], io: CommandIO): Promise<number> {
  let opts;
  try {
    opts = parseOptions(args, ['source', 'rewrite', 'headline-max'], ['json']);
    if (opts.flags.has('help')) return (io.stdout(`${CHECK_USAGE}\n`), 0);
    if (!opts.values.source || !opts.values.rewrite || opts.positional.length) throw new Error('give --source and --rewrite');
    const max = opts.values['headline-max'];
    if (max !== undefined && !/^\d+$/.test(max)) throw new Error('--headline-max takes a whole number of characters');
  } catch (err) {
    io.stderr(`newsmith check: ${(err as Error).message}\n${CHECK_USAGE}\n`);
    return 2;
  }
  let source: string;
  let answer: string;
  try {
    source = await readFile(opts.values.source, 'utf8');
    answer = await readFile(opts.values.rewrite, 'utf8');
  } catch (err) {
    io.stderr(`newsmith check: ${(err as Error).message}\n`);
    return 1;
  }
  const { headline, body } = parseAnswer(answer, { final: true });
  const max = opts.values['headline-max'];
  const headlineMaxChars = max === undefined ? HEADLINE_MAX_CHARS : Number(max);
  const result = runChecks({ source, headline, body, headlineMaxChars });
  const json = toChecksJson(headline, result);
  if (opts.flags.has('json')) {
    io.stdout(`${JSON.stringify(json)}\n`);
    return 0;
  }
  const { facts, originality, seo } = json;
  const lines = [
    `Headline: ${headline} (${seo.headlineChars} characters${seo.headlineChars > headlineMaxChars ? `, over ${headlineMaxChars}` : ''})`,
    `Facts kept: ${facts.kept} of ${facts.total}`,
    ...facts.missing.map((f) => `  missing ${f.kind}: ${f.text}`),
    ...facts.added.map((f) => `  not in the source ${f.kind}: ${f.text}`),
    `Copied: ${(originality.copiedShare * 100).toFixed(1)}% in runs of 6+ words (longest ${originality.longestRun})`,
    ...originality.runs.map((r) => `  "${r.text}"`),
    ...(originality.warn ? [`Copied sentences to rewrite: ${originality.passages.length}`, ...originality.passages.map((p) => `  "${p.text}"`)] : []),
    `Words: ${seo.words} (source ${seo.sourceWords}); reading ease ${Math.round(seo.readingEase)}`,
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check a rewrite against its source: facts, originality, SEO figures',
  usage: CHECK_USAGE,
  run: runCheck,
};
