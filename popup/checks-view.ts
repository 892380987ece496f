/**
 * The checks under a finished rewrite. Text nodes only. The checks start with a one-line summary
 * (also shown as a link at the top of the popup), then the findings grouped in rank order, a few per group with the
 * rest behind a disclosure, each with the sentence it is in; then the facts, originality and SEO figures.
 */

import type { ChecksResult, Finding, Span } from '../src/checks';
import { groupLabel, markedPieces, moreLabel, sentenceAround, summarize, summaryText, uncheckedText, type FindingGroup } from '../src/checks/summary';
import type { Revision } from '../src/revise';
import type { FactKind } from '../src/checks';
import { formatPercent, plural, type MessageKey } from '../src/i18n';
import { t } from '../lib/i18n';
import { el } from './el';
import './checks.css';

const KINDS: Record<FactKind, MessageKey> = {
  number: 'factNumber',
  percent: 'factPercent',
  money: 'factMoney',
  date: 'factDate',
  name: 'factName',
  quote: 'factQuote',
};
const factLine = (f: { kind: FactKind; text: string }) => t('factLine', [t(KINDS[f.kind]), f.text]);

/** A sentence with the words that differ in <mark>, cut short around them when it is long. */
function sentence(text: string, word: string | undefined, cls: string): HTMLElement {
  const p = el('p', undefined, { class: cls, dir: 'auto' });
  p.append(...markedPieces(text, word, 160).map((piece) => (piece.mark ? el('mark', piece.text) : piece.text)));
  return p;
}

/** A button that asks for a targeted revision (a new version: one request, on the click only). */
function reviseButton(what: Revision, label: MessageKey, revise: (what: Revision) => void): HTMLButtonElement {
  const button = el('button', t(label), { type: 'button', 'data-testid': what === 'headline' ? 'shorten-headline' : 'revise-passages' });
  button.addEventListener('click', () => revise(what));
  return button;
}

/** One side of a changed claim: "Source" or "Rewrite" over its sentence. */
function side(label: MessageKey, span: Span, word: string | undefined, cls: string): HTMLElement {
  const div = el('div', undefined, { class: `side ${cls}` });
  div.append(el('span', t(label), { class: 'side-label' }), sentence(span.text, word, 'where'));
  return div;
}

/** Where a finding is, as data: the review page links to these offsets. */
function place(li: HTMLElement, f: Finding, rewrite: Span | undefined): void {
  li.dataset.kind = f.kind;
  if (f.change) li.dataset.change = f.change;
  if (f.source) Object.assign(li.dataset, { sourceStart: String(f.source.start), sourceEnd: String(f.source.end) });
  if (rewrite) Object.assign(li.dataset, { rewriteStart: String(rewrite.start), rewriteEnd: String(rewrite.end) });
}

function findingItem(f: Finding, checks: ChecksResult): HTMLLIElement {
  const li = el('li', undefined, { class: 'finding', 'data-testid': 'finding' });
  // An added fact found by the facts check alone has no sentence yet: the first rewrite sentence that states it.
  const rewrite = f.rewrite ?? (f.kind === 'added-fact' && f.fact ? sentenceAround(checks.text, f.fact.text) : undefined);
  place(li, f, rewrite);
  if (f.kind === 'changed-claim') {
    const pair = el('div', undefined, { class: 'pair' });
    if (f.source) pair.append(side('findingsSource', f.source, f.from, 'source'));
    if (rewrite) pair.append(side('findingsRewrite', rewrite, f.to, 'rewrite'));
    li.append(pair);
  } else if (f.kind === 'missing-fact' || f.kind === 'added-fact') {
    if (f.fact) li.append(el('p', factLine(f.fact), { class: 'what', dir: 'auto' }));
    const where = f.kind === 'missing-fact' ? f.source : rewrite;
    if (where) li.append(sentence(where.text, f.fact?.text, 'where'));
  } else if (f.kind === 'seo') {
    li.append(el('p', t('seoHeadlineTooLong', [checks.seo.headlineChars, checks.seo.headlineMaxChars]), { class: 'what' }));
    if (rewrite) li.append(sentence(rewrite.text, undefined, 'where'));
  } else if (rewrite) li.append(sentence(rewrite.text, undefined, 'where'));
  return li;
}

/** A group: its count as a heading, its first findings, and "and N more" opening the rest (drawn when opened). */
function groupSection(g: FindingGroup, checks: ChecksResult): HTMLElement {
  const section = el('section', undefined, { class: 'group', 'data-testid': 'findings-group', 'data-group': g.key });
  const list = el('ul', undefined, { class: 'finding-list' });
  list.append(...g.shown.map((f) => findingItem(f, checks)));
  section.append(el('h3', groupLabel(t, g.key, g.count)), list);
  if (g.rest.length) {
    const more = el('details', undefined, { class: 'more', 'data-testid': 'findings-more' });
    // The rest flows in the page (the popup has one scroll area), drawn only when opened.
    const rest = el('ul', undefined, { class: 'finding-list rest', 'aria-label': groupLabel(t, g.key, g.count) });
    more.append(el('summary', moreLabel(t, g.rest.length)), rest);
    more.addEventListener('toggle', () => {
      if (more.hasAttribute('open') && rest.childElementCount === 0) rest.append(...g.rest.map((f) => findingItem(f, checks)));
    });
    section.append(more);
  }
  return section;
}

/** What the checks last drew, so a redraw of the same checks keeps an opened disclosure open. */
const drawn = new WeakMap<HTMLElement, string>();

/**
 * The checks into `container`, and their summary line into `badge` (a link near the top that jumps to them).
 * `revise` (absent: no actions) asks for a new version with the marked passages rephrased or the headline shortened.
 */
export function renderChecks(container: HTMLElement, checks: ChecksResult | null, badge?: HTMLElement, revise?: (what: Revision) => void): void {
  container.hidden = !checks;
  if (badge) badge.hidden = !checks;
  if (!checks) {
    drawn.delete(container);
    return container.replaceChildren();
  }
  const key = [checks.text, checks.findings.length, JSON.stringify(checks.capabilities)].join('\u0000');
  if (drawn.get(container) === key) return;
  drawn.set(container, key);
  const { facts, originality, seo, capabilities } = checks;

  const summary = summarize(checks.findings);
  const line = summaryText(t, summary);
  const summaryLine = el('p', line, { class: `checks-summary${summary.toCheck ? ' bad' : ''}`, 'data-testid': 'checks-summary', tabindex: '-1' });
  const parts: HTMLElement[] = [el('h2', t('checksHeading')), summaryLine];
  const unchecked = uncheckedText(t, capabilities);
  if (unchecked) parts.push(el('p', unchecked, { class: 'unchecked', 'data-testid': 'checks-unchecked' }));
  if (summary.groups.length) {
    const list = el('div', undefined, { class: 'findings', 'data-testid': 'findings' });
    list.append(...summary.groups.map((g) => groupSection(g, checks)));
    parts.push(list);
  }

  const factsLine = el('p', t('factsKept', [facts.kept, facts.total]), { 'data-testid': 'facts-summary' });
  parts.push(
    factsLine,
    el(
      'p',
      originality.runs.length
        ? plural(t, 'originalityCopied', originality.longestRun, [formatPercent(originality.copiedShare, t.locale), originality.longestRun])
        : t('originalityOriginal'),
      { 'data-testid': 'originality', class: originality.warn ? 'bad' : '' },
    ),
    ...(revise && originality.warn && originality.passages.length ? [reviseButton('passages', 'revisePassages', revise)] : []),
    el(
      'p',
      [
        seo.headlineTooLong ? t('seoHeadlineTooLong', [seo.headlineChars, seo.headlineMaxChars]) : t('seoHeadline', seo.headlineChars),
        t('seoWords', [seo.words, seo.sourceWords]),
        seo.readingEase === null ? t('seoReadingEaseNone') : t('seoReadingEase', Math.round(seo.readingEase)),
      ].join(' · '),
      { 'data-testid': 'seo-figures', class: seo.headlineTooLong ? 'bad' : '' },
    ),
    ...(revise && seo.headlineTooLong ? [reviseButton('headline', 'shortenHeadline', revise)] : []),
  );
  container.replaceChildren(...parts);

  if (badge) {
    badge.textContent = t('findingsJump', line);
    badge.title = badge.textContent; // the link is cut to one line; the whole summary on hover
    badge.classList.toggle('bad', summary.toCheck > 0);
    badge.onclick = () => {
      container.scrollIntoView({ block: 'start' });
      summaryLine.focus({ preventScroll: true });
    };
  }
}
