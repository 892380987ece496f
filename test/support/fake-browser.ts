/**
 * An in-memory stand-in for the parts of `webextension-polyfill` our storage code uses: storage.local, .sync and
 * .session with the real get/set/remove semantics (keys, arrays of keys, null, defaults object; values copied
 * through JSON like the browser's structured clone). Not stubs returning {}: the code under test really stores.
 */

type Store = Map<string, unknown>;

function area(store: Store) {
  const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  return {
    async get(keys?: string | string[] | Record<string, unknown> | null): Promise<Record<string, unknown>> {
      const out: Record<string, unknown> = {};
      if (keys === null || keys === undefined) {
        for (const [k, v] of store) out[k] = copy(v);
      } else if (typeof keys === 'string') {
        if (store.has(keys)) out[keys] = copy(store.get(keys));
      } else if (Array.isArray(keys)) {
        for (const k of keys) if (store.has(k)) out[k] = copy(store.get(k));
      } else {
        for (const [k, d] of Object.entries(keys)) out[k] = store.has(k) ? copy(store.get(k)) : d;
      }
      return out;
    },
    async set(items: Record<string, unknown>): Promise<void> {
      for (const [k, v] of Object.entries(items)) store.set(k, copy(v));
    },
    async remove(keys: string | string[]): Promise<void> {
      for (const k of Array.isArray(keys) ? keys : [keys]) store.delete(k);
    },
    async clear(): Promise<void> {
      store.clear();
    },
    async getBytesInUse(): Promise<number> {
      return JSON.stringify(Object.fromEntries(store)).length;
    },
    /** For assertions: what is stored, as plain data. */
    dump(): Record<string, unknown> {
      return Object.fromEntries(store);
    },
  };
}

export function fakeBrowser() {
  return {
    storage: { local: area(new Map()), sync: area(new Map()), session: area(new Map()) },
  };
}

export type FakeBrowser = ReturnType<typeof fakeBrowser>;
