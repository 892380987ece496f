/** The checks under a finished rewrite, and the article with its copied runs marked. Text nodes only. */

import type { ChecksResult } from '../src/checks';
import { HEADLINE_MAX_CHARS } from '../src/checks/seo';
import type { Seo } from '../src/rewrite/split';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export function renderChecks(container: HTMLElement, checks: ChecksResult | null): void {
  container.hidden = !checks;
  if (!checks) return container.replaceChildren();
  const { facts, originality, seo } = checks;

  const factsLine = el('p', `Facts kept: ${facts.kept} of ${facts.total}`, { 'data-testid': 'facts-summary' });
  const parts: HTMLElement[] = [el('h2', 'Checks'), factsLine];
  if (facts.missing.length) {
    const ul = el('ul', undefined, { 'data-testid': 'facts-missing', class: 'bad' });
    ul.append(el('li', 'Missing from the rewrite:'), ...facts.missing.map((f) => el('li', `${f.kind}: ${f.text}`)));
    parts.push(ul);
  }
  if (facts.added.length) {
    const ul = el('ul', undefined, { 'data-testid': 'facts-added', class: 'bad' });
    ul.append(el('li', 'Not in the source (check these):'), ...facts.added.map((f) => el('li', `${f.kind}: ${f.text}`)));
    parts.push(ul);
  }
  parts.push(
    el(
      'p',
      originality.runs.length
        ? `Copied: ${percent(originality.copiedShare)} of the rewrite is in runs of 6+ words taken from the source (longest ${originality.longestRun} words, marked in the article).`
        : 'Original: no run of 6 or more words is copied from the source (quotations aside).',
      { 'data-testid': 'originality', class: originality.copiedShare > 0.1 ? 'bad' : '' },
    ),
    el(
      'p',
      `Headline ${seo.headlineChars} characters${seo.headlineTooLong ? ` (over ${HEADLINE_MAX_CHARS}: search results will cut it)` : ''} · ${seo.words} words (source ${seo.sourceWords}) · reading ease ${Math.round(seo.readingEase)}`,
      { 'data-testid': 'seo-figures', class: seo.headlineTooLong ? 'bad' : '' },
    ),
  );
  container.replaceChildren(...parts);
}

/** The article as plain paragraphs, with the copied runs in <mark>. `offset` is where the body starts in checks.text. */
export function renderMarkedArticle(container: HTMLElement, checks: ChecksResult, offset: number): void {
  const body = checks.text.slice(offset);
  const runs = checks.originality.runs
    .map((r) => ({ start: r.start - offset, end: r.end - offset }))
    .filter((r) => r.end > 0)
    .sort((a, b) => a.start - b.start);
  const paragraphs: HTMLElement[] = [];
  let at = 0;
  for (const para of body.split(/\n{2,}/)) {
    const start = body.indexOf(para, at);
    const end = start + para.length;
    at = end;
    if (!para.trim()) continue;
    const p = el('p');
    p.dir = 'auto';
    let cursor = start;
    for (const run of runs) {
      if (run.end <= cursor || run.start >= end) continue;
      const from = Math.max(run.start, cursor);
      const to = Math.min(run.end, end);
      if (from > cursor) p.append(body.slice(cursor, from));
      p.append(el('mark', body.slice(from, to), { 'data-testid': 'copied-run', title: 'Copied from the source' }));
      cursor = to;
    }
    if (cursor < end) p.append(body.slice(cursor, end));
    paragraphs.push(p);
  }
  container.replaceChildren(...paragraphs);
}

/** The SEO pack's meta description, slug and keywords, each with its own copy button. */
export function renderSeoExtras(container: HTMLElement, seo: Seo, copy: (text: string, what: string) => void): void {
  const items: [string, string, string | undefined][] = [
    ['meta-description', 'Meta description', seo.metaDescription],
    ['slug', 'URL slug', seo.slug],
    ['keywords', 'Keywords', seo.keywords?.join(', ')],
  ];
  const rows = items
    .filter(([, , value]) => value)
    .map(([id, label, value]) => {
      const row = el('div', undefined, { class: 'extra', 'data-testid': `seo-${id}` });
      const text = el('span', value ?? '', { class: 'extra-value' });
      const button = el('button', `Copy`, { type: 'button', 'data-testid': `copy-${id}`, 'aria-label': `Copy ${label.toLowerCase()}` });
      button.addEventListener('click', () => copy(value ?? '', label));
      const note = id === 'meta-description' && (value ?? '').length > 155 ? ` (${(value ?? '').length} characters: over 155)` : '';
      row.append(el('strong', `${label}${note}: `), text, button);
      return row;
    });
  container.hidden = rows.length === 0;
  container.replaceChildren(...rows);
}
