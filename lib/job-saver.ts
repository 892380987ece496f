/**
 * Version writes that are never lost. A write that fails (the database's quota reached, or any other refusal) keeps
 * the version in memory and in storage.session (memory that outlives a worker restart, gone with the browser), and
 * is tried again: with backoff, on the next popup event, and at once when History removes versions (the user making
 * room). Until then the version is read from here, so a reopened popup shows the answer that arrived and never asks
 * the model again. Nothing the user has not chosen to drop is deleted to make room: the user is told and decides.
 */

import browser from 'webextension-polyfill';
import type { Article } from '../src/article';
import { isActive, type JobRecord } from '../src/job';
import { markInterrupted } from '../src/job-transitions';
import { readJob } from '../src/job-read';
import type { Translate } from '../src/i18n';
import type { SaveProblem } from '../src/messages';
import { onStoreEvent } from './store-events';
import { versionStore, type VersionStore } from './version-store';

export type { SaveProblem };

const SESSION_PREFIX = 'unsaved:';
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/** Chrome's storage says "QUOTA_BYTES quota exceeded"; IndexedDB (and Firefox's storage) a QuotaExceededError. */
export function problemOf(err: unknown): SaveProblem {
  const text = err instanceof Error || err instanceof DOMException ? `${err.name} ${err.message}` : String(err);
  return /quota/i.test(text) ? 'full' : 'failed';
}

interface Slot {
  /** The newest state handed in for this version. */
  job: JobRecord;
  /** The number of the newest write issued, and of the newest that succeeded. */
  issued: number;
  stored: number;
  problem: SaveProblem | null;
}

/** What storage.session keeps of an unsaved version. */
interface Kept {
  job: unknown;
  page: string;
  problem: SaveProblem;
}

export class JobSaver {
  /** Versions not stored yet (being written, or refused), by version id. */
  private readonly slots = new Map<string, Slot>();
  private writes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = FIRST_RETRY_MS;
  private retrying: Promise<void> | null = null;
  private readonly listeners = new Set<(job: JobRecord, problem: SaveProblem | null) => void>();

  constructor(
    readonly store: VersionStore = versionStore(),
    private readonly session: () => browser.Storage.StorageArea | null = sessionArea,
  ) {}

  /** Told whenever a version becomes unsaved, saved again, or unsaved for another reason. */
  onProblem(fn: (job: JobRecord, problem: SaveProblem | null) => void): void {
    this.listeners.add(fn);
  }

  /** Retries at once when History removes versions: room may have been made. */
  listen(): void {
    onStoreEvent((event) => {
      if (event.type === 'removed' && this.unsavedCount()) void this.retry();
    });
  }

  /** Stores the version; never throws. Resolves when this write has succeeded or been kept for a retry. */
  save(job: JobRecord): Promise<void> {
    const slot = this.slot(job);
    slot.job = job;
    return this.write(slot);
  }

  /**
   * Stores a new version, then drops the oldest versions past the history size (`keep`). Never the new one, one
   * being written here, or one in `protect` (running).
   */
  async add(job: JobRecord, keep: number, protect: readonly string[] = []): Promise<void> {
    await this.save(job);
    const kept = new Set([job.id, ...protect, ...this.slots.keys()]);
    await this.store.evict(keep, kept).catch((err: unknown) => console.warn('Newsmith: old versions not dropped', err));
  }

  /** Deletes a version (and its source) that holds nothing worth keeping; one unsaved here is forgotten too. */
  async remove(id: string): Promise<void> {
    const slot = this.slots.get(id);
    if (slot?.problem) {
      this.slots.delete(id);
      void this.session()
        ?.remove(SESSION_PREFIX + id)
        .catch(() => {});
    }
    await this.store.delete([id]).catch((err: unknown) => console.warn('Newsmith: version not deleted', err));
  }

  /** A version: the newest state here (unsaved, or being written), else the stored one. */
  async get(id: string): Promise<JobRecord | null> {
    return this.slots.get(id)?.job ?? (await this.store.get(id).catch(() => null));
  }

  /** The page's newest version, from here or the store. */
  async load(page: string): Promise<JobRecord | null> {
    const stored = await this.store.latest(page).catch(() => null);
    return newest([...this.held(page), ...(stored && !this.slots.has(stored.id) ? [stored] : [])]);
  }

  /** Every version of the page, oldest first: the store's, with the ones held here in their newer state. */
  async versions(page: string): Promise<JobRecord[]> {
    const stored = await this.store.versions(page).catch(() => [] as JobRecord[]);
    const all = new Map(stored.map((j) => [j.id, j]));
    for (const j of this.held(page)) all.set(j.id, j);
    return [...all.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** The ids of the page's versions, oldest first, without reading them: the store's keys and the ones held here. */
  async versionIds(page: string): Promise<string[]> {
    const stored = await this.store.versionKeys(page).catch(() => [] as { id: string; at: number }[]);
    const all = new Map(stored.map((k) => [k.id, k.at]));
    for (const j of this.held(page)) all.set(j.id, j.createdAt);
    return [...all].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }

  async source(id: string): Promise<Article | null> {
    return this.store.getSource(id).catch(() => null);
  }

  /** Keeps the article a version was written from; a refusal is logged (Continue then reads the page again). */
  async keepSource(id: string, article: Article): Promise<void> {
    await this.store.putSource(id, article).catch((err: unknown) => console.warn('Newsmith: source not stored', err));
  }

  /** Whether a newer state of the version than the store's is here. */
  holds(id: string): boolean {
    return this.slots.has(id);
  }

  problem(id: string): SaveProblem | null {
    return this.slots.get(id)?.problem ?? null;
  }

  unsavedCount(): number {
    let n = 0;
    for (const slot of this.slots.values()) if (slot.problem) n++;
    return n;
  }

  /** Tries every unsaved version again now (once at a time). */
  retry(): Promise<void> {
    if (this.retrying) return this.retrying;
    if (!this.unsavedCount()) return Promise.resolve();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.retrying = (async () => {
      const unsaved = [...this.slots.values()].filter((slot) => slot.problem);
      for (const slot of unsaved) if (slot.stored < slot.issued) await this.write(slot);
    })().finally(() => {
      this.retrying = null;
      if (this.unsavedCount()) this.schedule();
      else this.delay = FIRST_RETRY_MS;
    });
    return this.retrying;
  }

  /**
   * At worker start: takes back the versions a previous worker could not save (from storage.session). One that was
   * running then was cut off with that worker: it becomes interrupted, as a stored one does. Then tries to save them.
   */
  async restore(now: number, t: Translate): Promise<number> {
    const area = this.session();
    if (!area) return 0;
    const all = await area.get(null).catch(() => ({}) as Record<string, unknown>);
    let n = 0;
    for (const [name, value] of Object.entries(all)) {
      if (!name.startsWith(SESSION_PREFIX)) continue;
      const kept = value as Partial<Kept> | null;
      const raw = kept?.job as { key?: unknown } | undefined;
      // Builds before versions named the entry by page; the record carries its page key either way.
      const page = typeof kept?.page === 'string' ? kept.page : typeof raw?.key === 'string' ? raw.key : name.slice(SESSION_PREFIX.length);
      const job = readJob(raw, page)?.job;
      if (!job || this.slots.has(job.id)) continue;
      if (name !== SESSION_PREFIX + job.id) void area.remove(name).catch(() => {});
      const slot = this.slot(isActive(job) ? markInterrupted(job, now, t) : job);
      slot.issued = ++this.writes;
      slot.problem = kept?.problem === 'full' ? 'full' : 'failed';
      n++;
    }
    // Awaited, so that what runs next at start-up sees these stored, or still held here.
    if (n) await this.retry();
    return n;
  }

  /**
   * At worker start: the versions a previous worker could not store come back from session storage first (they are
   * newer than the store's copies); then versions stored as running become interrupted, stored through here so that
   * a full store keeps them too.
   */
  async recover(now: number, t: Translate): Promise<void> {
    await this.restore(now, t).catch((err: unknown) => console.warn('Newsmith: unsaved jobs not restored', err));
    const running = await this.store.running();
    await Promise.all(running.filter((j) => !this.holds(j.id)).map((j) => this.save(markInterrupted(j, now, t))));
  }

  private held(page: string): JobRecord[] {
    return [...this.slots.values()].map((s) => s.job).filter((j) => j.key === page);
  }

  private slot(job: JobRecord): Slot {
    let slot = this.slots.get(job.id);
    if (!slot) {
      slot = { job, issued: 0, stored: 0, problem: null };
      this.slots.set(job.id, slot);
    }
    return slot;
  }

  private async write(slot: Slot): Promise<void> {
    const n = ++this.writes;
    slot.issued = n;
    try {
      // The record is copied (structured clone) as the call is made: later changes to it are the next write's.
      await this.store.put(slot.job);
      slot.stored = Math.max(slot.stored, n);
    } catch (err) {
      // A newer write that already succeeded makes this failure moot.
      if (n > slot.stored) this.failed(slot, err);
    }
    this.settle(slot);
  }

  private failed(slot: Slot, err: unknown): void {
    const problem = problemOf(err);
    const was = slot.problem;
    slot.problem = problem;
    const kept: Kept = { job: slot.job, page: slot.job.key, problem };
    void this.session()
      ?.set({ [SESSION_PREFIX + slot.job.id]: kept })
      .catch(() => {});
    if (was !== problem) this.tell(slot.job, problem);
    this.schedule();
  }

  /** A version whose newest state is stored needs nothing more from here. */
  private settle(slot: Slot): void {
    if (slot.stored < slot.issued) return;
    if (this.slots.get(slot.job.id) === slot) this.slots.delete(slot.job.id);
    if (slot.problem) {
      slot.problem = null;
      void this.session()
        ?.remove(SESSION_PREFIX + slot.job.id)
        .catch(() => {});
      this.tell(slot.job, null);
    }
  }

  private schedule(): void {
    if (this.timer !== undefined || this.retrying) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.retry();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, MAX_RETRY_MS);
  }

  private tell(job: JobRecord, problem: SaveProblem | null): void {
    for (const fn of this.listeners) fn(job, problem);
  }
}

/** The newest of some versions (by creation time), or null. */
function newest(jobs: readonly JobRecord[]): JobRecord | null {
  let best: JobRecord | null = null;
  for (const j of jobs) if (!best || j.createdAt >= best.createdAt) best = j;
  return best;
}

function sessionArea(): browser.Storage.StorageArea | null {
  return (browser.storage as { session?: browser.Storage.StorageArea }).session ?? null;
}
