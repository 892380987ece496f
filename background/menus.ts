/** The context menu entries: rewrite the page's article, or the selected text; open the side panel on the page. */

import browser from 'webextension-polyfill';
import { t } from '../lib/i18n';
import { hasPanel } from '../lib/panel';

export const MENU_PAGE = 'newsmith-rewrite-page';
export const MENU_SELECTION = 'newsmith-rewrite-selection';
export const MENU_PANEL = 'newsmith-open-panel';

export function createMenus(): void {
  void browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: MENU_PAGE, title: t('menuRewritePage'), contexts: ['page'] });
    browser.contextMenus.create({ id: MENU_SELECTION, title: t('menuRewriteSelection'), contexts: ['selection'] });
    if (hasPanel()) browser.contextMenus.create({ id: MENU_PANEL, title: t('menuOpenPanel'), contexts: ['page', 'selection'] });
  });
}
