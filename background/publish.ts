/**
 * WordPress from the extension: *Test* for the options page, and *Send to WordPress as draft* for the popup, the side
 * panel and the review page. The password is read here, from storage.local, and goes only to the saved site's origin;
 * a page asks with a version id and gets the post back, recorded on the version (sending it again updates that post).
 */
import browser from 'webextension-polyfill';
import { categories, connect, whoAmI, WpError } from '../src/publish/wp-api';
import { sendDraft } from '../src/publish/wp-draft';
import { siteOrigin, wpReady, type Published } from '../src/publish/wp-site';
import { isPlainRemoteHttp } from '../src/settings';
import type { ResponseOf } from '../src/messages';
import type { DoneJob } from '../src/job';
import type { JobSaver } from '../lib/job-saver';
import { loadWpSite } from '../lib/wp-site-store';
import { t } from '../lib/i18n';

/**
 * The site's words for a failure, in the UI's language, WordPress's own reason after them. Nothing answering while the
 * site's host permission is not granted is said as that: WordPress serves no CORS headers an extension can use.
 */
async function failure(err: unknown, url: string): Promise<string> {
  const origin = siteOrigin(url);
  const host = origin.replace(/^https?:\/\//, '') || url;
  if (err instanceof WpError && err.code === 'unreachable' && origin) {
    const granted = await browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false);
    if (!granted) return t('wpErrNoAccess', host);
  }
  if (!(err instanceof WpError)) return t('wpErrUnknown', [host, err instanceof Error ? err.message : String(err)]);
  if (err.code === 'bad-address' && isPlainRemoteHttp(url)) return t('optionsWpNeedsHttps', host);
  const said = err.siteMessage ?? '';
  const words: Record<WpError['code'], string> = {
    auth: t('wpErrAuth', host),
    'app-passwords-off': t('wpErrAppPasswordsOff', host),
    forbidden: t('wpErrForbidden', host),
    'not-wordpress': t('wpErrNotWordPress', host),
    redirect: t('wpErrRedirect', host),
    timeout: t('wpErrTimeout', host),
    unreachable: t('wpErrUnreachable', host),
    server: t('wpErrServer', host),
    'bad-answer': t('wpErrServer', host),
    'bad-address': t('wpErrBadAddress'),
  };
  return said ? `${words[err.code]} (WordPress: “${said}”)` : words[err.code];
}

/** Test: who the password belongs to and whether they may write drafts. An empty password is the saved one, for the saved site only. */
export async function testWpSite(given: { url: string; user: string; password: string }): Promise<ResponseOf<'wp-test'>> {
  const saved = await loadWpSite();
  const password =
    given.password || (siteOrigin(given.url) !== '' && siteOrigin(given.url) === siteOrigin(saved.url) && given.user === saved.user ? saved.password : '');
  if (!given.url || !given.user || !password) return { ok: false, message: t('wpTestNeedsAll') };
  try {
    const c = await connect({ url: given.url, user: given.user, password });
    const me = await whoAmI(c);
    if (!me.canCreate) return { ok: false, message: t('wpTestCannotCreate', me.name) };
    return { ok: true, message: t('wpTestOk', me.name), categories: await categories(c).catch(() => []) };
  } catch (err) {
    return { ok: false, message: await failure(err, given.url) };
  }
}

/** Sends version `id` as a draft: its own post again if it has one on this site, else `replace`, else a new post. */
export async function sendVersion(saver: JobSaver, id: string, how: { replace?: number; fresh?: boolean } = {}): Promise<ResponseOf<'wp-send'>> {
  const [site, job] = await Promise.all([loadWpSite(), saver.get(id)]);
  if (!wpReady(site)) return { ok: false, message: t('wpNoSite') };
  if (!job || job.state !== 'done') return { ok: false, message: t('wpNotDone') };
  const origin = siteOrigin(site.url);
  const own = job.published?.site === origin ? job.published.post : null;
  if (own === null && how.replace === undefined && !how.fresh) {
    // Another version of this page went to this site: the user says whether this one replaces it or is a new draft.
    const earlier = (await saver.versions(job.key))
      .filter((v): v is DoneJob => v.id !== job.id && v.state === 'done' && v.published?.site === origin)
      .sort((a, b) => (b.published?.at ?? 0) - (a.published?.at ?? 0))[0]?.published;
    if (earlier) return { ok: false, message: t('popupWpChoose', String(earlier.post)), choose: { post: earlier.post, editLink: earlier.editLink } };
  }
  const existing = own ?? how.replace ?? null;
  try {
    const c = await connect({ url: site.url, user: site.user, password: site.password });
    const sent = await sendDraft(
      c,
      { answer: job.answer, status: site.status, sourceUrl: job.url, attribution: site.attribution, categories: site.category ? [site.category] : [] },
      existing,
    );
    const published: Published = { site: origin, post: sent.id, editLink: sent.editLink, status: sent.status, at: Date.now() };
    await saver.save({ ...job, published });
    return { ok: true, published, notes: sent.notes };
  } catch (err) {
    return { ok: false, message: await failure(err, site.url) };
  }
}
