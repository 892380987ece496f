/**
 * The job core's ports in the extension's worker: the model transport for the settings (the endpoint through the
 * SDK, or Chrome's on-device model here), the exact token count, and whether the endpoint's host was granted. The
 * job owner (jobs.ts) adds showing, storing and the user's word; the pipeline itself is src/pipeline.ts.
 */

import browser from 'webextension-polyfill';
import { languageModelOf, type LanguageModelApi } from '../src/llm/on-device';
import { tokenCounter } from '../src/llm/token-count';
import { transportFor, type ChatTransport } from '../src/llm/transport';
import type { PipelinePorts } from '../src/pipeline';
import { endpointPattern, type Settings } from '../src/settings';
import { t } from '../lib/i18n';

/** What the job owner supplies: showing and storing each state, streamed text, the user's word. */
export type OwnerPorts = Pick<PipelinePorts, 'changed' | 'appended' | 'confirm' | 'rateLimited'>;

/** Every port the pipeline needs to run a job with these settings in this worker. */
export function workerPorts(settings: Settings, owner: OwnerPorts): PipelinePorts {
  return {
    ...owner,
    transport: transport(settings),
    t,
    now: () => Date.now(),
    countTokens: tokenCounter(settings),
    ...(settings.provider === 'chrome-ai' ? {} : { hostPermission: () => hasHostPermission(settings.baseURL), listening: () => listening(settings.baseURL) }),
    warn: (message) => console.warn(message),
  };
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

/**
 * Whether anything answers at the endpoint's address: an opaque request (no CORS check, no key, no cookies) either
 * gets some answer or fails to connect at all.
 */
async function listening(baseURL: string): Promise<boolean> {
  try {
    await fetch(baseURL, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

/** The writer for these settings: the endpoint through the SDK, or Chrome's on-device model in this worker. */
export function transport(settings: Settings): ChatTransport {
  return transportFor(settings, { t, languageModel: languageModel(), extensionOrigin: browser.runtime.getURL('').replace(/\/$/, '') });
}

/** Chrome's Prompt API where the browser has it (Chrome 138+ exposes it to extension service workers). */
export function languageModel(): LanguageModelApi | null {
  return languageModelOf(globalThis);
}
