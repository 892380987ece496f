/**
 * The side panel's start (loaded only there): the tab it was opened for, else the window's active tab at the time,
 * and the next one each time it is opened again for another tab. It never follows the active tab by itself.
 */

import browser from 'webextension-polyfill';
import { onPanelTab, panelTab } from '../lib/panel-target';

export async function startPanel(follow: (tabId: number) => void, none: () => void): Promise<void> {
  const windowId = (await browser.windows.getCurrent()).id ?? null;
  const id = (windowId !== null ? await panelTab(windowId) : null) ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (windowId !== null) onPanelTab(windowId, follow);
  if (id === undefined) return none();
  follow(id);
}
