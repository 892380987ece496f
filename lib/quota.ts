/** How much of its storage quota the extension uses, as the browser estimates it (IndexedDB included). */

import type { StorageUse } from '../src/quota';

/** The browser's estimate, or null where it cannot tell. */
export async function storageUse(): Promise<StorageUse | null> {
  try {
    const e = await navigator.storage?.estimate?.();
    return e && typeof e.usage === 'number' && typeof e.quota === 'number' ? { usage: e.usage, quota: e.quota } : null;
  } catch {
    return null;
  }
}
