/**
 * The real version store (on fake-indexeddb) with a disk quota: a write that would take the stored JSON past `limit`
 * bytes fails the way a browser's IndexedDB does, with a QuotaExceededError, and stores nothing. Writes really
 * succeed and really fail.
 */
import type { Article } from '../../src/article';
import type { JobRecord } from '../../src/job';
import type { VersionRow } from '../../lib/version-db';
import { rowOf, VersionStore } from '../../lib/version-store';
import { summaryOfRow } from '../../lib/version-summary';

/** A row's bytes as stored: the row and its summary (written with it). */
const rowBytes = (row: VersionRow): number => JSON.stringify(row).length + JSON.stringify(summaryOfRow(row)).length;

export class QuotaStore extends VersionStore {
  /** Bytes (JSON of the rows, their summaries and sources) the store may hold. */
  limit = Infinity;
  /** Every write attempted (put, putRows, putSource), refused or not. */
  writes = 0;

  private async check(incoming: number, replacing: readonly string[]): Promise<void> {
    this.writes++;
    if (this.limit === Infinity) return;
    let used = await this.size();
    for (const id of replacing) {
      const old = await this.rawRow(id);
      if (old) used -= rowBytes(old);
    }
    if (used + incoming > this.limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  }

  private async rawRow(id: string): Promise<VersionRow | null> {
    const job = await this.get(id);
    return job ? rowOf(job) : null;
  }

  override async put(job: JobRecord): Promise<void> {
    await this.check(rowBytes(rowOf(job)), [job.id]);
    return super.put(job);
  }

  override async putRows(rows: readonly VersionRow[], sources: readonly [string, Article][] = []): Promise<void> {
    const bytes = rows.reduce((n, r) => n + rowBytes(r), 0) + sources.reduce((n, [, a]) => n + JSON.stringify(a).length, 0);
    await this.check(
      bytes,
      rows.map((r) => r.id),
    );
    return super.putRows(rows, sources);
  }

  override async putSource(id: string, article: Article): Promise<void> {
    await this.check(JSON.stringify(article).length, []);
    return super.putSource(id, article);
  }
}
