/** The queue's spend so far: the cost of every page sent, as estimated before it went (src/cost.ts). */

import type { QueueItem } from './queue';

/** US dollars of the items that were sent (done, writing, or cut off with text); a model with no price counts 0. */
export function spentOf(items: readonly QueueItem[]): number {
  let spent = 0;
  for (const item of items) {
    const sent = item.state === 'done' || item.state === 'writing' || (item.state === 'error' && item.continuable === true);
    if (sent && typeof item.cost === 'number') spent += item.cost;
  }
  return spent;
}
