/** Provider presets for the options page: each sets the endpoint and a default model, with a hint. */

export interface Provider {
  id: string;
  name: string;
  baseURL: string;
  model: string;
  hint: string;
}

export const PROVIDERS: readonly Provider[] = [
  { id: 'openai', name: 'OpenAI', baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', hint: 'Keys at platform.openai.com → API keys.' },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    model: 'openai/gpt-4o-mini',
    hint: 'One key for many models; names look like "openai/gpt-4o-mini".',
  },
  {
    id: 'groq',
    name: 'Groq',
    baseURL: 'https://api.groq.com/openai/v1',
    model: 'llama-3.3-70b-versatile',
    hint: 'Fast open models; keys at console.groq.com.',
  },
  { id: 'mistral', name: 'Mistral', baseURL: 'https://api.mistral.ai/v1', model: 'mistral-small-latest', hint: 'Keys at console.mistral.ai.' },
  { id: 'deepseek', name: 'DeepSeek', baseURL: 'https://api.deepseek.com/v1', model: 'deepseek-chat', hint: 'Keys at platform.deepseek.com.' },
  {
    id: 'together',
    name: 'Together',
    baseURL: 'https://api.together.xyz/v1',
    model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    hint: 'Keys at api.together.ai.',
  },
  {
    id: 'ollama',
    name: 'Ollama (local)',
    baseURL: 'http://localhost:11434/v1',
    model: 'llama3.1',
    hint: 'No key needed (any text works). Start Ollama with OLLAMA_ORIGINS=chrome-extension://* (Firefox: moz-extension://*) so it accepts the extension.',
  },
  {
    id: 'lmstudio',
    name: 'LM Studio (local)',
    baseURL: 'http://localhost:1234/v1',
    model: 'local-model',
    hint: 'Start the local server in LM Studio; use the model name it shows.',
  },
];

/**
 * Chrome's built-in model (the Prompt API): no key, no endpoint, no host permission; nothing leaves the computer.
 * Not an endpoint preset: the options page lists it with its availability, detected live.
 */
export const ON_DEVICE_PROVIDER = {
  id: 'chrome-ai',
  name: 'Chrome built-in AI (on-device)',
  hint: "Chrome's own model (Gemini Nano) runs on this computer: no key, nothing is sent anywhere. Needs Chrome 138 or newer on a supported computer; its window is small, so long articles are written in sections.",
} as const;

/** The model name a job written on-device is stored (and listed in the history) under. */
export const ON_DEVICE_MODEL = 'Chrome built-in AI';

export function providerFor(baseURL: string): Provider | undefined {
  const normalised = baseURL.replace(/\/+$/, '');
  return PROVIDERS.find((p) => p.baseURL === normalised);
}

/**
 * Reasoning models (OpenAI o-series, gpt-5) take "developer" instructions rather than "system" ones on older API
 * versions; sending the system message as developer works on all of them.
 */
export function isReasoningModel(model: string): boolean {
  return /^(?:openai\/)?(?:o\d|gpt-5)/i.test(model);
}

/**
 * OpenAI's own model names (not an aggregator's "openai/…"): their prompts can be counted exactly by the API's
 * token counter before sending. Other endpoints get an honest estimate.
 */
export function countsTokens(model: string): boolean {
  return /^(?:gpt-|chatgpt-|o\d)/i.test(model);
}
