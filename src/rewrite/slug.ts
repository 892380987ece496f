/**
 * A file name for a rewrite (the CLI's `batch`, an export): the SEO pack's slug when the model gave one, else the
 * headline's words, else the page address's last segment; plain ASCII letters, digits and hyphens, at most
 * MAX_SLUG_CHARS, never empty. "Café in São Paulo" is "cafe-in-sao-paulo".
 */

export const MAX_SLUG_CHARS = 80;

function slugOf(text: string): string {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (plain.length <= MAX_SLUG_CHARS) return plain;
  const cut = plain.lastIndexOf('-', MAX_SLUG_CHARS);
  return plain.slice(0, cut > MAX_SLUG_CHARS / 2 ? cut : MAX_SLUG_CHARS).replace(/-+$/, '');
}

function lastSegment(url: string): string {
  try {
    const parts = new URL(url).pathname.split('/').filter(Boolean);
    return decodeURIComponent(parts.at(-1) ?? '').replace(/\.[a-z0-9]{2,5}$/i, '');
  } catch {
    return '';
  }
}

export function rewriteSlug(seoSlug: string | undefined, headline: string, url: string): string {
  for (const candidate of [seoSlug ?? '', headline, lastSegment(url)]) {
    const slug = slugOf(candidate);
    if (slug !== '') return slug;
  }
  return 'article';
}

/** `slug`, or `slug-2`, `slug-3`…: the first that `taken` does not hold (compared without case). */
export function freeSlug(slug: string, taken: (name: string) => boolean): string {
  if (!taken(slug)) return slug;
  for (let n = 2; ; n++) if (!taken(`${slug}-${n}`)) return `${slug}-${n}`;
}
