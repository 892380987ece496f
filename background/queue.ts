/**
 * The batch queue's runner in the worker: it starts waiting items as slots free up, reads each page off-screen,
 * hands the article to the job owner as an ordinary rewrite, and keeps every item's state in IndexedDB as it goes,
 * so a closed queue page, a stopped worker or a restarted browser loses nothing. The rules are src/queue/queue.ts.
 */

import browser from 'webextension-polyfill';
import { noArticleMessage, type JobRecord } from '../src/job';
import {
  addFromList,
  clampConcurrency,
  fromJob,
  inOrder,
  isSettled,
  moved,
  recover,
  requeued,
  toStart,
  type QueueItem,
  type QueueMeta,
} from '../src/queue/queue';
import { CALM, nextChange, slotsAt, slowedDown, type Pace } from '../src/queue/pace';
import { spentOf } from '../src/queue/budget';
import { formatCost } from '../src/cost';
import { pageReadMessage } from '../src/queue/page-read';
import type { QueueAction, QueuePageMessage, QueueWorkerMessage } from '../src/messages';
import { t } from '../lib/i18n';
import { loadSettings } from '../lib/settings-store';
import type { QueueStore } from '../lib/queue-store';
import { holdAlive } from './keepalive';
import { closeReader, readPage } from './page-reader';
import { loadFeed } from './queue-feed';
import { QueueBlocked, type Jobs, type QueueHooks } from './jobs';

/** The alarm that brings a stopped worker back while the queue has work. Chrome's shortest period is 30 s. */
export const QUEUE_ALARM = 'newsmith-queue';
const ALARM_MINUTES = 0.5;

type Port = browser.Runtime.Port;

export class QueueRunner {
  private items = new Map<string, QueueItem>();
  private meta: QueueMeta = { paused: false };
  private loading: Promise<void> | null = null;
  /** Items this worker is running now (a restart finds the others stored as running, and recovers them). */
  private readonly busy = new Set<string>();
  private readonly pages = new Set<Port>();
  /** Why the queue last stopped or paused by itself (no writer, the budget reached, storage full), shown on its page. */
  private problem: string | null = null;
  private concurrency = 2;
  /** Slowed down by the endpoint's 429s (src/queue/pace.ts), and the timer that looks again when that changes. */
  private pace: Pace = CALM;
  private paceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Item writes apply in order, so a later state never loses to an earlier one. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: QueueStore,
    private readonly jobs: Jobs,
  ) {}

  /** Loads the queue once per worker and recovers what a stopped worker left running; then starts what it can. */
  wake(): Promise<void> {
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = null;
      console.warn('Newsmith: queue not read', err);
    });
    return this.loading.then(() => this.pump());
  }

  private async load(): Promise<void> {
    const [items, meta, settings] = await Promise.all([this.store.all(), this.store.meta(), loadSettings()]);
    this.meta = meta;
    this.concurrency = clampConcurrency(settings.queueConcurrency);
    const now = Date.now();
    const recovered: QueueItem[] = [];
    for (const item of items) {
      const job = item.jobId && (item.state === 'writing' || item.state === 'confirm') ? await this.jobs.stored(item.jobId) : null;
      const { item: next, then } = recover(item, job, now);
      // Continue is started like a waiting item, so it takes a slot in turn.
      const placed = then === 'continue' ? { ...next, state: 'waiting' as const, continuable: true } : next;
      this.items.set(placed.id, placed);
      if (placed !== item) recovered.push(placed);
    }
    if (recovered.length) this.persist(recovered);
  }

  /** A queue page connected: it gets the queue now and on every change. */
  watch(port: Port): void {
    this.pages.add(port);
    port.onDisconnect.addListener(() => this.pages.delete(port));
    void this.wake().then(() => this.post(port, this.snapshot()));
  }

  async handle(port: Port, message: QueuePageMessage): Promise<void> {
    await this.wake();
    switch (message.type) {
      case 'queue-add': {
        const { items, problems } = addFromList([...this.items.values()], message.text, Date.now(), () => crypto.randomUUID());
        for (const item of items) this.items.set(item.id, item);
        this.problem = null;
        this.persist(items);
        this.post(port, { type: 'queue-added', added: items.length, problems });
        break;
      }
      case 'queue-pause':
        this.meta = { ...this.meta, paused: message.paused };
        if (!message.paused) this.problem = null;
        this.writes = this.writes.then(() => this.store.setMeta(this.meta)).catch((err: unknown) => this.storeFailed(err));
        break;
      case 'queue-item':
        await this.act(message.id, message.action);
        break;
      case 'queue-clear': {
        const done = [...this.items.values()].filter(isSettled).map((i) => i.id);
        for (const id of done) this.items.delete(id);
        this.writes = this.writes.then(() => this.store.removeMany(done)).catch((err: unknown) => this.storeFailed(err));
        break;
      }
      case 'queue-feed':
        // An answer for this page alone (the queue is unchanged); the pump closes the reader again if idle.
        this.post(port, await loadFeed(message, (url) => this.jobs.hasDone(url)));
        return this.pump();
    }
    this.changed();
    await this.pump();
  }

  private async act(id: string, action: QueueAction): Promise<void> {
    const item = this.items.get(id);
    if (!item) return;
    const now = Date.now();
    // Nothing runs for it: a page waiting for confirmation has a run here, but one that only waits for the user.
    const idle = item.state !== 'reading' && item.state !== 'writing' && (item.state === 'confirm' || !this.busy.has(id));
    if (action === 'remove' && idle) {
      this.items.delete(id);
      this.writes = this.writes.then(() => this.store.remove(id)).catch((err: unknown) => this.storeFailed(err));
      if (item.state === 'confirm' && item.jobId) await this.jobs.answerQueued(item.jobId, false, { changed: () => {}, rateLimited: () => {} });
    } else if (action === 'retry' && (item.state === 'error' || item.state === 'skipped') && idle) {
      // One cut off with text goes on from it (run() sees `continuable`); any other is read and written again.
      const { error: _e, ...rest } = item;
      this.update({ ...rest, state: 'waiting', updatedAt: now });
    } else if (action === 'skip' && (item.state === 'waiting' || item.state === 'error' || item.state === 'confirm')) {
      this.update({ ...item, state: 'skipped', updatedAt: now });
      if (item.state === 'confirm' && item.jobId) await this.jobs.answerQueued(item.jobId, false, this.hooks(id));
    } else if (action === 'up' || action === 'down') {
      const swapped = moved([...this.items.values()], id, action === 'up' ? -1 : 1);
      for (const i of swapped) this.items.set(i.id, i);
      this.persist(swapped);
    } else if (action === 'confirm' && item.state === 'confirm' && item.jobId) {
      // Sent when a slot is free, like any other item: run() gives the waiting job the user's word.
      this.update({ ...item, state: 'waiting', confirmed: true, updatedAt: now });
    }
  }

  /** Starts waiting items while slots are free; sets or clears the alarm that brings the worker back. */
  private async pump(): Promise<void> {
    const settings = await loadSettings();
    this.concurrency = clampConcurrency(settings.queueConcurrency);
    const budget = settings.queueBudgetUsd;
    const spent = spentOf([...this.items.values()]);
    if (!this.meta.paused && budget > 0 && spent >= budget && [...this.items.values()].some((i) => i.state === 'waiting')) {
      // The cap is reached: nothing new starts until the user raises it or resumes (what runs finishes).
      this.meta = { ...this.meta, paused: true };
      this.problem = t('queueBudgetReached', [formatCost(spent, t), formatCost(budget, t)]);
      this.writes = this.writes.then(() => this.store.setMeta(this.meta)).catch((err: unknown) => this.storeFailed(err));
      this.changed();
    }
    const now = Date.now();
    const slots = slotsAt(this.pace, now, this.concurrency);
    if (slots > 0) for (const item of toStart([...this.items.values()], slots, this.meta.paused)) void this.run(item);
    // Slowed down: look again when the hold or the slow spell ends.
    const next = nextChange(this.pace, now);
    clearTimeout(this.paceTimer);
    this.paceTimer = next === null ? undefined : setTimeout(() => void this.pump(), next - now + 10);
    const pending = [...this.items.values()].some((i) => i.state === 'waiting' || i.state === 'reading' || i.state === 'writing');
    if (pending && !this.meta.paused) {
      // Made once: making it again would move its next ring later each time.
      if (!(await browser.alarms.get(QUEUE_ALARM))) await browser.alarms.create(QUEUE_ALARM, { periodInMinutes: ALARM_MINUTES });
    } else {
      await browser.alarms.clear(QUEUE_ALARM);
      if (this.busy.size === 0) await closeReader().catch(() => {});
    }
  }

  /** Reads the item's page and writes it; or continues its cut-off job, or sends the one the user confirmed. */
  private async run(item: QueueItem): Promise<void> {
    this.busy.add(item.id);
    const told = this.hooks(item.id);
    try {
      const now = Date.now();
      this.update({ ...item, state: item.jobId && (item.continuable || item.confirmed) ? 'writing' : 'reading', startedAt: now, updatedAt: now });
      if (item.jobId && item.confirmed) return await this.jobs.answerQueued(item.jobId, true, told);
      if (item.jobId && item.continuable) {
        if (!(await this.jobs.continueQueued(item.jobId, told))) this.fail(item.id, t('queueCannotContinue'));
        return;
      }
      // Only the read holds the worker awake here; the job owner holds it while the job sends.
      const release = holdAlive();
      const read = await readPage(item.url).finally(release);
      if (!read.ok) return this.fail(item.id, pageReadMessage(read, t));
      if (!read.result.ok) return this.fail(item.id, noArticleMessage(read.result, t));
      // An earlier try that ended with nothing written holds nothing to keep: the new version takes its place.
      const earlier = item.jobId ? await this.jobs.stored(item.jobId) : null;
      const replaces = earlier && earlier.state !== 'done' && earlier.text === '' ? earlier.id : undefined;
      await this.jobs.runQueued(read.result.article, told, replaces);
    } catch (err) {
      if (err instanceof QueueBlocked && err.pause) {
        // Nothing in the queue can be written: it waits, paused, and says why; the item is not failed.
        this.meta = { ...this.meta, paused: true };
        this.problem = err.message;
        const now = this.items.get(item.id);
        if (now) this.update({ ...now, state: 'waiting', updatedAt: Date.now() });
        this.writes = this.writes.then(() => this.store.setMeta(this.meta)).catch((e: unknown) => this.storeFailed(e));
      } else this.fail(item.id, err instanceof Error ? err.message : String(err));
    } finally {
      this.busy.delete(item.id);
      this.changed();
      void this.pump();
    }
  }

  /** What the item hears of its job: each state, and the endpoint asking the whole queue to slow down. */
  private hooks(id: string): QueueHooks {
    return {
      changed: (job) => this.fromJob(id, job),
      rateLimited: (afterSec) => {
        this.pace = slowedDown(this.pace, Date.now(), afterSec);
      },
    };
  }

  /**
   * The item as its job now stands; a slot freed by a confirmation that waits lets the next item start. A page the
   * endpoint refused for its rate goes back in line, and the queue slows down.
   */
  private fromJob(id: string, job: JobRecord): void {
    const item = this.items.get(id);
    if (!item) return;
    const now = Date.now();
    const again = requeued(item, job, now);
    if (again) this.pace = slowedDown(this.pace, now, null);
    const next = again ?? fromJob(item, job, now);
    this.update(next);
    if (next.state === 'confirm') void this.pump();
  }

  private fail(id: string, error: string): void {
    const item = this.items.get(id);
    if (item) this.update({ ...item, state: 'error', error, continuable: false, updatedAt: Date.now() });
  }

  private update(item: QueueItem): void {
    if (!this.items.has(item.id)) return; // removed meanwhile
    this.items.set(item.id, item);
    this.persist([item]);
    this.changed();
  }

  private persist(items: QueueItem[]): void {
    this.writes = this.writes.then(() => this.store.putMany(items)).catch((err: unknown) => this.storeFailed(err));
  }

  private storeFailed(err: unknown): void {
    console.warn('Newsmith: queue not stored', err);
    this.problem = t('queueNotStored');
    this.changed();
  }

  private snapshot(): QueueWorkerMessage {
    const slowed = slotsAt(this.pace, Date.now(), this.concurrency) < this.concurrency;
    return { type: 'queue', items: inOrder([...this.items.values()]), paused: this.meta.paused, concurrency: this.concurrency, problem: this.problem, slowed };
  }

  private changed(): void {
    if (this.pages.size === 0) return;
    const message = this.snapshot();
    for (const port of this.pages) this.post(port, message);
  }

  private post(port: Port, message: QueueWorkerMessage): void {
    try {
      port.postMessage(message);
    } catch {
      this.pages.delete(port);
    }
  }
}
