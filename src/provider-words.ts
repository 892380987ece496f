/** The provider presets' hints (and the local ones' names) in the UI language: message keys by provider id. */

import type { MessageKey, Translate } from './i18n';
import { ON_DEVICE_MODEL, type Provider } from './providers';

export const PROVIDER_WORDS: Partial<Record<string, { hint: MessageKey; name?: MessageKey }>> = {
  openai: { hint: 'providerHintOpenai' },
  openrouter: { hint: 'providerHintOpenrouter' },
  groq: { hint: 'providerHintGroq' },
  mistral: { hint: 'providerHintMistral' },
  deepseek: { hint: 'providerHintDeepseek' },
  together: { hint: 'providerHintTogether' },
  ollama: { hint: 'providerHintOllama', name: 'providerNameOllama' },
  lmstudio: { hint: 'providerHintLmstudio', name: 'providerNameLmstudio' },
  // Not an endpoint preset (src/providers.ts ON_DEVICE_PROVIDER), but listed with them on the options page.
  'chrome-ai': { hint: 'providerHintChromeAi', name: 'providerNameChromeAi' },
};

/** A provider's hint as the user reads it (its English hint when it has no message yet). */
export function providerHint(p: Pick<Provider, 'id' | 'hint'>, t: Translate): string {
  const key = PROVIDER_WORDS[p.id]?.hint;
  return key ? t(key) : p.hint;
}

export function providerName(p: Pick<Provider, 'id' | 'name'>, t: Translate): string {
  const key = PROVIDER_WORDS[p.id]?.name;
  return key ? t(key) : p.name;
}

/** A job's model as the history shows it: the on-device model by its product name in the UI language. */
export function modelLabel(model: string, t: Translate): string {
  return model === ON_DEVICE_MODEL ? t('providerNameChromeAi') : model;
}
