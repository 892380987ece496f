/**
 * The history page: every version of every rewrite, grouped by page, to search, copy, export and delete (with an
 * undo). It lists and searches the versions' summaries; a whole version is read only to open, copy or export it.
 * Text only, never HTML.
 */

import { announce } from '../lib/store-events';
import { migrateLegacyJobs } from '../lib/legacy-jobs';
import { storageUse } from '../lib/quota';
import { versionStore, type Removed } from '../lib/version-store';
import {
  checksLine,
  entriesByPage,
  entryText,
  exportJson,
  exportMarkdown,
  searchEntries,
  statusWord,
  entryWords,
  versionEntry,
  type HistoryEntry,
  type ListedEntry,
} from '../src/history';
import { quotaWarning } from '../src/quota';
import { plural } from '../src/i18n';
import { modelLabel } from '../src/provider-words';
import { localisePage, t } from '../lib/i18n';

localisePage();

const $ = <T extends HTMLElement>(testid: string) => document.querySelector(`[data-testid="${testid}"]`) as T;
const list = $<HTMLOListElement>('entries');
const search = $<HTMLInputElement>('search');
const count = $<HTMLElement>('count');
const undoBar = $<HTMLElement>('undo-bar');
const store = versionStore();
/** The versions, grouped by page (newest page first). */
let pages: ListedEntry[][] = [];
/** How many versions are stored, while only the newest pages are read (null once every version is). */
let storedCount: number | null = null;
/** What the last delete took away, until it is undone or another delete replaces it. */
let removed: Removed | null = null;
/** Each entry's list item, made once: a search shows and hides items, it does not rebuild them. */
const items = new WeakMap<ListedEntry, HTMLLIElement>();
/** Each page's list item, made once per load (keyed by the page's versions as loaded). */
const groups = new WeakMap<ListedEntry[], { group: HTMLLIElement; inner: HTMLOListElement }>();
/** Each entry's whole version, read when it is first opened or copied. */
const wholes = new WeakMap<ListedEntry, Promise<HistoryEntry | null>>();
/** Entries read first, before every version: a screenful, a small part of a long history. */
const FIRST_VERSIONS = 8;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const allEntries = (): ListedEntry[] => pages.flat();

function shown(): ListedEntry[] {
  return searchEntries(allEntries(), search.value);
}

/** The entry's whole version (its article text), read once; null if it is gone or cannot be read. */
function whole(e: ListedEntry): Promise<HistoryEntry | null> {
  let read = wholes.get(e);
  if (!read) {
    read = store.get(e.id).then((job) => (job ? versionEntry(job, e) : null));
    wholes.set(e, read);
    read.catch(() => wholes.delete(e));
  }
  return read;
}

/** The shown entries' whole versions, in the order listed (an export: every one is read). */
async function wholeShown(): Promise<HistoryEntry[]> {
  const listed = shown();
  const jobs = await store.getMany(listed.map((e) => e.id));
  return listed.flatMap((e, i) => {
    const job = jobs[i];
    return job ? [versionEntry(job, e)] : [];
  });
}

function sourceLink(e: ListedEntry): HTMLAnchorElement {
  const source = el('a', e.title || e.url);
  source.href = e.url;
  source.target = '_blank';
  source.rel = 'noopener noreferrer';
  return source;
}

function entryItem(e: ListedEntry): HTMLLIElement {
  let li = items.get(e);
  if (li) return li;
  li = el('li');
  items.set(e, li);
  li.dataset.testid = 'entry';
  li.dataset.status = e.status;
  li.dataset.version = `${e.version}/${e.versions}`;
  const h2 = el('h2', e.headline || e.title || e.url);
  h2.dir = 'auto';
  const meta = el('p', '', 'meta');
  const date = e.date ? new Date(e.date).toLocaleString(t.locale) : t('historyDateUnknown');
  const version = e.versions > 1 ? ` · ${t('historyVersion', [e.version, e.versions])}` : '';
  const words = e.article ? ` · ${entryWords(e, t)}` : '';
  meta.append(sourceLink(e), ` · ${date}${words} · ${modelLabel(e.model, t)} · ${statusWord(e.status, t)}${version}`);
  const parts: HTMLElement[] = [h2, meta];
  if (e.reason) parts.push(el('p', e.reason, 'reason'));
  if (e.checks) {
    const checks = el('p', t('historyChecks', checksLine(e.checks, t)), 'meta');
    checks.dataset.testid = 'entry-checks';
    parts.push(checks);
  }
  const details = el('details');
  details.append(el('summary', t('historyShowArticle')));
  const text = el('div', e.article, 'text');
  text.dir = 'auto';
  details.append(text);
  const copy = el('button', t('copyButton'));
  copy.type = 'button';
  copy.dataset.testid = 'entry-copy';
  copy.addEventListener('click', () => {
    void whole(e)
      .then((w) => {
        if (!w) throw new Error('the version is gone');
        return navigator.clipboard.writeText(entryText(w));
      })
      .then(
        () => (copy.textContent = t('historyCopied')),
        () => (copy.textContent = t('historyCopyFailed')),
      );
  });
  const del = el('button', t('historyDelete'));
  del.type = 'button';
  del.dataset.testid = 'entry-delete';
  del.addEventListener('click', () => void remove([e.id]));
  const row = el('div', undefined, 'row');
  row.append(copy, del);
  if (e.status === 'done') {
    // A button, not a link: the entries' only links are to the articles' own pages.
    const review = el('button', t('popupOpenReview'));
    review.type = 'button';
    review.dataset.testid = 'entry-review';
    review.addEventListener('click', () => void window.open(`../review/index.html?id=${encodeURIComponent(e.id)}`, '_blank', 'noopener'));
    row.prepend(review);
  }
  parts.push(details, row);
  li.append(...parts);
  return li;
}

/** A page's list item, made once per load; its versions' items go inside. */
function pageItem(versions: ListedEntry[]): { group: HTMLLIElement; inner: HTMLOListElement } {
  let made = groups.get(versions);
  if (!made) {
    const group = el('li', undefined, 'page');
    group.dataset.testid = 'page';
    group.dataset.key = versions[0]?.key ?? '';
    const inner = el('ol', undefined, 'versions');
    group.append(inner);
    made = { group, inner };
    groups.set(versions, made);
  }
  return made;
}

/** Makes `parent`'s children exactly `nodes`, in order, moving only what changed: a search leaves the rest in place. */
function showOnly(parent: Element, nodes: readonly Element[]): void {
  const keep = new Set(nodes);
  for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  nodes.forEach((node, i) => {
    if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] ?? null);
  });
}

function render(): void {
  const visible = new Set(shown().map((e) => e.id));
  const total = storedCount ?? allEntries().length;
  count.textContent = total === 0 ? t('historyEmpty') : plural(t, 'historyCount', total, [visible.size, total]);
  const shownGroups: HTMLLIElement[] = [];
  for (const versions of pages) {
    const items = versions.filter((e) => visible.has(e.id)).map(entryItem);
    if (!items.length) continue;
    const { group, inner } = pageItem(versions);
    showOnly(inner, items);
    shownGroups.push(group);
  }
  showOnly(list, shownGroups);
}

/** Deletes versions at once and offers to undo; the background hears of it (room made: it retries unsaved writes). */
async function remove(ids: string[]): Promise<void> {
  removed = await store.delete(ids);
  announce({ type: 'removed', ids });
  undoBar.hidden = false;
  await load();
}

async function undo(): Promise<void> {
  const back = removed;
  removed = null;
  undoBar.hidden = true;
  if (!back) return;
  await store.putRows(back.rows, back.sources);
  announce({ type: 'restored', ids: back.rows.map((r) => r.id) });
  await load();
}

/** Says how many stored records could not be read (left out) or were read in part (shown), if any. */
function showUnreadable(skipped: number, repaired: number): void {
  const notice = $<HTMLElement>('unreadable');
  const lines = [skipped ? plural(t, 'historyUnreadableSkipped', skipped) : '', repaired ? plural(t, 'historyUnreadableRepaired', repaired) : ''];
  notice.textContent = lines.filter(Boolean).join(' ');
  notice.hidden = notice.textContent === '';
}

/** Lists the history: on the first load the newest pages paint first, then every version is read and listed. */
async function load(first = false): Promise<void> {
  // Jobs an older build kept in storage.local, if the background has not moved them yet (before the whole list).
  const migrated = migrateLegacyJobs(store).catch((err: unknown) => console.warn('Newsmith: stored jobs not moved yet', err));
  if (first) {
    const [newest, stored] = await Promise.all([store.newestSummaries(FIRST_VERSIONS), store.count()]);
    pages = entriesByPage(newest.summaries, newest.counts);
    storedCount = stored;
    render();
    // The first rows paint before the rest is read: every summary holds its article's text.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
  await migrated;
  const stored = await store.summaries();
  pages = entriesByPage(stored.summaries);
  storedCount = null;
  render();
  showUnreadable(stored.skipped, stored.repaired);
  const warning = quotaWarning(await storageUse(), t);
  const quota = $<HTMLElement>('quota');
  quota.hidden = !warning;
  quota.textContent = warning ?? '';
}

search.addEventListener('input', render);
$('undo').addEventListener('click', () => void undo());
$('export-json').addEventListener('click', () => void wholeShown().then((all) => download('newsmith-history.json', 'application/json', exportJson(all))));
$('export-markdown').addEventListener('click', () => void wholeShown().then((all) => download('newsmith-history.md', 'text/markdown', exportMarkdown(all, t))));
void load(true);
