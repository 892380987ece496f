/**
 * The batch queue in IndexedDB (lib/version-db.ts `queueItems`, `queueMeta`), so it outlives the worker and the
 * browser. Every row is checked as it is read (src/queue/read-item.ts): one broken row never hides the others.
 */

import { inOrder, type QueueItem, type QueueMeta } from '../src/queue/queue';
import { readQueueItem, readQueueMeta } from '../src/queue/read-item';
import { DB_NAME, openVersionDb, QUEUE_META_KEY, type VersionDB } from './version-db';

/** The queueMeta store's one key. */

/**
 * Makes a write transaction's requests, one per value, and waits for it to commit: all of them or none. Fails with
 * the transaction's error (a QuotaExceededError when the disk quota is reached), or with the error of a request
 * refused outright (a value that cannot be stored), which aborts the ones already made.
 */
async function writeAll<T>(tx: { done: Promise<void>; abort(): void }, values: readonly T[], write: (value: T) => Promise<unknown>): Promise<void> {
  const requests: Promise<unknown>[] = [];
  // A request of an aborted transaction fails with a bare AbortError: the transaction's own error says why.
  const quiet = () => requests.forEach((r) => r.catch(() => {}));
  try {
    for (const value of values) requests.push(write(value));
  } catch (err) {
    quiet();
    tx.done.catch(() => {});
    tx.abort();
    throw err;
  }
  quiet();
  await tx.done;
}

export class QueueStore {
  private db: Promise<VersionDB> | null = null;

  constructor(private readonly name = DB_NAME) {}

  private open(): Promise<VersionDB> {
    this.db ??= openVersionDb(this.name, () => (this.db = null)).catch((err: unknown) => {
      this.db = null;
      throw err;
    });
    return this.db;
  }

  /** Every readable item, in queue order; an unreadable row is left out (and stays stored). */
  async all(): Promise<QueueItem[]> {
    const rows: unknown[] = await (await this.open()).getAll('queueItems');
    return inOrder(rows.map(readQueueItem).filter((i): i is QueueItem => i !== null));
  }

  /** Stores an item (a new one, or a newer state of one). */
  async put(item: QueueItem): Promise<void> {
    return this.putMany([item]);
  }

  /** Stores items in one transaction: all of them or none. */
  async putMany(items: readonly QueueItem[]): Promise<void> {
    const tx = (await this.open()).transaction('queueItems', 'readwrite');
    await writeAll(tx, items, (item) => tx.store.put(item));
  }

  async remove(id: string): Promise<void> {
    return this.removeMany([id]);
  }

  /** Deletes items in one transaction; an id not stored is no error. */
  async removeMany(ids: readonly string[]): Promise<void> {
    const tx = (await this.open()).transaction('queueItems', 'readwrite');
    await writeAll(tx, ids, (id) => tx.store.delete(id));
  }

  /** What the queue remembers besides its items (not paused, if it never stored it). */
  async meta(): Promise<QueueMeta> {
    return readQueueMeta(await (await this.open()).get('queueMeta', QUEUE_META_KEY));
  }

  async setMeta(meta: QueueMeta): Promise<void> {
    const tx = (await this.open()).transaction('queueMeta', 'readwrite');
    await writeAll(tx, [meta], (m) => tx.store.put(m, QUEUE_META_KEY));
  }
}

let shared: QueueStore | null = null;

/** The extension's queue store (one per page or worker). */
export function queueStore(): QueueStore {
  shared ??= new QueueStore();
  return shared;
}
