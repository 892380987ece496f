/**
 * A stored job read back: every field checked, so one broken record (a bad date, checks half there, wrong types)
 * never breaks the history page or the popup. A field an older version did not write gets its default quietly; a
 * field that is there but wrong is repaired and reported; a record with no text, or that is not a record, is skipped.
 */

import { readPublished } from './publish/wp-site';
import type { ExtractWarning } from './article';
import type { ChecksResult } from './checks';
import { reportFindings } from './checks/findings';
import type { Estimate } from './cost';
import { HEADLINE_MAX_CHARS } from './checks/seo';
import { newJob, type Answer, type ErrorCode, type JobError, type JobRecord, type JobState, type SectionAt, type TextPreview } from './job';
import { parseAnswer, type Seo } from './rewrite/split';
import { isCount, isNum, isObj, isStr, isTime, type Obj } from './read-guards';

/** Every field any state of a job may hold (the stored record, read field by field). */
type AnyField =
  | 'published'
  | 'id'
  | 'key'
  | 'url'
  | 'title'
  | 'state'
  | 'text'
  | 'model'
  | 'warnings'
  | 'estimate'
  | 'createdAt'
  | 'updatedAt'
  | 'error'
  | 'notice'
  | 'section'
  | 'canContinue'
  | 'checks'
  | 'answer'
  | 'preview';

export interface ReadJob {
  job: JobRecord;
  /** The fields that were there but unreadable, and were replaced (empty for a sound record). */
  repaired: AnyField[];
}

const STATES: readonly JobState[] = ['extracting', 'awaiting-confirmation', 'writing', 'done', 'incomplete', 'stopped', 'interrupted', 'error'];
const ERROR_CODES: readonly ErrorCode[] = [
  'restricted-page',
  'no-article',
  'no-tab',
  'auth',
  'model-not-found',
  'rate-limit',
  'server',
  'forbidden',
  'bad-request',
  'unreachable',
  'timeout',
  'incomplete',
  'interrupted',
  'stopped',
  'too-long',
  'on-device-unavailable',
  'on-device-download',
  'unknown',
];
const WARNING_CODES: readonly string[] = ['maybe-truncated', 'not-an-article', 'very-long'];

function readError(v: unknown): JobError | null | undefined {
  if (v === null) return null;
  if (!isObj(v) || !isStr(v.message)) return undefined;
  const code = ERROR_CODES.includes(v.code as ErrorCode) ? (v.code as ErrorCode) : 'unknown';
  return { code, message: v.message };
}

function readWarning(v: unknown): ExtractWarning | null {
  if (!isObj(v) || !WARNING_CODES.includes(v.code as string)) return null;
  const w: ExtractWarning = { code: v.code as ExtractWarning['code'] };
  if (v.why === 'paywall' || v.why === 'short-of-page' || v.why === 'ends-cut') w.why = v.why;
  if (isCount(v.tokens)) w.tokens = v.tokens;
  if (isCount(v.words)) w.words = v.words;
  return w;
}

/** A stored confirmation preview: its start, end and word count. */
function readPreview(v: unknown): TextPreview | undefined {
  if (!isObj(v) || !isStr(v.start) || !isStr(v.end) || typeof v.words !== 'number' || !Number.isFinite(v.words) || v.words < 0) return undefined;
  return { start: v.start, end: v.end, words: v.words };
}

function readEstimate(v: unknown): Estimate | null | undefined {
  if (v === null) return null;
  if (!isObj(v) || !isCount(v.inputTokens) || !isCount(v.outputTokens) || !isCount(v.sections) || v.sections < 1) return undefined;
  if (v.cost !== null && !isNum(v.cost)) return undefined;
  const e: Estimate = { inputTokens: v.inputTokens, outputTokens: v.outputTokens, cost: v.cost as number | null, sections: v.sections };
  if (typeof v.counted === 'boolean') e.counted = v.counted;
  return e;
}

function readSection(v: unknown): SectionAt | null | undefined {
  if (v === null) return null;
  return isObj(v) && isCount(v.index) && isCount(v.total) && v.index < v.total ? { index: v.index, total: v.total } : undefined;
}

const isFact = (f: unknown): boolean => isObj(f) && isStr(f.kind) && isStr(f.text) && (f.value === undefined || isStr(f.value));

/** The checks as the popup and the history read them: every number a number, every run inside the checked text. */
function readChecks(v: unknown): ChecksResult | null | undefined {
  if (v === null) return null;
  if (!isObj(v) || !isStr(v.text) || !isObj(v.facts) || !isObj(v.originality) || !isObj(v.seo)) return undefined;
  const { facts, originality: o, seo, text } = v;
  if (!isCount(facts.total) || !isCount(facts.kept) || !Array.isArray(facts.missing) || !Array.isArray(facts.added)) return undefined;
  if (!facts.missing.every(isFact) || !facts.added.every(isFact)) return undefined;
  if (!isNum(o.copiedShare) || !isCount(o.longestRun) || !Array.isArray(o.runs)) return undefined;
  const runsFit = o.runs.every((r: unknown) => isObj(r) && isCount(r.start) && isCount(r.end) && r.start <= r.end && r.end <= text.length && isStr(r.text));
  if (!runsFit) return undefined;
  if (
    !isCount(seo.headlineChars) ||
    !isCount(seo.words) ||
    !isCount(seo.sourceWords) ||
    !(seo.readingEase === null || isNum(seo.readingEase)) ||
    typeof seo.headlineTooLong !== 'boolean'
  ) {
    return undefined;
  }
  const checks = v as unknown as ChecksResult;
  if (!isCount(seo.headlineMaxChars)) checks.seo = { ...checks.seo, headlineMaxChars: HEADLINE_MAX_CHARS };
  // Checks stored before the copied warning: no passages marked, no warning (their runs were counted another way).
  if (!Array.isArray(o.passages) || typeof o.warn !== 'boolean') checks.originality = { ...checks.originality, passages: [], warn: false };
  // Checks stored before findings existed: their findings are the reports' (no changed claims were looked for).
  if (!Array.isArray(v.findings)) checks.findings = reportFindings(text.split('\n\n')[0] ?? '', checks.facts, checks.originality, checks.seo);
  if (!isObj(v.capabilities)) checks.capabilities = { lang: 'en', figures: true, names: true, claims: false, readingEase: true };
  return checks;
}

function readSeo(v: unknown): Seo | undefined {
  if (!isObj(v)) return undefined;
  const seo: Seo = {};
  for (const k of ['metaDescription', 'slug', 'title'] as const) {
    if (v[k] === undefined) continue;
    if (!isStr(v[k])) return undefined;
    seo[k] = v[k];
  }
  if (v.keywords !== undefined) {
    if (!Array.isArray(v.keywords) || !v.keywords.every(isStr)) return undefined;
    seo.keywords = v.keywords;
  }
  return seo;
}

function readAnswer(v: unknown): Answer | undefined {
  if (!isObj(v) || !isStr(v.headline) || !isStr(v.body)) return undefined;
  const seo = readSeo(v.seo ?? {});
  return seo ? { headline: v.headline, body: v.body, seo } : undefined;
}

/** The answer of a finished version that has none stored (one from before answers were kept): read from its text. */
function answerFromText(text: string): Answer {
  const { headline, body, seo } = parseAnswer(text, { final: true });
  return { headline, body, seo };
}

/**
 * A state as an earlier build stored it: every ending was `error` (with `incomplete` and the error's code saying
 * which), and a job waiting for the user was `extracting` with `awaiting: 'confirm'`.
 */
function stateOf(rec: Obj, text: string): JobState | undefined {
  const state = rec.state;
  if (state === 'extracting' && rec.awaiting === 'confirm') return 'awaiting-confirmation';
  if (state === 'error') {
    const code = isObj(rec.error) ? rec.error.code : undefined;
    if (code === 'interrupted') return 'interrupted';
    if (code === 'stopped') return 'stopped';
    return text !== '' ? 'incomplete' : 'error';
  }
  return STATES.includes(state as JobState) ? (state as JobState) : undefined;
}

/**
 * Reads one stored value as a job. `pageKey` is the key it was stored under (the index's), which wins over the
 * record's own. Null when there is nothing to show: not an object, or no text.
 */
export function readJob(value: unknown, pageKey?: string): ReadJob | null {
  if (!isObj(value) || !isStr(value.text)) return null;
  const rec: Obj = value;
  const key = pageKey ?? (isStr(rec.key) && rec.key !== '' ? rec.key : null);
  if (key === null) return null;
  const repaired: AnyField[] = [];
  /** The stored field when `read` says it is readable; its default when absent (an older version); else repaired. */
  function field<T>(name: AnyField, read: (v: unknown) => T | undefined, fallback: T, required = false): T {
    const raw = rec[name];
    if (raw === undefined && !required) return fallback;
    const got = raw === undefined ? undefined : read(raw);
    if (got !== undefined) return got;
    repaired.push(name);
    return fallback;
  }
  const str = (v: unknown) => (isStr(v) ? v : undefined);
  const nonEmpty = (v: unknown) => (isStr(v) && v !== '' ? v : undefined);
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  const time = (v: unknown) => (isTime(v) ? v : undefined);

  const text = value.text;
  if (rec.key !== undefined && rec.key !== key) repaired.push('key');
  const id = field('id', nonEmpty, `stored:${key}`, true);
  const state = field('state', () => stateOf(rec, text), text !== '' ? 'incomplete' : 'error', true);
  const updatedRaw = time(rec.updatedAt);
  const createdAt = field('createdAt', time, updatedRaw ?? 0, true);
  const warningsRaw = rec.warnings;
  const warnings = Array.isArray(warningsRaw) ? warningsRaw.map(readWarning).filter((w): w is ExtractWarning => w !== null) : [];
  if (warningsRaw !== undefined && (!Array.isArray(warningsRaw) || warnings.length !== warningsRaw.length)) repaired.push('warnings');
  const base = {
    ...newJob(id, key, key, '', createdAt),
    url: field('url', nonEmpty, key),
    title: field('title', str, ''),
    text,
    model: field('model', str, ''),
    warnings,
    estimate: field('estimate', readEstimate, null),
    createdAt,
    updatedAt: field('updatedAt', time, createdAt),
  };
  const endedError = (): JobError => field('error', (v) => readError(v) ?? undefined, { code: 'unknown', message: '' } as JobError, true);
  let job: JobRecord;
  switch (state) {
    case 'extracting':
      job = { ...base, state };
      break;
    case 'awaiting-confirmation': {
      const preview = field('preview', readPreview, undefined);
      job = preview ? { ...base, state, preview } : { ...base, state };
      break;
    }
    case 'writing':
      job = { ...base, state, section: field('section', readSection, null), notice: field('notice', (v) => (v === null ? null : str(v)), null) };
      break;
    case 'done':
      job = { ...base, state, answer: field('answer', readAnswer, answerFromText(text)), checks: field('checks', readChecks, null) };
      if (rec.published !== undefined) {
        const published = field('published', readPublished, undefined);
        if (published) job.published = published;
      }
      break;
    case 'incomplete':
    case 'stopped':
    case 'interrupted':
      job = { ...base, state, error: endedError(), canContinue: field('canContinue', bool, false) };
      break;
    case 'error':
      job = { ...base, state, error: endedError() };
      break;
  }
  return { job, repaired };
}
