/**
 * Job writes that are never lost. A write that fails (storage.local full, or any other refusal) keeps the job in
 * memory and in storage.session (memory that outlives a worker restart, gone with the browser), and is tried again:
 * with backoff, on the next popup event, and at once when something is removed from storage.local (the user making
 * room in History). Until then the job is read from here, so a reopened popup shows the answer that arrived and
 * never asks the model again. Nothing is ever deleted to make room: the user is told and decides.
 */

import browser from 'webextension-polyfill';
import { isRunning, markInterrupted, type JobRecord } from '../src/job';
import { readJob } from '../src/job-read';
import type { Translate } from '../src/i18n';
import type { SaveProblem } from '../src/messages';
import { indexJob, loadJob, recoverInterrupted, saveJob } from './job-store';

export type { SaveProblem };

const SESSION_PREFIX = 'unsaved:';
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/** Chrome says "QUOTA_BYTES quota exceeded"; Firefox (IndexedDB underneath) a QuotaExceededError. */
export function problemOf(err: unknown): SaveProblem {
  const text = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /quota/i.test(text) ? 'full' : 'failed';
}

interface Slot {
  /** The newest version handed in for this page. */
  job: JobRecord;
  /** The number of the newest write issued, and of the newest that succeeded. */
  issued: number;
  stored: number;
  /** The history size to index the job with, while its index line is not written. */
  keep: number | null;
  problem: SaveProblem | null;
}

/** What storage.session keeps of an unsaved job. */
interface Kept {
  job: unknown;
  keep: number | null;
  problem: SaveProblem;
}

export class JobSaver {
  private readonly slots = new Map<string, Slot>();
  private writes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay = FIRST_RETRY_MS;
  private retrying: Promise<void> | null = null;
  private readonly listeners = new Set<(key: string, problem: SaveProblem | null) => void>();

  constructor(private readonly session: () => browser.Storage.StorageArea | null = sessionArea) {}

  /** Told whenever a page's job becomes unsaved, saved again, or unsaved for another reason. */
  onProblem(fn: (key: string, problem: SaveProblem | null) => void): void {
    this.listeners.add(fn);
  }

  /** Retries at once when storage.local loses something: room may have been made. */
  listen(): void {
    browser.storage.onChanged.addListener((changes, areaName) => {
      if (areaName !== 'local' || !this.unsavedCount()) return;
      if (Object.values(changes).some((c) => c.newValue === undefined)) void this.retry();
    });
  }

  /** Stores the job; never throws. Resolves when this write has succeeded or been kept for a retry. */
  save(job: JobRecord): Promise<void> {
    const slot = this.slot(job);
    slot.job = job;
    return this.write(slot);
  }

  /** Adds the job to the history index (dropping results past the history size); kept for a retry if refused. */
  async index(job: JobRecord, keep: number): Promise<void> {
    const slot = this.slot(job);
    try {
      await indexJob(job, keep);
      slot.keep = null;
    } catch (err) {
      slot.keep = keep;
      this.failed(slot, err);
    }
    this.settle(slot);
  }

  /** The page's job: the newest version here (unsaved, or being written), else the stored one. */
  async load(key: string): Promise<JobRecord | null> {
    return this.slots.get(key)?.job ?? (await loadJob(key));
  }

  /** Whether a newer version of the page's job than storage.local's is here. */
  holds(key: string): boolean {
    return this.slots.has(key);
  }

  problem(key: string): SaveProblem | null {
    return this.slots.get(key)?.problem ?? null;
  }

  unsavedCount(): number {
    let n = 0;
    for (const slot of this.slots.values()) if (slot.problem) n++;
    return n;
  }

  /** Tries every unsaved job again now (once at a time). */
  retry(): Promise<void> {
    if (this.retrying) return this.retrying;
    if (!this.unsavedCount()) return Promise.resolve();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.retrying = (async () => {
      const unsaved = [...this.slots.values()].filter((slot) => slot.problem);
      for (const slot of unsaved) {
        if (slot.stored < slot.issued) await this.write(slot);
        if (slot.keep !== null && slot.problem) await this.index(slot.job, slot.keep);
      }
    })().finally(() => {
      this.retrying = null;
      if (this.unsavedCount()) this.schedule();
      else this.delay = FIRST_RETRY_MS;
    });
    return this.retrying;
  }

  /**
   * At worker start: takes back the jobs a previous worker could not save (from storage.session). One that was
   * running then was cut off with that worker: it becomes interrupted, as a stored one does. Then tries to save them.
   */
  async restore(now: number, t: Translate): Promise<number> {
    const area = this.session();
    if (!area) return 0;
    const all = await area.get(null).catch(() => ({}) as Record<string, unknown>);
    let n = 0;
    for (const [name, value] of Object.entries(all)) {
      if (!name.startsWith(SESSION_PREFIX) || this.slots.has(name.slice(SESSION_PREFIX.length))) continue;
      const kept = value as Partial<Kept> | null;
      const job = readJob(kept?.job, name.slice(SESSION_PREFIX.length))?.job;
      if (!job) continue;
      const slot = this.slot(isRunning(job) ? markInterrupted(job, now, t) : job);
      slot.issued = ++this.writes;
      slot.keep = typeof kept?.keep === 'number' ? kept.keep : null;
      slot.problem = kept?.problem === 'full' ? 'full' : 'failed';
      n++;
    }
    // Awaited, so that what runs next at start-up sees these stored, or still held here.
    if (n) await this.retry();
    return n;
  }

  /**
   * At worker start: the jobs a previous worker could not store come back from session storage first (they are
   * newer than storage.local's copies); then jobs stored as running become interrupted, stored through here so that
   * a full storage keeps them too.
   */
  async recover(now: number, t: Translate): Promise<void> {
    await this.restore(now, t).catch((err: unknown) => console.warn('Newsmith: unsaved jobs not restored', err));
    await recoverInterrupted(now, t, (jobs) => Promise.all(jobs.filter((j) => !this.holds(j.key)).map((j) => this.save(j))));
  }

  private slot(job: JobRecord): Slot {
    let slot = this.slots.get(job.key);
    if (!slot) {
      slot = { job, issued: 0, stored: 0, keep: null, problem: null };
      this.slots.set(job.key, slot);
    }
    return slot;
  }

  private async write(slot: Slot): Promise<void> {
    const n = ++this.writes;
    slot.issued = n;
    try {
      // The job is copied for the write as the call is made: later changes to it are the next write's.
      await saveJob(slot.job);
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
    const kept: Kept = { job: slot.job, keep: slot.keep, problem };
    void this.session()?.set({ [SESSION_PREFIX + slot.job.key]: kept }).catch(() => {});
    if (was !== problem) this.tell(slot.job.key, problem);
    this.schedule();
  }

  /** A page whose newest version and index line are both stored needs nothing more from here. */
  private settle(slot: Slot): void {
    if (slot.stored < slot.issued || slot.keep !== null) return;
    if (this.slots.get(slot.job.key) === slot) this.slots.delete(slot.job.key);
    if (slot.problem) {
      slot.problem = null;
      void this.session()?.remove(SESSION_PREFIX + slot.job.key).catch(() => {});
      this.tell(slot.job.key, null);
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

  private tell(key: string, problem: SaveProblem | null): void {
    for (const fn of this.listeners) fn(key, problem);
  }
}

function sessionArea(): browser.Storage.StorageArea | null {
  return (browser.storage as { session?: browser.Storage.StorageArea }).session ?? null;
}
