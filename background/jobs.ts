/**
 * The job owner. A job runs here from the click to the last byte, whatever the popup does: a closed popup is a
 * disconnected viewer, never a cancel. Text is stored as it streams so a reopened popup, or a restarted worker,
 * finds it.
 */

import browser from 'webextension-polyfill';
import { articleFromText, MIN_SELECTION_WORDS, type Article, type ExtractResult, type TabRead } from '../src/article';
import {
  canContinue,
  isActive,
  CONFIRM_WAIT_MS,
  newJob,
  noArticleMessage,
  pageKey,
  restrictedReason,
  type AwaitingJob,
  type DoneJob,
  type ExtractingJob,
  type JobError,
  type JobRecord,
  type WritingJob,
} from '../src/job';
import { confirmedJob, resumeWriting, startRevision } from '../src/job-transitions';
import type { Revision } from '../src/revise';
import { StreamAbort } from '../src/llm/errors';
import { describeOnDeviceError, OnDeviceUnready, onDeviceState } from '../src/llm/on-device';
import { ON_DEVICE_MODEL } from '../src/llm/transport';
import type { BackgroundMessage, RecentRewrite } from '../src/messages';
import { buildPromptText } from '../src/prompt';
import { endpointOrigin, hasWriter, keyWithheld, type Settings } from '../src/settings';
import { t } from '../lib/i18n';
import { loadSettings } from '../lib/settings-store';
import type { JobSaver } from '../lib/job-saver';
import { extractFromTab, injectContentScript, readTab, selectionInTab, TabUnreadable } from './extract';
import { holdAlive } from './keepalive';
import { continueRewrite, editRewrite, endBeforeSending, reviseRewrite, writeRewrite, type PipelinePorts } from '../src/pipeline';
import { showBadge } from './badge';
import { Viewers, type Viewer } from './viewers';
import { languageModel, workerPorts } from './writer';

/** How often streamed text is written to storage while a job runs. */
const PERSIST_EVERY_MS = 500;
/** How many rewrites the side panel lists. */
const RECENT_LISTED = 12;
/** Streamed text reaches the popups at most once per this many ms (about a frame). */
const DELTA_BATCH_MS = 16;

/** A job this worker is running: its newest state (from the pipeline's ports), how to stop it, its timers. */
interface Running {
  job: JobRecord;
  controller: AbortController;
  persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves when the user confirms a job that waits for it. */
  confirm?: () => void;
  /** Ends the keep-alive this run holds; none is held while the job only waits for the user (nothing runs). */
  release?: () => void;
  /** The tab the job was started from, for its toolbar badge. */
  tabId?: number;
  /** The batch queue's item for this job: told each state the job reaches. A queued job waits for its confirmation with no time limit. */
  queued?: QueueHooks;
  /** A queued job's whole run, for the queue to wait on once the user confirms it. */
  ending?: Promise<JobRecord>;
  /** Streamed text not yet sent to the popups starts here (deltas are batched per frame). */
  deltaFrom?: number;
  deltaTimer?: ReturnType<typeof setTimeout>;
}

interface StartInputs {
  source?: () => Promise<Article>;
  read?: ExtractResult | TabUnreadable;
  settings?: Promise<Settings>;
  /** A version of the page that failed with nothing written, dropped once the new one is stored. */
  replaces?: string;
}

export class Jobs {
  private readonly running = new Map<string, Running>();
  /** The open popups: which page, and which version of it, each shows. */
  private readonly viewers = new Viewers();
  /** The side panels listing the recent rewrites: told again each time a rewrite ends. */
  private readonly listing = new Set<Viewer>();
  /** The latest job started in each tab (a page or a selection rewrite), so its popup shows that one. */
  private readonly lastKeyByTab = new Map<number, string>();

  /** `saver` stores the jobs, keeping any it could not store until it can (storage full). */
  constructor(
    private readonly ready: Promise<unknown>,
    private readonly saver: JobSaver,
  ) {
    // A version saved at last, or newly unsaved: its popups show the notice or drop it.
    saver.onProblem((job) => {
      const live = this.running.get(job.key);
      this.viewers.broadcast(job.key, this.jobMessage(live?.job.id === job.id ? live.job : job), job.id);
    });
  }

  /** The job as a popup gets it: with whether it is saved yet, and the page's versions when asked for. */
  private jobMessage(job: JobRecord, versions?: string[]): Extract<BackgroundMessage, { type: 'job' }> {
    const unsaved = this.saver.problem(job.id);
    return { type: 'job', job, ...(unsaved ? { unsaved } : {}), ...(versions ? { versions } : {}) };
  }

  /** The job with the ids of its page's versions, oldest first (for the popup's "2 of 3"). */
  private async placed(job: JobRecord): Promise<BackgroundMessage> {
    const ids = await this.saver.versionIds(job.key);
    return this.jobMessage(job, ids.includes(job.id) ? ids : [...ids, job.id]);
  }

  watch(port: Viewer): void {
    this.viewers.watch(port);
  }

  /** Shows another version of the watched page: read from the store (or memory), never a request. */
  async showVersion(port: Viewer, tabId: number, id: string): Promise<void> {
    await this.ready;
    const tab = await this.tabUrl(port, tabId);
    if (tab === null) return;
    const key = this.viewers.pageOf(port) ?? pageKey(tab);
    const live = this.running.get(key);
    const job = live?.job.id === id ? live.job : await this.saver.get(id);
    if (!job || job.key !== key) return;
    this.viewers.watchPage(port, key);
    this.viewers.showVersion(port, id);
    this.viewers.post(port, await this.placed(job));
  }

  async open(port: Viewer, tabId: number, resume: boolean): Promise<void> {
    await this.ready;
    // Any event is a chance to save what storage refused before.
    void this.saver.retry();
    // A fresh open usually reads the page: the content script goes in while the tab and its stored job are looked up.
    const injected = resume ? undefined : injectContentScript(tabId);
    injected?.catch(() => {}); // a tab that cannot be scripted is refused below, or reported by readTab
    const tab = await this.tabUrl(port, tabId);
    if (tab === null) return;
    // The tab's latest job, if it is about this page (a selection rewrite), else the page's own.
    const last = this.lastKeyByTab.get(tabId);
    const key = last !== undefined && last.startsWith(`${pageKey(tab)}#`) ? last : pageKey(tab);
    this.viewers.watchPage(port, key);
    // A resume keeps showing the version the popup had; a fresh open shows the newest.
    const kept = resume ? this.viewers.versionOf(port) : undefined;
    if (!resume) this.viewers.showNewest(port);
    const live = this.running.get(key);
    if (live && (kept === undefined || kept === live.job.id)) return this.viewers.post(port, await this.placed(live.job));
    // A job storage refused is still here: its answer is shown, never asked for again.
    const stored = (kept !== undefined ? await this.saver.get(kept) : null) ?? (await this.saver.load(key));
    // A stored result is shown as it is; an error with nothing written is retried on a fresh open, never on a resume.
    if (stored && (resume || stored.state === 'done' || stored.text !== '' || stored.state === 'interrupted')) {
      return this.viewers.post(port, await this.placed(stored));
    }
    if (resume) return this.viewers.post(port, { type: 'empty' });
    // The settings are read while the page is; one injected call gives the selection and, without one, the article.
    const settings = loadSettings();
    settings.catch(() => {}); // awaited (and reported) in start()
    let read: TabRead | TabUnreadable;
    try {
      read = await readTab(tabId, MIN_SELECTION_WORDS, injected);
    } catch (err) {
      read = err instanceof TabUnreadable ? err : new TabUnreadable(String(err));
    }
    // An editor (the CMS tab the rewrite is going to): the latest rewrite is offered, nothing is sent.
    if (!(read instanceof TabUnreadable) && read.editor)
      return this.viewers.post(port, { type: 'offer-latest', sign: read.editor, latest: await this.latest() });
    // No article here while a page rewritten in this session is open in another tab: most likely where that rewrite
    // goes, so it is offered first.
    if (!(read instanceof TabUnreadable) && noArticle(read) && (await this.rewriteOpenBeside(tabId)))
      return this.viewers.post(port, { type: 'offer-latest', sign: 'rewrite-open', latest: await this.latest() });
    if (!(read instanceof TabUnreadable) && read.result === null) return this.viewers.post(port, { type: 'choose', selectionWords: read.selectionWords });
    // A failed version with nothing written holds nothing to keep: the new one takes its place.
    const replaces = stored?.id;
    await this.start(port, tabId, tab, key, {
      settings,
      read: read instanceof TabUnreadable ? read : (read.result ?? undefined),
      ...(replaces ? { replaces } : {}),
    });
  }

  /** Shows a stored version of any page by its id (the latest rewrite, one from the recent list): never a request. */
  async show(port: Viewer, id: string): Promise<void> {
    await this.ready;
    const job = await this.saver.get(id);
    if (!job) return this.viewers.post(port, { type: 'refused', error: { code: 'no-article', message: t('showGone') } });
    this.viewers.watchPage(port, job.key);
    this.viewers.showVersion(port, id);
    const live = this.running.get(job.key);
    this.viewers.post(port, await this.placed(live?.job.id === id ? live.job : job));
  }

  /** The recent rewrites, newest first, for the side panel's list; sent again whenever a rewrite ends. */
  async recent(port: Viewer): Promise<void> {
    await this.ready;
    if (!this.listing.has(port)) {
      this.listing.add(port);
      port.onDisconnect.addListener(() => this.listing.delete(port));
    }
    this.viewers.post(port, { type: 'recent', items: await this.recentRewrites(RECENT_LISTED) });
  }

  private async relist(): Promise<void> {
    if (this.listing.size === 0) return;
    const items = await this.recentRewrites(RECENT_LISTED);
    for (const port of this.listing) this.viewers.post(port, { type: 'recent', items });
  }

  /**
   * Whether a page rewritten in this session is still open in another tab: the tab still shows the page its last
   * job was about (its address is readable while the click's activeTab grant lasts, that is until it navigates).
   */
  private async rewriteOpenBeside(tabId: number): Promise<boolean> {
    for (const [other, key] of this.lastKeyByTab) {
      if (other === tabId) continue;
      const tab = await browser.tabs.get(other).catch(() => null);
      if (!tab?.url) continue;
      const page = pageKey(tab.url);
      if (key === page || key.startsWith(`${page}#`)) return true;
    }
    return false;
  }

  /** The newest rewrite with text, if any. */
  private async latest(): Promise<RecentRewrite | null> {
    return (await this.recentRewrites(1))[0] ?? null;
  }

  private async recentRewrites(most: number): Promise<RecentRewrite[]> {
    try {
      // Each page once, by its newest version.
      const { summaries } = await this.saver.store.newestSummaries(most * 3);
      const pages = new Set<string>();
      return summaries
        .filter((s) => (s.headline !== '' || s.article !== '') && !pages.has(s.page) && pages.add(s.page))
        .slice(0, most)
        .map((s) => ({ id: s.id, title: s.title, headline: s.headline, url: s.url, at: s.at }));
    } catch (err) {
      console.warn('Newsmith: recent rewrites not read', err);
      return [];
    }
  }

  /** Rewrites the text selected in the tab: no extraction, the page title as the title. */
  async rewriteSelection(port: Viewer | null, tabId: number): Promise<void> {
    await this.ready;
    const url = await this.tabUrl(port, tabId);
    if (url === null) return;
    const key = `${pageKey(url)}#selection`;
    if (port) this.viewers.watchPage(port, key);
    this.running.get(key)?.controller.abort(new StreamAbort('stopped'));
    const [selected, tab] = await Promise.all([selectionInTab(tabId), browser.tabs.get(tabId)]);
    const article = articleFromText(tab.title ?? '', selected, url);
    if (article.wordCount < MIN_SELECTION_WORDS) {
      if (port) this.viewers.post(port, { type: 'refused', error: { code: 'no-article', message: t('noSelection') } });
      return;
    }
    await this.start(port, tabId, url, key, { source: async () => article });
  }

  /** The context menu's "Rewrite this article": a job with no popup watching yet. */
  async rewritePage(tabId: number): Promise<void> {
    await this.ready;
    const url = await this.tabUrl(null, tabId);
    if (url === null) return;
    const key = pageKey(url);
    if (this.running.has(key)) return;
    await this.start(null, tabId, url, key);
  }

  async regenerate(port: Viewer, tabId: number): Promise<void> {
    await this.ready;
    const tab = await this.tabUrl(port, tabId);
    if (tab === null) return;
    const watched = this.viewers.pageOf(port);
    if (watched?.endsWith('#selection') && watched.startsWith(`${pageKey(tab)}#`)) return this.rewriteSelection(port, tabId);
    const key = pageKey(tab);
    this.viewers.watchPage(port, key);
    this.running.get(key)?.controller.abort(new StreamAbort('stopped'));
    await this.start(port, tabId, tab, key);
  }

  stop(port: Viewer): void {
    const key = this.viewers.pageOf(port);
    if (key) this.running.get(key)?.controller.abort(new StreamAbort('stopped'));
  }

  /** Cancel in the confirmation: ends the page's job only while it waits (a job already sending needs Stop). */
  async cancel(port: Viewer, tabId?: number): Promise<void> {
    const key = this.viewers.pageOf(port);
    const run = key ? this.running.get(key) : undefined;
    if (run?.job.state === 'awaiting-confirmation') run.controller.abort(new StreamAbort('stopped'));
    else if (!run) await this.answerStored(port, tabId, false);
  }

  async confirm(port: Viewer, tabId?: number): Promise<void> {
    const key = this.viewers.pageOf(port);
    const run = key ? this.running.get(key) : undefined;
    if (run) run.confirm?.();
    else await this.answerStored(port, tabId, true);
  }

  /** The tab's URL, or null after telling the popup why this tab cannot be read. */
  private async tabUrl(port: Viewer | null, tabId: number): Promise<string | null> {
    let url: string | undefined;
    try {
      url = (await browser.tabs.get(tabId)).url;
    } catch {
      if (port) this.viewers.post(port, { type: 'refused', error: { code: 'no-tab', message: t('tabGone') } });
      return null;
    }
    const reason = restrictedReason(url, t);
    if (reason || !url) {
      if (port) this.viewers.post(port, { type: 'refused', error: { code: 'restricted-page', message: reason ?? t('restrictedUnknown') } });
      return null;
    }
    return url;
  }

  /**
   * Starts a job. `source` gives the article (a selection); `read` is the page already read on this click (or why
   * it could not be), `settings` the settings already being loaded: otherwise both are read here.
   */
  private async start(port: Viewer | null, tabId: number, url: string, key: string, given: StartInputs = {}): Promise<void> {
    const { source, read } = given;
    const settings = await (given.settings ?? loadSettings());
    // No writer at all (no key, or one not confirmed for this endpoint; or the on-device model is missing or not
    // downloaded): the prompt, to copy by hand.
    const unready = await this.writerProblem(settings);
    if (!hasWriter(settings) || unready) {
      if (port) return this.offerPrompt(port, tabId, settings, unready, read);
      return void browser.runtime.openOptionsPage();
    }

    const { run, job } = this.begin(key, url, settings, { tabId }, given.replaces);
    this.lastKeyByTab.set(tabId, key);
    try {
      void this.changed(run);
      const article = source ? await source() : await this.extract(run, tabId, read);
      if (!article) return;
      // Kept with the version, for its checks and a later Continue, after a restart too.
      void this.saver.keepSource(job.id, article);
      await writeRewrite(job, article, settings, this.ports(run, settings), run.controller.signal);
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(key);
      run.release?.();
    }
  }

  /**
   * A new version of the page under `key`, owned by this worker from now on: shown as the page's newest, stored (in
   * order: nothing needs to wait for the write before the request goes out), and `replaces` dropped once it is. A
   * job replaced by Regenerate may still be unwinding: the newest owns the key; the page's earlier versions stay.
   */
  private begin(
    key: string,
    url: string,
    settings: Settings,
    more: Pick<Running, 'tabId' | 'queued'>,
    replaces?: string,
  ): { run: Running; job: ExtractingJob } {
    const model = settings.provider === 'chrome-ai' ? ON_DEVICE_MODEL : settings.model;
    const job = newJob(crypto.randomUUID(), key, url, model, Date.now());
    const run: Running = { job, controller: new AbortController(), persistTimer: undefined, ...more };
    this.running.set(key, run);
    this.viewers.showNewestOn(key);
    run.release = holdAlive();
    const added = this.saver.add(
      job,
      settings.historyLimit,
      [...this.running.values()].map((r) => r.job.id),
    );
    if (replaces) void added.then(() => this.saver.remove(replaces));
    return { run, job };
  }

  /**
   * The popup's word on a job that waits for it in storage with no run here (the worker stopped while it waited):
   * `send` writes it from its stored source without asking again; otherwise it ends, not sent.
   */
  private async answerStored(port: Viewer, tabId: number | undefined, send: boolean): Promise<void> {
    await this.ready;
    const key = this.viewers.pageOf(port);
    if (!key || this.running.has(key)) return;
    const id = this.viewers.versionOf(port);
    const stored = id !== undefined ? await this.saver.get(id) : await this.saver.load(key);
    if (!stored || stored.state !== 'awaiting-confirmation' || stored.key !== key) return;
    await this.sendStored(stored, tabId, send);
  }

  /** Writes a job that waited for the user's word in storage (`send`), or ends it not sent. */
  private async sendStored(stored: AwaitingJob, tabId: number | undefined, send: boolean, queued?: QueueHooks): Promise<void> {
    const key = stored.key;
    if (this.running.has(key)) return;
    const run: Running = {
      job: stored,
      controller: new AbortController(),
      persistTimer: undefined,
      ...(tabId !== undefined ? { tabId } : {}),
      ...(queued ? { queued } : {}),
    };
    this.running.set(key, run);
    run.release = holdAlive();
    try {
      const notSent: JobError = { code: 'stopped', message: t('errNotSent') };
      if (!send) {
        await endBeforeSending(stored, notSent, this.ports(run));
        return;
      }
      const [settings, article] = await Promise.all([loadSettings(), this.saver.source(stored.id)]);
      const unready = await this.writerProblem(settings);
      if (!hasWriter(settings) || unready || !article) {
        await endBeforeSending(stored, unready ?? { code: 'no-article', message: t('continueNoSource') }, this.ports(run));
        return;
      }
      await writeRewrite(confirmedJob(stored, Date.now()), article, settings, this.ports(run, settings), run.controller.signal, true);
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(key);
      run.release?.();
    }
  }

  private async extract(run: Running, tabId: number, read?: ExtractResult | TabUnreadable): Promise<Article | null> {
    let error: JobError;
    try {
      if (read instanceof TabUnreadable) throw read;
      const result = read ?? (await extractFromTab(tabId));
      if (result.ok) return result.article;
      error = { code: 'no-article', message: noArticleMessage(result, t) };
    } catch (err) {
      error = { code: 'restricted-page', message: err instanceof TabUnreadable ? err.message : String(err) };
    }
    await endBeforeSending(run.job as ExtractingJob, error, this.ports(run));
    return null;
  }

  /** The page key a popup acts on (the part of the page it watches, if any) and the popup set to watch it. */
  private watchKey(port: Viewer, url: string): string {
    const watched = this.viewers.pageOf(port);
    const key = watched?.startsWith(`${pageKey(url)}#`) ? watched : pageKey(url);
    this.viewers.watchPage(port, key);
    return key;
  }

  /**
   * Goes on from where an incomplete answer stopped: the same prompt, the partial answer as the model's own turn,
   * and a request to continue. The new text is appended to the job; nothing already written is sent again.
   */
  async continueJob(port: Viewer, tabId: number, id?: string): Promise<void> {
    await this.ready;
    const url = await this.tabUrl(port, tabId);
    if (url === null) return;
    const key = this.watchKey(port, url);
    if (this.running.has(key)) return;
    // The version on the popup's screen (any of the page's), else the newest.
    const stored = id !== undefined ? await this.saver.get(id) : await this.saver.load(key);
    if (!stored || !canContinue(stored) || stored.key !== key) return;
    this.viewers.showVersion(port, stored.id);
    const settings = await loadSettings();
    const unconfirmed = keyWithheld(settings) ? keyProblem(settings) : null;
    // The article it was written from, kept with the version; a version from before that reads the page again.
    const article = unconfirmed
      ? null
      : ((await this.saver.source(stored.id)) ??
        (await extractFromTab(tabId).then(
          (r) => (r.ok ? r.article : null),
          () => null,
        )));
    const run: Running = { job: stored, controller: new AbortController(), persistTimer: undefined };
    this.running.set(key, run);
    const release = holdAlive();
    try {
      if (!article) {
        // Nothing sent; the text stays, and Continue stays offered once the key is confirmed.
        const why = unconfirmed ?? { code: 'no-article', message: t('continueNoSource') };
        await endBeforeSending(resumeWriting(stored, Date.now()), why, this.ports(run), unconfirmed !== null);
        return;
      }
      await continueRewrite(stored, article, settings, this.ports(run, settings), run.controller.signal);
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(key);
      release();
    }
  }

  /**
   * A page of the batch queue, already read: a job with no tab, a version of the page like any other (history,
   * checks, review page). `queued` is told each state it reaches. `replaces`: the item's earlier version that ended
   * with nothing written, dropped once this one is stored. Throws QueueBlocked when nothing can be written now
   * (no writer set up, or the page is being rewritten already); nothing is stored then.
   */
  async runQueued(article: Article, queued: QueueHooks, replaces?: string): Promise<JobRecord> {
    await this.ready;
    const key = pageKey(article.url);
    if (this.running.has(key)) throw new QueueBlocked(t('queueBusyPage'), false);
    const settings = await loadSettings();
    const unready = await this.writerProblem(settings);
    if (!hasWriter(settings) || unready) throw new QueueBlocked(unready?.message ?? t('queueNoWriter'), true);
    const { run, job } = this.begin(key, article.url, settings, { queued }, replaces);
    try {
      void this.saver.keepSource(job.id, article);
      run.ending = writeRewrite(job, article, settings, this.ports(run, settings), run.controller.signal);
      return await run.ending;
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(key);
      run.release?.();
    }
  }

  /** A queued job cut off with text: Continue from its stored source (one request, nothing already written sent again). */
  async continueQueued(id: string, queued: QueueHooks): Promise<JobRecord | null> {
    await this.ready;
    const stored = await this.saver.get(id);
    if (!stored || !canContinue(stored) || this.running.has(stored.key)) return null;
    const settings = await loadSettings();
    const unready = await this.writerProblem(settings);
    if (!hasWriter(settings) || unready) throw new QueueBlocked(unready?.message ?? t('queueNoWriter'), true);
    const article = await this.saver.source(stored.id);
    const run: Running = { job: stored, controller: new AbortController(), persistTimer: undefined, queued };
    this.running.set(stored.key, run);
    const release = holdAlive();
    try {
      if (!article) return await endBeforeSending(resumeWriting(stored, Date.now()), { code: 'no-article', message: t('continueNoSource') }, this.ports(run));
      return await continueRewrite(stored, article, settings, this.ports(run, settings), run.controller.signal);
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(stored.key);
      release();
    }
  }

  /** The queue page's word on a queued job waiting for confirmation: send it, or end it not sent. */
  async answerQueued(id: string, send: boolean, queued: QueueHooks): Promise<void> {
    await this.ready;
    const live = [...this.running.values()].find((r) => r.job.id === id);
    if (live) {
      if (live.job.state !== 'awaiting-confirmation') return;
      live.queued = queued;
      if (!send) return live.controller.abort(new StreamAbort('stopped'));
      live.confirm?.();
      await live.ending;
      return;
    }
    const stored = await this.saver.get(id);
    if (stored?.state === 'awaiting-confirmation') await this.sendStored(stored, undefined, send, queued);
  }

  /** Whether the page at `url` has a finished rewrite among its versions (a feed load can leave it out). */
  async hasDone(url: string): Promise<boolean> {
    await this.ready;
    return (await this.saver.versions(pageKey(url))).some((j) => j.state === 'done');
  }

  /** A stored version by id (the queue reads its items' jobs on start-up). */
  async stored(id: string): Promise<JobRecord | null> {
    await this.ready;
    const live = [...this.running.values()].find((r) => r.job.id === id);
    return live?.job ?? (await this.saver.get(id));
  }

  /**
   * A targeted revision of a finished version (its marked passages, its headline, or one paragraph): a new version
   * of the page, written from the stored one and its stored source, shown as the newest. Only on a click: nothing
   * here runs on open. The version it comes from stays. `tabId` is null from the review page (it has no tab).
   */
  async revise(port: Viewer, tabId: number | null, id: string, what: Revision): Promise<void> {
    await this.ready;
    const from = await this.revisable(port, tabId, id);
    if (!from) return;
    // Only what is offered: passages when the copied warning is on, a headline over the limit, a paragraph named.
    const offered = typeof what === 'object' ? true : what === 'passages' ? from.checks?.originality.warn === true : from.checks?.seo.headlineTooLong === true;
    if (!offered) return;
    const settings = await loadSettings();
    const unready = await this.writerProblem(settings);
    const article = await this.saver.source(from.id);
    if (!hasWriter(settings) || unready || !article) {
      const why = unready ?? { code: 'no-article' as const, message: t('continueNoSource') };
      return this.viewers.post(port, { type: 'refused', error: why });
    }
    await this.newVersion(tabId, from, settings, article, (job, ports, signal) => reviseRewrite(from, job, what, article, settings, ports, signal));
  }

  /** The user's own edit of one paragraph of a finished version, from the review page: a new version, no request. */
  async edit(port: Viewer, id: string, paragraph: number, text: string): Promise<void> {
    await this.ready;
    const from = await this.revisable(port, null, id);
    if (!from) return;
    const [settings, article] = await Promise.all([loadSettings(), this.saver.source(from.id)]);
    if (!article) return this.viewers.post(port, { type: 'refused', error: { code: 'no-article', message: t('continueNoSource') } });
    await this.newVersion(null, from, settings, article, (job, ports) => editRewrite(from, job, paragraph, text, article, settings, ports));
  }

  /** The finished version `id`, with the port set to watch its page (the tab's, when one is given); null when there is nothing to revise. */
  private async revisable(port: Viewer, tabId: number | null, id: string): Promise<DoneJob | null> {
    let key: string | undefined;
    if (tabId !== null) {
      const url = await this.tabUrl(port, tabId);
      if (url === null) return null;
      key = this.watchKey(port, url);
    }
    const from = await this.saver.get(id);
    if (!from || from.state !== 'done') return null;
    if (key === undefined) {
      key = from.key;
      this.viewers.watchPage(port, key);
    }
    return from.key === key && !this.running.has(key) ? from : null;
  }

  /** Runs `write` into a new version of `from`'s page, shown as the newest to every viewer of the page. */
  private async newVersion(
    tabId: number | null,
    from: DoneJob,
    settings: Settings,
    article: Article,
    write: (job: WritingJob, ports: PipelinePorts, signal: AbortSignal) => Promise<unknown>,
  ): Promise<void> {
    const key = from.key;
    const job = startRevision(from, crypto.randomUUID(), Date.now());
    const run: Running = { job, controller: new AbortController(), persistTimer: undefined, ...(tabId !== null ? { tabId } : {}) };
    this.running.set(key, run);
    if (tabId !== null) this.lastKeyByTab.set(tabId, key);
    this.viewers.showNewestOn(key);
    const release = holdAlive();
    try {
      await this.saver.add(
        job,
        settings.historyLimit,
        [...this.running.values()].map((r) => r.job.id),
      );
      void this.saver.keepSource(job.id, article);
      await write(job, this.ports(run, settings), run.controller.signal);
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(key);
      release();
    }
  }

  /**
   * The pipeline's ports for this run: each state it reaches is shown and stored here, streamed text batched to the
   * popups, the user's word asked for in the popup. `settings` adds the model's side (only a job that sends needs it).
   */
  private ports(run: Running): Pick<PipelinePorts, 'changed' | 'now'>;
  private ports(run: Running, settings: Settings): PipelinePorts;
  private ports(run: Running, settings?: Settings): PipelinePorts | Pick<PipelinePorts, 'changed' | 'now'> {
    const owner = {
      changed: (job: JobRecord) => {
        run.job = job;
        return this.changed(run);
      },
      appended: (job: WritingJob, at: number, text: string) => {
        run.job = job;
        this.appended(run, at, text);
      },
      confirm: (_job: AwaitingJob, signal: AbortSignal) => this.awaitConfirmation(run, signal),
      rateLimited: (afterSec: number | null) => run.queued?.rateLimited(afterSec),
      now: () => Date.now(),
    };
    return settings ? workerPorts(settings, owner) : owner;
  }

  /**
   * Resolves with the user's answer: true on Confirm, false when stopped or left waiting too long (nothing spent).
   * Nothing runs meanwhile, so nothing keeps the worker awake: if the browser stops it, the job waits on in storage
   * (see markInterrupted) and the popup's answer is taken from there (answerStored).
   */
  private awaitConfirmation(run: Running, signal: AbortSignal): Promise<boolean> {
    run.release?.();
    run.release = undefined;
    return new Promise<boolean>((resolve) => {
      // A queued page waits for as long as the queue does; the user answers on the queue page when they come back.
      const expire = run.queued ? undefined : setTimeout(() => run.controller.abort(new StreamAbort('stopped')), CONFIRM_WAIT_MS);
      const answer = (yes: boolean) => {
        clearTimeout(expire);
        run.confirm = undefined;
        if (yes) run.release = holdAlive();
        resolve(yes);
      };
      run.confirm = () => answer(true);
      if (signal.aborted) answer(false);
      else signal.addEventListener('abort', () => answer(false), { once: true });
    });
  }

  private appended(run: Running, at: number, text: string): void {
    if (!this.isCurrent(run)) return;
    // The first piece goes out at once; pieces arriving within the next frame go together, so a fast stream of
    // tiny chunks costs the popup one message a frame, not one per chunk.
    if (run.deltaTimer === undefined) {
      this.viewers.broadcast(run.job.key, { type: 'delta', jobId: run.job.id, at, text }, run.job.id);
      run.deltaTimer = setTimeout(() => this.flushDelta(run), DELTA_BATCH_MS);
    } else {
      run.deltaFrom ??= at;
    }
    // Each storage write is also extension activity, which keeps the worker awake between keep-alive pings.
    run.persistTimer ??= setTimeout(() => {
      run.persistTimer = undefined;
      if (this.isCurrent(run)) void this.saver.save(run.job);
    }, PERSIST_EVERY_MS);
  }

  private flushDelta(run: Running): void {
    run.deltaTimer = undefined;
    const from = run.deltaFrom;
    run.deltaFrom = undefined;
    if (from === undefined || !this.isCurrent(run)) return;
    this.viewers.broadcast(run.job.key, { type: 'delta', jobId: run.job.id, at: from, text: run.job.text.slice(from) }, run.job.id);
    run.deltaTimer = setTimeout(() => this.flushDelta(run), DELTA_BATCH_MS);
  }

  /**
   * Shows the job's new state to every popup on that page and stores it. The popups are told first; the returned
   * promise is the storage write (writes apply in order, so only the end waits for it). A version Regenerate
   * replaced is still stored as it ends (it is a version of its own), but no longer shown as the page's newest.
   */
  private async changed(run: Running): Promise<void> {
    clearTimeout(run.persistTimer);
    run.persistTimer = undefined;
    // The job message carries the whole text: batched deltas are in it.
    clearTimeout(run.deltaTimer);
    run.deltaTimer = undefined;
    run.deltaFrom = undefined;
    if (this.isCurrent(run)) {
      this.viewers.broadcast(run.job.key, this.jobMessage(run.job), run.job.id);
      showBadge(run.tabId, run.job);
    }
    run.queued?.changed(run.job);
    await this.saver.save(run.job);
    if (!isActive(run.job)) await this.relist();
  }

  private isCurrent(run: Running): boolean {
    return this.running.get(run.job.key) === run;
  }

  /** Why the chosen on-device model cannot write now (checked before a job starts), or null. */
  /** Why these settings cannot write now, if they cannot: a withheld key, or an on-device model that is not ready. */
  private async writerProblem(settings: Settings): Promise<JobError | null> {
    return keyWithheld(settings) ? keyProblem(settings) : this.onDeviceProblem(settings);
  }

  private async onDeviceProblem(settings: Settings): Promise<JobError | null> {
    if (settings.provider !== 'chrome-ai') return null;
    const state = await onDeviceState(languageModel(), settings.language);
    return state === 'available' ? null : describeOnDeviceError(new OnDeviceUnready(state), settings, t);
  }

  private async offerPrompt(
    port: Viewer,
    tabId: number,
    settings: Settings,
    note: JobError | null = null,
    read?: ExtractResult | TabUnreadable,
  ): Promise<void> {
    try {
      if (read instanceof TabUnreadable) throw read;
      const result = read ?? (await extractFromTab(tabId));
      if (!result.ok) {
        return this.viewers.post(port, {
          type: 'needs-key',
          prompt: null,
          article: null,
          problem: { code: 'no-article', message: noArticleMessage(result, t) },
        });
      }
      const { title, url, wordCount } = result.article;
      this.viewers.post(port, { type: 'needs-key', prompt: buildPromptText(result.article, settings), article: { title, url, wordCount }, problem: note });
    } catch (err) {
      const message = err instanceof TabUnreadable ? err.message : String(err);
      this.viewers.post(port, { type: 'needs-key', prompt: null, article: null, problem: { code: 'restricted-page', message } });
    }
  }
}

/** A saved key that was never confirmed for the endpoint's origin is not sent: the user confirms it in the options. */
/** A click's read that found no article: nothing readable, or a page that is probably not one. */
function noArticle(read: TabRead): boolean {
  if (read.result === null) return false;
  return !read.result.ok || read.result.article.warnings.some((w) => w.code === 'not-an-article');
}

/** What the batch queue hears of its job: each state it reaches, and the endpoint asking to slow down. */
export interface QueueHooks {
  changed(job: JobRecord): void;
  rateLimited(afterSec: number | null): void;
}

/** Why the queue cannot write a page now; `pause`: nothing in the queue can (no writer), so it pauses. */
export class QueueBlocked extends Error {
  constructor(
    message: string,
    readonly pause: boolean,
  ) {
    super(message);
  }
}

function keyProblem(settings: Settings): JobError {
  return { code: 'auth', message: t('errKeyNotConfirmed', endpointOrigin(settings.baseURL)) };
}
