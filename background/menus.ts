/** The context menu entries: rewrite the page's article, or the selected text. */

import browser from 'webextension-polyfill';

export const MENU_PAGE = 'newsmith-rewrite-page';
export const MENU_SELECTION = 'newsmith-rewrite-selection';

export function createMenus(): void {
  void browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: MENU_PAGE, title: 'Rewrite this article with Newsmith', contexts: ['page'] });
    browser.contextMenus.create({ id: MENU_SELECTION, title: 'Rewrite selection with Newsmith', contexts: ['selection'] });
  });
}
