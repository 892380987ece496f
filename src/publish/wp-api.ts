/**
 * A WordPress site's REST API, reached with an application password: the API root found from the site's
 * `Link: <…>; rel="https://api.w.org/"` header, else its `/wp-json/` or `?rest_route=` form; every request with Basic
 * auth to that one origin, no redirect followed (the password is never sent to another host), a time limit, and
 * every failure said in words an editor can act on. Pure: `fetch` is given, so Node and the extension share it.
 */

import { isPlainRemoteHttp } from '../settings';

export type WpErrorCode =
  'auth' | 'app-passwords-off' | 'forbidden' | 'not-wordpress' | 'redirect' | 'timeout' | 'unreachable' | 'server' | 'bad-answer' | 'bad-address';

export class WpError extends Error {
  constructor(
    readonly code: WpErrorCode,
    message: string,
    /** The site's own error code (`rest_cannot_create`, `incorrect_password`…), when it gave one. */
    readonly wpCode: string | null = null,
    readonly status: number | null = null,
    /** The error's `data` (for `term_exists`: the existing term's id). */
    readonly data: Record<string, unknown> | null = null,
    /** What the site said, as text (for a page that words the failure itself, in its own language). */
    readonly siteMessage: string | null = null,
  ) {
    super(message);
    this.name = 'WpError';
  }
}

export interface WpSite {
  /** The site's address as the user gave it, e.g. `https://news.example` (a path is kept: WordPress in a folder). */
  url: string;
  user: string;
  /** The application password (spaces as WordPress shows them are fine). */
  password: string;
}

export interface WpConnection {
  site: WpSite;
  /** The API root: `…/wp-json/` or `…/?rest_route=/` (a route is appended to the path or to rest_route). */
  root: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export const WP_TIMEOUT_MS = 20_000;

/** The site's address, checked: http(s), no user:pass@ in it. Plain http only to this machine. */
export function siteAddress(url: string): URL {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new WpError('bad-address', `"${url}" is not a web address. Give the site's address, such as https://news.example.`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new WpError('bad-address', `The site's address must start with https:// (it is ${u.protocol}).`);
  if (u.username || u.password) throw new WpError('bad-address', 'Leave the user name and password out of the address; they have their own fields.');
  if (isPlainRemoteHttp(u.href))
    throw new WpError('bad-address', `Use https://${u.host}: an application password is never sent over plain http to another computer.`);
  u.hash = '';
  u.search = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u;
}

/** `path` ("wp/v2/posts") under the API root, with a query. */
export function routeUrl(root: string, path: string, query: Record<string, string> = {}): string {
  const u = new URL(root);
  const route = `/${path.replace(/^\/+/, '')}`;
  if (u.searchParams.has('rest_route')) u.searchParams.set('rest_route', route);
  else u.pathname = `${u.pathname.replace(/\/+$/, '')}${route}`;
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return u.href;
}

/** Basic auth, UTF-8 (a user name may have accents); WordPress shows application passwords in groups with spaces. */
function authHeader(site: WpSite): string {
  const bytes = new TextEncoder().encode(`${site.user}:${site.password.replace(/\s+/g, '')}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** One fetch with the time limit and no redirect; a failure to connect or a redirect becomes a WpError. */
async function send(c: Pick<WpConnection, 'fetch' | 'timeoutMs'>, url: string, init: RequestInit, host: string): Promise<Response> {
  let response: Response;
  try {
    response = await c.fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(c.timeoutMs) });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new WpError('timeout', `${host} did not answer within ${Math.round(c.timeoutMs / 1000)} s. The site may be down or slow; try again later.`);
    throw new WpError('unreachable', `Cannot reach ${host}: nothing answered there. Check the address and that the site is up.`);
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    const to = response.headers.get('location');
    throw new WpError(
      'redirect',
      `${host} answered with a redirect${to ? ` to ${to}` : ''}. Newsmith does not follow it, so your password is never sent to another address: give the site's final address (https://, with or without www, as your browser shows it).`,
      null,
      response.status,
    );
  }
  return response;
}

/** The site's error, in words: its JSON `{code, message}` read, its status mapped. */
async function failure(response: Response, host: string): Promise<WpError> {
  let code: string | null = null;
  let message = '';
  let data: Record<string, unknown> | null = null;
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown; data?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (body.data && typeof body.data === 'object') data = body.data as Record<string, unknown>;
    if (typeof body.message === 'string') message = body.message.replace(/<[^>]*>/g, '').slice(0, 300);
  } catch {
    /* not JSON */
  }
  const said = message ? ` (WordPress said: "${message}")` : '';
  const s = response.status;
  const error = (kind: WpErrorCode, words: string): WpError => new WpError(kind, words, code, s, data, message || null);
  if (code === 'application_passwords_disabled' || code === 'rest_application_passwords_disabled')
    return error('app-passwords-off', `Application passwords are switched off on ${host}${said}. An administrator can turn them on (they need HTTPS).`);
  if (s === 401)
    return error(
      'auth',
      `${host} refused the user name or application password${said}. Check both; the password is the one WordPress showed under Users → Profile → Application Passwords.`,
    );
  if (s === 403) return error('forbidden', `This user may not do that on ${host}${said}. Ask an administrator for the Author or Editor role.`);
  if (s === 404)
    return error('not-wordpress', `${host} has no such WordPress REST API route${said}. Check the site's address, and that its REST API is not switched off.`);
  if (s >= 500) return error('server', `${host} failed (HTTP ${s})${said}. Try again later.`);
  return error('bad-answer', `${host} refused the request (HTTP ${s})${said}.`);
}

/** A JSON request to the API: the parsed answer, or a WpError. */
export async function wpRequest<T>(
  c: WpConnection,
  method: 'GET' | 'POST',
  path: string,
  opts: { query?: Record<string, string>; body?: unknown } = {},
): Promise<T> {
  const host = new URL(c.root).host;
  const headers: Record<string, string> = { authorization: authHeader(c.site), accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const response = await send(
    c,
    routeUrl(c.root, path, opts.query),
    { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) },
    host,
  );
  if (!response.ok) throw await failure(response, host);
  try {
    return (await response.json()) as T;
  } catch {
    throw new WpError(
      'not-wordpress',
      `${host} answered with something other than WordPress's JSON (an HTML page?). Check the site's address.`,
      null,
      response.status,
    );
  }
}

/** The API root named by the site's `Link` header (rel="https://api.w.org/"), if it is on the site's own origin. */
function linkedRoot(link: string | null, origin: string): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?https:\/\/api\.w\.org\/"?/.exec(part);
    if (!m) continue;
    try {
      const u = new URL(m[1] as string, origin);
      return u.origin === origin ? u.href : null; // another origin is never sent the password
    } catch {
      return null;
    }
  }
  return null;
}

/** Whether an answer is a WordPress API index (it lists the wp/v2 namespace). */
async function isApiIndex(response: Response): Promise<boolean> {
  if (!response.ok) return false;
  try {
    const body = (await response.json()) as { namespaces?: unknown };
    return Array.isArray(body.namespaces) && body.namespaces.includes('wp/v2');
  } catch {
    return false;
  }
}

/**
 * Finds the site's API root: the `Link` header of its home page, then `/wp-json/`, then `/?rest_route=/`. No
 * credentials are sent while looking. Throws a WpError saying what was found instead.
 */
export async function connect(site: WpSite, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<WpConnection> {
  const base = siteAddress(site.url);
  const c = { fetch: opts.fetch ?? globalThis.fetch.bind(globalThis), timeoutMs: opts.timeoutMs ?? WP_TIMEOUT_MS };
  const host = base.host;
  const candidates: string[] = [];
  // Reached but not read (an extension without the site's host permission cannot read its HTML, only the API,
  // which WordPress serves with CORS headers): the API forms below are still tried.
  let unreachable: WpError | null = null;
  const tolerant = (err: unknown): null => {
    if (!(err instanceof WpError) || (err.code !== 'unreachable' && err.code !== 'redirect')) throw err;
    if (err.code === 'unreachable') unreachable = err;
    return null;
  };
  // GET, not HEAD: some servers (PHP's own) never end a HEAD answer. Only the headers are read.
  const home = await send(c, base.href, { method: 'GET' }, host).catch((err: unknown) => {
    if (err instanceof WpError && err.code === 'redirect') throw err; // the address the user gave moved: say so
    return tolerant(err);
  });
  void home?.body?.cancel().catch(() => undefined);
  const linked = home ? linkedRoot(home.headers.get('link'), base.origin) : null;
  if (linked) candidates.push(linked);
  candidates.push(new URL('wp-json/', base).href, `${base.href}?rest_route=/`);
  let reached = false;
  for (const root of [...new Set(candidates)]) {
    const index = await send(c, root, { method: 'GET', headers: { accept: 'application/json' } }, host).catch(tolerant);
    if (!index) continue;
    reached = true;
    if (await isApiIndex(index)) return { site, root, ...c };
  }
  if (!reached && unreachable) throw unreachable;
  throw new WpError(
    'not-wordpress',
    `No WordPress REST API found at ${base.href} (tried ${candidates.join(', ')}). Check the address, and that the site's REST API is not switched off.`,
  );
}

export interface WpUser {
  id: number;
  name: string;
  /** May create posts (drafts and pending review): the edit_posts capability. */
  canCreate: boolean;
  /** May publish (not needed for drafts; said in Test). */
  canPublish: boolean;
}

/** Who the password belongs to and what they may do (`/wp/v2/users/me`): what *Test* shows. */
export async function whoAmI(c: WpConnection): Promise<WpUser> {
  const me = await wpRequest<{ id?: unknown; name?: unknown; capabilities?: Record<string, unknown> }>(c, 'GET', 'wp/v2/users/me', {
    query: { context: 'edit' },
  });
  const caps = me.capabilities ?? {};
  return {
    id: typeof me.id === 'number' ? me.id : 0,
    name: typeof me.name === 'string' ? me.name : c.site.user,
    canCreate: caps.edit_posts === true,
    canPublish: caps.publish_posts === true,
  };
}

/** The site's categories, by name (for the options' picker); entities in names decoded. */
export async function categories(c: WpConnection): Promise<{ id: number; name: string }[]> {
  const list = await wpRequest<{ id?: unknown; name?: unknown }[]>(c, 'GET', 'wp/v2/categories', { query: { per_page: '100', _fields: 'id,name' } });
  return list
    .filter((x): x is { id: number; name: string } => typeof x.id === 'number' && typeof x.name === 'string')
    .map((x) => ({ id: x.id, name: decodeEntities(x.name) }));
}

/** The few entities WordPress writes into term names (`&amp;`, `&#039;`…), as text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#0?39);/g, (all, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#039': "'", '#39': "'" })[e] ?? all);
}
