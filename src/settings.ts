/**
 * Settings: the defaults object is the schema. `Settings` is its type, every stored value is checked
 * field by field on read, and a bad value falls back to its default without touching the others.
 * Only values that differ from the defaults are stored, so a changed default reaches users who never touched it.
 */

import { DEFAULT_PRICES, type PriceTable } from './cost';
import { DEFAULT_TEMPLATE } from './prompt/default';
import { HEADLINE_MAX_CHARS } from './checks/seo';
import { say, type Translate } from './i18n';
import { templateProblem } from './prompt/variables';

export interface UserPreset {
  name: string;
  template: string;
}

/** Who writes: any OpenAI-compatible endpoint (key, endpoint, model below), or Chrome's on-device model. */
export type ProviderKind = 'openai-compatible' | 'chrome-ai';

/** The batch queue's pages at once: from one to four. */
export const CONCURRENCY_MIN = 1;
export const CONCURRENCY_MAX = 4;

export const defaults = {
  provider: 'openai-compatible' as ProviderKind,
  /** Secret. Lives in storage.local only, never in sync storage. */
  apiKey: '',
  /** The origin (scheme, host, port) the user confirmed the key for: the key is sent to no other. Set by saving. */
  apiKeyOrigin: '',
  /** Secret. The keys saved for other endpoints, by origin: switching provider brings its own key back and moves none. */
  otherKeys: {} as Record<string, string>,
  baseURL: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  language: 'English',
  persona: 'Pierre Herubel',
  /** Seconds without a byte from the model before a job fails as stalled. */
  idleTimeoutSec: 120,
  /** The prompt template; the default is the user's own prompt, word for word. */
  template: DEFAULT_TEMPLATE,
  /** Audience and tone, for templates that use {tone}. */
  tone: '',
  /** Also ask for a meta description, a URL slug and keywords. Off by default, so the prompt stays the user's own. */
  seoPack: false,
  /** The longest headline, in characters: the system message asks for it and the checks flag a longer one. */
  headlineMaxChars: HEADLINE_MAX_CHARS,
  /** The user's own saved templates. */
  userPresets: [] as UserPreset[],
  /** Rewrites kept in the history; the oldest go first. */
  historyLimit: 200,
  /** Largest prompt sent in one request, in tokens; longer articles are rewritten in sections. */
  inputBudgetTokens: 12_000,
  /** US dollars per million tokens, by model name. */
  prices: DEFAULT_PRICES as PriceTable,
  /** The most output tokens one request may ask for, whatever the article's size: a ceiling on spend. */
  maxOutputTokens: 16_000,
  /** How many pages the batch queue reads and rewrites at once. */
  queueConcurrency: 2,
  /** The batch queue pauses once its estimated spend reaches this many US dollars; 0: no cap. */
  queueBudgetUsd: 0,
};

export type Settings = typeof defaults;
export type SettingKey = keyof Settings;

/** Keys kept out of synced storage: the secret, and what may outgrow sync's per-item quota. */
export const SECRET_KEYS: readonly SettingKey[] = ['apiKey', 'apiKeyOrigin', 'otherKeys'];
/**
 * The connection (who writes, where, with which model) stays on this device with the key it goes with: an endpoint
 * chosen on another computer must never meet this computer's key.
 */
export const CONNECTION_KEYS: readonly SettingKey[] = ['provider', 'baseURL', 'model'];
export const LOCAL_KEYS: readonly SettingKey[] = [...SECRET_KEYS, ...CONNECTION_KEYS, 'userPresets', 'prices'];

type Check<T> = (value: unknown) => value is T;

const text =
  (max: number): Check<string> =>
  (v): v is string =>
    typeof v === 'string' && v.length <= max;
const nonEmpty =
  (max: number): Check<string> =>
  (v): v is string =>
    text(max)(v) && v.trim() !== '';

function parsedUrl(v: unknown): URL | null {
  if (typeof v !== 'string') return null;
  try {
    return new URL(v);
  } catch {
    return null;
  }
}

/** An http(s) endpoint with a host and no `user:pass@`: credentials in a URL end up in logs, errors and exports. */
function isEndpointUrl(v: unknown): v is string {
  const u = parsedUrl(v);
  return !!u && (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === '';
}

/** An origin the key was confirmed for, as `URL.origin` writes it, or '' (no key). */
function isOriginOrEmpty(v: unknown): v is string {
  if (v === '') return true;
  const u = parsedUrl(v);
  return !!u && u.origin === v;
}

/** The most keys kept for other endpoints; saving another drops the oldest. */
export const MAX_OTHER_KEYS = 50;

const isKey = (v: unknown): v is string => text(500)(v) && !/[\s]/.test(v.trim());

const validators: { [K in SettingKey]: Check<Settings[K]> } = {
  provider: (v): v is ProviderKind => v === 'openai-compatible' || v === 'chrome-ai',
  apiKey: isKey,
  apiKeyOrigin: isOriginOrEmpty,
  otherKeys: (v): v is Record<string, string> =>
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.keys(v).length <= MAX_OTHER_KEYS &&
    Object.entries(v).every(([origin, key]) => origin !== '' && isOriginOrEmpty(origin) && isKey(key) && key !== ''),
  baseURL: isEndpointUrl,
  model: nonEmpty(200),
  language: nonEmpty(60),
  persona: nonEmpty(120),
  idleTimeoutSec: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 10 && v <= 900,
  template: (v): v is string => text(20_000)(v) && templateProblem(v) === null,
  tone: text(200),
  seoPack: (v): v is boolean => typeof v === 'boolean',
  headlineMaxChars: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 20 && v <= 300,
  historyLimit: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 10 && v <= 5_000,
  inputBudgetTokens: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1_000 && v <= 2_000_000,
  prices: (v): v is PriceTable =>
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.keys(v).length <= 200 &&
    Object.values(v).every((p) => !!p && typeof p === 'object' && [p.input, p.output].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)),
  maxOutputTokens: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 1_000_000,
  queueBudgetUsd: (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100_000,
  queueConcurrency: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= CONCURRENCY_MIN && v <= CONCURRENCY_MAX,
  userPresets: (v): v is UserPreset[] =>
    Array.isArray(v) &&
    v.length <= 50 &&
    v.every(
      (p) =>
        !!p &&
        typeof p === 'object' &&
        nonEmpty(80)((p as UserPreset).name) &&
        text(20_000)((p as UserPreset).template) &&
        templateProblem((p as UserPreset).template) === null,
    ),
};

/** Trims strings and drops a trailing slash from the endpoint, so equal settings compare equal. */
function normalise<K extends SettingKey>(key: K, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // A template's own line breaks and spacing are the user's text: keep them, only trim the ends.
  const trimmed = key === 'template' ? value.replace(/^\s+|\s+$/g, '') : value.trim();
  return key === 'baseURL' ? trimmed.replace(/\/+$/, '') : trimmed;
}

export function isValidSetting<K extends SettingKey>(key: K, value: unknown): value is Settings[K] {
  return validators[key](normalise(key, value));
}

/** Reads whatever storage held into complete, valid settings. Unknown keys are ignored; bad values fall back per field. */
export function parseSettings(stored: unknown): Settings {
  const source = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const out: Settings = { ...defaults };
  for (const key of Object.keys(defaults) as SettingKey[]) {
    if (!(key in source)) continue;
    const value = normalise(key, source[key]);
    if (validators[key](value)) (out as Record<SettingKey, unknown>)[key] = value;
  }
  return out;
}

/** Stored fields that were present but invalid, and so fell back to their defaults (the user is told). */
export function invalidStoredKeys(stored: unknown): SettingKey[] {
  if (!stored || typeof stored !== 'object') return [];
  const source = stored as Record<string, unknown>;
  return (Object.keys(defaults) as SettingKey[]).filter((key) => key in source && !validators[key](normalise(key, source[key])));
}

/** Field-level problems in a form's input, for the options page to show before saving. */
export function validateInput(input: Partial<Record<SettingKey, unknown>>, t: Translate): Partial<Record<SettingKey, string>> {
  const problems: Partial<Record<SettingKey, string>> = {};
  const templateWords = (): string => {
    if (typeof input.template !== 'string') return t('invalidTemplateMissing');
    const problem = templateProblem(input.template.trim());
    return problem ? say(t, problem) : t('invalidTemplateTooLong');
  };
  const messages: Record<SettingKey, () => string> = {
    template: templateWords,
    tone: () => t('invalidTone'),
    seoPack: () => t('invalidSeoPack'),
    headlineMaxChars: () => t('invalidHeadlineMax', [20, 300]),
    userPresets: () => t('invalidUserPresets'),
    historyLimit: () => t('invalidHistoryLimit', [10, 5000]),
    inputBudgetTokens: () => t('invalidInputBudget', [1000, 2_000_000]),
    prices: () => t('invalidPrices'),
    provider: () => t('invalidProvider'),
    apiKey: () => t('invalidApiKey'),
    apiKeyOrigin: () => t('invalidBaseUrl'),
    otherKeys: () => t('invalidApiKey'),
    baseURL: () => (hasCredentials(input.baseURL) ? t('invalidBaseUrlCredentials') : t('invalidBaseUrl')),
    model: () => t('invalidModel'),
    language: () => t('invalidLanguage'),
    persona: () => t('invalidPersona'),
    idleTimeoutSec: () => t('invalidIdleTimeout', [10, 900]),
    maxOutputTokens: () => t('invalidInputBudget', [100, 1_000_000]),
    queueConcurrency: () => t('invalidQueueConcurrency', [CONCURRENCY_MIN, CONCURRENCY_MAX]),
    queueBudgetUsd: () => t('invalidQueueBudget'),
  };
  for (const key of Object.keys(input) as SettingKey[]) {
    if (!(key in defaults)) continue;
    if (!isValidSetting(key, input[key])) problems[key] = messages[key]();
  }
  return problems;
}

/** What to store: only the fields that differ from the defaults, split into secret (local) and shareable (sync). */
export function toStored(settings: Settings): { local: Partial<Settings>; sync: Partial<Settings> } {
  const local: Partial<Settings> = {};
  const sync: Partial<Settings> = {};
  for (const key of Object.keys(defaults) as SettingKey[]) {
    const value = settings[key];
    const target = LOCAL_KEYS.includes(key) ? local : sync;
    const isDefault = typeof value === 'object' ? JSON.stringify(value) === JSON.stringify(defaults[key]) : value === defaults[key];
    if (!isDefault) (target as Record<SettingKey, unknown>)[key] = value;
  }
  return { local, sync };
}

/** Whether a rewrite can be requested at all: on-device needs no key, an endpoint does. Without one, Copy prompt. */
export function hasWriter(settings: Pick<Settings, 'provider' | 'apiKey'>): boolean {
  return settings.provider === 'chrome-ai' || settings.apiKey !== '';
}

function hasCredentials(v: unknown): boolean {
  const u = parsedUrl(typeof v === 'string' ? v.trim() : v);
  return !!u && (u.username !== '' || u.password !== '');
}

/** Whether the saved key may go to the saved endpoint: only to the origin the user confirmed it for. */
export function keyConfirmed(settings: Pick<Settings, 'apiKey' | 'apiKeyOrigin' | 'baseURL'>): boolean {
  return settings.apiKey === '' || settings.apiKeyOrigin === endpointOrigin(settings.baseURL);
}

/**
 * The settings a request may use: never the keys kept for other endpoints, and a key never confirmed for this
 * endpoint's origin is withheld (the key is emptied, its origin kept, so `keyWithheld` can say why nothing is sent).
 */
export function withholdUnconfirmedKey(settings: Settings): Settings {
  const own = Object.keys(settings.otherKeys).length === 0 ? settings : { ...settings, otherKeys: {} };
  if (keyConfirmed(own) || own.provider === 'chrome-ai') return own;
  return { ...own, apiKey: '', apiKeyOrigin: own.apiKeyOrigin || 'null' };
}

/** True for settings whose key `withholdUnconfirmedKey` held back. */
export function keyWithheld(settings: Pick<Settings, 'apiKey' | 'apiKeyOrigin'>): boolean {
  return settings.apiKey === '' && settings.apiKeyOrigin !== '';
}

/** Shows a key as its first and last few characters, for display only. */
export function maskKey(key: string): string {
  if (!key) return '';
  if (key.length <= 8) return '•'.repeat(key.length);
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}

/** The host permission pattern of an endpoint (match patterns carry no port), or null for a bad URL. */
export function endpointPattern(baseURL: string): string | null {
  try {
    const u = new URL(baseURL);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.hostname}/*` : null;
  } catch {
    return null;
  }
}

export function endpointHost(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

/** Where a key would be sent: scheme, host and port (`https://host` and `http://host:8080` are other destinations). */
export function endpointOrigin(baseURL: string): string {
  return parsedUrl(baseURL)?.origin ?? baseURL;
}

/** An endpoint on this computer (localhost, 127.0.0.0/8, ::1), where plain HTTP never crosses a network. */
export function isLoopback(baseURL: string): boolean {
  const host = parsedUrl(baseURL)?.hostname ?? '';
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Plain HTTP to another computer: the article and the key travel unencrypted, so the user is warned. */
export function isPlainRemoteHttp(baseURL: string): boolean {
  return parsedUrl(baseURL)?.protocol === 'http:' && !isLoopback(baseURL);
}
