import { readFile } from 'node:fs/promises';
import { HEADLINE_MAX_CHARS, runChecks, summarize, summaryText, toChecksJson, type ChecksJson, type ChecksResult, type FindingJson } from '../../src/checks';
import { english } from '../../src/i18n-en';
import { checkLang } from '../../src/checks/lang';
import { parseAnswer } from '../../src/rewrite/split';
import { parseOptions } from './article-input';
import type { Command, CommandIO } from './types';

export const CHECK_USAGE = `usage: newsmith check --source SRC.txt --rewrite OUT.md [--lang CODE] [--source-lang CODE] [--headline-max N] [--json]

Checks a rewrite against its source: changed claims, facts kept, missing and added; the share copied in runs of
6+ words; headline length, word counts and reading ease. Prints one line per finding, ranked (changed claims
first), with the sentences concerned.
  --lang CODE         the rewrite's language (default en): en, de, fr, es have rules; reading ease uses its
                      formula (Flesch, Amstad, Kandel–Moles, Fernández Huerta) and is left out for any other
  --source-lang CODE  the source's language (default the rewrite's)
  --headline-max N    the headline limit (default ${HEADLINE_MAX_CHARS}, the headline-limit setting's default)
  --json              prints {headline, facts: {total, kept, missing, added}, originality: {copiedShare,
                      longestRun, runs, passages, warn}, seo: {headlineChars, words, sourceWords, readingEase, readingEaseFormula},
                      findings: [{kind, change?, source?, rewrite?, fact?, from?, to?}], summary: {<kind>: count},
                      capabilities: {lang, figures, names, claims, readingEase}}. readingEase is null when left out;
                      a source/rewrite is {text, start, end}: offsets into the source file and into the rewrite as
                      checked (headline, blank line, plain-text body).`;

export async function runCheck(args: string[], io: CommandIO): Promise<number> {
  let opts;
  try {
    opts = parseOptions(args, ['source', 'rewrite', 'lang', 'source-lang', 'headline-max'], ['json']);
    if (opts.flags.has('help')) return (io.stdout(`${CHECK_USAGE}\n`), 0);
    if (!opts.values.source || !opts.values.rewrite || opts.positional.length) throw new Error('give --source and --rewrite');
    for (const name of ['lang', 'source-lang'] as const) {
      const v = opts.values[name];
      if (v !== undefined && !/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(v) && checkLang(v) === null)
        throw new Error(`--${name} takes a language code (en, de-AT…), not "${v}"`);
    }
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
  const lang = opts.values.lang ?? 'en';
  const max = opts.values['headline-max'];
  const headlineMaxChars = max === undefined ? HEADLINE_MAX_CHARS : Number(max);
  const result = runChecks({ source, headline, body, lang, sourceLang: opts.values['source-lang'] ?? lang, headlineMaxChars });
  const json = toChecksJson(headline, result);
  if (opts.flags.has('json')) {
    io.stdout(`${JSON.stringify(json)}\n`);
    return 0;
  }
  io.stdout(`${checkLines(json, result, lang).join('\n')}\n`);
  return 0;
}

const quote = (text: string): string => `"${text.replace(/\s+/g, ' ').trim()}"`;

/** The text report: the figures, then a summary and one line per finding (ranked), each with its sentences. */
export function checkLines(json: ChecksJson, result: ChecksResult, lang: string): string[] {
  const { headline, facts, originality, seo, findings, capabilities } = json;
  const ease =
    seo.readingEase === null
      ? `reading ease left out (no formula for the language "${lang}")`
      : `reading ease ${Math.round(seo.readingEase)} (${seo.readingEaseFormula})`;
  const lines = [
    `Headline: ${headline} (${seo.headlineChars} characters${result.seo.headlineTooLong ? `, over ${result.seo.headlineMaxChars}` : ''})`,
    `Facts kept: ${facts.kept} of ${facts.total}`,
    `Copied: ${(originality.copiedShare * 100).toFixed(1)}% in runs of 6+ words (longest ${originality.longestRun})`,
    `Words: ${seo.words} (source ${seo.sourceWords}); ${ease}`,
    summaryText(english, summarize(result.findings), Infinity),
    ...findings.flatMap((f) => findingLines(f, result.seo.headlineMaxChars)),
  ];
  if (!capabilities.claims) lines.push(`No rules for the language "${lang}": names and changed claims were not checked.`);
  return lines;
}

/** One line for a finding, then the source and rewrite sentences it concerns. */
function findingLines(f: FindingJson, headlineMax: number): string[] {
  let head: string;
  if (f.kind === 'changed-claim') {
    const what = f.from !== undefined || f.to !== undefined ? `: ${quote(f.from ?? '')} → ${quote(f.to ?? '')}` : '';
    head = `changed claim (${f.change ?? 'changed'})${what}`;
  } else if (f.kind === 'missing-fact') head = `missing ${f.fact?.kind ?? 'fact'}: ${f.fact?.text ?? ''}`;
  else if (f.kind === 'added-fact') head = `not in the source ${f.fact?.kind ?? 'fact'}: ${f.fact?.text ?? ''}`;
  else if (f.kind === 'copied') head = `copied: ${quote(f.rewrite?.text ?? '')}`;
  else head = `headline over ${headlineMax} characters: ${quote(f.rewrite?.text ?? '')}`;
  const out = [`  ${head}`];
  if (f.source) out.push(`    source:  ${quote(f.source.text)}`);
  if (f.rewrite && f.kind !== 'copied' && f.kind !== 'seo') out.push(`    rewrite: ${quote(f.rewrite.text)}`);
  return out;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check a rewrite against its source: changed claims, facts, originality, SEO figures',
  usage: CHECK_USAGE,
  run: runCheck,
};
