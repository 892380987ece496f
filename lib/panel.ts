/**
 * The side panel (Chrome's sidePanel, Firefox's sidebar): opened from the popup, the context menu or a shortcut, it
 * shows the job of the tab it was opened for, whatever tab is active later. Which tab that is, per window, lives in
 * storage.session (the extension's own pages only), so the panel follows a second "open" without reloading.
 */

import browser from 'webextension-polyfill';

interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
}
interface SidebarApi {
  open(): Promise<void>;
}
const api = globalThis as unknown as { chrome?: { sidePanel?: SidePanelApi }; browser?: { sidebarAction?: SidebarApi } };

/** The shortcut's command name (manifest.json `commands`). */
export const PANEL_COMMAND = 'open-side-panel';

/** Where the tab a window's panel is on is kept (storage.session). */
export const panelKey = (windowId: number): string => `panelTab.${windowId}`;

/**
 * Opens the panel of `windowId` on `tabId`'s job. Call it straight from the user's click (no await before it):
 * both browsers open a panel only in answer to one.
 */
export function openPanel(windowId: number, tabId: number): Promise<void> {
  const told = browser.storage.session.set({ [panelKey(windowId)]: tabId });
  const opened = api.chrome?.sidePanel ? api.chrome.sidePanel.open({ windowId }) : (api.browser?.sidebarAction?.open() ?? Promise.resolve());
  return Promise.all([told, opened]).then(() => undefined);
}

/** Whether this browser has a side panel the extension can open. */
export function hasPanel(): boolean {
  return !!(api.chrome?.sidePanel ?? api.browser?.sidebarAction);
}
