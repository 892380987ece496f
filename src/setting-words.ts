/** Each setting's name as the user knows it from the options page, for notices that list settings. */

import type { MessageKey, Translate } from './i18n';
import type { SettingKey } from './settings';

const SETTING_NAMES: Record<SettingKey, MessageKey> = {
  provider: 'optionsProvider',
  apiKey: 'optionsApiKey',
  apiKeyOrigin: 'optionsApiKey',
  otherKeys: 'optionsApiKey',
  baseURL: 'optionsBaseUrl',
  model: 'optionsModel',
  language: 'optionsLanguage',
  persona: 'optionsPersona',
  tone: 'settingTone',
  idleTimeoutSec: 'settingIdleTimeout',
  template: 'optionsTemplate',
  seoPack: 'settingSeoPack',
  headlineMaxChars: 'optionsHeadlineMax',
  inputBudgetTokens: 'settingInputBudget',
  historyLimit: 'optionsHistoryLimit',
  prices: 'settingPrices',
  userPresets: 'settingUserPresets',
  maxOutputTokens: 'settingMaxOutput',
  queueConcurrency: 'optionsQueueConcurrency',
  queueBudgetUsd: 'optionsQueueBudget',
};

/** The settings' names, joined into one list ("Model, Output language"). */
export function settingNames(keys: readonly SettingKey[], t: Translate): string {
  return keys.map((k) => t(SETTING_NAMES[k])).join(', ');
}
