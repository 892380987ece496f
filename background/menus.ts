/** The context menu entries: rewrite the page's article, or the selected text. */

import browser from 'webextension-polyfill';
import { t } from '../lib/i18n';

export const MENU_PAGE = 'newsmith-rewrite-page';
export const MENU_SELECTION = 'newsmith-rewrite-selection';

export function createMenus(): void {
  void browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: MENU_PAGE, title: t('menuRewritePage'), contexts: ['page'] });
    browser.contextMenus.create({ id: MENU_SELECTION, title: t('menuRewriteSelection'), contexts: ['selection'] });
  });
}
