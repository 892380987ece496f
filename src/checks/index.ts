/**
 * All checks on one rewrite, for the popup and for `newsmith check`. Pure: no browser APIs.
 *
 * The rewrite is checked as the reader gets it: the headline, a blank line, then the body as plain text
 * (toPlainText: Markdown markers gone). `text` in the result is exactly that string; the originality runs'
 * offsets point into it. The source is the article text as extracted (title included if the caller wants the
 * headline compared with it).
 */

import { toPlainText } from '../rewrite/render';
import { readFacts, type FactsReport } from './facts';
import { checkOriginality, type OriginalityReport } from './originality';
import { checkSeo, type SeoReport } from './seo';
import { scanBoth } from './text';
import { RANK, reportFindings, type Finding, type FindingKind, type Span } from './findings';
import type { Fact } from './facts';
import { checkLang, type Capabilities } from './lang';
import { READING_FORMULA } from './reading-ease';
import { languageByName } from '../languages';
import { checkClaims, withClaims } from './claims';
import { locateFacts } from './locate';
import { splitSentences } from './sentences';

export type { Fact, FactKind, FactsReport } from './facts';
export type { CopiedRun, OriginalityReport } from './originality';
export type { SeoReport } from './seo';
export type { ClaimChange, Finding, FindingKind, Span } from './findings';
export { rankFindings, reportFindings } from './findings';
export type { ChecksSummary, FindingGroup, GroupKey } from './summary';
export { summarize, summaryText } from './summary';
export type { Capabilities, CheckLang } from './lang';
export { checkFacts } from './facts';
export { checkClaims } from './claims';
export { checkOriginality } from './originality';
export { checkSeo, HEADLINE_MAX_CHARS } from './seo';
export { readingEase, READING_FORMULA } from './reading-ease';

export interface ChecksInput {
  source: string;
  headline: string;
  /** The body as the model wrote it (light Markdown is fine). */
  body: string;
  /** The rewrite's language: a BCP 47 code or a language name (the output language setting). Default English. */
  lang?: string | null;
  /** The source's language, when known (the page's lang); default the rewrite's. */
  sourceLang?: string | null;
  /** The longest headline (the headlineMaxChars setting); default HEADLINE_MAX_CHARS. */
  headlineMaxChars?: number;
}

export interface ChecksResult {
  facts: FactsReport;
  originality: OriginalityReport;
  seo: SeoReport;
  /** The rewrite as checked: headline, blank line, plain-text body. Originality offsets refer to it. */
  text: string;
  /** Everything an editor should look at, ranked (changed claims first). */
  findings: Finding[];
  /** What the checks could read in this rewrite's language. */
  capabilities: Capabilities;
}

/** A finding as `newsmith check --json` prints it: the same fields, only those it has, in the documented order. */
export type FindingJson = Finding;

/** The JSON that `newsmith check --json` prints. */
export interface ChecksJson {
  headline: string;
  facts: Pick<FactsReport, 'total' | 'kept' | 'missing' | 'added'>;
  originality: Pick<OriginalityReport, 'copiedShare' | 'longestRun' | 'runs' | 'passages' | 'warn'>;
  seo: Pick<SeoReport, 'headlineChars' | 'words' | 'sourceWords' | 'readingEase'> & { readingEaseFormula: string | null };
  /** Ranked as the popup shows them; rewrite offsets point into the rewrite as checked (ChecksResult.text). */
  findings: FindingJson[];
  /** How many findings of each kind, every kind listed (in rank order). */
  summary: Record<FindingKind, number>;
  capabilities: Capabilities;
}

export function rewriteText(headline: string, body: string): string {
  return joinRewrite(headline, toPlainText(body));
}

function joinRewrite(headline: string, plainBody: string): string {
  return [headline.trim(), plainBody].filter((part) => part !== '').join('\n\n');
}

export function runChecks({ source, headline, body, lang, sourceLang, headlineMaxChars }: ChecksInput): ChecksResult {
  const plainBody = toPlainText(body);
  const text = joinRewrite(headline, plainBody);
  const scans = scanBoth(source, text); // words and quotations, read once for both checks
  const given = lang === undefined || lang === null ? 'en' : lang;
  const read = readFacts(source, text, scans, { source: checkLang(sourceLang ?? given), rewrite: checkLang(given) });
  const facts = read.report;
  const originality = checkOriginality(source, text, {}, scans);
  const code = checkLang(given);
  const seo = checkSeo(headline, plainBody, source, code, headlineMaxChars);
  const capabilities: Capabilities = { lang: code, figures: true, names: facts.names !== false, claims: code !== null, readingEase: seo.readingEase !== null };
  if (lang) capabilities.language = languageByName(lang)?.code ?? lang;
  const sourceCode = sourceLang === undefined || sourceLang === null ? code : checkLang(sourceLang);
  const splits = { source: splitSentences(source), rewrite: splitSentences(text) }; // for the claims and to place facts
  const claims = checkClaims(source, text, { source: sourceCode, rewrite: code }, read, splits);
  const findings = locateFacts(withClaims(reportFindings(headline, facts, originality, seo), claims), source, text, splits);
  return { facts, originality, seo, text, findings, capabilities };
}

/** The combined shape, with exactly the documented fields (no extras, stable order). */
export function toChecksJson(headline: string, result: ChecksResult): ChecksJson {
  const { facts, originality, seo, findings, capabilities } = result;
  const summary = Object.fromEntries(Object.keys(RANK).map((kind) => [kind, 0])) as Record<FindingKind, number>;
  for (const f of findings) summary[f.kind]++;
  return {
    headline,
    facts: { total: facts.total, kept: facts.kept, missing: facts.missing, added: facts.added },
    originality: {
      copiedShare: originality.copiedShare,
      longestRun: originality.longestRun,
      runs: originality.runs,
      passages: originality.passages,
      warn: originality.warn,
    },
    seo: {
      headlineChars: seo.headlineChars,
      words: seo.words,
      sourceWords: seo.sourceWords,
      readingEase: seo.readingEase,
      readingEaseFormula: seo.readingEase !== null && capabilities.lang ? READING_FORMULA[capabilities.lang] : null,
    },
    findings: findings.map(findingJson),
    summary,
    capabilities: {
      lang: capabilities.lang,
      figures: capabilities.figures,
      names: capabilities.names,
      claims: capabilities.claims,
      readingEase: capabilities.readingEase,
    },
  };
}

const spanJson = (s: Span): Span => ({ text: s.text, start: s.start, end: s.end });
const factJson = (f: Fact): Fact => (f.value === undefined ? { kind: f.kind, text: f.text } : { kind: f.kind, text: f.text, value: f.value });

/** A finding's fields that are set, in the documented order. */
function findingJson(f: Finding): FindingJson {
  const out: FindingJson = { kind: f.kind };
  if (f.change !== undefined) out.change = f.change;
  if (f.source) out.source = spanJson(f.source);
  if (f.rewrite) out.rewrite = spanJson(f.rewrite);
  if (f.fact) out.fact = factJson(f.fact);
  if (f.from !== undefined) out.from = f.from;
  if (f.to !== undefined) out.to = f.to;
  return out;
}
