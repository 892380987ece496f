/**
 * The key a page's versions are stored under, on its own so that code which needs only the key (the feed reader
 * off-screen) does not bundle the job model.
 */

const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|igshid|ref_src)$/i;

/**
 * The key a page's result is stored under: the URL without its fragment and tracking parameters,
 * so the same article opened again, from any tab or link, finds its result.
 */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const name of [...u.searchParams.keys()]) if (TRACKING.test(name)) u.searchParams.delete(name);
    u.searchParams.sort();
    return u.toString();
  } catch {
    return url;
  }
}
