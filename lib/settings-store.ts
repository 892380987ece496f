/** Reads and writes settings in browser storage: the key (and saved templates) in storage.local only, the rest in storage.sync. */

import browser from 'webextension-polyfill';
import { migrate, SETTINGS_VERSION, SETTINGS_VERSION_KEY } from '../src/settings-migrations';
import {
  CONNECTION_KEYS,
  defaults,
  invalidStoredKeys,
  LOCAL_KEYS,
  parseSettings,
  SECRET_KEYS,
  toStored,
  withholdUnconfirmedKey,
  type Settings,
  type SettingKey,
} from '../src/settings';

const KEYS = Object.keys(defaults) as SettingKey[];

/** storage.sync can be missing or disabled (some Firefox setups); fall back to local then. */
async function syncArea(): Promise<browser.Storage.StorageArea> {
  try {
    await browser.storage.sync.get(null);
    return browser.storage.sync;
  } catch {
    return browser.storage.local;
  }
}

/** The synced settings, from storage.local where storage.sync is missing or disabled (as syncArea decides). */
async function readShared(keys: string[]): Promise<Record<string, unknown>> {
  try {
    return await browser.storage.sync.get(keys);
  } catch {
    return browser.storage.local.get(keys);
  }
}

/** Both areas at once: a job start waits for this before its request. */
async function readStored(): Promise<Record<string, unknown>> {
  const [shared, local] = await Promise.all([readShared(KEYS.filter((k) => !LOCAL_KEYS.includes(k))), browser.storage.local.get([...LOCAL_KEYS])]);
  return { ...shared, ...local };
}

/** The settings a request may use: a key not confirmed for the endpoint's origin is withheld (see keyWithheld). */
export async function loadSettings(): Promise<Settings> {
  return withholdUnconfirmedKey(parseSettings(await readStored()));
}

/** The settings as stored (the options page's), and which stored fields were unreadable and fell back to their defaults. */
export async function loadSettingsReport(): Promise<{ settings: Settings; reset: SettingKey[] }> {
  const stored = await readStored();
  return { settings: parseSettings(stored), reset: invalidStoredKeys(stored) };
}

/** Runs the settings migrations not yet applied (on install and update). */
export async function migrateStoredSettings(): Promise<void> {
  const sync = await syncArea();
  const localAll = await browser.storage.local.get(null);
  const version = typeof localAll[SETTINGS_VERSION_KEY] === 'number' ? (localAll[SETTINGS_VERSION_KEY] as number) : 0;
  if (version >= SETTINGS_VERSION) return;
  const syncAll = sync === browser.storage.local ? {} : await sync.get(null);
  const out = migrate({ local: localAll, sync: syncAll }, version);
  if (sync !== browser.storage.local) {
    await sync.remove(Object.keys(syncAll).filter((k) => !(k in out.sync)));
    await sync.set(out.sync);
  }
  await browser.storage.local.remove(Object.keys(localAll).filter((k) => !(k in out.local)));
  await browser.storage.local.set({ ...out.local, [SETTINGS_VERSION_KEY]: SETTINGS_VERSION });
}

export async function saveSettings(settings: Settings): Promise<void> {
  const { local, sync } = toStored(settings);
  const area = await syncArea();
  const shared = KEYS.filter((k) => !LOCAL_KEYS.includes(k));
  // Remove what now equals a default, so later default changes reach this user.
  await area.remove(shared.filter((k) => !(k in sync)));
  if (Object.keys(sync).length) await area.set(sync);
  await browser.storage.local.remove(LOCAL_KEYS.filter((k) => !(k in local)));
  if (Object.keys(local).length) await browser.storage.local.set(local);
  // A secret, or a connection that would meet it, must never linger in synced storage (for example from an older build).
  if (area !== browser.storage.local) await area.remove([...SECRET_KEYS, ...CONNECTION_KEYS]);
}
