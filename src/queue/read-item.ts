/**
 * A stored queue item and the queue's meta record read back field by field, so one broken row never breaks the
 * queue: a row without a usable id, address, state or place is left out; any other bad field is dropped (or, for
 * the two times, taken from the other one).
 */

import { ITEM_STATES, type ItemState, type QueueItem, type QueueMeta } from './queue';
import { isCount, isNum, isObj, isStr, isTime } from '../read-guards';

/** An address the runner can fetch: http(s), as addFromList takes them. */
function isPageUrl(v: unknown): v is string {
  if (!isStr(v)) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** One stored row as a queue item; null when it has no usable id, address, state or place in the queue. */
export function readQueueItem(value: unknown): QueueItem | null {
  if (!isObj(value)) return null;
  const { id, url, state, order } = value;
  if (!isStr(id) || id === '' || !isPageUrl(url) || !ITEM_STATES.includes(state as ItemState) || !isNum(order)) return null;
  const addedAt = isTime(value.addedAt) ? value.addedAt : isTime(value.updatedAt) ? value.updatedAt : 0;
  const updatedAt = isTime(value.updatedAt) ? value.updatedAt : addedAt;
  const item: QueueItem = { id, url, order, state: state as ItemState, addedAt, updatedAt };
  // Each optional field kept when it reads as its type, dropped (as if never written) when not.
  if (isStr(value.jobId) && value.jobId !== '') item.jobId = value.jobId;
  if (isStr(value.title)) item.title = value.title;
  if (isStr(value.headline)) item.headline = value.headline;
  if (isStr(value.error)) item.error = value.error;
  if (typeof value.continuable === 'boolean') item.continuable = value.continuable;
  if (typeof value.confirmed === 'boolean') item.confirmed = value.confirmed;
  if (isCount(value.tokens)) item.tokens = value.tokens;
  if (value.cost === null || (isNum(value.cost) && value.cost >= 0)) item.cost = value.cost;
  if (isTime(value.startedAt)) item.startedAt = value.startedAt;
  if (isCount(value.requeues)) item.requeues = value.requeues;
  return item;
}

/** The stored meta record; a queue that never stored one (or stored a broken one) is not paused. */
export function readQueueMeta(value: unknown): QueueMeta {
  return { paused: isObj(value) && value.paused === true };
}
