/**
 * All checks on one rewrite, for the popup and for `newsmith check`. Pure: no browser APIs.
 *
 * The rewrite is checked as the reader gets it: the headline, a blank line, then the body as plain text
 * (toPlainText: Markdown markers gone). `text` in the result is exactly that string; the originality runs'
 * offsets point into it. The source is the article text as extracted (title included if the caller wants the
 * headline compared with it).
 */

import { toPlainText } from '../rewrite/render';
import { checkFacts, type FactsReport } from './facts';
import { checkOriginality, type OriginalityReport } from './originality';
import { checkSeo, type SeoReport } from './seo';
import { scanBoth } from './text';
import { reportFindings, type Finding } from './findings';
import { checkLang, type Capabilities } from './lang';
import { checkClaims, withClaims } from './claims';

export type { Fact, FactKind, FactsReport } from './facts';
export type { CopiedRun, OriginalityReport } from './originality';
export type { SeoReport } from './seo';
export type { ClaimChange, Finding, FindingKind, Span } from './findings';
export { rankFindings, reportFindings } from './findings';
export type { Capabilities, CheckLang } from './lang';
export { checkFacts } from './facts';
export { checkClaims } from './claims';
export { checkOriginality } from './originality';
export { checkSeo, HEADLINE_MAX_CHARS } from './seo';

export interface ChecksInput {
  source: string;
  headline: string;
  /** The body as the model wrote it (light Markdown is fine). */
  body: string;
  /** The rewrite's language: a BCP 47 code or a language name (the output language setting). Default English. */
  lang?: string | null;
  /** The source's language, when known (the page's lang); default the rewrite's. */
  sourceLang?: string | null;
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

/** The JSON that `newsmith check --json` prints. */
export interface ChecksJson {
  headline: string;
  facts: Pick<FactsReport, 'total' | 'kept' | 'missing' | 'added'>;
  originality: Pick<OriginalityReport, 'copiedShare' | 'longestRun' | 'runs'>;
  seo: Pick<SeoReport, 'headlineChars' | 'words' | 'sourceWords' | 'readingEase'>;
}

export function rewriteText(headline: string, body: string): string {
  return joinRewrite(headline, toPlainText(body));
}

function joinRewrite(headline: string, plainBody: string): string {
  return [headline.trim(), plainBody].filter((part) => part !== '').join('\n\n');
}

export function runChecks({ source, headline, body, lang, sourceLang }: ChecksInput): ChecksResult {
  const plainBody = toPlainText(body);
  const text = joinRewrite(headline, plainBody);
  const scans = scanBoth(source, text); // words and quotations, read once for both checks
  const facts = checkFacts(source, text, scans);
  const originality = checkOriginality(source, text, {}, scans);
  const seo = checkSeo(headline, plainBody, source);
  const code = lang === undefined || lang === null ? 'en' : checkLang(lang);
  const capabilities: Capabilities = { lang: code, figures: true, names: code !== null, claims: code !== null, readingEase: code === 'en' };
  const sourceCode = sourceLang === undefined || sourceLang === null ? code : checkLang(sourceLang);
  const claims = checkClaims(source, text, { source: sourceCode, rewrite: code });
  const findings = withClaims(reportFindings(headline, facts, originality, seo), claims);
  return { facts, originality, seo, text, findings, capabilities };
}

/** The combined shape, with exactly the documented fields (no extras, stable order). */
export function toChecksJson(headline: string, result: ChecksResult): ChecksJson {
  const { facts, originality, seo } = result;
  return {
    headline,
    facts: { total: facts.total, kept: facts.kept, missing: facts.missing, added: facts.added },
    originality: { copiedShare: originality.copiedShare, longestRun: originality.longestRun, runs: originality.runs },
    seo: { headlineChars: seo.headlineChars, words: seo.words, sourceWords: seo.sourceWords, readingEase: seo.readingEase },
  };
}
