/**
 * Chrome's built-in on-device model (the Prompt API, `LanguageModel`): availability, streaming and failure words.
 * No browser globals here: the caller hands in the `LanguageModel` object (or null where the browser has none), so
 * this runs in Node against a stand-in for the unit tests.
 *
 * The API as Chrome ships it to extensions (Chrome 138+, in extension pages and the service worker):
 * `LanguageModel.availability(options)` → "unavailable" | "downloadable" | "downloading" | "available";
 * `LanguageModel.create({ initialPrompts, expectedInputs, expectedOutputs, monitor, signal })` (a download, when
 * "downloadable", needs a user gesture: NotAllowedError otherwise); `session.promptStreaming(input, { signal })` →
 * a ReadableStream of text pieces (each a new piece, not the text so far); `session.contextWindow`,
 * `contextUsage` and `measureContextUsage()` (older builds: `inputQuota`, `inputUsage`, `measureInputUsage()`);
 * a prompt past the window fails with a QuotaExceededError; `session.destroy()` frees it.
 */

import type { Msg, MessageKey, Translate } from '../i18n';
import type { ChatMessage } from '../prompt';
import type { JobError } from '../job';
import { StreamAbort, stopped } from './abort';

export type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface LanguageModelExpected {
  type: 'text';
  languages?: string[];
}

export interface LanguageModelOptions {
  expectedInputs?: LanguageModelExpected[];
  expectedOutputs?: LanguageModelExpected[];
}

export interface DownloadMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number; total?: number }) => void): void;
}

export interface LanguageModelCreateOptions extends LanguageModelOptions {
  initialPrompts?: ChatMessage[];
  monitor?: (monitor: DownloadMonitor) => void;
  signal?: AbortSignal;
}

export interface LanguageModelSession {
  promptStreaming(input: string | ChatMessage[], options?: { signal?: AbortSignal }): ReadableStream<string>;
  destroy(): void;
  contextWindow?: number;
  contextUsage?: number;
  measureContextUsage?(input: string | ChatMessage[], options?: { signal?: AbortSignal }): Promise<number>;
  /** The names before the rename (still in some Chrome builds). */
  inputQuota?: number;
  inputUsage?: number;
  measureInputUsage?(input: string | ChatMessage[], options?: { signal?: AbortSignal }): Promise<number>;
}

export interface LanguageModelApi {
  availability(options?: LanguageModelOptions): Promise<Availability>;
  create(options?: LanguageModelCreateOptions): Promise<LanguageModelSession>;
}

/** The article plus its rewrite must fit one session's window: a prompt may take this share of it. */
const PROMPT_SHARE_OF_WINDOW = 0.45;

/**
 * Codes of the output languages Chrome's model has been seen to write (en, es, ja first; de, fr later) and a few
 * it may add. A short table rather than src/languages.ts, which would add its 45 native names to the worker.
 */
const MODEL_LANGUAGE_CODES: Record<string, string> = {
  english: 'en',
  spanish: 'es',
  japanese: 'ja',
  german: 'de',
  french: 'fr',
  italian: 'it',
  portuguese: 'pt',
  dutch: 'nl',
  korean: 'ko',
  'chinese (simplified)': 'zh',
};

/**
 * Languages are declared so Chrome can check it supports them: `availability()` then says "unavailable" for an
 * output language it has not tested. A language outside the table is not declared; the model then refuses it
 * while writing (NotSupportedError), which is worded as such.
 */
export function modelOptions(language: string): LanguageModelOptions {
  const code = MODEL_LANGUAGE_CODES[language.trim().toLowerCase()];
  const languages = [...new Set(['en', ...(code ? [code] : [])])];
  return { expectedInputs: [{ type: 'text', languages }], expectedOutputs: [code ? { type: 'text', languages: [code] } : { type: 'text' }] };
}

/** What the options page shows for each availability (or `missing`: the browser has no `LanguageModel`). */
export interface AvailabilityView {
  /** Shown after the provider's name. */
  label: MessageKey;
  /** One sentence for the status line. */
  message: MessageKey;
  /** Whether the provider may be picked now (a model not yet downloaded may: the download is one click away). */
  selectable: boolean;
  /** Whether to offer the download button. */
  canDownload: boolean;
}

export function availabilityView(state: Availability | 'missing'): AvailabilityView {
  switch (state) {
    case 'available':
      return { label: 'onDeviceLabelReady', message: 'onDeviceReady', selectable: true, canDownload: false };
    case 'downloadable':
      return { label: 'onDeviceLabelDownloadable', message: 'onDeviceDownloadable', selectable: true, canDownload: true };
    case 'downloading':
      return { label: 'onDeviceLabelDownloading', message: 'onDeviceDownloadingState', selectable: true, canDownload: true };
    case 'unavailable':
      return { label: 'onDeviceLabelUnavailable', message: 'errOnDeviceUnavailable', selectable: false, canDownload: false };
    case 'missing':
      return { label: 'onDeviceLabelMissing', message: 'errOnDeviceMissing', selectable: false, canDownload: false };
  }
}

/** The Prompt API in a scope (a window or worker's `globalThis`), or null where the browser has none. */
export function languageModelOf(scope: object): LanguageModelApi | null {
  const api = (scope as { LanguageModel?: LanguageModelApi }).LanguageModel;
  return api && typeof api.availability === 'function' && typeof api.create === 'function' ? api : null;
}

/** The model's state for this output language, or `missing` where the browser has no Prompt API. */
export async function onDeviceState(api: LanguageModelApi | null, language: string): Promise<Availability | 'missing'> {
  if (!api) return 'missing';
  try {
    return await api.availability(modelOptions(language));
  } catch {
    return 'unavailable';
  }
}

/** Why the on-device model cannot take a request: thrown before anything is prompted. */
export class OnDeviceUnready extends Error {
  constructor(readonly state: Availability | 'missing') {
    super(`on-device model ${state}`);
    this.name = 'OnDeviceUnready';
  }
}

/** The prompt does not fit the session's context window. */
export class OnDeviceTooLong extends Error {
  constructor(
    readonly needed: number | null,
    readonly available: number | null,
  ) {
    super('prompt longer than the on-device context window');
    this.name = 'OnDeviceTooLong';
  }
}

/** The largest prompt (in tokens) to plan sections with, for a session of this context window. */
export function promptLimitFor(contextWindow: number | undefined): number | null {
  if (contextWindow === undefined || !Number.isFinite(contextWindow) || contextWindow <= 0) return null;
  return Math.floor(contextWindow * PROMPT_SHARE_OF_WINDOW);
}

/** The window's size and what the initial prompts already use, under either name Chrome has given them. */
function windowOf(session: LanguageModelSession): { size: number | undefined; used: number } {
  return { size: session.contextWindow ?? session.inputQuota, used: session.contextUsage ?? session.inputUsage ?? 0 };
}

async function measure(session: LanguageModelSession, input: ChatMessage[], signal: AbortSignal): Promise<number | null> {
  if (session.measureContextUsage) return session.measureContextUsage(input, { signal });
  if (session.measureInputUsage) return session.measureInputUsage(input, { signal });
  return null;
}

export interface OnDeviceRequest {
  api: LanguageModelApi | null;
  language: string;
  messages: ChatMessage[];
  idleTimeoutMs: number;
  signal: AbortSignal;
  onDelta(text: string): void;
  onNotice(notice: Msg | null): void;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof StreamAbort ? signal.reason : new StreamAbort('stopped');
}

/** Opens a session after checking the model is there (no download is ever started from here: that needs a gesture). */
async function openSession(api: LanguageModelApi | null, language: string, initialPrompts: ChatMessage[], signal: AbortSignal): Promise<LanguageModelSession> {
  if (!api) throw new OnDeviceUnready('missing');
  const options = modelOptions(language);
  const state = await api.availability(options);
  if (state !== 'available') throw new OnDeviceUnready(state);
  return api.create({ ...options, initialPrompts, signal });
}

/** The largest prompt one request may hold on this computer's model, in tokens (null: no limit known). */
export async function onDevicePromptLimit(api: LanguageModelApi | null, language: string, signal: AbortSignal): Promise<number | null> {
  const session = await openSession(api, language, [], signal);
  try {
    return promptLimitFor(windowOf(session).size);
  } finally {
    session.destroy();
  }
}

/**
 * Streams one answer from the on-device model. The instructions (and any earlier turns) open the session; the last
 * message is the prompt. The prompt is measured against the window first, so a too-long article fails with words,
 * not halfway. Ends with finishReason "stop" when the stream ends on its own.
 */
export async function streamOnDevice(req: OnDeviceRequest): Promise<{ finishReason: string | null }> {
  const inner = new AbortController();
  const abortFromOuter = () => inner.abort(req.signal.reason);
  if (req.signal.aborted) abortFromOuter();
  req.signal.addEventListener('abort', abortFromOuter, { once: true });
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => inner.abort(new StreamAbort('idle-timeout')), req.idleTimeoutMs);
  };
  const last = req.messages.length - 1;
  const initialPrompts = req.messages.slice(0, last);
  const prompt = req.messages.slice(last);
  let session: LanguageModelSession | undefined;
  try {
    req.onNotice({ key: 'noticeOnDeviceStarting' });
    armIdle();
    session = await openSession(req.api, req.language, initialPrompts, inner.signal);
    throwIfAborted(inner.signal);
    const window = windowOf(session);
    const needed = await measure(session, prompt, inner.signal);
    if (needed !== null && window.size !== undefined && Number.isFinite(window.size) && needed > window.size - window.used) {
      throw new OnDeviceTooLong(needed, window.size - window.used);
    }
    armIdle();
    const reader = session.promptStreaming(prompt, { signal: inner.signal }).getReader();
    let first = true;
    for (;;) {
      const { done, value } = await reader.read();
      throwIfAborted(inner.signal);
      if (done) break;
      armIdle();
      if (!value) continue;
      if (first) {
        req.onNotice(null);
        first = false;
      }
      req.onDelta(value);
    }
    if (first) req.onNotice(null);
    return { finishReason: 'stop' };
  } catch (err) {
    if (inner.signal.aborted) throw inner.signal.reason instanceof StreamAbort ? inner.signal.reason : new StreamAbort('stopped');
    throw err;
  } finally {
    clearTimeout(idleTimer);
    req.signal.removeEventListener('abort', abortFromOuter);
    try {
      session?.destroy();
    } catch {
      // Already gone.
    }
  }
}

function errorName(err: unknown): string {
  return err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
}

function unreadyError(state: Availability | 'missing', t: Translate): JobError {
  switch (state) {
    case 'downloadable':
      return { code: 'on-device-download', message: t('errOnDeviceNotDownloaded') };
    case 'downloading':
      return { code: 'on-device-download', message: t('errOnDeviceDownloading') };
    default:
      return { code: 'on-device-unavailable', message: t(state === 'missing' ? 'errOnDeviceMissing' : 'errOnDeviceUnavailable') };
  }
}

/** Turns any failure of an on-device run into one sentence that says what happened and what to do. */
export function describeOnDeviceError(err: unknown, ctx: { language: string }, t: Translate): JobError {
  if (err instanceof StreamAbort) return err.why === 'stopped' ? stopped(t) : { code: 'timeout', message: t('errOnDeviceIdle') };
  if (err instanceof OnDeviceUnready) return unreadyError(err.state, t);
  const name = errorName(err);
  if (err instanceof OnDeviceTooLong || name === 'QuotaExceededError') {
    const sized = err instanceof OnDeviceTooLong && err.needed !== null && err.available !== null;
    return {
      code: 'too-long',
      message: sized ? t('errOnDeviceTooLongSizes', [err.needed!, Math.max(0, err.available!)]) : t('errOnDeviceTooLong'),
    };
  }
  if (name === 'AbortError') return stopped(t);
  if (name === 'NotAllowedError') return unreadyError('downloadable', t);
  if (name === 'NotSupportedError') return { code: 'on-device-unavailable', message: t('errOnDeviceLanguage', ctx.language) };
  const detail = err instanceof Error ? err.message : String(err);
  const short = detail.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { code: 'unknown', message: short ? t('errOnDeviceFailedSaid', short) : t('errOnDeviceFailed') };
}
