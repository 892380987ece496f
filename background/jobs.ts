/**
 * The job owner. A job runs here from the click to the last byte, whatever the popup does: a closed popup is a
 * disconnected viewer, never a cancel. Text is stored as it streams so a reopened popup, or a restarted worker,
 * finds it.
 */

import browser from 'webextension-polyfill';
import { articleFromText, MIN_SELECTION_WORDS, type Article, type ExtractResult, type TabRead } from '../src/article';
import { newJob, noArticleMessage, pageKey, restrictedReason, type JobError, type JobRecord } from '../src/job';
import { StreamAbort } from '../src/llm/errors';
import { describeOnDeviceError, OnDeviceUnready, onDeviceState } from '../src/llm/on-device';
import { ON_DEVICE_MODEL } from '../src/llm/transport';
import type { BackgroundMessage } from '../src/messages';
import { buildPromptText } from '../src/prompt';
import { endpointOrigin, hasWriter, keyWithheld, type Settings } from '../src/settings';
import { t } from '../lib/i18n';
import { loadSettings } from '../lib/settings-store';
import type { JobSaver } from '../lib/job-saver';
import { extractFromTab, injectContentScript, readTab, selectionInTab, TabUnreadable } from './extract';
import { holdAlive } from './keepalive';
import { continueArticle, languageModel, writeArticle, type JobHandle, type Running } from './writer';

/** How often streamed text is written to storage while a job runs. */
const PERSIST_EVERY_MS = 500;
/** Streamed text reaches the popups at most once per this many ms (about a frame). */
const DELTA_BATCH_MS = 16;

type Viewer = browser.Runtime.Port;

interface StartInputs {
  source?: () => Promise<Article>;
  read?: ExtractResult | TabUnreadable;
  settings?: Promise<Settings>;
  /** A version of the page that failed with nothing written, dropped once the new one is stored. */
  replaces?: string;
}

export class Jobs {
  private readonly running = new Map<string, Running>();
  /** Which page each open popup is watching. */
  private readonly viewers = new Map<Viewer, string>();
  /** Which version of that page each popup shows (absent: the newest, as started or opened). */
  private readonly shown = new Map<Viewer, string>();
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
      this.broadcast(job.key, this.jobMessage(live?.job.id === job.id ? live.job : job), job.id);
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
    port.onDisconnect.addListener(() => {
      this.viewers.delete(port);
      this.shown.delete(port);
    });
  }

  /** Shows another version of the watched page: read from the store (or memory), never a request. */
  async showVersion(port: Viewer, tabId: number, id: string): Promise<void> {
    await this.ready;
    const tab = await this.tabUrl(port, tabId);
    if (tab === null) return;
    const key = this.viewers.get(port) ?? pageKey(tab);
    const live = this.running.get(key);
    const job = live?.job.id === id ? live.job : await this.saver.get(id);
    if (!job || job.key !== key) return;
    this.viewers.set(port, key);
    this.shown.set(port, id);
    this.post(port, await this.placed(job));
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
    this.viewers.set(port, key);
    // A resume keeps showing the version the popup had; a fresh open shows the newest.
    const kept = resume ? this.shown.get(port) : undefined;
    if (!resume) this.shown.delete(port);
    const live = this.running.get(key);
    if (live && (kept === undefined || kept === live.job.id)) return this.post(port, await this.placed(live.job));
    // A job storage refused is still here: its answer is shown, never asked for again.
    const stored = (kept !== undefined ? await this.saver.get(kept) : null) ?? (await this.saver.load(key));
    // A stored result is shown as it is; an error with nothing written is retried on a fresh open, never on a resume.
    if (stored && (resume || stored.state === 'done' || stored.text !== '' || stored.error?.code === 'interrupted')) {
      return this.post(port, await this.placed(stored));
    }
    if (resume) return;
    // The settings are read while the page is; one injected call gives the selection and, without one, the article.
    const settings = loadSettings();
    settings.catch(() => {}); // awaited (and reported) in start()
    let read: TabRead | TabUnreadable;
    try {
      read = await readTab(tabId, MIN_SELECTION_WORDS, injected);
    } catch (err) {
      read = err instanceof TabUnreadable ? err : new TabUnreadable(String(err));
    }
    if (!(read instanceof TabUnreadable) && read.result === null) return this.post(port, { type: 'choose', selectionWords: read.selectionWords });
    // A failed version with nothing written holds nothing to keep: the new one takes its place.
    const replaces = stored?.id;
    await this.start(port, tabId, tab, key, { settings, read: read instanceof TabUnreadable ? read : (read.result ?? undefined), ...(replaces ? { replaces } : {}) });
  }

  /** Rewrites the text selected in the tab: no extraction, the page title as the title. */
  async rewriteSelection(port: Viewer | null, tabId: number): Promise<void> {
    await this.ready;
    const url = await this.tabUrl(port, tabId);
    if (url === null) return;
    const key = `${pageKey(url)}#selection`;
    if (port) this.viewers.set(port, key);
    this.running.get(key)?.controller.abort(new StreamAbort('stopped'));
    const [selected, tab] = await Promise.all([selectionInTab(tabId), browser.tabs.get(tabId)]);
    const article = articleFromText(tab.title ?? '', selected, url);
    if (article.wordCount < MIN_SELECTION_WORDS) {
      if (port) this.post(port, { type: 'refused', error: { code: 'no-article', message: t('noSelection') } });
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
    const watched = this.viewers.get(port);
    if (watched?.endsWith('#selection') && watched.startsWith(`${pageKey(tab)}#`)) return this.rewriteSelection(port, tabId);
    const key = pageKey(tab);
    this.viewers.set(port, key);
    this.running.get(key)?.controller.abort(new StreamAbort('stopped'));
    await this.start(port, tabId, tab, key);
  }

  stop(port: Viewer): void {
    const key = this.viewers.get(port);
    if (key) this.running.get(key)?.controller.abort(new StreamAbort('stopped'));
  }

  confirm(port: Viewer): void {
    const key = this.viewers.get(port);
    if (key) this.running.get(key)?.confirm?.();
  }

  /** The tab's URL, or null after telling the popup why this tab cannot be read. */
  private async tabUrl(port: Viewer | null, tabId: number): Promise<string | null> {
    let url: string | undefined;
    try {
      url = (await browser.tabs.get(tabId)).url;
    } catch {
      if (port) this.post(port, { type: 'refused', error: { code: 'no-tab', message: t('tabGone') } });
      return null;
    }
    const reason = restrictedReason(url, t);
    if (reason || !url) {
      if (port) this.post(port, { type: 'refused', error: { code: 'restricted-page', message: reason ?? t('restrictedUnknown') } });
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

    const model = settings.provider === 'chrome-ai' ? ON_DEVICE_MODEL : settings.model;
    const job = newJob(crypto.randomUUID(), key, url, model, Date.now());
    const run: Running = { job, controller: new AbortController(), persistTimer: undefined, tabId };
    // A job replaced by Regenerate may still be unwinding: the newest owns the key. It is a new version: the
    // page's earlier ones stay, and every popup on the page now shows this one.
    this.running.set(key, run);
    this.lastKeyByTab.set(tabId, key);
    for (const [viewer, watched] of this.viewers) if (watched === key) this.shown.delete(viewer);
    const release = holdAlive();
    try {
      // Storage writes are applied in order; nothing here needs to wait for them before the request goes out.
      const added = this.saver.add(job, settings.historyLimit, [...this.running.values()].map((r) => r.job.id));
      const replaces = given.replaces;
      if (replaces) void added.then(() => this.saver.remove(replaces));
      void this.changed(run);
      const article = source ? await source() : await this.extract(run, tabId, read);
      if (!article) return;
      // Kept with the version, for its checks and a later Continue, after a restart too.
      void this.saver.keepSource(job.id, article);
      await writeArticle(this.handle(run), article, settings);
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(key);
      release();
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
    await this.finish(run, error);
    return null;
  }

  /**
   * Goes on from where an incomplete answer stopped: the same prompt, the partial answer as the model's own turn,
   * and a request to continue. The new text is appended to the job; nothing already written is sent again.
   */
  async continueJob(port: Viewer, tabId: number, id?: string): Promise<void> {
    await this.ready;
    const url = await this.tabUrl(port, tabId);
    if (url === null) return;
    const watched = this.viewers.get(port);
    const key = watched?.startsWith(`${pageKey(url)}#`) ? watched : pageKey(url);
    this.viewers.set(port, key);
    if (this.running.has(key)) return;
    // The version on the popup's screen (any of the page's), else the newest.
    const stored = id !== undefined ? await this.saver.get(id) : await this.saver.load(key);
    if (!stored?.canContinue || stored.key !== key) return;
    this.shown.set(port, stored.id);
    const settings = await loadSettings();
    const unconfirmed = keyWithheld(settings) ? keyProblem(settings) : null;
    // The article it was written from, kept with the version; a version from before that reads the page again.
    const article = unconfirmed ? null : (await this.saver.source(stored.id)) ?? (await extractFromTab(tabId).then((r) => (r.ok ? r.article : null), () => null));
    const run: Running = {
      job: { ...stored, state: 'writing', error: null, incomplete: false, canContinue: false, notice: null, updatedAt: Date.now() },
      controller: new AbortController(),
      persistTimer: undefined,
    };
    this.running.set(key, run);
    const release = holdAlive();
    try {
      if (!article) {
        await this.finish(run, unconfirmed ?? { code: 'no-article', message: t('continueNoSource') });
        return;
      }
      await this.changed(run);
      await continueArticle(this.handle(run), article, settings, stored.text);
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(key);
      release();
    }
  }

  /** What the writer may do to a running job. */
  private handle(run: Running): JobHandle {
    return {
      run,
      changed: () => this.changed(run),
      append: (text) => this.append(run, text),
      finish: (error) => this.finish(run, error),
    };
  }

  private append(run: Running, text: string): void {
    const at = run.job.text.length;
    run.job.text += text;
    run.job.updatedAt = Date.now();
    if (!this.isCurrent(run)) return;
    // The first piece goes out at once; pieces arriving within the next frame go together, so a fast stream of
    // tiny chunks costs the popup one message a frame, not one per chunk.
    if (run.deltaTimer === undefined) {
      this.broadcast(run.job.key, { type: 'delta', jobId: run.job.id, at, text }, run.job.id);
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
    this.broadcast(run.job.key, { type: 'delta', jobId: run.job.id, at: from, text: run.job.text.slice(from) }, run.job.id);
    run.deltaTimer = setTimeout(() => this.flushDelta(run), DELTA_BATCH_MS);
  }

  private async finish(run: Running, error: JobError | null): Promise<void> {
    run.job = {
      ...run.job,
      state: error ? 'error' : 'done',
      error,
      notice: null,
      section: null,
      awaiting: null,
      incomplete: error !== null && run.job.text !== '',
      updatedAt: Date.now(),
    };
    await this.changed(run);
  }

  /**
   * Shows the job's new state to every popup on that page and stores it, unless Regenerate replaced it. The popups
   * are told first; the returned promise is the storage write (writes apply in order, so only the end waits for it).
   */
  private async changed(run: Running): Promise<void> {
    clearTimeout(run.persistTimer);
    run.persistTimer = undefined;
    // The job message carries the whole text: batched deltas are in it.
    clearTimeout(run.deltaTimer);
    run.deltaTimer = undefined;
    run.deltaFrom = undefined;
    if (!this.isCurrent(run)) return;
    this.broadcast(run.job.key, this.jobMessage(run.job), run.job.id);
    showBadge(run);
    await this.saver.save(run.job);
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

  private async offerPrompt(port: Viewer, tabId: number, settings: Settings, note: JobError | null = null, read?: ExtractResult | TabUnreadable): Promise<void> {
    try {
      if (read instanceof TabUnreadable) throw read;
      const result = read ?? (await extractFromTab(tabId));
      if (!result.ok) {
        return this.post(port, { type: 'needs-key', prompt: null, article: null, problem: { code: 'no-article', message: noArticleMessage(result, t) } });
      }
      const { title, url, wordCount } = result.article;
      this.post(port, { type: 'needs-key', prompt: buildPromptText(result.article, settings), article: { title, url, wordCount }, problem: note });
    } catch (err) {
      const message = err instanceof TabUnreadable ? err.message : String(err);
      this.post(port, { type: 'needs-key', prompt: null, article: null, problem: { code: 'restricted-page', message } });
    }
  }

  /** To every popup on the page; with `versionId`, only those showing that version (or the newest). */
  private broadcast(key: string, message: BackgroundMessage, versionId?: string): void {
    for (const [port, watched] of this.viewers) {
      if (watched !== key) continue;
      const shown = this.shown.get(port);
      if (versionId === undefined || shown === undefined || shown === versionId) this.post(port, message);
    }
  }

  private post(port: Viewer, message: BackgroundMessage): void {
    try {
      port.postMessage(message);
    } catch {
      // The popup closed between the check and the post: the job goes on, the viewer is gone.
      this.viewers.delete(port);
    }
  }
}

/** The toolbar badge on the job's tab: running, done, or needs a look. */
function showBadge(run: Running): void {
  if (run.tabId === undefined) return;
  const { state, awaiting } = run.job;
  const text = awaiting ? '?' : state === 'done' ? '✓' : state === 'error' ? '!' : '…';
  const color = state === 'error' || awaiting ? '#b42318' : '#1d4ed8';
  void browser.action.setBadgeText({ tabId: run.tabId, text }).catch(() => {});
  void browser.action.setBadgeBackgroundColor({ tabId: run.tabId, color }).catch(() => {});
  // The badge is a symbol; the button's tooltip says it in words.
  const title = t(awaiting ? 'badgeTitleConfirm' : state === 'done' ? 'badgeTitleDone' : state === 'error' ? 'badgeTitleError' : 'badgeTitleWriting');
  void browser.action.setTitle({ tabId: run.tabId, title }).catch(() => {});
}

/** A saved key that was never confirmed for the endpoint's origin is not sent: the user confirms it in the options. */
function keyProblem(settings: Settings): JobError {
  return { code: 'auth', message: t('errKeyNotConfirmed', endpointOrigin(settings.baseURL)) };
}
