/**
 * How fast the queue may go: an endpoint that answers 429 holds every new start for its Retry-After (or a few
 * seconds), then lets one page at a time run for a minute, then the whole concurrency again. Pure: times are given.
 */

export interface Pace {
  /** Nothing new starts before this time (ms). */
  holdUntil: number;
  /** One page at a time before this time. */
  slowUntil: number;
}

export const CALM: Pace = { holdUntil: 0, slowUntil: 0 };

/** The hold when the endpoint gives no Retry-After, and the longest one a Retry-After may ask for. */
const DEFAULT_HOLD_MS = 5_000;
const MAX_HOLD_MS = 5 * 60_000;
/** How long the queue goes one at a time after a hold. */
const SLOW_FOR_MS = 60_000;

/** The pace after a 429 at `now`; `afterSec` is the endpoint's Retry-After. */
export function slowedDown(pace: Pace, now: number, afterSec: number | null): Pace {
  const hold = afterSec !== null && afterSec > 0 ? Math.min(MAX_HOLD_MS, afterSec * 1000) : DEFAULT_HOLD_MS;
  const holdUntil = Math.max(pace.holdUntil, now + hold);
  return { holdUntil, slowUntil: Math.max(pace.slowUntil, holdUntil + SLOW_FOR_MS) };
}

/** How many pages may run at `now`, of the queue's `concurrency`. */
export function slotsAt(pace: Pace, now: number, concurrency: number): number {
  if (now < pace.holdUntil) return 0;
  return now < pace.slowUntil ? Math.min(1, concurrency) : concurrency;
}

/** When the number of slots next changes (to look again then), or null when it will not. */
export function nextChange(pace: Pace, now: number): number | null {
  if (now < pace.holdUntil) return pace.holdUntil;
  return now < pace.slowUntil ? pace.slowUntil : null;
}
