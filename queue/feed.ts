/**
 * The queue page's feed row: an RSS or Atom feed's address, how many of its newest articles, and whether to leave
 * out pages already rewritten. The worker reads the feed (background/queue-feed.ts); its addresses go into the list
 * above, after what is there, for the user to look over and add as usual. Text only, never HTML.
 */

import browser from 'webextension-polyfill';
import { plural } from '../src/i18n';
import type { QueuePageMessage, QueueWorkerMessage } from '../src/messages';
import { clampNewest } from '../src/queue/feed';
import { originPattern } from '../src/queue/queue';
import { t } from '../lib/i18n';

type FeedAnswer = Extract<QueueWorkerMessage, { type: 'queue-feed-read' }>;

const byTestId = <T extends HTMLElement>(testid: string) => document.querySelector(`[data-testid="${testid}"]`) as T;

/** What the page tells the row: the worker's answer, or that the worker went away while the feed was being read. */
export interface FeedRow {
  read(answer: FeedAnswer): void;
  lost(): void;
}

/** Wires the row to `send`. */
export function wireFeed(send: (message: QueuePageMessage) => void, urls: HTMLTextAreaElement): FeedRow {
  const row = byTestId<HTMLElement>('feed');
  const address = byTestId<HTMLInputElement>('feed-url');
  const count = byTestId<HTMLInputElement>('feed-newest');
  const skipDone = byTestId<HTMLInputElement>('feed-skip-done');
  const load = byTestId<HTMLButtonElement>('load-feed');
  const status = byTestId<HTMLElement>('feed-status');

  const done = (words: string) => {
    status.textContent = words;
    load.disabled = false;
  };

  load.addEventListener('click', () => {
    const url = address.value.trim();
    const origin = /^https?:\/\//i.test(url) ? originPattern(url) : null;
    if (!origin) return done(t('queueFeedBadUrl'));
    const newest = clampNewest(count.valueAsNumber);
    count.value = String(newest);
    load.disabled = true;
    status.textContent = t('queueFeedLoading');
    // The feed's site, asked in the click itself (the browser requires a gesture), before anything is sent.
    browser.permissions.request({ origins: [origin] }).then(
      (granted) => (granted ? send({ type: 'queue-feed', url, newest, skipDone: skipDone.checked }) : done(t('queueFeedNoAccess'))),
      (err: unknown) => done(`${t('queueFeedNoAccess')} (${err instanceof Error ? err.message : String(err)})`),
    );
  });

  // Enter in the row loads the feed rather than submitting the list around it.
  row.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    load.click();
  });

  const read = (answer: FeedAnswer) => {
    if (answer.problem !== null) return done(answer.problem);
    if (answer.urls.length > 0) {
      const before = urls.value.replace(/\s+$/, '');
      urls.value = [before, ...answer.urls].filter(Boolean).join('\n');
    }
    const parts = [answer.urls.length > 0 ? plural(t, 'queueFeedLoaded', answer.urls.length) : t('queueFeedNone')];
    if (answer.skipped > 0) parts.push(plural(t, 'queueFeedSkipped', answer.skipped));
    done(parts.join(' · '));
  };
  // Its answer went with the worker: the button comes back, and the user loads the feed again.
  const lost = () => {
    if (load.disabled) done(t('queueFeedLost'));
  };
  return { read, lost };
}
