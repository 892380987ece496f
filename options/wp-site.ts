/**
 * The options page's WordPress form: the site's address, user and application password (kept in storage.local,
 * never shown again once saved), the status and category drafts go in, the attribution line; *Test* asks the
 * background who the password belongs to and lists the site's categories. A saved password is sent to its own site only: a new address needs its own password.
 */
import browser from 'webextension-polyfill';
import type { RequestOf, ResponseOf } from '../src/messages';
import { siteOrigin, WP_SITE_DEFAULTS, type WpSiteSettings } from '../src/publish/wp-site';
import { isPlainRemoteHttp } from '../src/settings';
import { loadWpSite, saveWpSite } from '../lib/wp-site-store';
import { t } from '../lib/i18n';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function startWpForm(endpointOrigin: () => string): void {
  const form = byId<HTMLFormElement>('wp-form');
  const url = byId<HTMLInputElement>('wp-url');
  const user = byId<HTMLInputElement>('wp-user');
  const password = byId<HTMLInputElement>('wp-password');
  const status = byId<HTMLSelectElement>('wp-status');
  const attribution = byId<HTMLInputElement>('wp-attribution');
  const category = byId<HTMLSelectElement>('wp-category');
  const defaultCategory = category.options[0] as HTMLOptionElement;
  /** The picker: the site's default, the saved category (by id until Test names it), and what Test listed. */
  const showCategories = (list: readonly { id: number; name: string }[], chosen: number, chosenName = ''): void => {
    const options = [defaultCategory, ...list.map((c) => new Option(c.name, String(c.id)))];
    if (chosen && !list.some((c) => c.id === chosen)) options.push(new Option(chosenName || `#${chosen}`, String(chosen)));
    category.replaceChildren(...options);
    category.value = String(chosen);
  };
  const result = byId<HTMLElement>('wp-result');
  const remove = byId<HTMLButtonElement>('wp-remove');
  let saved: WpSiteSettings = WP_SITE_DEFAULTS;
  /** Sites that answered Test from here: the extension reaches their API without a host permission. */
  const reachable = new Set<string>();

  const say = (ok: boolean, text: string): void => {
    result.dataset.ok = String(ok);
    result.textContent = text;
  };
  const fill = (site: WpSiteSettings): void => {
    saved = site;
    url.value = site.url;
    user.value = site.user;
    password.value = '';
    password.placeholder = site.password ? t('optionsWpPasswordSaved') : '';
    status.value = site.status;
    attribution.checked = site.attribution;
    if (category.value !== String(site.category)) showCategories([], site.category, site.categoryName);
    remove.hidden = site.url === '';
  };
  /** The password for the form's site: the one typed, else the saved one if the site and user are the saved ones. */
  const passwordFor = (address: string, name: string): string =>
    password.value.trim() || (siteOrigin(address) !== '' && siteOrigin(address) === siteOrigin(saved.url) && name === saved.user ? saved.password : '');

  const test = async (): Promise<void> => {
    const site = { url: url.value.trim(), user: user.value.trim(), password: password.value.trim() };
    say(true, t('optionsWpTesting'));
    try {
      const request: RequestOf<'wp-test'> = { type: 'wp-test', site };
      const answer = (await browser.runtime.sendMessage(request)) as ResponseOf<'wp-test'>;
      if (answer.ok) reachable.add(siteOrigin(site.url));
      if (answer.ok && answer.categories) showCategories(answer.categories, Number(category.value) || 0);
      say(answer.ok, answer.message);
    } catch (err) {
      say(false, t('optionsNoAnswer', err instanceof Error ? err.message : String(err)));
    }
  };
  /** Asks for the site's host inside the click (a user gesture); once granted, the test runs again by itself. */
  const askAccess = (origin: string): void => {
    if (origin) void browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
  };
  browser.permissions.onAdded.addListener((granted) => {
    const origin = siteOrigin(url.value.trim());
    if (origin && granted.origins?.includes(`${origin}/*`)) void test();
  });
  byId('wp-test').addEventListener('click', () => {
    askAccess(siteOrigin(url.value.trim()));
    void test();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const address = url.value.trim();
    const origin = siteOrigin(address);
    if (!origin) return say(false, t('wpErrBadAddress'));
    if (isPlainRemoteHttp(address)) return say(false, t('optionsWpNeedsHttps', new URL(address).host));
    const secret = passwordFor(address, user.value.trim());
    if (!secret) return say(false, saved.password && origin !== siteOrigin(saved.url) ? t('optionsWpNewSiteNeedsPassword') : t('wpTestNeedsAll'));
    // Asked inside the click (browsers need a user gesture), for this origin only, unless Test reached it already.
    if (!reachable.has(origin)) askAccess(origin);
    const site: WpSiteSettings = {
      url: address,
      user: user.value.trim(),
      password: secret,
      status: status.value === 'pending' ? 'pending' : 'draft',
      attribution: attribution.checked,
      category: Number(category.value) || 0,
      categoryName: Number(category.value) ? (category.selectedOptions[0]?.text ?? '') : '',
    };
    const before = siteOrigin(saved.url);
    void saveWpSite(site).then(
      () => {
        fill(site);
        say(true, t('optionsWpSaved'));
        // A site moved to another address gives the old one's host access back, so grants never pile up.
        if (before && before !== origin && before !== endpointOrigin()) void browser.permissions.remove({ origins: [`${before}/*`] }).catch(() => false);
      },
      (err: unknown) => say(false, t('optionsNotSaved', err instanceof Error ? err.message : String(err))),
    );
  });

  remove.addEventListener('click', () => {
    const origin = siteOrigin(saved.url);
    void saveWpSite(WP_SITE_DEFAULTS).then(() => {
      fill(WP_SITE_DEFAULTS);
      say(true, t('optionsWpRemoved'));
      if (origin && origin !== endpointOrigin()) void browser.permissions.remove({ origins: [`${origin}/*`] }).catch(() => false);
    });
  });

  void loadWpSite().then(fill);
}
