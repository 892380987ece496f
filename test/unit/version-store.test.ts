/**
 * The version store on fake-indexeddb (a real IndexedDB in memory) and the migration of today's stored jobs from an
 * in-memory browser storage: real reads and writes, no stubs.
 */
import type { JobRecord } from '../../src/job';
import { jobFrom, type LooseJob } from '../support/job-shapes';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, type FakeBrowser } from '../support/fake-browser';

let fake: FakeBrowser;
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, prop) => (fake as unknown as Record<string | symbol, unknown>)[prop] }),
}));

const { VersionStore } = await import('../../lib/version-store');
const { migrateLegacyJobs } = await import('../../lib/legacy-jobs');
const { articleFromText } = await import('../../src/article');
const { entriesByPage, searchEntries } = await import('../../src/history');

let dbs = 0;
let store: InstanceType<typeof VersionStore>;
beforeEach(() => {
  fake = fakeBrowser();
  store = new VersionStore(`test-${++dbs}`);
});

function job(n: number, page = n, over: LooseJob = {}): JobRecord {
  const key = `https://n.example/${page}`;
  return jobFrom({ id: `id${n}`, model: 'm', createdAt: 1000 + n, updatedAt: 1000 + n, state: 'done', text: `# H${n}\n\nBody ${n}.`, ...over }, key);
}

describe('version store', () => {
  it('keeps every version of a page: latest, all in order, list newest first, count', async () => {
    for (const n of [1, 2, 3]) await store.put(job(n, 7));
    await store.put(job(4, 8));
    expect((await store.latest('https://n.example/7'))?.id).toBe('id3');
    expect((await store.versions('https://n.example/7')).map((j) => j.id)).toEqual(['id1', 'id2', 'id3']);
    expect(await store.versionKeys('https://n.example/7')).toEqual([
      { id: 'id1', at: 1001 },
      { id: 'id2', at: 1002 },
      { id: 'id3', at: 1003 },
    ]);
    expect((await store.list()).jobs.map((j) => j.id)).toEqual(['id4', 'id3', 'id2', 'id1']);
    expect(await store.count()).toBe(4);
    expect(await store.size()).toBeGreaterThan(0);
    // A newer state of a version replaces that version only.
    await store.put(job(2, 7, { text: '# H2\n\nBody 2, longer.' }));
    expect((await store.get('id2'))?.text).toBe('# H2\n\nBody 2, longer.');
    expect(await store.count()).toBe(4);
    expect(await store.latest('https://n.example/none')).toBeNull();
  });

  it("keeps each version's source, deletes one version or a whole page with their sources, and puts them back", async () => {
    const article = articleFromText('T', 'One paragraph.\n\nTwo paragraph.', 'https://n.example/7');
    for (const n of [1, 2]) {
      await store.put(job(n, 7));
      await store.putSource(`id${n}`, article);
    }
    await store.put(job(3, 8));
    expect((await store.getSource('id1'))?.text).toBe('One paragraph.\n\nTwo paragraph.');
    const removed = await store.delete(['id1']);
    expect(await store.get('id1')).toBeNull();
    expect(await store.getSource('id1')).toBeNull();
    expect((await store.versions('https://n.example/7')).map((j) => j.id)).toEqual(['id2']);
    await store.putRows(removed.rows, removed.sources);
    expect((await store.versions('https://n.example/7')).map((j) => j.id)).toEqual(['id1', 'id2']);
    expect((await store.getSource('id1'))?.title).toBe('T');
    await store.deletePage('https://n.example/7');
    expect((await store.list()).jobs.map((j) => j.id)).toEqual(['id3']);
  });

  it('evicts the oldest versions past the history size, never a protected (running) one', async () => {
    for (let n = 1; n <= 13; n++) await store.put(job(n, n % 3));
    expect(await store.evict(10, new Set(['id1']))).toEqual(['id2', 'id3', 'id4']);
    expect((await store.list()).jobs.map((j) => j.id)).toEqual(['id13', 'id12', 'id11', 'id10', 'id9', 'id8', 'id7', 'id6', 'id5', 'id1']);
    expect(await store.evict(10)).toEqual([]);
  });

  it("reads the history's first entries as listed, from their summaries, with their pages' version counts", async () => {
    // Page 1 has versions 1, 4, 6; page 2 has 2 and 5; page 3 has 3; then 7, not a record, on page 4.
    for (const [n, page] of [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 1],
      [5, 2],
      [6, 1],
    ] as const)
      await store.put(job(n, page));
    const first = await store.newestSummaries(2);
    expect(first.summaries.map((s) => s.id)).toEqual(['id6', 'id4']);
    expect([...first.counts]).toEqual([['https://n.example/1', 3]]);
    expect(entriesByPage(first.summaries, first.counts).map((p) => p.map((e) => `${e.version}/${e.versions}`))).toEqual([['3/3', '2/3']]);
    expect((await store.newestSummaries(4)).summaries.map((s) => s.id)).toEqual(['id6', 'id5', 'id4', 'id1']);
    expect((await store.newestSummaries(99)).summaries.map((s) => s.id)).toEqual((await store.list()).jobs.map((j) => j.id));
    await store.putRows([{ id: 'id7', page: 'https://n.example/4', at: 1007, live: 0, job: 'not a record' }]);
    // An unreadable version takes its place among the first entries, and is counted as skipped.
    expect(await store.newestSummaries(2)).toMatchObject({ summaries: [{ id: 'id6' }], skipped: 1 });
    expect((await store.newestSummaries(3)).summaries.map((s) => s.id)).toEqual(['id6', 'id4']);
  });

  it("writes a version's summary with every put and removes it with every delete, eviction and page delete; undo puts it back", async () => {
    const ids = async () => (await store.summaries()).summaries.map((s) => s.id);
    await store.put(job(1, 7, { state: 'writing', text: '# Half\n\nWritten so' }));
    expect((await store.summaries()).summaries).toMatchObject([{ id: 'id1', page: 'https://n.example/7', at: 1001, status: 'running', headline: 'Half' }]);
    // A newer state of the version: its summary follows.
    await store.put(job(1, 7, { text: '# Whole\n\nWritten so far and on.' }));
    expect((await store.summaries()).summaries).toMatchObject([
      { id: 'id1', status: 'done', headline: 'Whole', article: expect.stringContaining('Written so far and on.') },
    ]);
    for (const n of [2, 3, 4]) await store.put(job(n, n === 4 ? 8 : 7));
    expect(await ids()).toEqual(['id4', 'id3', 'id2', 'id1']);
    const removed = await store.delete(['id2']);
    expect(await ids()).toEqual(['id4', 'id3', 'id1']);
    await store.putRows(removed.rows, removed.sources);
    expect(await ids()).toEqual(['id4', 'id3', 'id2', 'id1']);
    expect(await store.evict(2)).toEqual(['id1', 'id2']);
    expect(await ids()).toEqual(['id4', 'id3']);
    await store.deletePage('https://n.example/8');
    expect(await ids()).toEqual(['id3']);
    // Summaries and versions stay one for one.
    expect((await store.list()).jobs.map((j) => j.id)).toEqual(['id3']);
  });

  it('a summary searches the whole article: a word that appears only at its end', async () => {
    const paragraphs = Array.from({ length: 800 }, (_, i) => `Paragraph ${i} says the council met again about the budget and the roads.`);
    await store.put(job(1, 1, { text: `# Council budget\n\n${paragraphs.join('\n\n')}\n\nThe new bridge is called *Quillfeather*.` }));
    await store.put(job(2, 2, { text: `# Council budget\n\n${paragraphs.join('\n\n')}` }));
    const { summaries } = await store.summaries();
    expect(summaries[1]!.article.length).toBeGreaterThan(50_000);
    const found = searchEntries(entriesByPage(summaries).flat(), 'QUILLFEATHER council');
    expect(found.map((e) => e.id)).toEqual(['id1']);
  });

  it('the upgrade to summaries builds one for every row already stored, losing nothing', async () => {
    const name = `test-${++dbs}`;
    // The first schema, as the first upgrade of lib/version-db.ts made it, with rows written by an earlier build.
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        const versions = req.result.createObjectStore('versions', { keyPath: 'id' });
        versions.createIndex('page', ['page', 'at']);
        versions.createIndex('at', 'at');
        versions.createIndex('live', 'live');
        req.result.createObjectStore('sources');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const { rowOf } = await import('../../lib/version-store');
    const rows = [
      rowOf(job(1, 1, { title: 'Ferry story' })),
      rowOf(job(2, 1, { state: 'error', text: '# Storm\n\nWinds', error: { code: 'incomplete', message: 'Cut.' } })),
      rowOf(job(3, 2)),
      { id: 'id4', page: 'https://n.example/3', at: 1004, live: 0, job: 'not a record' },
      { ...rowOf(job(5, 4)), job: { ...job(5, 4), checks: { facts: { kept: 1 } } } },
    ];
    const article = articleFromText('T', 'One paragraph.', 'https://n.example/1');
    await new Promise<void>((resolve, reject) => {
      const tx = old.transaction(['versions', 'sources'], 'readwrite');
      for (const r of rows) tx.objectStore('versions').put(r);
      tx.objectStore('sources').put(article, 'id1');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    old.close();

    const upgraded = new VersionStore(name);
    const { summaries, skipped, repaired } = await upgraded.summaries();
    expect(summaries.map((s) => [s.id, s.page, s.at, s.status, s.headline])).toEqual([
      ['id5', 'https://n.example/4', 1005, 'done', 'H5'],
      ['id3', 'https://n.example/2', 1003, 'done', 'H3'],
      ['id2', 'https://n.example/1', 1002, 'incomplete', 'Storm'],
      ['id1', 'https://n.example/1', 1001, 'done', 'H1'],
    ]);
    expect(summaries[2]!.reason).toBe('Cut.');
    expect([skipped, repaired]).toEqual([1, 1]);
    // Every row and source is still there, whole.
    expect(await upgraded.count()).toBe(5);
    expect((await upgraded.get('id1'))?.title).toBe('Ferry story');
    expect((await upgraded.getSource('id1'))?.text).toBe('One paragraph.');
    expect((await upgraded.list()).jobs.map((j) => j.id)).toEqual(['id5', 'id3', 'id2', 'id1']);
    // And the list numbers a page's versions from the summaries alone.
    expect(entriesByPage(summaries).map((p) => p.map((e) => `${e.id} ${e.version}/${e.versions}`))).toEqual([['id5 1/1'], ['id3 1/1'], ['id2 2/2', 'id1 1/2']]);
  });

  it('finds the versions left running without reading the rest', async () => {
    await store.put(job(1, 1, { state: 'writing', text: '# H\n\nHalf' }));
    await store.put(job(2));
    expect((await store.running()).map((j) => j.id)).toEqual(['id1']);
    await store.put(job(1, 1, { state: 'done' }));
    expect(await store.running()).toEqual([]);
  });
});

describe('migration of the jobs storage.local held before versions', () => {
  /** Today's stored shape: one `job:<page key>` per page and the `jobIndex`, as lib/job-store.ts wrote them. */
  function plantToday(): void {
    const done = { ...job(1), title: 'Ferry story' };
    const cut = { ...job(2), state: 'error', incomplete: true, canContinue: true, error: { code: 'incomplete', message: 'Cut.' }, text: '# Storm\n\nWinds' };
    const running = { ...job(3), state: 'writing', text: '# Half\n\nWritten so' };
    const broken = { ...job(4), createdAt: 'not a date', checks: { facts: { kept: 1 } } };
    const sameId = { ...job(5), id: 'id1' };
    for (const j of [done, cut, running, broken, sameId]) fake.storage.local.plant(`job:${j.key}`, j);
    fake.storage.local.plant('job:https://n.example/garbage', 'not a record');
    fake.storage.local.plant('jobIndex', { [done.key]: 1001, [cut.key]: 1002, [running.key]: 1003, [broken.key]: 'soon', [sameId.key]: 1005 });
    fake.storage.local.plant('model', 'gpt-4.1');
    void fake.storage.session.set({ 'source:id2': articleFromText('Storm', 'Winds reached the coast.\n\nMore.', cut.url) });
  }

  it('moves every stored job into the database once, with its source, losing nothing, then removes the old keys', async () => {
    plantToday();
    expect(await migrateLegacyJobs(store)).toBe(6);
    const { jobs, skipped, repaired } = await store.list();
    expect(jobs.map((j) => j.key).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `https://n.example/${n}`));
    // Read as any stored record is: the broken one repaired, the garbage one counted as unreadable (kept, not lost).
    expect(skipped).toBe(1);
    expect(repaired).toBe(1);
    expect(await store.count()).toBe(6);
    expect((await store.latest('https://n.example/1'))?.title).toBe('Ferry story');
    const cut = await store.latest('https://n.example/2');
    expect(cut).toMatchObject({ state: 'incomplete', canContinue: true, text: '# Storm\n\nWinds' });
    expect((await store.getSource(cut!.id))?.text).toBe('Winds reached the coast.\n\nMore.');
    // Two old records that shared an id are two versions.
    expect((await store.latest('https://n.example/5'))?.id).toBe('id1@https://n.example/5');
    expect((await store.running()).map((j) => j.key)).toEqual(['https://n.example/3']);
    // The old keys are gone, the settings stay; a second run moves nothing.
    expect(fake.storage.local.dump()).toEqual({ model: 'gpt-4.1' });
    expect(fake.storage.session.dump()).toEqual({});
    expect(await migrateLegacyJobs(store)).toBe(0);
    expect(await store.count()).toBe(6);
    expect(entriesByPage((await store.summaries()).summaries).map((page) => page.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('keeps the old keys when the database refuses the move (tried again at the next start)', async () => {
    plantToday();
    const { QuotaStore } = await import('../support/quota-store');
    const full = new QuotaStore(`test-${++dbs}`);
    full.limit = 100;
    await expect(migrateLegacyJobs(full)).rejects.toThrow(/quota/i);
    expect(await full.count()).toBe(0);
    expect(Object.keys(fake.storage.local.dump()).filter((k) => k.startsWith('job:'))).toHaveLength(6);
    full.limit = Infinity;
    expect(await migrateLegacyJobs(full)).toBe(6);
  });
});
