/**
 * Keeps the MV3 service worker alive while a job runs. Chrome stops an idle worker about 30 s after its last
 * extension event, even mid-fetch; a cheap extension API call every 20 s counts as activity (measured in
 * shared/guides/e2e-chromium.md). Firefox's event page ignores it harmlessly.
 */

import browser from 'webextension-polyfill';

const PERIOD_MS = 20_000;
let holders = 0;
let timer: ReturnType<typeof setInterval> | undefined;

export function holdAlive(): () => void {
  holders += 1;
  if (!timer) timer = setInterval(() => void browser.runtime.getPlatformInfo(), PERIOD_MS);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
