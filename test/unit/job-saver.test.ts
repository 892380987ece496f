/**
 * The job saver on an in-memory browser storage whose storage.local really enforces a quota (Chrome's rule: a value
 * costs its key plus its JSON; a set past the quota fails whole). No stubs: writes really fail and really succeed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, type FakeBrowser } from '../support/fake-browser';
import { english } from '../../src/i18n-en';

let fake: FakeBrowser;
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, prop) => (fake as unknown as Record<string | symbol, unknown>)[prop] }),
}));

const { JobSaver, problemOf } = await import('../../lib/job-saver');
const store = await import('../../lib/job-store');
const { newJob } = await import('../../src/job');

const QUOTA = 20_000;

function job(n: number, over: Partial<ReturnType<typeof newJob>> = {}) {
  return { ...newJob(`id${n}`, `https://n.example/${n}`, `https://n.example/${n}`, 'm', 1000 + n), state: 'done' as const, text: `# H${n}\n\nBody ${n}.`, ...over };
}

/** Fills storage.local so that only `leave` bytes are free. */
async function fill(leave: number): Promise<void> {
  const used = await fake.storage.local.getBytesInUse();
  await fake.storage.local.set({ filler: 'x'.repeat(QUOTA - used - leave - 'filler'.length - 2) });
}

const unsavedInSession = () => Object.keys(fake.storage.session.dump()).filter((k) => k.startsWith('unsaved:'));

beforeEach(() => {
  fake = fakeBrowser({ localQuota: QUOTA });
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the fake storage quota', () => {
  it('refuses a set past the quota, whole, with Chrome\'s words, and counts key plus JSON', async () => {
    await fake.storage.local.set({ a: 'x'.repeat(QUOTA - 4) }); // "a" + the string's JSON: QUOTA - 4 + 1 + 2
    expect(await fake.storage.local.getBytesInUse()).toBe(QUOTA - 1);
    await expect(fake.storage.local.set({ b: 1, c: 2 })).rejects.toThrow(/QUOTA_BYTES quota exceeded/);
    expect(Object.keys(fake.storage.local.dump())).toEqual(['a']);
    await fake.storage.local.set({ a: 'short' }); // replacing a value frees its old size
    await fake.storage.local.set({ b: 1, c: 2 });
    expect(Object.keys(fake.storage.local.dump()).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('job saver', () => {
  it('names a quota error "full" and anything else "failed"', () => {
    expect(problemOf(new Error('QUOTA_BYTES quota exceeded'))).toBe('full');
    expect(problemOf(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe('full');
    expect(problemOf(new Error('IO error: .../LOCK: No further details.'))).toBe('failed');
  });

  it('with room, stores the job and its index line and keeps nothing back', async () => {
    const saver = new JobSaver();
    await saver.index(job(1), 200);
    await saver.save(job(1));
    expect((await store.loadJob(job(1).key))?.text).toBe('# H1\n\nBody 1.');
    expect((await store.listJobs()).map((j) => j.id)).toEqual(['id1']);
    expect(saver.unsavedCount()).toBe(0);
    expect(unsavedInSession()).toEqual([]);
  });

  it('storage full: keeps the job in memory and session storage, says "full", and reads it back from there', async () => {
    await fill(20);
    const saver = new JobSaver();
    const told: [string, string | null][] = [];
    saver.onProblem((key, problem) => told.push([key, problem]));
    const j = job(1);
    await saver.index(j, 200);
    await saver.save(j);
    expect(await store.loadJob(j.key)).toBeNull();
    expect(saver.problem(j.key)).toBe('full');
    expect(told).toEqual([[j.key, 'full']]);
    expect((await saver.load(j.key))?.text).toBe('# H1\n\nBody 1.');
    await vi.advanceTimersByTimeAsync(0);
    expect(unsavedInSession()).toEqual([`unsaved:${j.key}`]);
    // Nothing of the user's was deleted to make room.
    expect(Object.keys(fake.storage.local.dump())).toEqual(['filler']);
  });

  it('retries with backoff, and saves (job and index line) once there is room, then forgets its copies', async () => {
    await fill(50);
    const saver = new JobSaver();
    const told: (string | null)[] = [];
    saver.onProblem((_key, problem) => told.push(problem));
    const j = job(1);
    await saver.index(j, 200);
    await saver.save(j);
    const attempts = vi.spyOn(fake.storage.local, 'set');
    await vi.advanceTimersByTimeAsync(1_000);
    const first = attempts.mock.calls.length;
    expect(first).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1_000); // the next try waits longer: 2 s
    expect(attempts.mock.calls.length).toBe(first);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(attempts.mock.calls.length).toBeGreaterThan(first);
    expect(saver.problem(j.key)).toBe('full');

    // The user makes room some other way than a removal (say a smaller value): the next backoff try saves it.
    await fake.storage.local.set({ filler: 'small' });
    await vi.advanceTimersByTimeAsync(4_000);
    expect((await store.loadJob(j.key))?.state).toBe('done');
    expect((await store.listJobs()).map((x) => x.id)).toEqual(['id1']);
    expect(saver.problem(j.key)).toBeNull();
    expect(told).toEqual(['full', null]);
    expect(unsavedInSession()).toEqual([]);
    // Nothing left to do: no more writes.
    const settled = attempts.mock.calls.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(attempts.mock.calls.length).toBe(settled);
  });

  it('retries at once when something is removed from storage.local (old rewrites deleted in History)', async () => {
    for (const n of [1, 2]) {
      await store.saveJob(job(n, { text: 'old '.repeat(1000) }));
      await store.indexJob(job(n), 200);
    }
    await fill(50);
    const saver = new JobSaver();
    saver.listen();
    const j = job(3);
    await saver.index(j, 200);
    await saver.save(j);
    expect(saver.problem(j.key)).toBe('full');
    await store.deleteJobs([job(1).key]);
    await vi.advanceTimersByTimeAsync(10); // the change event, not the 1 s backoff
    expect((await store.loadJob(j.key))?.text).toBe('# H3\n\nBody 3.');
    expect((await store.listJobs()).map((x) => x.id)).toEqual(['id3', 'id2']);
    expect(saver.problem(j.key)).toBeNull();
  });

  it('the newest version wins: an older write that succeeds late never clears a newer one that failed', async () => {
    const saver = new JobSaver();
    const small = job(1, { state: 'writing', text: 'a' });
    await saver.save(small);
    await fill(200);
    // A stream grows past the room left: the write of the longer text fails, the job stays unsaved.
    const big = job(1, { state: 'done', text: 'b'.repeat(1000) });
    await saver.save(big);
    expect(saver.problem(big.key)).toBe('full');
    expect((await store.loadJob(big.key))?.text).toBe('a');
    expect((await saver.load(big.key))?.text).toBe('b'.repeat(1000));
    await fake.storage.local.remove('filler');
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await store.loadJob(big.key))?.text).toBe('b'.repeat(1000));
  });

  it('a new worker takes unsaved jobs back from session storage (a running one as interrupted) and saves them', async () => {
    await fill(50);
    const first = new JobSaver();
    const running = job(1, { state: 'writing', text: '# H\n\nHalf a' });
    const done = job(2);
    await first.save(running);
    await first.save(done);
    await vi.advanceTimersByTimeAsync(0);
    expect(unsavedInSession().sort()).toEqual([`unsaved:${running.key}`, `unsaved:${done.key}`]);

    // The worker dies (its memory and timers gone); the next one starts with an empty saver.
    vi.clearAllTimers();
    const second = new JobSaver();
    expect(await second.restore(5_000, english)).toBe(2);
    const back = await second.load(running.key);
    expect(back?.state).toBe('error');
    expect(back?.error?.code).toBe('interrupted');
    expect(back?.text).toBe('# H\n\nHalf a');
    expect((await second.load(done.key))?.state).toBe('done');
    expect(second.problem(done.key)).toBe('full');

    await fake.storage.local.remove('filler');
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await store.loadJob(done.key))?.state).toBe('done');
    expect((await store.loadJob(running.key))?.error?.code).toBe('interrupted');
    expect(unsavedInSession()).toEqual([]);
  });

  it('at start, a newer unsaved copy in session storage wins over the older one storage.local holds', async () => {
    const older = job(1, { state: 'writing', text: '# H\n\nHalf' });
    await store.saveJob(older);
    await store.indexJob(older, 200);
    await fill(50);
    const first = new JobSaver();
    await first.save(job(1, { state: 'done', text: '# H\n\nHalf and the rest, done.' }));
    await vi.advanceTimersByTimeAsync(0);
    vi.clearAllTimers();
    await fake.storage.local.remove('filler'); // room, while no worker runs

    const second = new JobSaver();
    await second.recover(5_000, english);
    await vi.advanceTimersByTimeAsync(0);
    const stored = await store.loadJob(older.key);
    expect(stored?.state).toBe('done');
    expect(stored?.text).toBe('# H\n\nHalf and the rest, done.');
    expect(second.unsavedCount()).toBe(0);
  });

  it('at start with storage full, a job left running becomes interrupted in memory (not left "writing")', async () => {
    const running = job(1, { state: 'writing', text: '# H\n\nHalf' });
    await store.saveJob(running);
    await store.indexJob(running, 200);
    await fill(5);
    const saver = new JobSaver();
    await saver.recover(5_000, english);
    expect((await store.loadJob(running.key))?.state).toBe('writing');
    expect((await saver.load(running.key))?.error?.code).toBe('interrupted');
    expect(saver.problem(running.key)).toBe('full');
    await fake.storage.local.remove('filler');
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await store.loadJob(running.key))?.error?.code).toBe('interrupted');
  });

  it('keeps the job in memory even when session storage refuses it too', async () => {
    fake = fakeBrowser({ localQuota: QUOTA, sessionQuota: 10 });
    await fill(50);
    const saver = new JobSaver();
    await saver.save(job(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(unsavedInSession()).toEqual([]);
    expect((await saver.load(job(1).key))?.text).toBe('# H1\n\nBody 1.');
    expect(saver.problem(job(1).key)).toBe('full');
  });
});
