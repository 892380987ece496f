/** Turns any failure of a model call into one sentence that says what happened and what to do. */

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import type { JobError } from '../job';
import { StreamAbort, STOPPED } from './abort';

export { StreamAbort, type AbortCause } from './abort';

export interface CallContext {
  baseURL: string;
  model: string;
  apiKey: string;
  /** The extension's own origin, for the OLLAMA_ORIGINS hint. */
  extensionOrigin?: string;
  /** False when the browser has not granted access to the endpoint's host, so the server must allow CORS. */
  hostPermission?: boolean;
}


/** The endpoint answered with a redirect: the key is never sent on to another address. */
export class RedirectRefused extends Error {
  constructor(readonly location: string | null) {
    super('redirect refused');
    this.name = 'RedirectRefused';
  }
}


function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

function isLocalHost(baseURL: string): boolean {
  try {
    const u = new URL(baseURL);
    return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) || u.port === '11434' || u.port === '1234';
  } catch {
    return false;
  }
}

/** Removes the key (and anything shaped like a bearer token) from text shown or logged. */
export function redact(text: string, apiKey: string): string {
  let out = text;
  if (apiKey.length >= 4) out = out.split(apiKey).join('[key hidden]');
  return out.replace(/\b(sk|gsk|sk-or|xai)-[A-Za-z0-9_-]{8,}/g, '[key hidden]').replace(/Bearer\s+\S+/gi, 'Bearer [key hidden]');
}

/** A server's own words, made safe to show: no markup, one line, short. HTML bodies say nothing useful: drop them. */
function serverWords(err: APIError, apiKey: string): string {
  const body = err.error as { message?: unknown } | undefined;
  const raw = typeof body?.message === 'string' ? body.message : '';
  if (!raw || /<\s*(html|!doctype|body|head)\b/i.test(raw)) return '';
  const plain = raw.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  const short = plain.length > 200 ? `${plain.slice(0, 197)}…` : plain;
  return redact(short, apiKey);
}

export function describeError(err: unknown, ctx: CallContext): JobError {
  const host = hostOf(ctx.baseURL);
  const endpoint = `${ctx.baseURL}/chat/completions`;
  if (err instanceof StreamAbort) {
    return err.why === 'stopped'
      ? STOPPED
      : {
          code: 'timeout',
          message: `The model stopped sending text (no data from ${host} for too long). The text so far is kept; click Regenerate to try again, or raise the idle timeout in options.`,
        };
  }
  if (err instanceof APIUserAbortError) {
    return STOPPED;
  }
  if (err instanceof APIConnectionTimeoutError) {
    return {
      code: 'timeout',
      message: `${host} did not answer in time. A local model may still be loading: try again in a moment, or raise the idle timeout in options.`,
    };
  }
  if (err instanceof RedirectRefused || (err instanceof APIConnectionError && err.cause instanceof RedirectRefused)) {
    return {
      code: 'unreachable',
      message: `${endpoint} answered with a redirect to another address. Newsmith never sends your key on to another address: put the final endpoint URL in options.`,
    };
  }
  if (err instanceof APIConnectionError && ctx.hostPermission === false) {
    return {
      code: 'unreachable',
      message: `Cannot reach ${endpoint}. Newsmith has no access to ${host}, so the server itself must allow extension requests (CORS). Save the options again and allow access to ${host} when the browser asks${isLocalHost(ctx.baseURL) ? ', or for Ollama set OLLAMA_ORIGINS to allow the extension' : ''}; also check the server is running.`,
    };
  }
  if (err instanceof APIConnectionError) {
    return {
      code: 'unreachable',
      message: `Cannot reach ${endpoint}. Check the endpoint URL in options and your connection; for a local server (Ollama, LM Studio) make sure it is running.`,
    };
  }
  if (err instanceof AuthenticationError) {
    return { code: 'auth', message: `${host} refused the API key (401). Check your API key in Newsmith's options.` };
  }
  if (err instanceof PermissionDeniedError) {
    if (isLocalHost(ctx.baseURL)) {
      const origin = ctx.extensionOrigin ?? 'chrome-extension://*';
      return {
        code: 'forbidden',
        message: `The local server at ${host} refused the extension (403). For Ollama, allow the extension's origin: set OLLAMA_ORIGINS=${origin} and restart Ollama.`,
      };
    }
    const words = serverWords(err, ctx.apiKey);
    return {
      code: 'forbidden',
      message: `${host} refused the request (403)${words ? `: ${words}` : ''}. Check that your key may use the model "${ctx.model}".`,
    };
  }
  if (err instanceof NotFoundError) {
    const words = serverWords(err, ctx.apiKey);
    if (/model/i.test(words) || words === '') {
      return {
        code: 'model-not-found',
        message: `${host} has no model named "${ctx.model}" (404). Check the model name in options${words ? ` (the server said: ${words})` : ''}.`,
      };
    }
    return { code: 'model-not-found', message: `Nothing found at ${endpoint} (404): ${words}. Check the endpoint URL and model name in options.` };
  }
  if (err instanceof RateLimitError) {
    const words = serverWords(err, ctx.apiKey);
    const body = err.error as { code?: unknown; type?: unknown } | undefined;
    if (body?.code === 'insufficient_quota' || body?.type === 'insufficient_quota') {
      return { code: 'rate-limit', message: `${host} says your quota is used up (429). Check your plan and billing, then click Regenerate.` };
    }
    return {
      code: 'rate-limit',
      message: `Rate limit reached at ${host} (429), still after Newsmith's automatic retries${words ? ` (${words})` : ''}. Wait a minute, then click Regenerate.`,
    };
  }
  if (err instanceof BadRequestError) {
    const words = serverWords(err, ctx.apiKey);
    return { code: 'bad-request', message: `${host} rejected the request (400)${words ? `: ${words}` : ''}. Check the model name and settings in options.` };
  }
  if (err instanceof APIError && typeof err.status === 'number' && err.status >= 500) {
    return {
      code: 'server',
      message: `The server at ${host} had an error (${err.status}), still after Newsmith's automatic retries. Try again in a few minutes.`,
    };
  }
  if (err instanceof APIError) {
    // An error event inside the stream, or a status we have no words for.
    const words = serverWords(err, ctx.apiKey);
    const status = typeof err.status === 'number' ? ` (${err.status})` : '';
    return { code: 'server', message: `${host} reported an error${status}${words ? `: ${words}` : ''}. The text so far is kept; click Regenerate to try again.` };
  }
  if (err instanceof SyntaxError) {
    return { code: 'server', message: `${host} sent a malformed stream, so the answer stopped. The text so far is kept; click Regenerate to try again.` };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'unknown', message: `Something went wrong: ${redact(message, ctx.apiKey).slice(0, 200)}` };
}
