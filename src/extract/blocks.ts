import type { Block, BlockKind } from '../article';
import { isSpaceCode } from '../words';
import { classOf } from './hidden';
import { stripInvisible } from './invisible';

/**
 * Readability's article DOM → Blocks, by walking the tree.
 *
 * - h1–h6 → `heading`, li → `list-item`, blockquote → `quote`, everything else that holds text → `paragraph`.
 *   The nearest of these ancestors decides the kind (a `<p>` inside an `<li>` is a list item, inside a
 *   `<blockquote>` a quote); headings win over all.
 * - Every block-level element ends the text before it and starts a new block, so the end of one paragraph
 *   is never glued to the start of the next. Inline elements (a, span, em…) do not split.
 * - Two or more `<br>` in a row end a paragraph; a single `<br>` is a space.
 * - Table cells are spaced apart; each table row becomes one block.
 * - Whitespace (including no-break spaces) is collapsed and trimmed; empty blocks are dropped.
 * - Each block notes the outermost element around it whose tag, class or id names page furniture
 *   (`FURNITURE_NAMES`: a caption, an author box, comments…), for the `furniture-class` cleanup rule.
 *   Readability must run with `keepClasses: true` for the class names to be there.
 */

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

/** Never reader text (or only fallback text such as "your browser does not support video"). */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'button',
  'select',
  'option',
  'input',
  'textarea',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  'img',
  'head',
]);

const CELL_TAGS = new Set(['td', 'th']);

const HEADING = /^h[1-6]$/;

/**
 * Class / id name parts (split at anything but letters and digits, lower-cased) of elements that hold page
 * furniture, never story text, with the role reported for them. Measured on the shared corpus (480 pages
 * with ground truth): blocks under these names are ground-truth text in well under a tenth of cases, while
 * names such as "related", "newsletter", "share", "sidebar", "gallery", "meta" or "box" hold story text as
 * often as junk and are left out.
 */
export const FURNITURE_NAMES: ReadonlyMap<string, string> = new Map([
  ...['caption', 'figcaption', 'captions', 'credit', 'credits', 'photocredit', 'attachment', 'slideshow', 'carousel', 'photo'].map(
    (n) => [n, 'caption'] as const,
  ),
  ...['author', 'authors', 'bio', 'byline', 'authorbio', 'contributor'].map((n) => [n, 'author'] as const),
  ...['comment', 'comments', 'disqus', 'dsq'].map((n) => [n, 'comments'] as const),
  ...['popular', 'mostpopular', 'cookie', 'cookies', 'modal', 'footer', 'tags', 'stories', 'latest', 'tabs', 'tabbed'].map((n) => [n, 'page'] as const),
  ...['disclosure', 'disclaimer'].map((n) => [n, 'disclosure'] as const),
  // Embedded posts as their markup reads before the network's script runs (`.twitter-tweet`, `.instagram-media`, `.tiktok-embed`).
  ...['tweet', 'twitter', 'instagram', 'tiktok'].map((n) => [n, 'social'] as const),
]);

/** Any class or id that could name furniture holds one of the names as a substring (the cheap test before the split). */
const MAY_NAME_FURNITURE = new RegExp([...FURNITURE_NAMES.keys()].join('|'), 'i');

/** Tags that are furniture whatever their class. */
const FURNITURE_TAGS: ReadonlyMap<string, string> = new Map([
  ['figcaption', 'caption'],
  ['footer', 'page'],
]);

/** The furniture role an element's own tag, class or id names, if any. */
export function furnitureRole(el: Element): string | null {
  const byTag = FURNITURE_TAGS.get(el.localName);
  if (byTag) return byTag;
  if (!el.hasAttributes()) return null;
  const names = `${classOf(el) ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (names.length <= 1 || !MAY_NAME_FURNITURE.test(names)) return null;
  for (const part of names.toLowerCase().split(/[^a-z0-9]+/)) {
    const role = part ? FURNITURE_NAMES.get(part) : undefined;
    if (role) return role;
    // Run-together names: "nodeByline", "bylineExpanded".
    if (part.length > 6 && part.includes('byline')) return 'author';
  }
  return null;
}

/** The furniture element a block sits in: its role and a number shared by all blocks of that element. */
export interface FurnitureMark {
  role: string;
  element: number;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Something `collapseWhitespace` would change: a space character other than " ", a zero-width space, two spaces, a space at either end. */
const NEEDS_COLLAPSE = /[^\S ]|\u200b| {2}|^ | $/;

/** Runs of whitespace (and zero-width spaces) as one space, trimmed. Text that is already so comes back as is (no copy). */
export function collapseWhitespace(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? s.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim() : s;
}

/** `s.replace(/\s+/g, '').length`, without the copy. */
export function nonSpaceLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) n++;
  return n;
}

class BlockBuilder {
  readonly blocks: Block[] = [];
  /** For each block, the share of its non-space characters that sat inside a link. */
  readonly linkShares: number[] = [];
  /** For each block, the outermost furniture element it sits in (or null). */
  readonly furniture: (FurnitureMark | null)[] = [];
  private buf = '';
  /** Some text other than whitespace has come since the last flush. */
  private started = false;
  private mark: FurnitureMark | null = null;
  /** Furniture elements numbered so far. */
  furnitureElements = 0;
  private linkChars = 0;
  private kind: BlockKind = 'paragraph';
  /** `<br>`s seen since the last non-whitespace text. */
  private brRun = 0;

  text(s: string, kind: BlockKind, inLink = false, mark: FurnitureMark | null = null): void {
    if (!s) return;
    if (inLink) this.linkChars += nonSpaceLength(s);
    if (/\S/.test(s)) {
      if (!this.started) {
        this.kind = kind;
        this.mark = mark;
        this.started = true;
      }
      this.brRun = 0;
    }
    this.buf += s;
  }

  br(kind: BlockKind): void {
    this.brRun += 1;
    if (this.brRun >= 2) this.flush();
    else this.text(' ', kind);
  }

  space(): void {
    this.buf += ' ';
  }

  flush(): void {
    const text = collapseWhitespace(stripInvisible(this.buf));
    if (text) {
      this.blocks.push({ kind: this.kind, text });
      this.linkShares.push(Math.min(1, this.linkChars / Math.max(1, nonSpaceLength(text))));
      this.furniture.push(this.mark);
    }
    this.buf = '';
    this.started = false;
    this.mark = null;
    this.linkChars = 0;
    this.brRun = 0;
  }
}

function kindFor(tag: string, inherited: BlockKind): BlockKind {
  if (HEADING.test(tag)) return 'heading';
  if (inherited === 'heading') return 'heading';
  if (tag === 'li') return 'list-item';
  if (tag === 'blockquote') return 'quote';
  return inherited;
}

function walk(node: Node, kind: BlockKind, out: BlockBuilder, inLink = false, mark: FurnitureMark | null = null): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      out.text(child.nodeValue ?? '', kind, inLink, mark);
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const el = child as Element;
    const tag = el.localName;
    if (SKIP_TAGS.has(tag)) continue;
    if (tag === 'br') {
      out.br(kind);
      continue;
    }
    let inner = mark;
    if (!inner) {
      const role = furnitureRole(el);
      if (role) inner = { role, element: out.furnitureElements++ };
    }
    if (CELL_TAGS.has(tag)) {
      out.space();
      walk(el, kind, out, inLink, inner);
      out.space();
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      out.flush();
      walk(el, kindFor(tag, kind), out, inLink, inner);
      out.flush();
      continue;
    }
    walk(el, kind, out, inLink || tag === 'a', inner);
  }
}

export interface WalkedBlocks {
  blocks: Block[];
  /** For each block, the share of its text that is link text (0–1). */
  linkShares: number[];
  /** For each block, the outermost furniture element (caption, author box…) it sits in, or null. */
  furniture: (FurnitureMark | null)[];
}

/** The blocks of an article root, each with its link-text share and furniture mark. */
export function elementToBlocksWithLinks(root: Node): WalkedBlocks {
  const out = new BlockBuilder();
  const startKind = root.nodeType === ELEMENT_NODE ? kindFor((root as Element).localName, 'paragraph') : 'paragraph';
  walk(root, startKind, out);
  out.flush();
  return { blocks: out.blocks, linkShares: out.linkShares, furniture: out.furniture };
}

/** The blocks of an article root (Readability's content element, or any element). */
export function elementToBlocks(root: Node): Block[] {
  return elementToBlocksWithLinks(root).blocks;
}
