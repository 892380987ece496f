/**
 * The batch queue as data: its items, the states they go through, and the pure rules the extension's runner
 * follows (what to start next, what a job's state means for its item, what a restart finds). No browser here.
 */

import { canContinue, pageKey, type JobRecord } from '../job';
import { readUrlList } from './url-list';
import { CONCURRENCY_MAX, CONCURRENCY_MIN, defaults } from '../settings';

/**
 * An item's state. `confirm`: a doubtful page waits for the user's word without holding a slot; `reading` and
 * `writing` hold one each.
 */
export type ItemState = 'waiting' | 'reading' | 'writing' | 'confirm' | 'done' | 'error' | 'skipped';

export const ITEM_STATES: readonly ItemState[] = ['waiting', 'reading', 'writing', 'confirm', 'done', 'error', 'skipped'];

export interface QueueItem {
  id: string;
  url: string;
  /** The item's place in the queue (ascending); new items go at the end. */
  order: number;
  state: ItemState;
  addedAt: number;
  updatedAt: number;
  /** The rewrite job (a version in the history) once the page was read; its review page and history entry. */
  jobId?: string;
  /** The page's title, once read. */
  title?: string;
  /** The rewrite's headline, once done. */
  headline?: string;
  /** Why the item stopped, in the user's words (state `error`). */
  error?: string;
  /** Whether Retry can go on from the text already written (one Continue request, nothing sent again). */
  continuable?: boolean;
  /** The user said send this doubtful page: its waiting job is sent when a slot is free. */
  confirmed?: boolean;
  /** When this item last started (ms): the queue's ETA is read from how long items take. */
  startedAt?: number;
  /** How many times a 429 after the SDK's own retries put it back in line (see requeued). */
  requeues?: number;
  /** Tokens in and out (estimated until the answer is in) and the cost in US dollars (null: the model has no price). */
  tokens?: number;
  cost?: number | null;
}

/** What the queue remembers besides its items. */
export interface QueueMeta {
  /** Paused by the user: nothing new starts; what runs finishes. */
  paused: boolean;
}

/** The states that hold one of the queue's slots. */
export function holdsSlot(item: Pick<QueueItem, 'state'>): boolean {
  return item.state === 'reading' || item.state === 'writing';
}

/** Whether the item is finished for the queue (nothing more happens to it without the user). */
export function isSettled(item: Pick<QueueItem, 'state'>): boolean {
  return item.state === 'done' || item.state === 'error' || item.state === 'skipped';
}

/** The items in queue order. */
export function inOrder(items: readonly QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => a.order - b.order || a.addedAt - b.addedAt);
}

/** The waiting items to start now, first in order, as many as the `slots` the running ones leave free. */
export function toStart(items: readonly QueueItem[], slots: number, paused: boolean): QueueItem[] {
  if (paused) return [];
  const limit = Number.isInteger(slots) ? Math.max(0, Math.min(slots, CONCURRENCY_MAX)) : 0;
  const free = limit - items.filter(holdsSlot).length;
  if (free <= 0) return [];
  return inOrder(items)
    .filter((i) => i.state === 'waiting')
    .slice(0, free);
}

export function clampConcurrency(n: number): number {
  return Number.isInteger(n) ? Math.min(CONCURRENCY_MAX, Math.max(CONCURRENCY_MIN, n)) : defaults.queueConcurrency;
}

/** What a pasted list adds: new items for addresses not queued yet, and a line per address left out and why. */
export interface Added {
  items: QueueItem[];
  problems: string[];
}

/**
 * The items a pasted list adds after `existing` (one http(s) address per line; blank lines and `#` comments
 * ignored). An address already queued (the same page, fragment aside) is left out, as is one listed twice.
 */
export function addFromList(existing: readonly QueueItem[], text: string, now: number, newId: () => string): Added {
  const queued = new Set(existing.map((i) => pageKey(i.url)));
  let order = existing.reduce((most, i) => Math.max(most, i.order), 0);
  const items: QueueItem[] = [];
  const problems: string[] = [];
  for (const line of readUrlList(text)) {
    if (line.problem) {
      problems.push(`${line.problem}: ${line.url.slice(0, 200)}`);
      continue;
    }
    const key = pageKey(line.url);
    if (queued.has(key)) {
      problems.push(`line ${line.line}: already in the queue: ${line.url.slice(0, 200)}`);
      continue;
    }
    queued.add(key);
    order += 1;
    items.push({ id: newId(), url: line.url, order, state: 'waiting', addedAt: now, updatedAt: now });
  }
  return { items, problems };
}

/** The host permission pattern that covers the address's site (any port), or null for no address. */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

/** The origins the items still to run are fetched from, as optional host permission patterns ("https://host/*"). */
export function originsToAsk(items: readonly QueueItem[]): string[] {
  const origins = new Set<string>();
  for (const item of items) {
    if (isSettled(item) || item.state === 'confirm') continue;
    const origin = originPattern(item.url);
    // Null never happens for a queued item: addFromList takes only addresses.
    if (origin) origins.add(origin);
  }
  return [...origins].sort();
}

/** The item as its job now stands: its state, title, headline, tokens and cost, or why it stopped. */
export function fromJob(item: QueueItem, job: JobRecord, now: number): QueueItem {
  const { jobId: _j, title: _t, headline: _h, error: _e, continuable: _c, confirmed: _f, tokens: _k, cost: _s, ...base } = item;
  const next: QueueItem = { ...base, jobId: job.id, updatedAt: now };
  if (job.title) next.title = job.title;
  if (job.estimate) {
    next.tokens = job.estimate.inputTokens + job.estimate.outputTokens;
    next.cost = job.estimate.cost;
  }
  switch (job.state) {
    case 'extracting':
    case 'writing':
      return { ...next, state: 'writing' };
    case 'awaiting-confirmation':
      return { ...next, state: 'confirm' };
    case 'done':
      return { ...next, state: 'done', headline: job.answer.headline };
    case 'incomplete':
    case 'stopped':
    case 'interrupted':
      // Stopped before anything was sent (a skipped confirmation): the user's choice, not a failure.
      if (job.state === 'stopped' && job.text === '' && item.state === 'skipped') return { ...next, state: 'skipped' };
      return { ...next, state: 'error', error: job.error.message, continuable: canContinue(job) };
    case 'error':
      return { ...next, state: 'error', error: job.error.message, continuable: false };
  }
}

/**
 * What the runner does with an item it finds on start-up, its job read from the history (`job` null: none, or
 * none stored). Nothing whose answer arrived is sent again: a done job makes the item done, a job cut off with text
 * goes on with Continue. An item that was only reading, or whose job never got an answer, starts again.
 */
export type Recovery = { item: QueueItem; then: 'nothing' | 'continue' | 'start' };

export function recover(item: QueueItem, job: JobRecord | null, now: number): Recovery {
  if (item.state === 'reading') return { item: { ...item, state: 'waiting', updatedAt: now }, then: 'start' };
  if (item.state !== 'writing' && item.state !== 'confirm') return { item, then: item.state === 'waiting' ? 'start' : 'nothing' };
  // No job kept (a doubtful page's too): the page is read again, and a doubtful one asks again; nothing was sent.
  if (!job) return { item: { ...item, state: 'waiting', updatedAt: now }, then: 'start' };
  const current = fromJob(item, job, now);
  if (current.state === 'confirm' || current.state === 'done') return { item: current, then: 'nothing' };
  if (current.state === 'error' && current.continuable) return { item: { ...current, state: 'writing' }, then: 'continue' };
  // Nothing written yet when the worker stopped: no answer arrived, so it is written again.
  if (job.text === '') return { item: { ...current, state: 'waiting' }, then: 'start' };
  // Still stored as writing, with text (no worker marked it cut off): it goes on from that text, like one cut off.
  if (current.state === 'writing') return { item: current, then: 'continue' };
  return { item: current, then: 'nothing' };
}

/** Counts by state, for the queue page's summary and progress bar. */
export function countByState(items: readonly QueueItem[]): Record<ItemState, number> {
  const counts = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemState, number>;
  for (const item of items) counts[item.state] += 1;
  return counts;
}

/** Times a page refused for the endpoint's rate goes back in line before it fails. */
export const RATE_LIMIT_REQUEUES = 2;

/**
 * A page the endpoint refused for its rate (a 429 left after the SDK's own retries) with nothing written goes back
 * in line, its failed version replaced on the next try; null when it should fail as it is. A 429 is not billed.
 */
export function requeued(item: QueueItem, job: JobRecord, now: number): QueueItem | null {
  if (job.state !== 'error' || job.error.code !== 'rate-limit' || job.text !== '') return null;
  const requeues = item.requeues ?? 0;
  if (requeues >= RATE_LIMIT_REQUEUES) return null;
  const { error: _e, continuable: _c, ...rest } = item;
  return { ...rest, jobId: job.id, state: 'waiting', requeues: requeues + 1, updatedAt: now };
}

/** The waiting item `id` one place earlier (`-1`) or later (`1`) among the waiting ones: the two items whose order swaps. */
export function moved(items: readonly QueueItem[], id: string, by: -1 | 1): QueueItem[] {
  const waiting = inOrder(items).filter((i) => i.state === 'waiting');
  const at = waiting.findIndex((i) => i.id === id);
  const other = waiting[at + by];
  const item = waiting[at];
  if (!item || !other) return [];
  return [
    { ...item, order: other.order },
    { ...other, order: item.order },
  ];
}

/** About how long the rest will take (ms): the mean time of the items done so far, over the slots; null before any is done. */
export function remainingMs(items: readonly QueueItem[], concurrency: number, now: number): number | null {
  const times = items.filter((i) => i.state === 'done' && i.startedAt !== undefined).map((i) => i.updatedAt - (i.startedAt as number));
  if (times.length === 0) return null;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const left = items.filter((i) => i.state === 'waiting').length;
  const running = items.filter(holdsSlot).map((i) => Math.max(0, mean - (now - (i.startedAt ?? now))));
  const ahead = running.length ? Math.max(...running) : 0;
  return Math.round(ahead + (left * mean) / Math.max(1, clampConcurrency(concurrency)));
}
