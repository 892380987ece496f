/**
 * One key per endpoint: the key in use is bound to its endpoint's origin, and the keys of the other endpoints the user
 * saved wait in `otherKeys` under their own origins. Switching provider brings that provider's key back and never
 * sends a key anywhere it was not saved or confirmed for.
 */

import { endpointOrigin, MAX_OTHER_KEYS, type Settings } from './settings';

type Keys = Pick<Settings, 'apiKey' | 'apiKeyOrigin' | 'otherKeys'>;

/** The key saved for an origin, or ''. The key in use counts only for the origin it is bound to. */
export function keyFor(settings: Keys, origin: string): string {
  if (settings.apiKey !== '' && settings.apiKeyOrigin === origin) return settings.apiKey;
  return settings.otherKeys[origin] ?? '';
}

export interface KeyChange {
  /** A key typed into the form now: meant for the endpoint typed with it. */
  typed: string;
  /** The user said yes to sending the saved key to this new endpoint as well. */
  carry?: boolean;
  /** Forget the key of this endpoint. */
  forget?: boolean;
}

/** The keys after saving `next` (its endpoint) over `saved`: the endpoint's own key in use, every other key kept aside. */
export function bindKeys<S extends Keys & Pick<Settings, 'baseURL'>>(saved: Keys, next: S, change: KeyChange): S {
  const ring: Record<string, string> = { ...saved.otherKeys };
  if (saved.apiKey !== '' && saved.apiKeyOrigin !== '' && saved.apiKeyOrigin !== 'null') ring[saved.apiKeyOrigin] = saved.apiKey;
  const origin = endpointOrigin(next.baseURL);
  const key = change.forget ? '' : change.typed || ring[origin] || (change.carry ? saved.apiKey : '');
  delete ring[origin];
  // The oldest go first (insertion order), so the ring always reads back valid.
  for (const old of Object.keys(ring).slice(0, Math.max(0, Object.keys(ring).length - MAX_OTHER_KEYS))) delete ring[old];
  return { ...next, apiKey: key, apiKeyOrigin: key === '' ? '' : origin, otherKeys: ring };
}
