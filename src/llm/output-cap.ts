/**
 * A ceiling on spend: the most output tokens a request asks for. A rewrite is about as long as its article, so the
 * cap is the article's size with headroom (and room for the SEO pack and a reasoning model's thinking), never less
 * than a floor and never more than the user's maximum. An answer that reaches it ends with finish_reason "length":
 * marked incomplete, and Continue goes on from there.
 */

import { isReasoningModel } from '../providers';

/** Output per input token of article, with room for a longer rewrite than the source. */
const HEADROOM = 1.5;
/** The headline, subheadings and the model's own framing. */
const FRAMING_TOKENS = 400;
/** Meta description, slug and keywords. */
const SEO_PACK_TOKENS = 300;
/** Reasoning models count their hidden thinking as output. */
const REASONING_TOKENS = 8_000;
/** Never less than this, however short the article. */
const FLOOR_TOKENS = 1_024;

export interface OutputCapInput {
  /** The article's (or this section's) size in tokens, estimated. */
  articleTokens: number;
  seoPack: boolean;
  model: string;
  /** The user's maximum (the setting). */
  userMax: number;
}

export function outputCap({ articleTokens, seoPack, model, userMax }: OutputCapInput): number {
  const wanted = Math.ceil(articleTokens * HEADROOM) + FRAMING_TOKENS + (seoPack ? SEO_PACK_TOKENS : 0) + (isReasoningModel(model) ? REASONING_TOKENS : 0);
  return Math.max(1, Math.min(userMax, Math.max(FLOOR_TOKENS, wanted)));
}

export type CapParameter = 'max_completion_tokens' | 'max_tokens';

/**
 * Which name the endpoint takes for the cap: OpenAI's own API wants `max_completion_tokens` (its reasoning models
 * refuse `max_tokens`); most other OpenAI-compatible servers (Ollama, LM Studio, OpenRouter, Mistral, DeepSeek,
 * Together) know `max_tokens`. A 400 that names the parameter makes the caller try the other one.
 */
export function capParameter(baseURL: string): CapParameter {
  let host = '';
  try {
    host = new URL(baseURL).hostname.toLowerCase();
  } catch {
    /* a bad URL fails later, with its own words */
  }
  return host === 'api.openai.com' || host.endsWith('.openai.azure.com') ? 'max_completion_tokens' : 'max_tokens';
}

/** Whether a 400's words say the endpoint refuses this parameter. */
export function refusesParameter(message: string, parameter: CapParameter): boolean {
  return new RegExp(`\\b${parameter}\\b`, 'i').test(message);
}
