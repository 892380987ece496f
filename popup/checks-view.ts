/** The checks under a finished rewrite and the SEO extras. Text nodes only. */

import type { ChecksResult } from '../src/checks';
import type { Seo } from '../src/rewrite/split';
import type { Revision } from '../src/revise';
import type { FactKind } from '../src/checks';
import { formatPercent, plural, type MessageKey } from '../src/i18n';
import { t } from '../lib/i18n';

/** What the popup's copy buttons copy. */
export type CopyWhat = 'headline' | 'article' | 'all' | 'prompt' | 'meta-description' | 'slug' | 'keywords';

const KINDS: Record<FactKind, MessageKey> = {
  number: 'factNumber',
  percent: 'factPercent',
  money: 'factMoney',
  date: 'factDate',
  name: 'factName',
  quote: 'factQuote',
};
const factLine = (f: { kind: FactKind; text: string }) => t('factLine', [t(KINDS[f.kind]), f.text]);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** A button that asks for a targeted revision (a new version: one request, on the click only). */
function reviseButton(what: Revision, label: MessageKey, revise: (what: Revision) => void): HTMLButtonElement {
  const button = el('button', t(label), { type: 'button', 'data-testid': what === 'headline' ? 'shorten-headline' : 'revise-passages' });
  button.addEventListener('click', () => revise(what));
  return button;
}

/** `revise` (absent: no actions) asks for a new version with the marked passages rephrased or the headline shortened. */
export function renderChecks(container: HTMLElement, checks: ChecksResult | null, revise?: (what: Revision) => void): void {
  container.hidden = !checks;
  if (!checks) return container.replaceChildren();
  const { facts, originality, seo } = checks;

  const factsLine = el('p', t('factsKept', [facts.kept, facts.total]), { 'data-testid': 'facts-summary' });
  const parts: HTMLElement[] = [el('h2', t('checksHeading')), factsLine];
  if (facts.missing.length) {
    const ul = el('ul', undefined, { 'data-testid': 'facts-missing', class: 'bad' });
    ul.append(el('li', t('factsMissing')), ...facts.missing.map((f) => el('li', factLine(f))));
    parts.push(ul);
  }
  if (facts.added.length) {
    const ul = el('ul', undefined, { 'data-testid': 'facts-added', class: 'bad' });
    ul.append(el('li', t('factsAdded')), ...facts.added.map((f) => el('li', factLine(f))));
    parts.push(ul);
  }
  parts.push(
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
        t('seoReadingEase', Math.round(seo.readingEase)),
      ].join(' · '),
      { 'data-testid': 'seo-figures', class: seo.headlineTooLong ? 'bad' : '' },
    ),
    ...(revise && seo.headlineTooLong ? [reviseButton('headline', 'shortenHeadline', revise)] : []),
  );
  container.replaceChildren(...parts);
}

/** The SEO pack's meta description, slug and keywords, each with its own copy button. */
export function renderSeoExtras(container: HTMLElement, seo: Seo, copy: (text: string, what: CopyWhat) => void): void {
  const items: [CopyWhat, MessageKey, MessageKey, string | undefined][] = [
    ['meta-description', 'seoMetaDescription', 'copyMetaDescription', seo.metaDescription],
    ['slug', 'seoSlug', 'copySlug', seo.slug],
    ['keywords', 'seoKeywords', 'copyKeywords', seo.keywords?.join(', ')],
  ];
  const rows = items
    .filter(([, , , value]) => value)
    .map(([id, label, copyLabel, value = '']) => {
      const row = el('div', undefined, { class: 'extra', 'data-testid': `seo-${id}` });
      const text = el('span', value, { class: 'extra-value' });
      const button = el('button', t('copyButton'), { type: 'button', 'data-testid': `copy-${id}`, 'aria-label': t(copyLabel) });
      button.addEventListener('click', () => copy(value, id));
      const name = id === 'meta-description' && value.length > 155 ? t('seoMetaTooLong', [t(label), value.length, 155]) : t(label);
      row.append(el('strong', `${t('seoLabel', name)} `), text, button);
      return row;
    });
  container.hidden = rows.length === 0;
  container.replaceChildren(...rows);
}
