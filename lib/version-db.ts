/**
 * The IndexedDB database that holds every version of every rewrite and the article each was written from, and the
 * batch queue. Its schema grows by ordered upgrades: the database's version is the number of upgrades applied, and
 * opening it runs the ones it has not had yet, in order, inside the browser's upgrade transaction (all or nothing).
 */

import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Article } from '../src/article';
import type { VersionSummary } from '../src/history-summary';
import type { QueueItem, QueueMeta } from '../src/queue/queue';
import { summaryOfRow } from './version-summary';

export const DB_NAME = 'newsmith';
/** The one record of the queueMeta store is kept under this key. */
export const QUEUE_META_KEY = 'meta';

/** One stored version: the job as written (read back through readJob), filed under its page and creation time. */
export interface VersionRow {
  /** The version's id (the job's id), unique across pages. */
  id: string;
  /** The page key the version belongs to. */
  page: string;
  /** Creation time (ms), the order of versions and of eviction. */
  at: number;
  /** 1 while the job is extracting or writing, so start-up finds those left running without reading all. */
  live: 0 | 1;
  /** The job record, stored as it was handed in; checked field by field whenever it is read. */
  job: unknown;
}

export interface NewsmithDB extends DBSchema {
  versions: { key: string; value: VersionRow; indexes: { page: [string, number]; at: number; live: number } };
  /** The extracted article a version was written from, under the version's id. */
  sources: { key: string; value: Article };
  /**
   * Each version's summary under its id (src/history-summary.ts): what the history lists and searches, written and
   * deleted in the same transaction as the version, so the history never reads whole rows to list them.
   */
  summaries: { key: string; value: VersionSummary; indexes: { page: [string, number]; at: [number, string] } };
  /** The batch queue's items under their ids (src/queue/queue.ts), each checked as it is read (src/queue/read-item.ts). */
  queueItems: { key: string; value: QueueItem };
  /** What the queue remembers besides its items: one record, under the key 'meta'. */
  queueMeta: { key: typeof QUEUE_META_KEY; value: QueueMeta };
}

type Upgrade = (db: IDBPDatabase<NewsmithDB>, tx: IDBPTransaction<NewsmithDB, StoreNames<NewsmithDB>[], 'versionchange'>) => void | Promise<void>;

/** Applied in order, never edited once shipped: a change to the schema is a new entry at the end. */
const UPGRADES: readonly Upgrade[] = [
  (db) => {
    const versions = db.createObjectStore('versions', { keyPath: 'id' });
    versions.createIndex('page', ['page', 'at']);
    versions.createIndex('at', 'at');
    versions.createIndex('live', 'live');
    db.createObjectStore('sources');
  },
  // The summaries, made for every row already stored (in the upgrade transaction: all of them or none).
  async (db, tx) => {
    const summaries = db.createObjectStore('summaries', { keyPath: 'id' });
    summaries.createIndex('page', ['page', 'at']);
    // Creation time, then page: the newest pages are found from the index's keys, no summary read.
    summaries.createIndex('at', ['at', 'page']);
    const puts: Promise<unknown>[] = [];
    for (let c = await tx.objectStore('versions').openCursor(); c; c = await c.continue()) puts.push(summaries.put(summaryOfRow(c.value)));
    await Promise.all(puts);
  },
  // The batch queue: its items, and the one record of what it remembers besides them.
  (db) => {
    db.createObjectStore('queueItems', { keyPath: 'id' });
    db.createObjectStore('queueMeta');
  },
];

export const DB_VERSION = UPGRADES.length;

export type VersionDB = IDBPDatabase<NewsmithDB>;

/**
 * Opens (creating or upgrading) the database; `name` lets tests keep databases apart. `gone` is called when this
 * connection closes (a newer schema asked for it, or the browser closed it), so the next call opens a fresh one.
 */
export function openVersionDb(name = DB_NAME, gone: () => void = () => {}): Promise<VersionDB> {
  return openDB<NewsmithDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // One after another, each waiting for the last; an upgrade that fails aborts them all, the old schema kept.
      void (async () => {
        for (const upgrade of UPGRADES.slice(oldVersion)) await upgrade(db, tx);
      })().catch((err: unknown) => {
        console.warn('Newsmith: database upgrade failed', err);
        try {
          tx.abort();
        } catch {
          // Already aborted (a failed request does that) or finished.
        }
      });
    },
    // Another page opened a newer schema (the extension updated under us): let it, and reopen next time.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      gone();
    },
    terminated: gone,
  });
}
