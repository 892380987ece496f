/**
 * The one data migration so far: jobs that earlier builds kept in storage.local (`job:<page key>` records and the
 * `jobIndex`, one result per page) move into IndexedDB as versions, with the source a running job had left in
 * storage.session. Every record moves as it was stored (a broken one too: it is read field by field like any other),
 * in one transaction; only after that transaction committed are the old keys removed. Records already moved are
 * gone from storage.local, so running this again (each start, and the history page) moves nothing twice.
 */

import browser from 'webextension-polyfill';
import type { Article } from '../src/article';
import { isActive, jobStorageKey } from '../src/job';
import { readJob } from '../src/job-read';
import type { VersionRow } from './version-db';
import type { VersionStore } from './version-store';

const INDEX = 'jobIndex';
const PREFIX = jobStorageKey('');

export interface LegacyAreas {
  local: browser.Storage.StorageArea;
  session: browser.Storage.StorageArea | null;
}

function areas(): LegacyAreas {
  return { local: browser.storage.local, session: (browser.storage as { session?: browser.Storage.StorageArea }).session ?? null };
}

/** Moves every old stored job into the store; returns how many moved. Throws, keeping them, if the store refuses. */
export async function migrateLegacyJobs(store: VersionStore, from: LegacyAreas = areas()): Promise<number> {
  const all = await from.local.get(null);
  const keys = Object.keys(all).filter((k) => k.startsWith(PREFIX));
  if (!keys.length) {
    if (INDEX in all) await from.local.remove(INDEX);
    return 0;
  }
  const index = all[INDEX] && typeof all[INDEX] === 'object' ? (all[INDEX] as Record<string, unknown>) : {};
  const rows: VersionRow[] = [];
  const taken = new Set<string>();
  for (const storageKey of keys) {
    const page = storageKey.slice(PREFIX.length);
    const value = all[storageKey];
    const job = readJob(value, page)?.job;
    const indexed = index[page];
    const at = job?.createdAt || (typeof indexed === 'number' && Number.isFinite(indexed) ? indexed : 0);
    // One result per page before: its id, made unique if two old records shared one.
    let id = job?.id ?? `stored:${page}`;
    if (taken.has(id) || (await store.get(id).then((j) => j !== null && j.key !== page))) id = `${id}@${page}`;
    taken.add(id);
    rows.push({ id, page, at, live: job && isActive(job) ? 1 : 0, job: value });
  }
  const sources = await legacySources(from.session, rows);
  await store.putRows(rows, sources);
  // Committed: the old copies can go.
  await from.local.remove([...keys, INDEX]);
  if (from.session && sources.length) await from.session.remove(sources.map(([id]) => `source:${id}`)).catch(() => {});
  return rows.length;
}

/** The sources a running one-section job kept in storage.session (`source:<job id>`), for the rows that have one. */
async function legacySources(session: browser.Storage.StorageArea | null, rows: readonly VersionRow[]): Promise<[string, Article][]> {
  if (!session) return [];
  const names = rows.map((r) => `source:${r.id}`);
  const got = await session.get(names).catch(() => ({}) as Record<string, unknown>);
  const out: [string, Article][] = [];
  for (const row of rows) {
    const a = got[`source:${row.id}`] as Article | undefined;
    if (a && typeof a.text === 'string' && Array.isArray(a.blocks)) out.push([row.id, a]);
  }
  return out;
}
