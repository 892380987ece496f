/**
 * A rewrite sent to WordPress as a draft (or pending review): title = the headline, content = the body as our own
 * clean HTML (src/rewrite/render.ts: paragraphs, subheadings, lists, quotes; no page or model markup), excerpt = the
 * SEO pack's meta description, slug = its slug, tags = its keywords (found by name, created when missing), and an
 * optional attribution line linking the source. Sending with a post id updates that post instead of making another.
 */
import type { Answer } from '../job';
import { toHtml } from '../rewrite/render';
import { decodeEntities, WpError, wpRequest, type WpConnection } from './wp-api';

export type DraftStatus = 'draft' | 'pending';

export interface DraftInput {
  answer: Answer;
  status: DraftStatus;
  /** The page the rewrite was made from, for the attribution line. */
  sourceUrl?: string | null;
  /** Add "Source: <link>" at the end (a setting, on by default). */
  attribution?: boolean;
  categories?: number[];
}

export interface SentDraft {
  id: number;
  /** The post's address (a preview link while it is a draft). */
  link: string;
  /** Where the user edits it in WordPress. */
  editLink: string;
  status: string;
  slug: string;
  /** The tags the post has, by name. */
  tags: string[];
  /** What did not go as asked, said to the user: a slug WordPress changed, a tag that could not be made. */
  notes: string[];
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The post's HTML: the body as our renderer writes it, then the attribution line when asked and the source is a web page. */
export function draftContent(input: Pick<DraftInput, 'answer' | 'sourceUrl' | 'attribution'>): string {
  const html = toHtml('', input.answer.body);
  let source: URL | null = null;
  try {
    source = input.sourceUrl ? new URL(input.sourceUrl) : null;
  } catch {
    source = null;
  }
  if (input.attribution === false || !source || (source.protocol !== 'https:' && source.protocol !== 'http:')) return html;
  return `${html}\n<p>Source: <a href="${escapeHtml(source.href)}">${escapeHtml(source.host.replace(/^www\./, ''))}</a></p>`;
}

/** The keywords as tag ids: each found by its name, or made; one that cannot be made is left out and said. */
export async function tagIds(c: WpConnection, names: readonly string[]): Promise<{ ids: number[]; names: string[]; notes: string[] }> {
  const ids: number[] = [];
  const kept: string[] = [];
  const notes: string[] = [];
  for (const name of [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))]) {
    const found = await wpRequest<{ id: number; name: string }[]>(c, 'GET', 'wp/v2/tags', { query: { search: name, per_page: '100', _fields: 'id,name' } });
    let id = found.find((t) => decodeEntities(t.name).toLowerCase() === name.toLowerCase())?.id;
    if (id === undefined) {
      try {
        id = (await wpRequest<{ id: number }>(c, 'POST', 'wp/v2/tags', { body: { name } })).id;
      } catch (err) {
        const existing = err instanceof WpError && err.wpCode === 'term_exists' ? err.data?.term_id : undefined;
        if (typeof existing === 'number') id = existing;
        else if (err instanceof WpError && (err.code === 'forbidden' || err.code === 'bad-answer'))
          notes.push(`The tag "${name}" could not be created (${err.message}); the draft was sent without it.`);
        else throw err;
      }
    }
    if (id !== undefined && !ids.includes(id)) {
      ids.push(id);
      kept.push(name);
    }
  }
  return { ids, names: kept, notes };
}

interface PostAnswer {
  id: number;
  link?: string;
  status?: string;
  slug?: string;
}

/**
 * Creates the draft, or updates post `existing` (the same version sent again). A post that is gone from the site is
 * made anew, and said. The user's role must allow drafts (edit_posts): WordPress refuses otherwise, in words.
 */
export async function sendDraft(c: WpConnection, input: DraftInput, existing: number | null = null): Promise<SentDraft> {
  const { answer } = input;
  const tags = await tagIds(c, answer.seo.keywords ?? []);
  const slug = answer.seo.slug?.trim() ?? '';
  const body: Record<string, unknown> = {
    // WordPress reads the title and excerpt as HTML: model text goes in escaped, as the text it is.
    title: escapeHtml(answer.headline.trim()),
    content: draftContent(input),
    excerpt: escapeHtml(answer.seo.metaDescription?.trim() ?? ''),
    status: input.status,
    tags: tags.ids,
  };
  if (slug) body.slug = slug;
  if (input.categories?.length) body.categories = input.categories;
  const notes = [...tags.notes];
  let post: PostAnswer;
  try {
    post = await wpRequest<PostAnswer>(c, 'POST', existing === null ? 'wp/v2/posts' : `wp/v2/posts/${existing}`, { body });
  } catch (err) {
    if (existing === null || !(err instanceof WpError) || err.wpCode !== 'rest_post_invalid_id') throw err;
    notes.push(`Post ${existing} is no longer on the site, so a new draft was made.`);
    post = await wpRequest<PostAnswer>(c, 'POST', 'wp/v2/posts', { body });
  }
  if (typeof post.id !== 'number' || !Number.isInteger(post.id) || post.id <= 0)
    throw new WpError(
      'bad-answer',
      `${new URL(c.root).host} answered the draft without a post id: it may not have been made. Check the site's drafts before sending again.`,
    );
  const gotSlug = post.slug ?? '';
  if (slug && gotSlug && gotSlug !== slug) notes.push(`The slug "${slug}" was taken, so WordPress made it "${gotSlug}".`);
  const site = new URL(c.site.url);
  const admin = new URL(`${site.pathname.replace(/\/?$/, '/')}wp-admin/post.php`, site.origin);
  admin.search = new URLSearchParams({ post: String(post.id), action: 'edit' }).toString();
  return { id: post.id, link: post.link ?? '', editLink: admin.href, status: post.status ?? input.status, slug: gotSlug || slug, tags: tags.names, notes };
}
