/** The side panel's list of recent rewrites: each one's headline, site and time; a click shows it (no request). */

import type { RecentRewrite } from '../src/messages';
import { t } from '../lib/i18n';
import { el } from './el';

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function renderRecent(section: HTMLElement, list: HTMLElement, items: readonly RecentRewrite[], show: (id: string) => void): void {
  section.hidden = items.length === 0;
  list.replaceChildren(
    ...items.map((item) => {
      const li = el('li', undefined, { 'data-testid': 'recent-item', 'data-id': item.id });
      const button = el('button', item.headline || item.title || t('recentUntitled'), { type: 'button', class: 'link recent-open', dir: 'auto' });
      button.addEventListener('click', () => show(item.id));
      const when = new Date(item.at).toLocaleString(t.locale, { dateStyle: 'short', timeStyle: 'short' });
      li.append(button, el('span', [host(item.url), when].filter(Boolean).join(' · '), { class: 'hint' }));
      return li;
    }),
  );
}
