/**
 * A version's summary: what the history page lists and searches of it, kept beside each stored version so the page
 * never reads whole rewrites (each with its checks) to list or search them. It holds the article's whole plain text,
 * as the list shows it and a search covers it.
 */

import { answerOf, errorOf, type JobRecord } from './job';
import { countWords } from './article';
import { toPlainText } from './rewrite/render';
import { summarize, type GroupKey } from './checks/summary';

export type HistoryStatus = 'done' | 'interrupted' | 'stopped' | 'incomplete' | 'failed' | 'awaiting' | 'running';

/** The checks of a finished rewrite, in short: the figures and the facts the history's checks line names. */
export interface ChecksSummary {
  factsKept: number;
  factsTotal: number;
  missing: string[];
  added: string[];
  copiedShare: number;
  longestRun: number;
  /** What the checks' summary line counts: findings to check, per group (absent in summaries stored before findings). */
  toCheck?: number;
  counts?: Partial<Record<GroupKey, number>>;
}

export interface VersionSummary {
  /** The version's id, its page key and its creation time (ms): where it is placed among its page's versions. */
  id: string;
  page: string;
  at: number;
  /** How the stored record read: whole, with a field replaced (`repaired`), or not at all (`unreadable`: not listed). */
  read: 'ok' | 'repaired' | 'unreadable';
  url: string;
  title: string;
  /** When it was made (ISO 8601), or '' when the stored record had no readable date. */
  date: string;
  model: string;
  status: HistoryStatus;
  headline: string;
  /** Why it stopped early, when it did. */
  reason: string | null;
  checks: ChecksSummary | null;
  /** The article's whole plain text, as shown and searched. */
  article: string;
  /** countWords of `article`, counted once when the summary is made; absent in summaries stored before it was kept. */
  words?: number;
}

export function statusOf(job: JobRecord): HistoryStatus {
  switch (job.state) {
    case 'done':
    case 'interrupted':
    case 'stopped':
    case 'incomplete':
      return job.state;
    case 'error':
      return 'failed';
    case 'awaiting-confirmation':
      // Nothing has been sent: never shown as running.
      return 'awaiting';
    default:
      return 'running';
  }
}

/** How many missing and added facts a summary names. */
const NAMED_FACTS = 5;

export function checksSummary(job: JobRecord): ChecksSummary | null {
  if (job.state !== 'done' || !job.checks) return null;
  const { facts, originality } = job.checks;
  return {
    factsKept: facts.kept,
    factsTotal: facts.total,
    // The history names a few; the counts say how many (a long article once had 783 missing).
    missing: facts.missing.slice(0, NAMED_FACTS).map((f) => f.text),
    added: facts.added.slice(0, NAMED_FACTS).map((f) => f.text),
    copiedShare: originality.copiedShare,
    longestRun: originality.longestRun,
    ...(job.checks.findings ? { toCheck: job.checks.findings.length, counts: summarize(job.checks.findings).counts } : {}),
  };
}

/** The text a search looks in, from the fields it covers. */
export function searchText(title: string, url: string, headline: string, article: string): string {
  return `${title}\n${url}\n${headline}\n${article}`.toLowerCase();
}

/** A readable job's summary, filed under its own id, page key and creation time. */
export function summaryOf(job: JobRecord, read: 'ok' | 'repaired' = 'ok'): VersionSummary {
  const { headline, body } = answerOf(job);
  const article = toPlainText(body);
  return {
    id: job.id,
    page: job.key,
    at: job.createdAt,
    read,
    url: job.url,
    title: job.title,
    date: job.createdAt > 0 ? new Date(job.createdAt).toISOString() : '',
    model: job.model,
    status: statusOf(job),
    headline,
    reason: errorOf(job)?.message ?? null,
    checks: checksSummary(job),
    article,
    words: countWords(article),
  };
}

/** The summary of a stored record with nothing to show: counted as skipped, never listed. */
export function unreadableSummary(id: string, page: string, at: number): VersionSummary {
  return { id, page, at, read: 'unreadable', url: '', title: '', date: '', model: '', status: 'failed', headline: '', reason: null, checks: null, article: '' };
}
