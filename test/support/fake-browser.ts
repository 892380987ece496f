/**
 * An in-memory stand-in for the parts of `webextension-polyfill` our storage code uses: storage.local, .sync and
 * .session with the real get/set/remove semantics (keys, arrays of keys, null, defaults object; values copied
 * through JSON like the browser's structured clone), storage.onChanged, and an optional quota enforced the way
 * Chrome does it (a value costs its key's length plus its JSON's; a set that would pass the quota fails whole, with
 * Chrome's "QUOTA_BYTES quota exceeded"). Not stubs returning {}: the code under test really stores.
 */

type Store = Map<string, unknown>;

export interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}
type ChangeListener = (changes: Record<string, StorageChange>, areaName: string) => void;

export interface FakeBrowserOptions {
  /** Bytes storage.local may hold (Chrome: 10 MB without unlimitedStorage); unlimited when absent. */
  localQuota?: number;
  sessionQuota?: number;
}

const sizeOf = (key: string, value: unknown): number => key.length + JSON.stringify(value).length;

function area(name: string, store: Store, quota: number, emit: (changes: Record<string, StorageChange>, areaName: string) => void) {
  const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  const used = (): number => {
    let n = 0;
    for (const [k, v] of store) n += sizeOf(k, v);
    return n;
  };
  const changed = (changes: Record<string, StorageChange>) => {
    // The browser tells listeners after the write, asynchronously.
    if (Object.keys(changes).length) setTimeout(() => emit(changes, name), 0);
  };
  return {
    QUOTA_BYTES: quota,
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
      let after = used();
      for (const [k, v] of Object.entries(items)) {
        if (store.has(k)) after -= sizeOf(k, store.get(k));
        after += sizeOf(k, v);
      }
      if (after > quota) throw new Error('QUOTA_BYTES quota exceeded');
      const changes: Record<string, StorageChange> = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: copy(store.get(k)), newValue: copy(v) };
        store.set(k, copy(v));
      }
      changed(changes);
    },
    async remove(keys: string | string[]): Promise<void> {
      const changes: Record<string, StorageChange> = {};
      for (const k of Array.isArray(keys) ? keys : [keys]) {
        if (!store.has(k)) continue;
        changes[k] = { oldValue: copy(store.get(k)) };
        store.delete(k);
      }
      changed(changes);
    },
    async clear(): Promise<void> {
      await this.remove([...store.keys()]);
    },
    async getBytesInUse(): Promise<number> {
      return used();
    },
    /** For assertions: what is stored, as plain data. */
    dump(): Record<string, unknown> {
      return Object.fromEntries(store);
    },
    /** For tests: puts a value in without the quota check or a change event (as if stored by an older version). */
    plant(key: string, value: unknown): void {
      store.set(key, copy(value));
    },
  };
}

export function fakeBrowser(opts: FakeBrowserOptions = {}) {
  const listeners = new Set<ChangeListener>();
  const emit = (changes: Record<string, StorageChange>, areaName: string) => {
    for (const fn of listeners) fn(changes, areaName);
  };
  return {
    storage: {
      local: area('local', new Map(), opts.localQuota ?? Infinity, emit),
      sync: area('sync', new Map(), Infinity, emit),
      session: area('session', new Map(), opts.sessionQuota ?? Infinity, emit),
      onChanged: {
        addListener: (fn: ChangeListener) => void listeners.add(fn),
        removeListener: (fn: ChangeListener) => void listeners.delete(fn),
        hasListener: (fn: ChangeListener) => listeners.has(fn),
      },
    },
  };
}

export type FakeBrowser = ReturnType<typeof fakeBrowser>;
