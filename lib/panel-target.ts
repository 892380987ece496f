/** The side panel's side of lib/panel.ts: which tab it was opened for, and when it is opened for another. */

import browser from 'webextension-polyfill';
import { panelKey } from './panel';

/** The tab the window's panel was last opened for, if any. */
export async function panelTab(windowId: number): Promise<number | null> {
  const value = (await browser.storage.session.get(panelKey(windowId)))[panelKey(windowId)];
  return Number.isInteger(value) ? (value as number) : null;
}

/** Calls `fn` each time the window's panel is opened for a tab (again). */
export function onPanelTab(windowId: number, fn: (tabId: number) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    const value = area === 'session' ? changes[panelKey(windowId)]?.newValue : undefined;
    if (Number.isInteger(value)) fn(value as number);
  });
}
