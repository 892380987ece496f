/**
 * The browser's words for the pages and the background: `t(key, subs)` over `browser.i18n.getMessage`, which picks
 * the catalog in `_locales/` that matches the browser's UI language (English when none does).
 */

import browser from 'webextension-polyfill';
import { subStrings, type MessageKey, type Subs, type Translate } from '../src/i18n';

/** The catalog's own language (its `locale` message), not the browser's: numbers and plurals follow the words. */
const locale = browser.i18n.getMessage('locale') || 'en';

export const t: Translate = Object.assign((key: MessageKey, subs?: Subs): string => browser.i18n.getMessage(key, subStrings(subs, locale)) || key, { locale });

/**
 * Fills a static page: `<html lang>`, `data-i18n="key"` as the element's text, and
 * `data-i18n-attr="attribute:key attribute:key"` as attributes (placeholder, aria-label, title…). Text only.
 */
export function localisePage(root: ParentNode = document): void {
  document.documentElement.lang = locale;
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of (el.dataset.i18nAttr ?? '').split(/\s+/).filter(Boolean)) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr, t(key as MessageKey));
    }
  }
}
