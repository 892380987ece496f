/**
 * The job saver on a real version store (fake-indexeddb) whose disk quota is enforced (a write past it fails with a
 * QuotaExceededError, as IndexedDB's does) and an in-memory storage.session. No stubs: writes really fail and
 * really succeed.
 */
import { errorOf, type JobRecord } from '../../src/job';
import { jobFrom, type LooseJob } from '../support/job-shapes';
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, type FakeBrowser } from '../support/fake-browser';
import { english } from '../../src/i18n-en';

let fake: FakeBrowser;
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, prop) => (fake as unknown as Record<string | symbol, unknown>)[prop] }),
}));

const { JobSaver, problemOf } = await import('../../lib/job-saver');
const { QuotaStore } = await import('../support/quota-store');
const { announce } = await import('../../lib/store-events');

let dbs = 0;
let store: InstanceType<typeof QuotaStore>;

function job(n: number, over: LooseJob = {}, page = n): JobRecord {
  const key = `https://n.example/${page}`;
  return jobFrom({ id: `id${n}`, model: 'm', createdAt: 1000 + n, updatedAt: 1000 + n, state: 'done', text: `# H${n}\n\nBody ${n}.`, ...over }, key);
}

/** Lets IndexedDB's own tasks (real setImmediate, not faked) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await new Promise<void>((r) => setImmediate(r));
}
/** Fake time passes, then the writes it started finish. */
async function pass(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

const unsavedInSession = () => Object.keys(fake.storage.session.dump()).filter((k) => k.startsWith('unsaved:'));
const newSaver = () => new JobSaver(store, () => fake.storage.session as never);

beforeEach(() => {
  fake = fakeBrowser();
  store = new QuotaStore(`saver-${++dbs}`);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('job saver', () => {
  it('names a quota error "full" and anything else "failed"', () => {
    expect(problemOf(new Error('QUOTA_BYTES quota exceeded'))).toBe('full');
    expect(problemOf(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe('full');
    expect(problemOf(new Error('IO error: .../LOCK: No further details.'))).toBe('failed');
  });

  it('with room, stores a new version and keeps nothing back; a new version never replaces the old one', async () => {
    const saver = newSaver();
    await saver.add(job(1, {}, 7), 200);
    await saver.add(job(2, {}, 7), 200);
    expect((await store.versions('https://n.example/7')).map((j) => j.id)).toEqual(['id1', 'id2']);
    expect((await saver.load('https://n.example/7'))?.id).toBe('id2');
    expect(saver.unsavedCount()).toBe(0);
    expect(unsavedInSession()).toEqual([]);
  });

  it('drops the oldest versions past the history size, never the one being added or one running', async () => {
    const saver = newSaver();
    // id1 runs all along (a long job), so it is never the one dropped.
    for (let n = 1; n <= 12; n++) await saver.add(job(n), 10, ['id1']);
    const ids = (await store.list()).jobs.map((j) => j.id);
    expect(ids).toHaveLength(10);
    expect(ids).toContain('id1');
    expect(ids).toContain('id12');
    expect(ids).not.toContain('id2');
  });

  it('database full: keeps the version in memory and session storage, says "full", and reads it back from there', async () => {
    store.limit = 0;
    const saver = newSaver();
    const told: [string, string | null][] = [];
    saver.onProblem((j, problem) => told.push([j.id, problem]));
    const j = job(1);
    await saver.add(j, 200);
    expect(await store.get(j.id)).toBeNull();
    expect(saver.problem(j.id)).toBe('full');
    expect(told).toEqual([[j.id, 'full']]);
    expect((await saver.load(j.key))?.text).toBe('# H1\n\nBody 1.');
    expect((await saver.versions(j.key)).map((x) => x.id)).toEqual(['id1']);
    expect(await saver.versionIds(j.key)).toEqual(['id1']);
    await settle();
    expect(unsavedInSession()).toEqual([`unsaved:${j.id}`]);
  });

  it('retries with backoff, and saves once there is room, then forgets its copies', async () => {
    store.limit = 0;
    const saver = newSaver();
    const told: (string | null)[] = [];
    saver.onProblem((_j, problem) => told.push(problem));
    const j = job(1);
    await saver.save(j);
    const before = store.writes;
    await pass(1_000);
    const first = store.writes;
    expect(first).toBeGreaterThan(before);
    await pass(1_000); // the next try waits longer: 2 s
    expect(store.writes).toBe(first);
    await pass(1_000);
    expect(store.writes).toBeGreaterThan(first);
    expect(saver.problem(j.id)).toBe('full');

    store.limit = Infinity; // room made some other way (the browser's quota grew): the next backoff try saves it
    await pass(4_000);
    expect((await store.get(j.id))?.state).toBe('done');
    expect(saver.problem(j.id)).toBeNull();
    expect(told).toEqual(['full', null]);
    expect(unsavedInSession()).toEqual([]);
    const settled = store.writes;
    await pass(120_000);
    expect(store.writes).toBe(settled);
  });

  it('retries at once when History announces deleted versions (a BroadcastChannel message, not a storage event)', async () => {
    for (const n of [1, 2]) await store.put(job(n, { text: 'old '.repeat(1000) }));
    store.limit = (await store.size()) + 50;
    const saver = newSaver();
    saver.listen();
    const j = job(3);
    await saver.save(j);
    expect(saver.problem(j.id)).toBe('full');
    await store.delete(['id1']);
    announce({ type: 'removed', ids: ['id1'] });
    // The channel's message, then the write: well before the 1 s backoff.
    for (let i = 0; i < 20 && saver.problem(j.id); i++) await new Promise<void>((r) => setImmediate(r));
    await settle();
    expect((await store.get(j.id))?.text).toBe('# H3\n\nBody 3.');
    expect(saver.problem(j.id)).toBeNull();
  });

  it('the newest state wins: an older write that succeeds late never clears a newer one that failed', async () => {
    const saver = newSaver();
    const small = job(1, { state: 'writing', text: 'a' });
    await saver.save(small);
    store.limit = (await store.size()) + 200;
    const big = job(1, { state: 'done', text: 'b'.repeat(1000) });
    await saver.save(big);
    expect(saver.problem(big.id)).toBe('full');
    expect((await store.get(big.id))?.text).toBe('a');
    expect((await saver.load(big.key))?.text).toBe('b'.repeat(1000));
    store.limit = Infinity;
    await pass(1_000);
    expect((await store.get(big.id))?.text).toBe('b'.repeat(1000));
  });

  it('a new worker takes unsaved versions back from session storage (a running one as interrupted) and saves them', async () => {
    store.limit = 0;
    const first = newSaver();
    const running = job(1, { state: 'writing', text: '# H\n\nHalf a' });
    const done = job(2);
    await first.save(running);
    await first.save(done);
    await settle();
    expect(unsavedInSession().sort()).toEqual([`unsaved:${running.id}`, `unsaved:${done.id}`]);

    vi.clearAllTimers(); // the worker dies (its memory and timers gone); the next one starts with an empty saver
    const second = newSaver();
    expect(await second.restore(5_000, english)).toBe(2);
    const back = await second.load(running.key);
    expect(back?.state).toBe('interrupted');
    expect(back && errorOf(back)?.code).toBe('interrupted');
    expect(back?.text).toBe('# H\n\nHalf a');
    expect(second.problem(done.id)).toBe('full');

    store.limit = Infinity;
    await pass(1_000);
    expect((await store.get(done.id))?.state).toBe('done');
    expect((await store.get(running.id))?.state).toBe('interrupted');
    expect(unsavedInSession()).toEqual([]);
  });

  it('takes back an unsaved job a build before versions kept in session storage (named by page)', async () => {
    const old = job(1, { state: 'done', text: '# Old\n\nKept by the old build.' });
    await fake.storage.session.set({ [`unsaved:${old.key}`]: { job: old, keep: 200, problem: 'full' } });
    const saver = newSaver();
    await saver.recover(5_000, english);
    await settle();
    expect((await store.get(old.id))?.text).toBe('# Old\n\nKept by the old build.');
    expect(unsavedInSession()).toEqual([]);
  });

  it('at start, a newer unsaved copy in session storage wins over the older one the database holds', async () => {
    await store.put(job(1, { state: 'writing', text: '# H\n\nHalf' }));
    store.limit = 0;
    const first = newSaver();
    await first.save(job(1, { state: 'done', text: '# H\n\nHalf and the rest, done.' }));
    await settle();
    vi.clearAllTimers();
    store.limit = Infinity; // room, while no worker runs

    const second = newSaver();
    await second.recover(5_000, english);
    await settle();
    const stored = await store.get('id1');
    expect(stored?.state).toBe('done');
    expect(stored?.text).toBe('# H\n\nHalf and the rest, done.');
    expect(second.unsavedCount()).toBe(0);
  });

  it('at start with the database full, a version left running becomes interrupted in memory (not left "writing")', async () => {
    const running = job(1, { state: 'writing', text: '# H\n\nHalf' });
    await store.put(running);
    store.limit = 0;
    const saver = newSaver();
    await saver.recover(5_000, english);
    expect((await store.get(running.id))?.state).toBe('writing');
    expect((await saver.load(running.key))?.state).toBe('interrupted');
    expect(saver.problem(running.id)).toBe('full');
    store.limit = Infinity;
    await pass(1_000);
    expect((await store.get(running.id))?.state).toBe('interrupted');
  });

  it('keeps the version in memory even when session storage refuses it too', async () => {
    fake = fakeBrowser({ sessionQuota: 10 });
    store.limit = 0;
    const saver = newSaver();
    await saver.save(job(1));
    await settle();
    expect(unsavedInSession()).toEqual([]);
    expect((await saver.load(job(1).key))?.text).toBe('# H1\n\nBody 1.');
    expect(saver.problem(job(1).id)).toBe('full');
  });
});
