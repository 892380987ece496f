/** Reads and writes settings in browser storage: the key (and saved templates) in storage.local only, the rest in storage.sync. */

import browser from 'webextension-polyfill';
import { defaults, LOCAL_KEYS, parseSettings, SECRET_KEYS, toStored, type Settings, type SettingKey } from '../src/settings';

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

export async function loadSettings(): Promise<Settings> {
  const sync = await syncArea();
  const shared = await sync.get(KEYS.filter((k) => !LOCAL_KEYS.includes(k)));
  const local = await browser.storage.local.get([...LOCAL_KEYS]);
  return parseSettings({ ...shared, ...local });
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
  // A secret must never linger in synced storage (for example from an older build).
  if (area !== browser.storage.local) await area.remove([...SECRET_KEYS]);
}
