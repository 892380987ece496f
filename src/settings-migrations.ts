/**
 * Ordered migrations of stored settings, run when the extension is installed or updated. Each takes the raw stored
 * values of both areas and returns them changed; the version reached is stored, so each runs once.
 */

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
];

export const SETTINGS_VERSION = MIGRATIONS.length;

/** Applies the migrations after `fromVersion`, in order. */
export function migrate(areas: StoredAreas, fromVersion: number): StoredAreas {
  return MIGRATIONS.slice(Math.max(0, fromVersion)).reduce((acc, step) => step(acc), areas);
}
