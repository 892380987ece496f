/**
 * The WordPress site a user sends drafts to, as stored (storage.local only: the application password is a secret,
 * never synced, shown, logged or exported), and where a version was sent. The defaults are the schema: every stored
 * field is checked on read and falls back alone.
 */
import type { DraftStatus } from './wp-draft';

export const WP_SITE_DEFAULTS = {
  /** The site's address (empty: no site yet). */
  url: '',
  user: '',
  /** Secret: the application password, sent to `url`'s origin only. */
  password: '',
  /** End each draft with a "Source:" line linking the page it was rewritten from. */
  attribution: true,
  status: 'draft' as DraftStatus,
  /** The category drafts go in (a term id), or 0 for the site's default. */
  category: 0,
  /** Its name, as Test listed it (shown until the next Test). */
  categoryName: '',
};

export type WpSiteSettings = typeof WP_SITE_DEFAULTS;

/** Where and when a version was sent: sending it again updates that post. */
export interface Published {
  /** The site's origin. */
  site: string;
  post: number;
  editLink: string;
  status: string;
  at: number;
}

/** The site's origin ('' when the address is not an http(s) one). */
export function siteOrigin(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : '';
  } catch {
    return '';
  }
}

const isText =
  (max: number) =>
  (v: unknown): v is string =>
    typeof v === 'string' && v.length <= max;

/** The stored site, each field checked (a bad one falls back to its default). */
export function readWpSite(raw: unknown): WpSiteSettings {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const url = isText(500)(r.url) && (r.url === '' || siteOrigin(r.url) !== '') ? r.url : WP_SITE_DEFAULTS.url;
  return {
    url,
    user: isText(200)(r.user) ? r.user : WP_SITE_DEFAULTS.user,
    password: isText(200)(r.password) ? r.password : WP_SITE_DEFAULTS.password,
    attribution: typeof r.attribution === 'boolean' ? r.attribution : WP_SITE_DEFAULTS.attribution,
    status: r.status === 'draft' || r.status === 'pending' ? r.status : WP_SITE_DEFAULTS.status,
    category: typeof r.category === 'number' && Number.isInteger(r.category) && r.category >= 0 ? r.category : WP_SITE_DEFAULTS.category,
    categoryName: isText(200)(r.categoryName) ? r.categoryName : WP_SITE_DEFAULTS.categoryName,
  };
}

/** Whether drafts can be sent: an address, a user and a password. */
export const wpReady = (s: WpSiteSettings): boolean => s.url !== '' && s.user.trim() !== '' && s.password.trim() !== '';

/** A stored `published` record, or undefined when it is not one. */
export function readPublished(v: unknown): Published | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const p = v as Record<string, unknown>;
  const ok =
    typeof p.site === 'string' &&
    siteOrigin(p.site) === p.site &&
    typeof p.post === 'number' &&
    Number.isInteger(p.post) &&
    p.post > 0 &&
    typeof p.editLink === 'string' &&
    siteOrigin(p.editLink) === p.site &&
    typeof p.status === 'string' &&
    typeof p.at === 'number';
  return ok ? { site: p.site as string, post: p.post as number, editLink: p.editLink as string, status: p.status as string, at: p.at as number } : undefined;
}
