/**
 * The batch queue page: paste addresses, follow each page from waiting to done, and act on one (retry, skip,
 * remove, rewrite a doubtful page anyway). The queue itself runs in the worker (background/queue.ts) and lives in
 * IndexedDB: closing this page stops nothing. Text only, never HTML.
 */

import browser from 'webextension-polyfill';
import { formatCost } from '../src/cost';
import { QUEUE_PORT, type QueueAction, type QueuePageMessage, type QueueWorkerMessage } from '../src/messages';
import { addFromList, countByState, originsToAsk, remainingMs, type ItemState, type QueueItem } from '../src/queue/queue';
import type { MessageKey } from '../src/i18n';
import { localisePage, t } from '../lib/i18n';
import { wireExport } from './export';
import { wireFeed } from './feed';

localisePage();

const $ = <T extends HTMLElement>(testid: string) => document.querySelector(`[data-testid="${testid}"]`) as T;
const form = $<HTMLFormElement>('add-form');
const urls = $<HTMLTextAreaElement>('urls');
const pause = $<HTMLButtonElement>('pause');
const clear = $<HTMLButtonElement>('clear');
const added = $<HTMLElement>('added');
const problem = $<HTMLElement>('problem');
const progress = $<HTMLProgressElement>('progress');
const summary = $<HTMLElement>('summary');
const list = $<HTMLOListElement>('items');

const STATE_WORDS: Record<ItemState, MessageKey> = {
  waiting: 'queueStateWaiting',
  reading: 'queueStateReading',
  writing: 'queueStateWriting',
  confirm: 'queueStateConfirm',
  done: 'queueStateDone',
  error: 'queueStateError',
  skipped: 'queueStateSkipped',
};

/** What each state offers. */
const ACTIONS: Record<ItemState, QueueAction[]> = {
  waiting: ['up', 'down', 'skip', 'remove'],
  reading: [],
  writing: [],
  confirm: ['confirm', 'skip', 'remove'],
  done: ['remove'],
  error: ['retry', 'skip', 'remove'],
  skipped: ['retry', 'remove'],
};

const ACTION_WORDS: Record<QueueAction, MessageKey> = {
  retry: 'queueRetry',
  skip: 'queueSkip',
  remove: 'queueRemove',
  confirm: 'queueConfirm',
  up: 'queueUp',
  down: 'queueDown',
};

let items: QueueItem[] = [];
let paused = false;
let slowed = false;
let concurrency = 2;
let port: browser.Runtime.Port | null = null;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

/** Connects to the worker; a stopped worker drops the port, and the page connects again (the queue is stored). */
function connect(): void {
  port = browser.runtime.connect({ name: QUEUE_PORT });
  port.onMessage.addListener((message: unknown) => receive(message as QueueWorkerMessage));
  port.onDisconnect.addListener(() => {
    port = null;
    feed.lost();
    setTimeout(connect, 500);
  });
}

function send(message: QueuePageMessage): void {
  if (!port) connect();
  port?.postMessage(message);
}

function receive(message: QueueWorkerMessage): void {
  if (message.type === 'queue-feed-read') return feed.read(message);
  if (message.type === 'queue-added') {
    const words = message.added > 0 ? t('queueAdded', message.added) : t('queueNothingAdded');
    added.textContent = [words, ...message.problems].join(' · ');
    if (message.added > 0 || message.problems.length === 0) urls.value = '';
    return;
  }
  items = message.items;
  paused = message.paused;
  slowed = message.slowed;
  concurrency = message.concurrency;
  problem.hidden = message.problem === null;
  problem.textContent = message.problem ?? '';
  render();
}

function render(): void {
  pause.textContent = t(paused ? 'queueResume' : 'queuePause');
  pause.dataset.paused = String(paused);
  const counts = countByState(items);
  const settled = counts.done + counts.error + counts.skipped;
  progress.max = Math.max(1, items.length);
  progress.value = settled;
  const tokens = items.reduce((sum, i) => sum + (i.tokens ?? 0), 0);
  const costs = items.filter((i) => i.state === 'done' && i.cost !== undefined).map((i) => i.cost ?? null);
  const cost = costs.length === 0 || costs.includes(null) ? null : (costs as number[]).reduce((a, b) => a + b, 0);
  const parts =
    items.length === 0
      ? [t('queueEmpty')]
      : [
          t('queueSummaryDone', [counts.done, items.length]),
          counts.confirm ? t('queueSummaryConfirm', counts.confirm) : '',
          counts.error ? t('queueSummaryFailed', counts.error) : '',
          tokens ? t('queueTokens', tokens.toLocaleString(t.locale)) : '',
          cost !== null ? formatCost(cost, t) : '',
          paused ? t('queuePaused') : eta(),
          slowed ? t('queueSlowed') : '',
        ];
  summary.textContent = parts.filter(Boolean).join(' · ');
  list.replaceChildren(...items.map(row));
}

/** About how long the rest takes, from the pages done so far; '' before any is done or when nothing is left. */
function eta(): string {
  const ms = remainingMs(items, concurrency, Date.now());
  if (ms === null || ms <= 0) return '';
  const time = ms < 90_000 ? t('queueSeconds', Math.max(1, Math.round(ms / 1000))) : t('queueMinutes', Math.round(ms / 60_000));
  return t('queueEta', time);
}

function row(item: QueueItem): HTMLLIElement {
  const li = el('li');
  li.dataset.state = item.state;
  li.dataset.testid = 'item';
  li.dataset.url = item.url;
  const head = el('div', undefined, 'head');
  head.append(el('span', item.headline || item.title || item.url, 'name'), el('span', t(STATE_WORDS[item.state]), 'state'));
  li.append(head);
  const meta = [item.url];
  if (item.tokens) meta.push(t('queueTokens', item.tokens.toLocaleString(t.locale)));
  if (item.cost !== undefined && item.state === 'done') meta.push(formatCost(item.cost, t));
  li.append(el('div', meta.join(' · '), 'meta'));
  if (item.state === 'error' && item.error) li.append(el('p', item.error, 'error'));
  if (item.state === 'confirm') li.append(el('p', t('queueConfirmNote'), 'note'));
  const actions = el('div', undefined, 'actions');
  for (const action of ACTIONS[item.state]) {
    const button = el('button', t(ACTION_WORDS[action]));
    button.type = 'button';
    button.dataset.action = action;
    button.addEventListener('click', () => send({ type: 'queue-item', id: item.id, action }));
    actions.append(button);
  }
  if (item.jobId && item.state === 'done')
    actions.append(link(t('queueReview'), browser.runtime.getURL(`review/index.html?id=${encodeURIComponent(item.jobId)}`), 'review'));
  if (item.state === 'confirm' || item.state === 'error') actions.append(link(t('queueOpenPage'), item.url, 'page'));
  if (actions.childElementCount) li.append(actions);
  return li;
}

/** A link that opens in a new tab; only http(s) and the extension's own pages are ever linked. */
function link(text: string, href: string, kind: string): HTMLAnchorElement {
  const a = el('a', text);
  const u = new URL(href);
  if (u.protocol === 'http:' || u.protocol === 'https:' || href.startsWith(browser.runtime.getURL(''))) a.href = u.href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.dataset.link = kind;
  return a;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = urls.value;
  // Access to exactly the sites these pages are on, asked in the click itself (the browser requires a gesture).
  const origins = originsToAsk(addFromList(items, text, Date.now(), () => '').items);
  if (origins.length === 0) return send({ type: 'queue-add', text });
  browser.permissions.request({ origins }).then(
    (granted) => {
      if (granted) send({ type: 'queue-add', text });
      else added.textContent = t('queueNoAccess');
    },
    (err: unknown) => {
      added.textContent = `${t('queueNoAccess')} (${err instanceof Error ? err.message : String(err)})`;
    },
  );
});

pause.addEventListener('click', () => send({ type: 'queue-pause', paused: !paused }));
clear.addEventListener('click', () => send({ type: 'queue-clear' }));

wireExport(() => items);
const feed = wireFeed(send, urls);
connect();
