/**
 * The job owner. A job runs here from the click to the last byte, whatever the popup does: a closed popup is a
 * disconnected viewer, never a cancel. Text is stored as it streams so a reopened popup, or a restarted worker,
 * finds it.
 */

import browser from 'webextension-polyfill';
import { articleFromText, countWords, MIN_SELECTION_WORDS, type Article } from '../src/article';
import { runChecks } from '../src/checks';
import { estimateCost, type Estimate } from '../src/cost';
import { needsConfirmation, newJob, noArticleMessage, pageKey, restrictedReason, type JobError, type JobRecord } from '../src/job';
import { describeError, redact, StreamAbort } from '../src/llm/errors';
import { streamChat } from '../src/llm/openai';
import type { BackgroundMessage } from '../src/messages';
import { buildMessages, buildPromptText, type ChatMessage } from '../src/prompt';
import { continuationContext, planSections, sectionMessages, type Section } from '../src/prompt/sections';
import { parseAnswer, splitAnswer } from '../src/rewrite/split';
import { endpointPattern, type Settings } from '../src/settings';
import { estimateMessagesTokens, estimateTokens } from '../src/tokens';
import { loadSettings } from '../lib/settings-store';
import { extractFromTab, selectionInTab, TabUnreadable } from './extract';
import { dropSource, indexJob, loadJob, loadSource, saveJob, saveSource } from '../lib/job-store';
import { holdAlive } from './keepalive';

/** How often streamed text is written to storage while a job runs. */
const PERSIST_EVERY_MS = 500;

interface Running {
  job: JobRecord;
  controller: AbortController;
  persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves when the user confirms a job that waits for it. */
  confirm?: () => void;
  /** Whether the browser granted access to the endpoint's host (checked before each request). */
  hostPermission?: boolean;
  /** The tab the job was started from, for its toolbar badge. */
  tabId?: number;
}

/** The request that follows a partial answer when the user clicks Continue. */
const CONTINUE_INSTRUCTION =
  'Your answer above was cut off. Continue it exactly where it stops, in the same language and layout. ' +
  'Do not repeat anything already written and do not start again: your reply is appended to it as it is.';

/** Longer articles than this many requests ask before sending. */
const MAX_SECTIONS_WITHOUT_ASKING = 3;

/** How long a job waits for the user to confirm sending a doubtful page before giving up (nothing is spent). */
const CONFIRM_WAIT_MS = 10 * 60_000;

/** Room left in each request for the prompt's own words around a section of the article. */
const PROMPT_OVERHEAD_TOKENS = 600;

type Viewer = browser.Runtime.Port;

const incompleteCut: JobError = {
  code: 'incomplete',
  message: 'The answer was cut off before the model finished (the stream ended early), so it is incomplete. The text so far is kept; click Regenerate for a full rewrite.',
};
const connectionCut: JobError = {
  code: 'incomplete',
  message: 'The connection to the model dropped before it finished, so the answer is incomplete (cut off). The text so far is kept; click Regenerate for a full rewrite.',
};
const incompleteLength: JobError = {
  code: 'incomplete',
  message: "The answer is incomplete: the model reached its output length limit. The text so far is kept; click Regenerate, or choose a model with a larger output limit.",
};

export class Jobs {
  private readonly running = new Map<string, Running>();
  /** Which page each open popup is watching. */
  private readonly viewers = new Map<Viewer, string>();
  /** The latest job started in each tab (a page or a selection rewrite), so its popup shows that one. */
  private readonly lastKeyByTab = new Map<number, string>();

  constructor(private readonly ready: Promise<unknown>) {}

  watch(port: Viewer): void {
    port.onDisconnect.addListener(() => this.viewers.delete(port));
  }

  async open(port: Viewer, tabId: number, resume: boolean): Promise<void> {
    await this.ready;
    const tab = await this.tabUrl(port, tabId);
    if (tab === null) return;
    // The tab's latest job, if it is about this page (a selection rewrite), else the page's own.
    const last = this.lastKeyByTab.get(tabId);
    const key = last !== undefined && last.startsWith(`${pageKey(tab)}#`) ? last : pageKey(tab);
    this.viewers.set(port, key);
    const live = this.running.get(key);
    if (live) return this.post(port, { type: 'job', job: live.job });
    const stored = await loadJob(key);
    // A stored result is shown as it is; an error with nothing written is retried on a fresh open, never on a resume.
    if (stored && (resume || stored.state === 'done' || stored.text !== '' || stored.error?.code === 'interrupted')) {
      return this.post(port, { type: 'job', job: stored });
    }
    if (resume) return;
    const selected = await selectionInTab(tabId);
    const words = countWords(selected);
    if (words >= MIN_SELECTION_WORDS) return this.post(port, { type: 'choose', selectionWords: words });
    await this.start(port, tabId, tab, key);
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
      if (port) this.post(port, { type: 'refused', error: { code: 'no-article', message: 'No text is selected on this page (or too little to rewrite). Select the text, then try again.' } });
      return;
    }
    await this.start(port, tabId, url, key, async () => article);
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
      if (port) this.post(port, { type: 'refused', error: { code: 'no-tab', message: 'That tab is gone. Open the article again and click Newsmith.' } });
      return null;
    }
    const reason = restrictedReason(url);
    if (reason || !url) {
      if (port) this.post(port, { type: 'refused', error: { code: 'restricted-page', message: reason ?? 'Newsmith cannot read this tab.' } });
      return null;
    }
    return url;
  }

  private async start(port: Viewer | null, tabId: number, url: string, key: string, source?: () => Promise<Article>): Promise<void> {
    const settings = await loadSettings();
    if (!settings.apiKey) {
      if (port) return this.offerPrompt(port, tabId, settings);
      return void browser.runtime.openOptionsPage();
    }

    const job = newJob(crypto.randomUUID(), key, url, settings.model, Date.now());
    const run: Running = { job, controller: new AbortController(), persistTimer: undefined, tabId };
    // A job replaced by Regenerate may still be unwinding: the newest owns the key.
    this.running.set(key, run);
    this.lastKeyByTab.set(tabId, key);
    const release = holdAlive();
    try {
      await indexJob(job, settings.historyLimit);
      await this.changed(run);
      const article = source ? await source() : await this.extract(run, tabId);
      if (!article) return;
      await this.write(run, article, settings);
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(key);
      release();
    }
  }

  private async extract(run: Running, tabId: number): Promise<Article | null> {
    let error: JobError;
    try {
      const result = await extractFromTab(tabId);
      if (result.ok) return result.article;
      error = { code: 'no-article', message: noArticleMessage(result) };
    } catch (err) {
      error = { code: 'restricted-page', message: err instanceof TabUnreadable ? err.message : String(err) };
    }
    await this.finish(run, error);
    return null;
  }

  /** Works out the sections and their cost, and waits for the user when the page may not be a whole article. */
  private async prepare(run: Running, article: Article, settings: Settings): Promise<Section[] | null> {
    const budget = Math.max(500, settings.inputBudgetTokens - PROMPT_OVERHEAD_TOKENS);
    const sections = planSections(article.blocks, budget);
    const promptTokens =
      sections.length === 1
        ? estimateMessagesTokens(buildMessages(article, settings))
        : estimateTokens(article.text) + sections.length * PROMPT_OVERHEAD_TOKENS;
    const outputTokens = estimateTokens(article.text);
    const estimate: Estimate = {
      inputTokens: promptTokens,
      outputTokens,
      cost: estimateCost(settings.model, promptTokens, outputTokens, settings.prices),
      sections: sections.length,
    };
    run.job = { ...run.job, title: article.title, warnings: article.warnings, estimate };
    // A doubtful page, or a text so long it takes many requests, is never sent without the user's word.
    if (needsConfirmation(article.warnings) || sections.length > MAX_SECTIONS_WITHOUT_ASKING) {
      run.job = { ...run.job, awaiting: 'confirm' };
      await this.changed(run);
      const confirmed = await new Promise<boolean>((resolve) => {
        const expire = setTimeout(() => run.controller.abort(new StreamAbort('stopped')), CONFIRM_WAIT_MS);
        run.confirm = () => {
          clearTimeout(expire);
          resolve(true);
        };
        run.controller.signal.addEventListener('abort', () => {
          clearTimeout(expire);
          resolve(false);
        }, { once: true });
      });
      run.confirm = undefined;
      run.job = { ...run.job, awaiting: null };
      if (!confirmed) return null;
    }
    return sections;
  }

  private async write(run: Running, article: Article, settings: Settings): Promise<void> {
    const sections = await this.prepare(run, article, settings);
    if (!sections || run.controller.signal.aborted) return this.finish(run, describeError(run.controller.signal.reason, ctxOf(settings)));
    run.job = { ...run.job, state: 'writing' };
    await this.changed(run);
    if (sections.length === 1) await saveSource(run.job.id, article);
    try {
      for (const [index, section] of sections.entries()) {
        const messages = this.messagesFor(run, article, settings, sections, index, section);
        if (sections.length > 1) {
          run.job = { ...run.job, section: { index, total: sections.length } };
          await this.changed(run);
          if (index > 0) this.append(run, '\n\n');
        }
        const finishReason = await this.stream(run, messages, settings);
        if (finishReason !== 'stop') return this.stopEarly(run, finishReason, sections.length === 1);
      }
      await this.complete(run, article);
    } catch (err) {
      await this.fail(run, err, settings, sections.length === 1);
    }
  }

  /**
   * Goes on from where an incomplete answer stopped: the same prompt, the partial answer as the model's own turn,
   * and a request to continue. The new text is appended to the job; nothing already written is sent again.
   */
  async continueJob(port: Viewer, tabId: number): Promise<void> {
    await this.ready;
    const url = await this.tabUrl(port, tabId);
    if (url === null) return;
    const key = pageKey(url);
    this.viewers.set(port, key);
    if (this.running.has(key)) return;
    const stored = await loadJob(key);
    if (!stored?.canContinue) return;
    const settings = await loadSettings();
    const article = (await loadSource(stored.id)) ?? (await extractFromTab(tabId).then((r) => (r.ok ? r.article : null), () => null));
    const run: Running = {
      job: { ...stored, state: 'writing', error: null, incomplete: false, canContinue: false, notice: null, updatedAt: Date.now() },
      controller: new AbortController(),
      persistTimer: undefined,
    };
    this.running.set(key, run);
    const release = holdAlive();
    try {
      if (!article) {
        await this.finish(run, { code: 'no-article', message: 'Newsmith no longer has this article to continue from. Click Regenerate for a new rewrite.' });
        return;
      }
      await this.changed(run);
      const messages: ChatMessage[] = [
        ...buildMessages(article, settings),
        { role: 'assistant', content: stored.text },
        { role: 'user', content: CONTINUE_INSTRUCTION },
      ];
      try {
        const finishReason = await this.stream(run, messages, settings);
        if (finishReason !== 'stop') return await this.stopEarly(run, finishReason, true);
        await this.complete(run, article);
      } catch (err) {
        await this.fail(run, err, settings, true);
      }
    } finally {
      clearTimeout(run.persistTimer);
      if (this.isCurrent(run)) this.running.delete(key);
      release();
    }
  }

  /** Streams one request into the job; returns the model's finish reason (null when the stream just ended). */
  private async stream(run: Running, messages: ChatMessage[], settings: Settings): Promise<string | null> {
    run.hostPermission = await hasHostPermission(settings.baseURL);
    const { finishReason } = await streamChat({
      baseURL: settings.baseURL,
      apiKey: settings.apiKey,
      model: settings.model,
      messages,
      idleTimeoutMs: settings.idleTimeoutSec * 1000,
      signal: run.controller.signal,
      onDelta: (text) => this.append(run, text),
      onNotice: (notice) => {
        run.job = { ...run.job, notice };
        void this.changed(run);
      },
    });
    return finishReason;
  }

  /** A finished rewrite: checked against its source, then stored as done. */
  private async complete(run: Running, article: Article): Promise<void> {
    const { headline, body } = parseAnswer(run.job.text, { final: true });
    run.job = { ...run.job, checks: runChecks({ source: `${article.title}\n\n${article.text}`, headline, body }) };
    await this.finish(run, null);
    void dropSource(run.job.id);
  }

  private async stopEarly(run: Running, finishReason: string | null, continuable: boolean): Promise<void> {
    run.job = { ...run.job, canContinue: continuable && run.job.text !== '' };
    await this.finish(run, finishReason === 'length' ? incompleteLength : incompleteCut);
  }

  private async fail(run: Running, err: unknown, settings: Settings, continuable: boolean): Promise<void> {
    let error = describeError(err, { ...ctxOf(settings), hostPermission: run.hostPermission });
    // A connection that drops after text has arrived is a cut answer, not a mystery.
    if (run.job.text !== '' && (error.code === 'unknown' || error.code === 'unreachable')) error = connectionCut;
    if (error.code === 'unknown') console.warn('Newsmith job failed:', redact(String(err), settings.apiKey));
    const resumable = ['incomplete', 'timeout', 'server', 'stopped'].includes(error.code);
    run.job = { ...run.job, canContinue: continuable && resumable && run.job.text !== '' };
    await this.finish(run, error);
  }

  /** The whole prompt for a short article; for a long one, this section's prompt with the story so far. */
  private messagesFor(run: Running, article: Article, settings: Settings, sections: Section[], index: number, section: Section): ChatMessage[] {
    if (sections.length === 1) return buildMessages(article, settings);
    const context = continuationContext(run.job.text, (text) => splitAnswer(text, { final: true }));
    return sectionMessages(article, settings, section, { index, total: sections.length, ...context });
  }

  private append(run: Running, text: string): void {
    const at = run.job.text.length;
    run.job.text += text;
    run.job.updatedAt = Date.now();
    if (!this.isCurrent(run)) return;
    this.broadcast(run.job.key, { type: 'delta', jobId: run.job.id, at, text });
    // Each storage write is also extension activity, which keeps the worker awake between keep-alive pings.
    run.persistTimer ??= setTimeout(() => {
      run.persistTimer = undefined;
      if (this.isCurrent(run)) void saveJob(run.job);
    }, PERSIST_EVERY_MS);
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

  /** Stores the job and shows its new state to every popup on that page, unless Regenerate replaced it. */
  private async changed(run: Running): Promise<void> {
    clearTimeout(run.persistTimer);
    run.persistTimer = undefined;
    if (!this.isCurrent(run)) return;
    this.broadcast(run.job.key, { type: 'job', job: run.job });
    showBadge(run);
    await saveJob(run.job);
  }

  private isCurrent(run: Running): boolean {
    return this.running.get(run.job.key) === run;
  }

  private async offerPrompt(port: Viewer, tabId: number, settings: Settings): Promise<void> {
    try {
      const result = await extractFromTab(tabId);
      if (!result.ok) {
        return this.post(port, { type: 'needs-key', prompt: null, article: null, problem: { code: 'no-article', message: noArticleMessage(result) } });
      }
      const { title, url, wordCount } = result.article;
      this.post(port, { type: 'needs-key', prompt: buildPromptText(result.article, settings), article: { title, url, wordCount }, problem: null });
    } catch (err) {
      const message = err instanceof TabUnreadable ? err.message : String(err);
      this.post(port, { type: 'needs-key', prompt: null, article: null, problem: { code: 'restricted-page', message } });
    }
  }

  private broadcast(key: string, message: BackgroundMessage): void {
    for (const [port, watched] of this.viewers) if (watched === key) this.post(port, message);
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
}

/** Without host access the request still goes out, but the server must allow CORS; a failure then says so. */
async function hasHostPermission(baseURL: string): Promise<boolean> {
  const pattern = endpointPattern(baseURL);
  if (!pattern) return false;
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

function ctxOf(settings: Settings) {
  return { baseURL: settings.baseURL, model: settings.model, apiKey: settings.apiKey, extensionOrigin: browser.runtime.getURL('').replace(/\/$/, '') };
}
