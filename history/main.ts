/** The history page: every finished or interrupted rewrite, to search, copy, export and delete. Text only, never HTML. */

import { bytesInUse, deleteJobs, readJobs } from '../lib/job-store';
import { checksLine, entryText, exportJson, exportMarkdown, quotaWarning, searchEntries, statusWord, toEntry, type HistoryEntry } from '../src/history';
import { plural } from '../src/i18n';
import { modelLabel } from '../src/provider-words';
import { localisePage, t } from '../lib/i18n';

localisePage();

const $ = <T extends HTMLElement>(testid: string) => document.querySelector(`[data-testid="${testid}"]`) as T;
const list = $<HTMLOListElement>('entries');
const search = $<HTMLInputElement>('search');
const count = $<HTMLElement>('count');
let entries: HistoryEntry[] = [];

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

function shown(): HistoryEntry[] {
  return searchEntries(entries, search.value);
}

function render(): void {
  const visible = shown();
  count.textContent = entries.length === 0 ? t('historyEmpty') : plural(t, 'historyCount', entries.length, [visible.length, entries.length]);
  list.replaceChildren(
    ...visible.map((e) => {
      const li = el('li');
      li.dataset.testid = 'entry';
      li.dataset.status = e.status;
      const h2 = el('h2', e.headline || e.title || e.url);
      h2.dir = 'auto';
      const source = el('a', e.title || e.url);
      source.href = e.url;
      source.target = '_blank';
      source.rel = 'noopener noreferrer';
      const meta = el('p', '', 'meta');
      const date = e.date ? new Date(e.date).toLocaleString(t.locale) : t('historyDateUnknown');
      meta.append(source, ` · ${date} · ${modelLabel(e.model, t)} · ${statusWord(e.status, t)}`);
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
      del.addEventListener('click', () => {
        void deleteJobs([e.key]).then(load);
      });
      const row = el('div', undefined, 'row');
      row.append(copy, del);
      parts.push(details, row);
      li.append(...parts);
      return li;
    }),
  );
}

/** Says how many stored records could not be read (left out) or were read in part (shown), if any. */
function showUnreadable(skipped: number, repaired: number): void {
  const notice = $<HTMLElement>('unreadable');
  const lines = [skipped ? plural(t, 'historyUnreadableSkipped', skipped) : '', repaired ? plural(t, 'historyUnreadableRepaired', repaired) : ''];
  notice.textContent = lines.filter(Boolean).join(' ');
  notice.hidden = notice.textContent === '';
}

async function load(): Promise<void> {
  const stored = await readJobs();
  entries = stored.jobs.map(toEntry);
  render();
  showUnreadable(stored.skipped, stored.repaired);
  const warning = quotaWarning(await bytesInUse(), t);
  const quota = $<HTMLElement>('quota');
  quota.hidden = !warning;
  quota.textContent = warning ?? '';
}

search.addEventListener('input', render);
$('export-json').addEventListener('click', () => download('newsmith-history.json', 'application/json', exportJson(shown())));
$('export-markdown').addEventListener('click', () => download('newsmith-history.md', 'text/markdown', exportMarkdown(shown(), t)));
void load();
