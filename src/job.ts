/** A rewrite job as stored and as shown: pure data shared by the background (owner) and the popup (view). */

import type { Article, ExtractWarning, NoArticleReason } from './article';
import type { ChecksResult } from './checks';
import type { Estimate } from './cost';
import { LINK_LIST_DETAIL } from './extract/details';
import { plural, type Translate } from './i18n';

export type JobState = 'extracting' | 'writing' | 'done' | 'error';

/** What the popup can be showing. `needs-key` is not a job: no job runs without a key. */
export type ViewState = JobState | 'needs-key';

export type ErrorCode =
  | 'restricted-page'
  | 'no-article'
  | 'no-tab'
  | 'auth'
  | 'model-not-found'
  | 'rate-limit'
  | 'server'
  | 'forbidden'
  | 'bad-request'
  | 'unreachable'
  | 'timeout'
  | 'incomplete'
  | 'interrupted'
  | 'stopped'
  | 'too-long'
  | 'on-device-unavailable'
  | 'on-device-download'
  | 'unknown';

export interface JobError {
  code: ErrorCode;
  /** One sentence saying what happened, then what to do. Never holds the API key. */
  message: string;
}

export interface JobRecord {
  id: string;
  /** Normalised page URL: the key results are stored under. */
  key: string;
  url: string;
  title: string;
  state: JobState;
  /** The model's answer so far (raw; the popup splits headline and body). */
  text: string;
  /** True when the answer stopped before the model said it was finished. */
  incomplete: boolean;
  error: JobError | null;
  /** A passing remark while writing, such as a rate-limit retry. */
  notice: string | null;
  model: string;
  /** Extraction's warnings, shown before and while writing. */
  warnings: ExtractWarning[];
  /** Size and cost worked out before sending. */
  estimate: Estimate | null;
  /** Which section is being written, for a long article written in parts. */
  section: { index: number; total: number } | null;
  /** Set while the job waits for the user to confirm sending (the page may not be a whole article). */
  awaiting: 'confirm' | null;
  /** An incomplete single-request answer that Continue can extend. */
  canContinue: boolean;
  /** Facts, originality and SEO figures of a finished rewrite against its source. */
  checks: ChecksResult | null;
  createdAt: number;
  updatedAt: number;
}

/** Warnings that make the job ask before spending anything. A long text alone does not: it is sent in sections. */
export function needsConfirmation(warnings: readonly ExtractWarning[]): boolean {
  return warnings.some((w) => w.code === 'maybe-truncated' || w.code === 'not-an-article');
}

export function newJob(id: string, key: string, url: string, model: string, now: number): JobRecord {
  return {
    id,
    key,
    url,
    title: '',
    state: 'extracting',
    text: '',
    incomplete: false,
    error: null,
    notice: null,
    model,
    warnings: [],
    estimate: null,
    section: null,
    awaiting: null,
    canContinue: false,
    checks: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** A stored job from an older version, with any field it lacks filled in, so the popup never trips on it. */
export function normaliseJob(stored: JobRecord): JobRecord {
  const base = newJob(stored.id, stored.key, stored.url ?? stored.key, stored.model ?? '', stored.createdAt ?? 0);
  return { ...base, ...stored, warnings: Array.isArray(stored.warnings) ? stored.warnings : [] };
}

export function isRunning(job: Pick<JobRecord, 'state'>): boolean {
  return job.state === 'extracting' || job.state === 'writing';
}

/**
 * A job found running in storage when the worker starts was cut off by the worker's death: no worker holds it.
 * It keeps its text and becomes an error that offers a retry. It is never restarted on its own, so it never re-bills.
 */
export function markInterrupted(job: JobRecord, now: number, t: Translate): JobRecord {
  if (!isRunning(job)) return job;
  return {
    ...job,
    state: 'error',
    incomplete: job.text !== '',
    notice: null,
    awaiting: null,
    canContinue: job.text !== '' && (job.estimate?.sections ?? 1) === 1,
    error: {
      code: 'interrupted',
      message: t(job.text === '' ? 'errInterruptedEmpty' : 'errInterrupted'),
    },
    updatedAt: now,
  };
}

/** The popup's words for a page without an article: always says so first, then why. */
export function noArticleMessage(result: { reason: NoArticleReason; detail: string; words?: number }, t: Translate): string {
  if (result.reason === 'too-short') return plural(t, 'noArticleTooShort', result.words ?? 0);
  if (result.reason === 'too-deep') return t('noArticleTooDeep');
  if (result.detail === LINK_LIST_DETAIL) return t('noArticleLinks');
  return t('noArticle');
}

/** Storage key of a page's result. */
export function jobStorageKey(pageKey: string): string {
  return `job:${pageKey}`;
}

const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|igshid|ref_src)$/i;

/**
 * The key a page's result is stored under: the URL without its fragment and tracking parameters,
 * so the same article opened again, from any tab or link, finds its result.
 */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const name of [...u.searchParams.keys()]) if (TRACKING.test(name)) u.searchParams.delete(name);
    u.searchParams.sort();
    return u.toString();
  } catch {
    return url;
  }
}

/** Pages no extension may read: the popup says so and no LLM call is made. */
export function restrictedReason(url: string | undefined, t: Translate): string | null {
  const unknown = t('restrictedUnknown');
  if (!url) return unknown;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return unknown;
  }
  const host = u.hostname;
  if (u.protocol === 'view-source:') return t('restrictedViewSource');
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'file:') return t('restrictedScheme', `${u.protocol}//`);
  if (
    host === 'chromewebstore.google.com' ||
    (host === 'chrome.google.com' && u.pathname.startsWith('/webstore')) ||
    host === 'addons.mozilla.org' ||
    host === 'microsoftedge.microsoft.com'
  ) {
    return t('restrictedStore');
  }
  if (/\.pdf$/i.test(u.pathname)) return t('restrictedPdf');
  return null;
}

/** What the popup needs to open the options page or copy a prompt when no key is set. */
export interface NeedsKeyView {
  state: 'needs-key';
  prompt: string | null;
  problem: JobError | null;
  article: Pick<Article, 'title' | 'url' | 'wordCount'> | null;
}
