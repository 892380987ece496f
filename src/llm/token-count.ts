/**
 * The exact size of a prompt from the provider's own tokenizer (OpenAI's input-token route), for the pipeline's
 * `countTokens` port. Null where it cannot be had: the on-device model (its prompt is never sent anywhere, not even
 * to be counted), a model the route does not know, no key, or an endpoint that said it has no such route.
 */

import { countsTokens } from '../providers';
import type { ChatMessage } from '../prompt';
import type { Settings } from '../settings';
import { countInputTokens } from './openai';

/** How long a count may hold up a rewrite that waits for it; past that the estimate decides. */
const COUNT_WAIT_MS = 3_000;

/** Endpoints that answered "no such route": not asked again while this process (or worker) lives. */
const withoutTokenCounter = new Set<string>();

export function tokenCounter(settings: Settings, fetchImpl?: typeof fetch): (messages: ChatMessage[], signal: AbortSignal) => Promise<number | null> {
  return async (messages, signal) => {
    if (settings.provider === 'chrome-ai') return null;
    if (!countsTokens(settings.model) || !settings.apiKey || withoutTokenCounter.has(settings.baseURL)) return null;
    const { tokens, unsupported } = await countInputTokens({
      baseURL: settings.baseURL,
      apiKey: settings.apiKey,
      model: settings.model,
      messages,
      signal,
      timeoutMs: COUNT_WAIT_MS,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
    if (unsupported) withoutTokenCounter.add(settings.baseURL);
    return tokens;
  };
}
