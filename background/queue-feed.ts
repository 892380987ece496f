/**
 * A news feed read for the queue page: its newest items' addresses, without the pages already rewritten if asked.
 * Nothing is queued here: the page puts the addresses in its list for the user to look over and add as usual.
 */

import { pageReadMessage } from '../src/queue/page-read';
import type { QueuePageMessage, QueueWorkerMessage } from '../src/messages';
import { t } from '../lib/i18n';
import { readFeed } from './page-reader';

type FeedAsk = Extract<QueuePageMessage, { type: 'queue-feed' }>;
type FeedAnswer = Extract<QueueWorkerMessage, { type: 'queue-feed-read' }>;

/**
 * The newest `newest` items first (the reader answers them newest first), then those with a done version dropped: a
 * load never reaches further back.
 */
export async function loadFeed(ask: FeedAsk, hasDone: (url: string) => Promise<boolean>): Promise<FeedAnswer> {
  const read = await readFeed(ask.url);
  if (!read.ok) return { type: 'queue-feed-read', urls: [], skipped: 0, problem: pageReadMessage(read, t) };
  const urls = read.items.slice(0, ask.newest).map((i) => i.url);
  const done = ask.skipDone ? await Promise.all(urls.map((u) => hasDone(u).catch(() => false))) : [];
  const kept = urls.filter((_, i) => !done[i]);
  return { type: 'queue-feed-read', urls: kept, skipped: urls.length - kept.length, problem: null };
}
