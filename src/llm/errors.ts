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
import type { Translate } from '../i18n';
import type { JobError } from '../job';
import { StreamAbort, stopped as stoppedError } from './abort';
import { MalformedStream } from './stream-guard';

export { StreamAbort, type AbortCause } from './abort';

export interface CallContext {
  baseURL: string;
  model: string;
  apiKey: string;
  /** The extension's own origin, for the OLLAMA_ORIGINS hint. */
  extensionOrigin?: string;
  /** False when the browser has not granted access to the endpoint's host, so the server must allow CORS. */
  hostPermission?: boolean;
  /** False when nothing answers at the endpoint's address at all (no server), so CORS is not the question. */
  listening?: boolean;
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
  const plain = raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const short = plain.length > 200 ? `${plain.slice(0, 197)}…` : plain;
  return redact(short, apiKey);
}

export function describeError(err: unknown, ctx: CallContext, t: Translate): JobError {
  const host = hostOf(ctx.baseURL);
  const endpoint = `${ctx.baseURL}/chat/completions`;
  const stopped = stoppedError(t);
  if (err instanceof StreamAbort) return err.why === 'stopped' ? stopped : { code: 'timeout', message: t('errIdle', host) };
  if (err instanceof APIUserAbortError) return stopped;
  if (err instanceof MalformedStream) return { code: 'server', message: t(err.why === 'too-long' ? 'errMalformedTooLong' : 'errMalformedNotText', host) };
  if (err instanceof APIConnectionTimeoutError) return { code: 'timeout', message: t('errTimeout', host) };
  if (err instanceof RedirectRefused || (err instanceof APIConnectionError && err.cause instanceof RedirectRefused)) {
    return { code: 'unreachable', message: t('errRedirect', endpoint) };
  }
  // Nothing listening comes first: advice about CORS would send the user after the wrong fix.
  if (err instanceof APIConnectionError && ctx.listening === false) return { code: 'unreachable', message: t('errNothingListening', [endpoint, host]) };
  if (err instanceof APIConnectionError && ctx.hostPermission === false) {
    return { code: 'unreachable', message: t(isLocalHost(ctx.baseURL) ? 'errNoAccessLocal' : 'errNoAccess', [endpoint, host]) };
  }
  if (err instanceof APIConnectionError) return { code: 'unreachable', message: t('errUnreachable', endpoint) };
  if (err instanceof AuthenticationError) return { code: 'auth', message: t('errAuth', host) };
  if (err instanceof PermissionDeniedError) {
    if (isLocalHost(ctx.baseURL)) {
      return { code: 'forbidden', message: t('errLocalForbidden', [host, ctx.extensionOrigin ?? 'chrome-extension://*']) };
    }
    const words = serverWords(err, ctx.apiKey);
    return { code: 'forbidden', message: words ? t('errForbiddenSaid', [host, words, ctx.model]) : t('errForbidden', [host, ctx.model]) };
  }
  if (err instanceof NotFoundError) {
    const words = serverWords(err, ctx.apiKey);
    if (/model/i.test(words) || words === '') {
      return { code: 'model-not-found', message: words ? t('errNoModelSaid', [host, ctx.model, words]) : t('errNoModel', [host, ctx.model]) };
    }
    return { code: 'model-not-found', message: t('errNotFound', [endpoint, words]) };
  }
  if (err instanceof RateLimitError) {
    const words = serverWords(err, ctx.apiKey);
    const body = err.error as { code?: unknown; type?: unknown } | undefined;
    if (body?.code === 'insufficient_quota' || body?.type === 'insufficient_quota') return { code: 'rate-limit', message: t('errQuota', host) };
    return { code: 'rate-limit', message: words ? t('errRateLimitSaid', [host, words]) : t('errRateLimit', host) };
  }
  if (err instanceof BadRequestError) {
    const words = serverWords(err, ctx.apiKey);
    return { code: 'bad-request', message: words ? t('errBadRequestSaid', [host, words]) : t('errBadRequest', host) };
  }
  if (err instanceof APIError && typeof err.status === 'number' && err.status >= 500) {
    return { code: 'server', message: t('errServer', [host, String(err.status)]) };
  }
  if (err instanceof APIError) {
    // An error event inside the stream, or a status we have no words for.
    const words = serverWords(err, ctx.apiKey);
    const detail = [typeof err.status === 'number' ? String(err.status) : '', words].filter(Boolean).join(': ');
    return { code: 'server', message: detail ? t('errReportedSaid', [host, detail]) : t('errReported', host) };
  }
  if (err instanceof SyntaxError) return { code: 'server', message: t('errMalformed', host) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'unknown', message: t('errUnknown', redact(message, ctx.apiKey).slice(0, 200)) };
}
