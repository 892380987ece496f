/**
 * The queue store on fake-indexeddb (a real IndexedDB in memory): items and the meta record written and read back,
 * broken rows read carefully, and a database of the previous schema upgraded with its versions kept.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../lib/version-db';
import { QueueStore } from '../../lib/queue-store';
import { rowOf, VersionStore } from '../../lib/version-store';
import { summaryOfRow } from '../../lib/version-summary';
import type { QueueItem } from '../../src/queue/queue';
import { readQueueItem, readQueueMeta } from '../../src/queue/read-item';
import { jobFrom } from '../support/job-shapes';

let dbs = 0;
let name: string;
let store: QueueStore;
beforeEach(() => {
  name = `queue-test-${++dbs}`;
  store = new QueueStore(name);
});

function item(n: number, over: Partial<QueueItem> = {}): QueueItem {
  return { id: `q${n}`, url: `https://n.example/${n}`, order: n, state: 'waiting', addedAt: 1000 + n, updatedAt: 1000 + n, ...over };
}

/** Writes values straight into the queueItems store, as a broken or older build might have left them. */
async function plant(rows: unknown[]): Promise<void> {
  await store.all(); // the database exists, at today's schema
  const db = await openDB(name, DB_VERSION);
  const tx = db.transaction('queueItems', 'readwrite');
  for (const row of rows) void tx.store.put(row);
  await tx.done;
  db.close();
}

describe('queue store', () => {
  it('starts empty, then reads back what was stored, in queue order', async () => {
    expect(await store.all()).toEqual([]);
    const done = item(2, { state: 'done', jobId: 'j2', title: 'Ferry', headline: 'Ferry runs again', tokens: 1200, cost: 0.0004 });
    const confirmed = item(4, { jobId: 'j4', confirmed: true });
    await store.put(item(3));
    await store.putMany([confirmed, done, item(1, { state: 'error', error: 'No article here.', continuable: false, cost: null })]);
    expect(await store.all()).toEqual([item(1, { state: 'error', error: 'No article here.', continuable: false, cost: null }), done, item(3), confirmed]);
    // A newer state of an item replaces it.
    await store.put(item(3, { state: 'reading', updatedAt: 2000 }));
    expect((await store.all()).map((i) => [i.id, i.state])).toEqual([
      ['q1', 'error'],
      ['q2', 'done'],
      ['q3', 'reading'],
      ['q4', 'waiting'],
    ]);
  });

  it('orders by place, then by when added', async () => {
    await store.putMany([item(1, { order: 5 }), item(2, { order: 1 }), item(3, { order: 5, addedAt: 10 })]);
    expect((await store.all()).map((i) => i.id)).toEqual(['q2', 'q3', 'q1']);
  });

  it('stores a list all at once or not at all', async () => {
    await store.put(item(1));
    // The second cannot be stored (no id for the key path): the first, in the same transaction, is not stored either.
    const noId = { ...item(3), id: undefined } as unknown as QueueItem;
    await expect(store.putMany([item(2), noId])).rejects.toThrow();
    // Nor can a value the database cannot clone.
    const uncloneable = { ...item(4), title: (() => 'x') as unknown as string };
    await expect(store.putMany([item(5), uncloneable])).rejects.toThrow();
    expect((await store.all()).map((i) => i.id)).toEqual(['q1']);
    // The store goes on working after a refused write.
    await store.putMany([item(2), item(3)]);
    expect((await store.all()).map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
  });

  it('removes one item or many; an id not stored is no error', async () => {
    await store.putMany([1, 2, 3, 4].map((n) => item(n)));
    await store.remove('q2');
    expect((await store.all()).map((i) => i.id)).toEqual(['q1', 'q3', 'q4']);
    await store.removeMany(['q1', 'q4', 'gone']);
    expect((await store.all()).map((i) => i.id)).toEqual(['q3']);
    await store.remove('gone');
    await store.removeMany([]);
    expect((await store.all()).map((i) => i.id)).toEqual(['q3']);
  });

  it('remembers whether the queue is paused; not paused until told', async () => {
    expect(await store.meta()).toEqual({ paused: false });
    await store.setMeta({ paused: true });
    expect(await store.meta()).toEqual({ paused: true });
    // Another connection (another page, or the next worker) reads the same.
    expect(await new QueueStore(name).meta()).toEqual({ paused: true });
    await store.setMeta({ paused: false });
    expect(await store.meta()).toEqual({ paused: false });
  });

  it('reads a broken meta record as not paused', async () => {
    await store.all();
    const db = await openDB(name, DB_VERSION);
    await db.put('queueMeta', 'yes' as never, 'meta');
    db.close();
    expect(await store.meta()).toEqual({ paused: false });
  });

  it('leaves out a row it cannot use and repairs one with a bad optional field, without hiding the others', async () => {
    await plant([
      item(1),
      { id: 'q0' },
      { ...item(7), id: 7 },
      { ...item(2), state: 'lost' },
      { ...item(3), url: 'javascript:alert(1)' },
      { ...item(4), order: 'first' },
      { ...item(5), title: 42, cost: -1, tokens: 1.5, continuable: 'yes', jobId: '' },
      { ...item(6), addedAt: 'yesterday' },
    ]);
    expect(await store.all()).toEqual([item(1), item(5), item(6, { addedAt: 1006 })]);
    // The unreadable rows stay stored (nothing is lost); they are removed like any other.
    await store.removeMany(['q0', 'q2', 'q3', 'q4']);
    expect((await store.all()).map((i) => i.id)).toEqual(['q1', 'q5', 'q6']);
  });

  it('opens again after its connection was closed under it', async () => {
    await store.put(item(1));
    // Deleting the database asks every open connection to close, as a newer schema does: the store lets go of its
    // connection and the next call opens a new one (here, of a new and empty database).
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('blocked: the store kept its connection open'));
    });
    await expect(store.all()).resolves.toEqual([]);
    await store.put(item(2));
    expect((await store.all()).map((i) => i.id)).toEqual(['q2']);
  });
});

describe('a stored row read back', () => {
  const full = item(1, { state: 'done', jobId: 'j1', title: 'T', headline: 'H', error: '', continuable: false, confirmed: true, tokens: 0, cost: 0 });

  it('reads a sound row as it is, and a copy of it, not the row itself', () => {
    expect(readQueueItem(JSON.parse(JSON.stringify(full)))).toEqual(full);
    expect(readQueueItem(full)).not.toBe(full);
    // Fields no build writes are left behind.
    expect(readQueueItem({ ...item(1), extra: 'x' })).toEqual(item(1));
  });

  it('is null without a usable id, address, state or place', () => {
    for (const broken of [
      null,
      'q1',
      [item(1)],
      { ...item(1), id: '' },
      { ...item(1), id: 1 },
      { ...item(1), url: undefined },
      { ...item(1), url: 'n.example/1' },
      { ...item(1), url: 'file:///etc/passwd' },
      { ...item(1), state: undefined },
      { ...item(1), state: 'Waiting' },
      { ...item(1), order: undefined },
      { ...item(1), order: Number.NaN },
      { ...item(1), order: Infinity },
      { ...item(1), order: '1' },
    ]) {
      expect(readQueueItem(broken)).toBeNull();
    }
  });

  it('takes a bad time from the other one, or 1970 when both are bad', () => {
    expect(readQueueItem({ ...item(1), addedAt: -5 })).toEqual(item(1, { addedAt: 1001 }));
    expect(readQueueItem({ ...item(1), updatedAt: 'now' })).toEqual(item(1, { updatedAt: 1001 }));
    expect(readQueueItem({ ...item(1), addedAt: null, updatedAt: undefined })).toEqual(item(1, { addedAt: 0, updatedAt: 0 }));
  });

  it('drops an optional field of the wrong type, keeping a null cost (a model with no price)', () => {
    expect(readQueueItem({ ...item(1), cost: null })).toEqual(item(1, { cost: null }));
    expect(readQueueItem({ ...item(1), jobId: 7, title: null, headline: {}, error: ['x'], continuable: 1, confirmed: 'yes', tokens: -1, cost: '0.1' })).toEqual(
      item(1),
    );
    expect(readQueueItem({ ...item(1), tokens: Infinity, cost: Number.NaN })).toEqual(item(1));
  });

  it('reads the meta record as not paused unless it says paused', () => {
    expect([undefined, null, 'paused', { paused: 'true' }, { paused: 1 }, {}].map(readQueueMeta)).toEqual(Array(6).fill({ paused: false }));
    expect(readQueueMeta({ paused: true, other: 1 })).toEqual({ paused: true });
  });
});

describe('the upgrade to the queue schema', () => {
  it('keeps every version, source and summary of a database of the previous schema, and adds the queue stores', async () => {
    // The previous schema, as the first two upgrades of lib/version-db.ts made it, with a version written then.
    const job = jobFrom({ id: 'v1', state: 'done', title: 'Ferry story', text: '# Ferry runs again\n\nThe ferry is back.' });
    const row = rowOf(job);
    const old = await openDB(name, 2, {
      upgrade(db) {
        const versions = db.createObjectStore('versions', { keyPath: 'id' });
        versions.createIndex('page', ['page', 'at']);
        versions.createIndex('at', 'at');
        versions.createIndex('live', 'live');
        db.createObjectStore('sources');
        const summaries = db.createObjectStore('summaries', { keyPath: 'id' });
        summaries.createIndex('page', ['page', 'at']);
        summaries.createIndex('at', ['at', 'page']);
      },
    });
    const tx = old.transaction(['versions', 'summaries', 'sources'], 'readwrite');
    void tx.objectStore('versions').put(row);
    void tx.objectStore('summaries').put(summaryOfRow(row));
    void tx.objectStore('sources').put({ title: 'Ferry', text: 'The ferry is back.', blocks: [] }, 'v1');
    await tx.done;
    old.close();

    expect(await store.all()).toEqual([]);
    await store.put(item(1));
    expect(await store.all()).toEqual([item(1)]);

    const db = await openDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(['queueItems', 'queueMeta', 'sources', 'summaries', 'versions']);
    db.close();

    const versions = new VersionStore(name);
    expect((await versions.get('v1'))?.title).toBe('Ferry story');
    expect((await versions.getSource('v1'))?.text).toBe('The ferry is back.');
    const { summaries } = await versions.summaries();
    expect(summaries.map((s) => [s.id, s.headline])).toEqual([['v1', 'Ferry runs again']]);
    expect(await versions.count()).toBe(1);
  });

  it('makes every store in a new database', async () => {
    await store.setMeta({ paused: true });
    const db = await openDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['queueItems', 'queueMeta', 'sources', 'summaries', 'versions']);
    db.close();
  });
});
