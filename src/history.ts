/** The history page's pure part: search, status words, and exports of stored rewrites. */

import type { JobRecord } from './job';
import { copyAll, toPlainText } from './rewrite/render';
import { splitAnswer } from './rewrite/split';

export interface HistoryEntry {
  key: string;
  url: string;
  title: string;
  date: string;
  model: string;
  status: string;
  headline: string;
  article: string;
  /** Why it stopped early, when it did. */
  reason: string | null;
  /** The checks of a finished rewrite, in short. */
  checks: { factsKept: number; factsTotal: number; missing: string[]; added: string[]; copiedShare: number; longestRun: number } | null;
}

export function statusOf(job: JobRecord): string {
  if (job.state === 'done') return 'done';
  if (job.state === 'error' && job.error?.code === 'interrupted') return 'interrupted';
  if (job.state === 'error' && job.error?.code === 'stopped') return 'stopped';
  if (job.state === 'error' && job.incomplete) return 'incomplete';
  if (job.state === 'error') return 'failed';
  return 'running';
}

export function toEntry(job: JobRecord): HistoryEntry {
  const { headline, body } = splitAnswer(job.text, { final: true });
  return {
    key: job.key,
    url: job.url,
    title: job.title,
    date: new Date(job.createdAt).toISOString(),
    model: job.model,
    status: statusOf(job),
    headline,
    article: toPlainText(body),
    reason: job.state === 'error' ? (job.error?.message ?? null) : null,
    checks: job.checks
      ? {
          factsKept: job.checks.facts.kept,
          factsTotal: job.checks.facts.total,
          missing: job.checks.facts.missing.map((f) => f.text),
          added: job.checks.facts.added.map((f) => f.text),
          copiedShare: job.checks.originality.copiedShare,
          longestRun: job.checks.originality.longestRun,
        }
      : null,
  };
}

/** One line saying how a finished rewrite checked out. */
export function checksLine(c: NonNullable<HistoryEntry['checks']>): string {
  const facts = `facts kept ${c.factsKept} of ${c.factsTotal}${c.missing.length ? `, missing: ${c.missing.join('; ')}` : ''}${c.added.length ? `, not in the source: ${c.added.join('; ')}` : ''}`;
  return `${facts}; copied ${Math.round(c.copiedShare * 1000) / 10}% (longest run ${c.longestRun} words)`;
}

/** Entries whose title, URL, headline or text hold every word of the query (any case). */
export function searchEntries(entries: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...entries];
  return entries.filter((e) => {
    const hay = `${e.title}\n${e.url}\n${e.headline}\n${e.article}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function exportJson(entries: readonly HistoryEntry[]): string {
  return JSON.stringify({ exportedBy: 'Newsmith', version: 1, entries }, null, 2);
}

export function exportMarkdown(entries: readonly HistoryEntry[]): string {
  return entries
    .map((e) => {
      const meta = [`Source: [${e.title.replace(/[[\]]/g, '')}](<${e.url}>)`, e.date.slice(0, 10), e.model, e.status].join(' · ');
      const reason = e.reason ? `\n\n> ${e.reason}` : '';
      const checks = e.checks ? `\n\nChecks: ${checksLine(e.checks)}` : '';
      return `# ${e.headline || e.title}\n\n${meta}${reason}${checks}\n\n${e.article}`;
    })
    .join('\n\n---\n\n');
}

export function entryText(e: HistoryEntry): string {
  return copyAll(e.headline, e.article);
}

/** Chrome gives extensions 10 MB of storage.local without the unlimitedStorage permission. */
export const LOCAL_QUOTA_BYTES = 10 * 1024 * 1024;

/** A warning when storage is near its quota, else null. */
export function quotaWarning(bytes: number | null, quota = LOCAL_QUOTA_BYTES): string | null {
  if (bytes === null || bytes < quota * 0.8) return null;
  const used = (bytes / 1024 / 1024).toFixed(1);
  return `The history uses ${used} MB of the browser's ${quota / 1024 / 1024} MB for extensions. Export what you need and delete old entries, or lower the history size in options.`;
}
