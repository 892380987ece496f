/** Streams a chat answer from any OpenAI-compatible endpoint through the official SDK. No browser APIs. */

import type { Msg } from '../i18n';
import OpenAI from 'openai';
import type { ChatMessage } from '../prompt';
import { isReasoningModel } from '../providers';
import { RedirectRefused, StreamAbort } from './errors';
import { capParameter, refusesParameter, type CapParameter } from './output-cap';
import { guardEventStream, MalformedStream } from './stream-guard';

export interface StreamRequest {
  baseURL: string;
  apiKey: string;
  model: string;
  messages: ChatMessage[];
  /** Fails the call when no byte arrives for this long (before the first byte and between chunks). */
  idleTimeoutMs: number;
  /** Aborting with a StreamAbort('stopped') reason stops the call. */
  signal: AbortSignal;
  onDelta(text: string): void;
  /** Passing remarks while waiting: retries, a slow first byte. `null` clears the last one. */
  /** A passing remark (waiting, retrying), as a message for the caller to put into words; null clears it. */
  onNotice(notice: Msg | null): void;
  maxRetries?: number;
  /** The most output tokens to ask for (sent as max_completion_tokens or max_tokens); none when absent. */
  maxOutputTokens?: number;
  /** Injected fetch (tests); defaults to the global one. */
  fetch?: typeof fetch;
}

export interface StreamResult {
  /** The model's finish_reason, or null when the stream ended without one (cut off). */
  finishReason: string | null;
}

/** How long before a "waiting for the model" remark appears. */
const WAITING_NOTICE_MS = 4_000;

type Choice = { delta?: { content?: string | null } | null; finish_reason?: string | null };

/**
 * The first choice of a stream chunk, checked: the SDK passes on whatever JSON the server sent, and answer text
 * that is an object or a number is a broken stream, not "[object Object]" in the rewrite.
 */
function chunkChoice(chunk: unknown): Choice | undefined {
  if (typeof chunk !== 'object' || chunk === null) throw new MalformedStream('not-text');
  const choices = (chunk as { choices?: unknown }).choices;
  if (choices === undefined || choices === null) return undefined;
  if (!Array.isArray(choices)) throw new MalformedStream('not-text');
  const choice: unknown = choices[0];
  if (choice === undefined) return undefined;
  if (typeof choice !== 'object' || choice === null) throw new MalformedStream('not-text');
  const { delta, finish_reason: finish } = choice as { delta?: unknown; finish_reason?: unknown };
  if (delta !== undefined && delta !== null && typeof delta !== 'object') throw new MalformedStream('not-text');
  const content = (delta as { content?: unknown } | null | undefined)?.content;
  if (content !== undefined && content !== null && typeof content !== 'string') throw new MalformedStream('not-text');
  if (finish !== undefined && finish !== null && typeof finish !== 'string') throw new MalformedStream('not-text');
  return choice as Choice;
}

/**
 * Opens the stream with the output cap under the name this endpoint takes; when a 400 names that parameter, once
 * under the other name, and if that is refused too, without a cap (the user's words still bound the answer).
 */
async function createStream(client: OpenAI, req: StreamRequest, messages: StreamRequest['messages'], signal: AbortSignal) {
  const first = capParameter(req.baseURL);
  const names: (CapParameter | null)[] =
    req.maxOutputTokens === undefined ? [null] : [first, first === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens', null];
  for (let i = 0; ; i++) {
    const name = names[i] ?? null;
    const cap = name === null ? {} : { [name]: req.maxOutputTokens };
    try {
      return await client.chat.completions.create({ model: req.model, messages, stream: true, ...cap }, { signal });
    } catch (err) {
      const refused = name !== null && err instanceof OpenAI.BadRequestError && refusesParameter(String(err.message), name);
      if (!refused || i + 1 >= names.length) throw err;
    }
  }
}

export async function streamChat(req: StreamRequest): Promise<StreamResult> {
  const inner = new AbortController();
  const abortFromOuter = () => inner.abort(req.signal.reason);
  if (req.signal.aborted) abortFromOuter();
  req.signal.addEventListener('abort', abortFromOuter, { once: true });

  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let waitingTimer: ReturnType<typeof setTimeout> | undefined;
  // The idle clock restarts on every byte, but a stream can bring thousands of events a second: each one only notes
  // the time, and the one timer, when it fires, sleeps again for what is left of the idle time.
  let lastActivity = 0;
  const idleCheck = () => {
    const quiet = Date.now() - lastActivity;
    if (quiet >= req.idleTimeoutMs) inner.abort(new StreamAbort('idle-timeout'));
    else idleTimer = setTimeout(idleCheck, req.idleTimeoutMs - quiet);
  };
  const armIdle = () => {
    lastActivity = Date.now();
    idleTimer ??= setTimeout(idleCheck, req.idleTimeoutMs);
  };
  const stopWaitingNotice = () => {
    if (waitingTimer === undefined) return;
    clearTimeout(waitingTimer);
    waitingTimer = undefined;
  };
  const baseFetch = req.fetch ?? globalThis.fetch.bind(globalThis);
  const maxRetries = req.maxRetries ?? 2;

  // Wraps fetch to tell the user what the SDK's retries are doing, and to time the wait for a first byte.
  const observingFetch: typeof fetch = async (input, init) => {
    armIdle();
    stopWaitingNotice();
    waitingTimer = setTimeout(() => req.onNotice({ key: 'noticeWaiting' }), WAITING_NOTICE_MS);
    try {
      // The key goes to the configured endpoint only: a redirect elsewhere is refused, never followed.
      const response = await baseFetch(input, { ...init, redirect: 'manual' });
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        throw new RedirectRefused(response.headers.get('location'));
      }
      const headers = new Headers(init?.headers);
      const attempt = Number(headers.get('x-stainless-retry-count') ?? '0');
      const left = maxRetries - attempt;
      if (response.status === 429 && left > 0) {
        const after = Number.parseFloat(response.headers.get('retry-after') ?? '');
        const retry = [attempt + 1, maxRetries];
        req.onNotice(
          Number.isFinite(after) && after > 0
            ? { key: 'noticeRateLimitedWait', subs: [Math.ceil(after), ...retry] }
            : { key: 'noticeRateLimited', subs: retry },
        );
      } else if (response.status >= 500 && left > 0) {
        req.onNotice({ key: 'noticeServerRetry', subs: [String(response.status), attempt + 1, maxRetries] });
      }
      return guardEventStream(response);
    } catch (err) {
      stopWaitingNotice();
      throw err;
    }
  };

  const client = new OpenAI({
    apiKey: req.apiKey,
    baseURL: req.baseURL,
    dangerouslyAllowBrowser: true,
    maxRetries,
    // Our idle timer (armed per attempt) fires first and says why; the SDK's own is only a backstop.
    timeout: req.idleTimeoutMs + 1_000,
    fetch: observingFetch,
  });

  let finishReason: string | null = null;
  let clearNoticeOnText = true;
  try {
    // Reasoning models take the instructions as the "developer" role.
    const messages = isReasoningModel(req.model)
      ? req.messages.map((m) => (m.role === 'system' ? { role: 'developer' as const, content: m.content } : m))
      : req.messages;
    const stream = await createStream(client, req, messages, inner.signal);
    for await (const chunk of stream) {
      armIdle();
      stopWaitingNotice();
      const choice = chunkChoice(chunk);
      const text = choice?.delta?.content;
      if (text) {
        if (clearNoticeOnText) {
          req.onNotice(null);
          clearNoticeOnText = false;
        }
        req.onDelta(text);
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
    }
    // The SDK ends iteration quietly on abort: surface our own reason.
    if (inner.signal.aborted) throw inner.signal.reason instanceof StreamAbort ? inner.signal.reason : new StreamAbort('stopped');
    return { finishReason };
  } catch (err) {
    if (inner.signal.aborted && inner.signal.reason instanceof StreamAbort) throw inner.signal.reason;
    throw err;
  } finally {
    clearTimeout(idleTimer);
    clearTimeout(waitingTimer);
    req.signal.removeEventListener('abort', abortFromOuter);
  }
}

/** A client for one short call (no retries): the key goes to the configured endpoint only, redirects are refused. */
function shortCallClient(opts: { baseURL: string; apiKey: string; fetch?: typeof fetch }, timeout: number): OpenAI {
  const baseFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  return new OpenAI({
    apiKey: opts.apiKey || 'no-key',
    baseURL: opts.baseURL,
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    timeout,
    fetch: async (input, init) => {
      const response = await baseFetch(input, { ...init, redirect: 'manual' });
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) throw new RedirectRefused(response.headers.get('location'));
      return response;
    },
  });
}

/** The model names an endpoint lists (GET /models), sorted; for the options page's "Load models". */
export async function listModels(opts: { baseURL: string; apiKey: string; fetch?: typeof fetch }): Promise<string[]> {
  const page = await shortCallClient(opts, 10_000).models.list();
  return page.data.map((m) => m.id).sort((a, b) => a.localeCompare(b));
}

/** Checks that the endpoint answers and knows the model: for the options page's "Test connection". */
export async function testConnection(opts: { baseURL: string; apiKey: string; model: string; fetch?: typeof fetch }): Promise<{ modelListed: boolean | null }> {
  try {
    const ids = await listModels(opts);
    return { modelListed: ids.length === 0 ? null : ids.includes(opts.model) };
  } catch (err) {
    // Some compatible servers have no /models: a 404 there is not a failure of the endpoint.
    if (err instanceof OpenAI.NotFoundError) return { modelListed: null };
    throw err;
  }
}

/**
 * Whether the extension reaches an endpoint as it is (its server answers cross-origin requests): any HTTP answer to
 * GET /models counts, a 401 included, since the browser let us read it. Sends no key; a refused connection, a
 * blocked read (no CORS), a redirect or no answer within `timeoutMs` is false.
 */
export async function probeEndpoint(opts: { baseURL: string; fetch?: typeof fetch; timeoutMs?: number }): Promise<boolean> {
  try {
    await shortCallClient({ baseURL: opts.baseURL, apiKey: '', fetch: opts.fetch }, opts.timeoutMs ?? 5_000).models.list();
    return true;
  } catch (err) {
    return err instanceof OpenAI.APIError && !(err instanceof OpenAI.APIConnectionError) && typeof err.status === 'number';
  }
}

export interface CountRequest {
  baseURL: string;
  apiKey: string;
  model: string;
  messages: ChatMessage[];
  signal?: AbortSignal;
  /** Gives up (null) after this long: a count is worth a short wait, never a long one. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The prompt's exact size in tokens, counted by the provider's own tokenizer (OpenAI's
 * `POST /responses/input_tokens`, which bills nothing). A real tokenizer table is megabytes, more than the whole
 * extension may weigh, so the count is asked of the API that will read the prompt. Returns null when the endpoint
 * has no such route (most OpenAI-compatible servers), and `unsupported: true` then, so the caller stops asking it.
 * Any other failure (network, timeout, key) is also null: the estimate stands and the rewrite goes on.
 */
export async function countInputTokens(req: CountRequest): Promise<{ tokens: number | null; unsupported: boolean }> {
  const client = shortCallClient(req, req.timeoutMs ?? 5_000);
  const input = req.messages.map((m) => ({ role: m.role, content: m.content }));
  try {
    const answer = await client.post<{ input_tokens?: unknown }>('/responses/input_tokens', {
      body: { model: req.model, input },
      signal: req.signal,
    });
    const tokens = answer?.input_tokens;
    return typeof tokens === 'number' && Number.isFinite(tokens) && tokens >= 0 ? { tokens, unsupported: false } : { tokens: null, unsupported: true };
  } catch (err) {
    const unsupported = err instanceof OpenAI.NotFoundError || (err instanceof OpenAI.APIError && err.status === 405);
    return { tokens: null, unsupported };
  }
}
