/**
 * The history page: every version of every rewrite, grouped by page, to search, copy, export and delete (with an
 * undo). Text only, never HTML.
 */

import { announce } from '../lib/store-events';
import { migrateLegacyJobs } from '../lib/legacy-jobs';
import { storageUse } from '../lib/quota';
import { versionStore, type Removed } from '../lib/version-store';
import { checksLine, entriesByPage, entryText, exportJson, exportMarkdown, searchEntries, statusWord, type HistoryEntry } from '../src/history';
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
let pages: HistoryEntry[][] = [];
/** What the last delete took away, until it is undone or another delete replaces it. */
let removed: Removed | null = null;

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

const allEntries = (): HistoryEntry[] => pages.flat();

function shown(): HistoryEntry[] {
  return searchEntries(allEntries(), search.value);
}

function sourceLink(e: HistoryEntry): HTMLAnchorElement {
  const source = el('a', e.title || e.url);
  source.href = e.url;
  source.target = '_blank';
  source.rel = 'noopener noreferrer';
  return source;
}

function entryItem(e: HistoryEntry): HTMLLIElement {
  const li = el('li');
  li.dataset.testid = 'entry';
  li.dataset.status = e.status;
  li.dataset.version = `${e.version}/${e.versions}`;
  const h2 = el('h2', e.headline || e.title || e.url);
  h2.dir = 'auto';
  const meta = el('p', '', 'meta');
  const date = e.date ? new Date(e.date).toLocaleString(t.locale) : t('historyDateUnknown');
  const version = e.versions > 1 ? ` · ${t('historyVersion', [e.version, e.versions])}` : '';
  meta.append(sourceLink(e), ` · ${date} · ${modelLabel(e.model, t)} · ${statusWord(e.status, t)}${version}`);
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
    void navigator.clipboard.writeText(entryText(e)).then(
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
  parts.push(details, row);
  li.append(...parts);
  return li;
}

function render(): void {
  const visible = new Set(shown().map((e) => e.id));
  const total = allEntries().length;
  count.textContent = total === 0 ? t('historyEmpty') : plural(t, 'historyCount', total, [visible.size, total]);
  const groups: HTMLLIElement[] = [];
  for (const versions of pages) {
    const items = versions.filter((e) => visible.has(e.id)).map(entryItem);
    if (!items.length) continue;
    const group = el('li', undefined, 'page');
    group.dataset.testid = 'page';
    group.dataset.key = versions[0]?.key ?? '';
    const inner = el('ol', undefined, 'versions');
    inner.append(...items);
    group.append(inner);
    groups.push(group);
  }
  list.replaceChildren(...groups);
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

async function load(): Promise<void> {
  // Jobs an older build kept in storage.local, if the background has not moved them yet.
  await migrateLegacyJobs(store).catch((err: unknown) => console.warn('Newsmith: stored jobs not moved yet', err));
  const stored = await store.list();
  pages = entriesByPage(stored.jobs);
  render();
  showUnreadable(stored.skipped, stored.repaired);
  const warning = quotaWarning(await storageUse(), t);
  const quota = $<HTMLElement>('quota');
  quota.hidden = !warning;
  quota.textContent = warning ?? '';
}

search.addEventListener('input', render);
$('undo').addEventListener('click', () => void undo());
$('export-json').addEventListener('click', () => download('newsmith-history.json', 'application/json', exportJson(shown())));
$('export-markdown').addEventListener('click', () => download('newsmith-history.md', 'text/markdown', exportMarkdown(shown(), t)));
void load();
