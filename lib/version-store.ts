/**
 * Every version of every page's rewrite, and the source article of each, in IndexedDB (lib/version-db.ts). The
 * background writes them; the history page reads, exports, deletes and restores them. Each record is checked field
 * by field as it is read (src/job-read.ts), so one broken record never breaks a list.
 */

import type { Article } from '../src/article';
import { isActive, type JobRecord } from '../src/job';
import { readJob } from '../src/job-read';
import type { VersionSummary } from '../src/history-summary';
import { openVersionDb, type VersionDB, type VersionRow } from './version-db';
import { summaryOfRow } from './version-summary';

/** The stored versions as read: the readable ones newest first, and how many were skipped or repaired on the way. */
export interface StoredJobs {
  jobs: JobRecord[];
  /** Records with nothing to show (not a record, no text): left out. */
  skipped: number;
  /** Records with a field that could not be read, shown with that field replaced. */
  repaired: number;
}

/** Stored summaries as the history lists them: the readable ones newest first, and how many were skipped or repaired. */
export interface StoredSummaries {
  summaries: VersionSummary[];
  skipped: number;
  repaired: number;
}

/** Summaries, newest first, without the unreadable ones, counted as StoredJobs counts records. */
function listable(all: readonly VersionSummary[]): StoredSummaries {
  const out: StoredSummaries = { summaries: [], skipped: 0, repaired: 0 };
  for (const s of all) {
    if (s.read === 'unreadable') out.skipped++;
    else {
      if (s.read === 'repaired') out.repaired++;
      out.summaries.push(s);
    }
  }
  out.summaries.sort((a, b) => b.at - a.at);
  return out;
}

/** What a delete took away, to put back on undo. */
export interface Removed {
  rows: VersionRow[];
  sources: [string, Article][];
}

export function rowOf(job: JobRecord): VersionRow {
  return { id: job.id, page: job.key, at: job.createdAt, live: isActive(job) ? 1 : 0, job };
}

/** A stored row's job, read carefully; the row's id and page are the version's. */
export function readRow(row: VersionRow): ReturnType<typeof readJob> {
  const read = readJob(row.job, row.page);
  if (read) read.job.id = row.id;
  return read;
}

/** Rows read carefully, newest first, with how many were skipped or repaired. */
function readRows(rows: readonly VersionRow[]): StoredJobs {
  const out: StoredJobs = { jobs: [], skipped: 0, repaired: 0 };
  for (const row of rows) {
    const read = readRow(row);
    if (!read) out.skipped++;
    else {
      if (read.repaired.length) out.repaired++;
      out.jobs.push(read.job);
    }
  }
  out.jobs.sort((a, b) => b.createdAt - a.createdAt);
  return out;
}

const pageRange = (page: string) => IDBKeyRange.bound([page, -Infinity], [page, Infinity]);

/** Waits for a write transaction to commit; its error (a QuotaExceededError when the disk quota is reached) if not. */
async function committed(tx: { done: Promise<void> }, requests: Promise<unknown>[]): Promise<void> {
  // A request of an aborted transaction fails with a bare AbortError: the transaction's own error says why.
  for (const r of requests) r.catch(() => {});
  await tx.done;
}

export class VersionStore {
  private db: Promise<VersionDB> | null = null;

  constructor(private readonly name?: string) {}

  private open(): Promise<VersionDB> {
    this.db ??= openVersionDb(this.name, () => (this.db = null)).catch((err: unknown) => {
      this.db = null;
      throw err;
    });
    return this.db;
  }

  /** Stores a version (a new one, or a newer state of one) and its summary, one transaction. */
  async put(job: JobRecord): Promise<void> {
    const row = rowOf(job);
    const tx = (await this.open()).transaction(['versions', 'summaries'], 'readwrite');
    await committed(tx, [tx.objectStore('versions').put(row), tx.objectStore('summaries').put(summaryOfRow(row))]);
  }

  /** Stores rows as they are (a migration, an undo) with their summaries and sources, all in one transaction. */
  async putRows(rows: readonly VersionRow[], sources: readonly [string, Article][] = []): Promise<void> {
    const tx = (await this.open()).transaction(['versions', 'summaries', 'sources'], 'readwrite');
    const versions = tx.objectStore('versions');
    const summaries = tx.objectStore('summaries');
    const src = tx.objectStore('sources');
    await committed(tx, [...rows.flatMap((r) => [versions.put(r), summaries.put(summaryOfRow(r))]), ...sources.map(([id, a]) => src.put(a, id))]);
  }

  async get(id: string): Promise<JobRecord | null> {
    const row = await (await this.open()).get('versions', id);
    return row ? (readRow(row)?.job ?? null) : null;
  }

  /** Whole versions by id, in one transaction: null for one gone or unreadable. */
  async getMany(ids: readonly string[]): Promise<(JobRecord | null)[]> {
    const tx = (await this.open()).transaction('versions');
    const rows = await Promise.all(ids.map((id) => tx.store.get(id)));
    return rows.map((row) => (row ? (readRow(row)?.job ?? null) : null));
  }

  /** The page's newest readable version. */
  async latest(page: string): Promise<JobRecord | null> {
    const tx = (await this.open()).transaction('versions');
    for (let cursor = await tx.store.index('page').openCursor(pageRange(page), 'prev'); cursor; cursor = await cursor.continue()) {
      const job = readRow(cursor.value)?.job;
      if (job) return job;
    }
    return null;
  }

  /** The page's readable versions, oldest first. */
  async versions(page: string): Promise<JobRecord[]> {
    const rows = await (await this.open()).getAllFromIndex('versions', 'page', pageRange(page));
    return rows.map((r) => readRow(r)?.job).filter((j): j is JobRecord => !!j);
  }

  /**
   * The page's versions as ids and creation times, oldest first, from the page index's keys alone: no row is read
   * (a row holds a whole rewrite). Unlike versions(), an unreadable row is not left out.
   */
  async versionKeys(page: string): Promise<{ id: string; at: number }[]> {
    const tx = (await this.open()).transaction('versions');
    const out: { id: string; at: number }[] = [];
    for (let c = await tx.store.index('page').openKeyCursor(pageRange(page)); c; c = await c.continue()) out.push({ id: c.primaryKey, at: c.key[1] });
    return out;
  }

  /** Every stored version, newest first, with how many records were skipped or repaired. */
  async list(): Promise<StoredJobs> {
    return readRows(await (await this.open()).getAll('versions'));
  }

  /** Every stored version's summary (what the history lists and searches), newest first; no whole row is read. */
  async summaries(): Promise<StoredSummaries> {
    return listable(await (await this.open()).getAll('summaries'));
  }

  /**
   * The summaries of the history's first `versions` entries as it is listed (pages from the one written to last,
   * each page's versions newest first), with how many versions each of those pages has: a first screenful without
   * reading every summary (each holds its article's searched text). Keys first, then only the summaries shown,
   * each step's requests made at once rather than one after another (each is a round trip to the browser).
   */
  async newestSummaries(versions: number): Promise<StoredSummaries & { counts: Map<string, number> }> {
    const tx = (await this.open()).transaction('summaries');
    // The newest `versions` versions' pages, from the index's keys: those pages hold at least as many versions.
    const order: string[] = [];
    let seen = 0;
    for (let c = await tx.store.index('at').openKeyCursor(null, 'prev'); c && seen < versions; c = await c.continue(), seen++) {
      if (!order.includes(c.key[1])) order.push(c.key[1]);
    }
    const byPage = tx.store.index('page');
    const ids = await Promise.all(order.map((page) => byPage.getAllKeys(pageRange(page))));
    const counts = new Map<string, number>();
    const wanted: string[] = [];
    order.forEach((page, i) => {
      const pageIds = ids[i] ?? [];
      if (wanted.length >= versions) return;
      counts.set(page, pageIds.length);
      // A page's ids come oldest first: its newest ones, newest first.
      wanted.push(...pageIds.slice(-(versions - wanted.length)).reverse());
    });
    const got = await Promise.all(wanted.map((id) => tx.store.get(id)));
    return { ...listable(got.filter((s): s is VersionSummary => !!s)), counts };
  }

  /** The versions stored as running (left so by a worker that died), read. */
  async running(): Promise<JobRecord[]> {
    const rows = await (await this.open()).getAllFromIndex('versions', 'live', 1);
    return rows.map((r) => readRow(r)?.job).filter((j): j is JobRecord => !!j && isActive(j));
  }

  /** Deletes versions with their summaries and sources in one transaction; returns what was deleted, for an undo. */
  async delete(ids: readonly string[]): Promise<Removed> {
    const tx = (await this.open()).transaction(['versions', 'summaries', 'sources'], 'readwrite');
    const versions = tx.objectStore('versions');
    const summaries = tx.objectStore('summaries');
    const src = tx.objectStore('sources');
    const removed: Removed = { rows: [], sources: [] };
    for (const id of ids) {
      const row = await versions.get(id);
      if (row) removed.rows.push(row);
      const source = await src.get(id);
      if (source) removed.sources.push([id, source]);
    }
    await committed(
      tx,
      ids.flatMap((id) => [versions.delete(id), summaries.delete(id), src.delete(id)]),
    );
    return removed;
  }

  /** Deletes every version of the page. */
  async deletePage(page: string): Promise<Removed> {
    const ids = await (await this.open()).getAllKeysFromIndex('versions', 'page', pageRange(page));
    return this.delete(ids);
  }

  async getSource(id: string): Promise<Article | null> {
    const value = await (await this.open()).get('sources', id);
    return value && typeof value.text === 'string' && Array.isArray(value.blocks) ? value : null;
  }

  async putSource(id: string, article: Article): Promise<void> {
    const tx = (await this.open()).transaction('sources', 'readwrite');
    await committed(tx, [tx.store.put(article, id)]);
  }

  async count(): Promise<number> {
    return (await this.open()).count('versions');
  }

  /** About how many bytes the versions, their summaries and sources take (their JSON), for figures and benchmarks. */
  async size(): Promise<number> {
    const db = await this.open();
    let bytes = 0;
    for (const store of ['versions', 'summaries', 'sources'] as const) {
      for (let c = await db.transaction(store).store.openCursor(); c; c = await c.continue()) bytes += JSON.stringify(c.value).length;
    }
    return bytes;
  }

  /**
   * Keeps at most `keep` versions (the history size setting): the oldest go first, with their summaries and sources. A version
   * in `protect` (one running, or being written) is never dropped. Returns the ids dropped.
   */
  async evict(keep: number, protect: ReadonlySet<string> = new Set()): Promise<string[]> {
    const db = await this.open();
    let excess = (await db.count('versions')) - keep;
    if (excess <= 0) return [];
    const drop: string[] = [];
    for (let c = await db.transaction('versions').store.index('at').openKeyCursor(); c && excess > 0; c = await c.continue()) {
      if (protect.has(c.primaryKey)) continue;
      drop.push(c.primaryKey);
      excess--;
    }
    if (drop.length) await this.delete(drop);
    return drop;
  }
}

let shared: VersionStore | null = null;

/** The extension's store (one per page or worker). */
export function versionStore(): VersionStore {
  shared ??= new VersionStore();
  return shared;
}
