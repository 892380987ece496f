/** The SEO pack's extras under a finished rewrite: meta description, slug and keywords, each with a copy button. */

import type { Seo } from '../src/rewrite/split';
import type { MessageKey } from '../src/i18n';
import { t } from '../lib/i18n';
import { el } from './el';
import { keyHint } from './key-hint';

/** What the popup's copy buttons copy. */
export type CopyWhat = 'headline' | 'article' | 'all' | 'prompt' | 'meta-description' | 'slug' | 'keywords' | 'cms';

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
      keyHint(button, id);
      const name = id === 'meta-description' && value.length > 155 ? t('seoMetaTooLong', [t(label), value.length, 155]) : t(label);
      row.append(el('strong', `${t('seoLabel', name)} `), text, button);
      return row;
    });
  container.hidden = rows.length === 0;
  container.replaceChildren(...rows);
}
