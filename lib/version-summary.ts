/**
 * The summary stored beside a version row (lib/version-db.ts `summaries`): made from the row as it is read
 * (src/job-read.ts), so a broken record gets a summary saying so instead of failing the write or the upgrade.
 */

import { summaryOf, unreadableSummary, type VersionSummary } from '../src/history-summary';
import { readJob } from '../src/job-read';
import type { VersionRow } from './version-db';

export function summaryOfRow(row: VersionRow): VersionSummary {
  try {
    const read = readJob(row.job, row.page);
    if (!read) return unreadableSummary(row.id, row.page, row.at);
    read.job.id = row.id;
    return { ...summaryOf(read.job, read.repaired.length ? 'repaired' : 'ok'), id: row.id, page: row.page, at: row.at };
  } catch {
    // readJob never throws on a record it can read; anything else is a record with nothing to show.
    return unreadableSummary(row.id, row.page, row.at);
  }
}
