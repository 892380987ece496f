/**
 * Jobs in storage.local, keyed by page URL, with an index so old results can be dropped without reading all.
 * The background writes them; the history page reads, exports and deletes them.
 */

import browser from 'webextension-polyfill';
import type { Article } from '../src/article';
import type { Translate } from '../src/i18n';
import { isRunning, jobStorageKey, markInterrupted, type JobRecord } from '../src/job';
import { readJob } from '../src/job-read';

const INDEX = 'jobIndex';

type Index = Record<string, number>;

/** The index as stored; a line whose time is not a number sorts as the oldest instead of breaking the sort. */
async function readIndex(): Promise<Index> {
  const got = await browser.storage.local.get(INDEX);
  const stored = got[INDEX];
  const index: Index = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return index;
  for (const [key, at] of Object.entries(stored as Record<string, unknown>)) index[key] = typeof at === 'number' && Number.isFinite(at) ? at : 0;
  return index;
}

/** The storage key's page key (`job:<page key>`). */
const pageKeyOf = (storageKey: string): string => storageKey.slice(jobStorageKey('').length);

export async function loadJob(pageKey: string): Promise<JobRecord | null> {
  const storageKey = jobStorageKey(pageKey);
  const got = await browser.storage.local.get(storageKey);
  return readJob(got[storageKey], pageKey)?.job ?? null;
}

export async function saveJob(job: JobRecord): Promise<void> {
  await browser.storage.local.set({ [jobStorageKey(job.key)]: job });
}

/** Records a new job in the index and drops the oldest results past the limit (the history size setting). */
export async function indexJob(job: JobRecord, keep: number): Promise<void> {
  const index = await readIndex();
  index[job.key] = job.createdAt;
  const keys = Object.keys(index).sort((a, b) => (index[b] ?? 0) - (index[a] ?? 0));
  const drop = keys.slice(keep);
  for (const key of drop) delete index[key];
  await browser.storage.local.set({ [INDEX]: index });
  if (drop.length) await browser.storage.local.remove(drop.map(jobStorageKey));
}

async function storeAll(jobs: JobRecord[]): Promise<void> {
  await browser.storage.local.set(Object.fromEntries(jobs.map((job) => [jobStorageKey(job.key), job])));
}

/**
 * On worker start no job can be running: any stored as running was cut off when the previous worker died.
 * They become "interrupted", keeping their text. Nothing is restarted. `save` stores them (the job saver, which
 * keeps them if storage refuses); by default one write.
 */
export async function recoverInterrupted(now: number, t: Translate, save: (jobs: JobRecord[]) => Promise<unknown> = storeAll): Promise<number> {
  const index = await readIndex();
  const storageKeys = Object.keys(index).map(jobStorageKey);
  if (!storageKeys.length) return 0;
  const stored = await browser.storage.local.get(storageKeys);
  const fixed: JobRecord[] = [];
  for (const [key, value] of Object.entries(stored)) {
    const job = readJob(value, pageKeyOf(key))?.job;
    if (job && isRunning(job)) fixed.push(markInterrupted(job, now, t));
  }
  if (fixed.length) await save(fixed);
  return fixed.length;
}

/** The stored jobs as read: the readable ones newest first, and how many were skipped or repaired on the way. */
export interface StoredJobs {
  jobs: JobRecord[];
  /** Records with nothing to show (not a record, no text): left out. */
  skipped: number;
  /** Records with a field that could not be read, shown with that field replaced. */
  repaired: number;
}

export async function readJobs(): Promise<StoredJobs> {
  const index = await readIndex();
  const keys = Object.keys(index);
  if (!keys.length) return { jobs: [], skipped: 0, repaired: 0 };
  const stored = await browser.storage.local.get(keys.map(jobStorageKey));
  const out: StoredJobs = { jobs: [], skipped: 0, repaired: 0 };
  for (const [storageKey, value] of Object.entries(stored)) {
    const read = readJob(value, pageKeyOf(storageKey));
    if (!read) out.skipped++;
    else {
      if (read.repaired.length) out.repaired++;
      out.jobs.push(read.job);
    }
  }
  out.jobs.sort((a, b) => b.createdAt - a.createdAt);
  return out;
}

/** Every readable stored job, newest first. */
export async function listJobs(): Promise<JobRecord[]> {
  return (await readJobs()).jobs;
}

export async function deleteJobs(pageKeys: readonly string[]): Promise<void> {
  const index = await readIndex();
  for (const key of pageKeys) delete index[key];
  await browser.storage.local.set({ [INDEX]: index });
  await browser.storage.local.remove(pageKeys.map(jobStorageKey));
}

/** Bytes used in storage.local, or null where the browser cannot tell. */
export async function bytesInUse(): Promise<number | null> {
  const area = browser.storage.local as browser.Storage.StorageArea & { getBytesInUse?: (keys: null) => Promise<number> };
  try {
    return typeof area.getBytesInUse === 'function' ? await area.getBytesInUse(null) : null;
  } catch {
    return null;
  }
}

/**
 * A job's source article, kept in session storage (memory, survives a worker restart, gone with the browser) so an
 * incomplete rewrite can be continued without reading the page again. Never synced, never written to disk.
 */
function sessionArea(): browser.Storage.StorageArea | null {
  return (browser.storage as { session?: browser.Storage.StorageArea }).session ?? null;
}

export async function saveSource(jobId: string, article: Article): Promise<void> {
  await sessionArea()?.set({ [`source:${jobId}`]: article }).catch(() => {});
}

export async function loadSource(jobId: string): Promise<Article | null> {
  const area = sessionArea();
  if (!area) return null;
  const got = await area.get(`source:${jobId}`).catch(() => ({}) as Record<string, unknown>);
  const value = got[`source:${jobId}`] as Article | undefined;
  return value && typeof value.text === 'string' && Array.isArray(value.blocks) ? value : null;
}

export async function dropSource(jobId: string): Promise<void> {
  await sessionArea()?.remove(`source:${jobId}`).catch(() => {});
}
