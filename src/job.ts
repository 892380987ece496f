/** A rewrite job as stored and as shown: pure data shared by the job core (owner) and the pages (views). */

import type { Published } from './publish/wp-site';
import type { Article, ExtractWarning, NoArticleReason } from './article';
import { parseAnswer, type ParsedAnswer } from './rewrite/split';
import type { ChecksResult } from './checks';
import type { Estimate } from './cost';
import { LINK_LIST_DETAIL } from './extract/details';
import { plural, type Translate } from './i18n';

/**
 * Where a job is. `awaiting-confirmation` has sent nothing; `incomplete` ended with part of an answer (cut, too
 * long, failed mid-stream); `stopped` by the user; `interrupted` by the worker's death; `error` with no answer.
 */
export type JobState = 'extracting' | 'awaiting-confirmation' | 'writing' | 'done' | 'incomplete' | 'stopped' | 'interrupted' | 'error';

/** What the popup can be showing. `needs-key` is not a job: no job runs without a key. */
export type ViewState = 'extracting' | 'awaiting-confirmation' | 'writing' | 'done' | 'error' | 'needs-key';

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

/** Which section is being written, for a long article written in parts. */
export interface SectionAt {
  index: number;
  total: number;
}

/** What every job has, in any state. */
interface JobBase {
  id: string;
  /** Normalised page URL (with `#selection` for a selection rewrite): the page its versions are grouped under. */
  key: string;
  url: string;
  title: string;
  /** The model's answer so far, as it streamed (raw). */
  text: string;
  model: string;
  /** Extraction's warnings, shown before and while writing. */
  warnings: ExtractWarning[];
  /** Size and cost worked out before sending. */
  estimate: Estimate | null;
  createdAt: number;
  updatedAt: number;
}

export interface ExtractingJob extends JobBase {
  state: 'extracting';
}

/** What the confirmation shows of the extracted text, so that the user can judge it: its start, its end, its length. */
export interface TextPreview {
  start: string;
  /** Empty when the text is short enough for `start` to hold all of it. */
  end: string;
  words: number;
}

/** Waiting for the user's word before anything is sent (a doubtful page, or one that takes many requests). */
export interface AwaitingJob extends JobBase {
  state: 'awaiting-confirmation';
  /** The extracted text's start and end (absent in a job stored by an earlier build). */
  preview?: TextPreview;
}

/** How long a job waits for the user's word before it ends, not sent (nothing is spent meanwhile). */
export const CONFIRM_WAIT_MS = 10 * 60_000;

/** About this many characters of the text's start and of its end are shown, cut at a word. */
export const PREVIEW_CHARS = 240;

/** The start and end of `text` for the confirmation (the whole text as its start when it is short). */
export function textPreview(text: string, words: number): TextPreview {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= PREVIEW_CHARS * 2.5) return { start: flat, end: '', words };
  const startCut = flat.lastIndexOf(' ', PREVIEW_CHARS);
  const endCut = flat.indexOf(' ', flat.length - PREVIEW_CHARS);
  return {
    start: `${flat.slice(0, startCut > 0 ? startCut : PREVIEW_CHARS)} …`,
    end: `… ${flat.slice(endCut > 0 ? endCut + 1 : flat.length - PREVIEW_CHARS)}`,
    words,
  };
}

export interface WritingJob extends JobBase {
  state: 'writing';
  section: SectionAt | null;
  /** A passing remark while writing, such as a rate-limit retry. */
  notice: string | null;
}

/** The parsed answer a finished version keeps: its headline, its body (light Markdown) and its SEO extras. */
export type Answer = Pick<ParsedAnswer, 'headline' | 'body' | 'seo'>;

export interface DoneJob extends JobBase {
  state: 'done';
  /** The answer read once, at completion: what the popup, history, checks and copies show. */
  answer: Answer;
  /** Facts, originality and SEO figures against the source (null until they are worked out). */
  checks: ChecksResult | null;
  /** Where this version was sent as a draft (src/publish): sending it again updates that post. */
  published?: Published;
}

/** Ended with part of an answer kept: cut short, stopped by the user, or cut off by the worker's death. */
export interface EndedJob extends JobBase {
  state: 'incomplete' | 'stopped' | 'interrupted';
  error: JobError;
  /** Whether Continue can go on from the text (one request, from where it stops). */
  canContinue: boolean;
}

export interface FailedJob extends JobBase {
  state: 'error';
  error: JobError;
}

/** A rewrite job, as stored and as shown: each state holds only the fields that mean something in it. */
export type JobRecord = ExtractingJob | AwaitingJob | WritingJob | DoneJob | EndedJob | FailedJob;

/** A job some worker holds (or held, until it died). */
export type ActiveJob = ExtractingJob | AwaitingJob | WritingJob;

/** Warnings that make the job ask before spending anything. A long text alone does not: it is sent in sections. */
export function needsConfirmation(warnings: readonly ExtractWarning[]): boolean {
  return warnings.some((w) => w.code === 'maybe-truncated' || w.code === 'not-an-article');
}

export function newJob(id: string, key: string, url: string, model: string, now: number): ExtractingJob {
  return { id, key, url, title: '', state: 'extracting', text: '', model, warnings: [], estimate: null, createdAt: now, updatedAt: now };
}

/** Reading the page or sending: what a spinner is for. A job awaiting confirmation is not running (nothing is sent). */
export function isRunning(job: Pick<JobRecord, 'state'>): boolean {
  return job.state === 'extracting' || job.state === 'writing';
}

/** Held by a worker: running, or waiting for the user. Found so in storage at start, its worker died. */
export function isActive(job: JobRecord): job is ActiveJob {
  return job.state === 'extracting' || job.state === 'awaiting-confirmation' || job.state === 'writing';
}

/** The error a job ended with, if it ended with one. */
export function errorOf(job: JobRecord): JobError | null {
  return 'error' in job ? job.error : null;
}

/** Whether Continue can extend the job's answer. */
export function canContinue(job: JobRecord): job is EndedJob {
  return 'canContinue' in job && job.canContinue;
}

/** True when the job ended before the model said it was finished, with part of an answer shown. */
export function isIncomplete(job: JobRecord): boolean {
  return job.state === 'incomplete' || ((job.state === 'stopped' || job.state === 'interrupted') && job.text !== '');
}

/** The popup's state for a job: every ending other than done is shown as an error, with its text kept. */
export function viewStateOf(job: JobRecord): ViewState {
  switch (job.state) {
    case 'extracting':
    case 'awaiting-confirmation':
    case 'writing':
    case 'done':
      return job.state;
    default:
      return 'error';
  }
}

/** The job's answer as shown: the one read at completion, else the text so far read now (settled once it ended). */
export function answerOf(job: JobRecord): Answer {
  if (job.state === 'done') return job.answer;
  const { headline, body, seo } = parseAnswer(job.text, { final: !isActive(job) });
  return { headline, body, seo };
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

export { pageKey } from './page-key';

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
