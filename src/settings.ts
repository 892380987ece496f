/**
 * Settings: the defaults object is the schema. `Settings` is its type, every stored value is checked
 * field by field on read, and a bad value falls back to its default without touching the others.
 * Only values that differ from the defaults are stored, so a changed default reaches users who never touched it.
 */

export const defaults = {
  /** Secret. Lives in storage.local only, never in sync storage. */
  apiKey: '',
  baseURL: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  language: 'English',
  persona: 'Pierre Herubel',
  /** Seconds without a byte from the model before a job fails as stalled. */
  idleTimeoutSec: 120,
};

export type Settings = typeof defaults;
export type SettingKey = keyof Settings;

/** Keys kept out of synced storage. */
export const SECRET_KEYS: readonly SettingKey[] = ['apiKey'];

type Check<T> = (value: unknown) => value is T;

const text = (max: number): Check<string> => (v): v is string => typeof v === 'string' && v.length <= max;
const nonEmpty = (max: number): Check<string> => (v): v is string => text(max)(v) && v.trim() !== '';

function isHttpUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const validators: { [K in SettingKey]: Check<Settings[K]> } = {
  apiKey: (v): v is string => text(500)(v) && !/[\s]/.test(v.trim()),
  baseURL: isHttpUrl,
  model: nonEmpty(200),
  language: nonEmpty(60),
  persona: nonEmpty(120),
  idleTimeoutSec: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 10 && v <= 900,
};

/** Trims strings and drops a trailing slash from the endpoint, so equal settings compare equal. */
function normalise<K extends SettingKey>(key: K, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
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

/** Field-level problems in a form's input, for the options page to show before saving. */
export function validateInput(input: Partial<Record<SettingKey, unknown>>): Partial<Record<SettingKey, string>> {
  const problems: Partial<Record<SettingKey, string>> = {};
  const messages: Record<SettingKey, string> = {
    apiKey: 'The key has spaces in it: paste it again.',
    baseURL: 'Enter a full http:// or https:// address, such as https://api.openai.com/v1.',
    model: 'Enter a model name, such as gpt-4o-mini.',
    language: 'Enter a language, such as English.',
    persona: 'Enter the writer name the prompt should use.',
    idleTimeoutSec: 'Enter a whole number of seconds from 10 to 900.',
  };
  for (const key of Object.keys(input) as SettingKey[]) {
    if (!(key in defaults)) continue;
    if (!isValidSetting(key, input[key])) problems[key] = messages[key];
  }
  return problems;
}

/** What to store: only the fields that differ from the defaults, split into secret (local) and shareable (sync). */
export function toStored(settings: Settings): { local: Partial<Settings>; sync: Partial<Settings> } {
  const local: Partial<Settings> = {};
  const sync: Partial<Settings> = {};
  for (const key of Object.keys(defaults) as SettingKey[]) {
    const value = settings[key];
    const target = SECRET_KEYS.includes(key) ? local : sync;
    if (value !== defaults[key]) (target as Record<SettingKey, unknown>)[key] = value;
  }
  return { local, sync };
}

/** Shows a key as its first and last few characters, for display only. */
export function maskKey(key: string): string {
  if (!key) return '';
  if (key.length <= 8) return '•'.repeat(key.length);
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}
