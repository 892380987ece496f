/**
 * Ordered migrations of stored settings, run when the extension is installed or updated. Each takes the raw stored
 * values of both areas and returns them changed; the version reached is stored, so each runs once.
 */

import { CONNECTION_KEYS, defaults, endpointOrigin, parseSettings } from './settings';

export interface StoredAreas {
  local: Record<string, unknown>;
  sync: Record<string, unknown>;
}

export const SETTINGS_VERSION_KEY = 'settingsVersion';

type Migration = (areas: StoredAreas) => StoredAreas;

const MIGRATIONS: readonly Migration[] = [
  // 1: a key found in synced storage (an early build, or a hand edit) moves to local storage and leaves sync.
  ({ local, sync }) => {
    const { apiKey, ...restSync } = sync;
    if (apiKey === undefined) return { local, sync };
    return { local: 'apiKey' in local ? local : { ...local, apiKey }, sync: restSync };
  },
  // 2: the endpoint was once stored as `endpoint` and the writer as `writer`.
  ({ local, sync }) => {
    const renamed = { ...sync };
    for (const [from, to] of [
      ['endpoint', 'baseURL'],
      ['writer', 'persona'],
    ] as const) {
      if (from in renamed) {
        if (!(to in renamed)) renamed[to] = renamed[from];
        delete renamed[from];
      }
    }
    return { local, sync: renamed };
  },
  // 3: the connection (provider, endpoint, model) leaves sync and lives on this device beside the key. The key is bound
  // to the origin it may go to: the default endpoint's when that is the one in use; any other endpoint (it may have
  // come from another computer through sync) is asked about on first use, so nothing is sent there unconfirmed.
  ({ local, sync }) => {
    const moved = { ...local };
    const restSync = { ...sync };
    for (const key of CONNECTION_KEYS) {
      if (key in restSync && !(key in moved)) moved[key] = restSync[key];
      delete restSync[key];
    }
    if (typeof moved.apiKey === 'string' && moved.apiKey !== '' && !('apiKeyOrigin' in moved)) {
      const inUse = parseSettings(moved).baseURL;
      if (inUse === defaults.baseURL) moved.apiKeyOrigin = endpointOrigin(defaults.baseURL);
    }
    return { local: moved, sync: restSync };
  },
];

export const SETTINGS_VERSION = MIGRATIONS.length;

/** Applies the migrations after `fromVersion`, in order. */
export function migrate(areas: StoredAreas, fromVersion: number): StoredAreas {
  return MIGRATIONS.slice(Math.max(0, fromVersion)).reduce((acc, step) => step(acc), areas);
}
