/** The WordPress site, in storage.local only (its application password is a secret): read field by field, written whole. */
import browser from 'webextension-polyfill';
import { readWpSite, type WpSiteSettings } from '../src/publish/wp-site';

const KEY = 'wordpressSite';

export async function loadWpSite(): Promise<WpSiteSettings> {
  const stored = await browser.storage.local.get(KEY);
  return readWpSite(stored[KEY]);
}

export async function saveWpSite(site: WpSiteSettings): Promise<void> {
  await browser.storage.local.set({ [KEY]: readWpSite(site) });
}
