/**
 * Tells the other extension contexts (the background, other history tabs) that stored versions were removed or put
 * back. IndexedDB has no change event, unlike storage.onChanged: the background needs this to retry a write the
 * quota refused as soon as the user makes room in History.
 */

const CHANNEL = 'newsmith-versions';

export type StoreEvent = { type: 'removed' | 'restored'; ids: string[] };

function channel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
}

export function announce(event: StoreEvent): void {
  const c = channel();
  if (!c) return;
  c.postMessage(event);
  c.close();
}

/** Calls `fn` for every event another context announces; returns a function that stops listening. */
export function onStoreEvent(fn: (event: StoreEvent) => void): () => void {
  const c = channel();
  if (!c) return () => {};
  c.onmessage = (e: MessageEvent) => {
    const data = e.data as Partial<StoreEvent> | null;
    if ((data?.type === 'removed' || data?.type === 'restored') && Array.isArray(data.ids))
      fn({ type: data.type, ids: data.ids.filter((id): id is string => typeof id === 'string') });
  };
  return () => c.close();
}
