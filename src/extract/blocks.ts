import type { Block, BlockKind } from '../article';

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
 */

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP',
  'HR', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD',
  'TR', 'UL',
]);

/** Never reader text (or only fallback text such as "your browser does not support video"). */
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'BUTTON', 'SELECT', 'OPTION', 'INPUT', 'TEXTAREA',
  'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'PICTURE', 'IMG', 'HEAD',
]);

const CELL_TAGS = new Set(['TD', 'TH']);

const HEADING = /^H[1-6]$/;

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export function collapseWhitespace(s: string): string {
  return s.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

class BlockBuilder {
  readonly blocks: Block[] = [];
  /** For each block, the share of its non-space characters that sat inside a link. */
  readonly linkShares: number[] = [];
  private buf = '';
  private linkChars = 0;
  private kind: BlockKind = 'paragraph';
  /** `<br>`s seen since the last non-whitespace text. */
  private brRun = 0;

  text(s: string, kind: BlockKind, inLink = false): void {
    if (!s) return;
    if (inLink) this.linkChars += s.replace(/[\s\u00a0]+/g, '').length;
    if (/\S/.test(s)) {
      if (!this.buf.trim()) this.kind = kind;
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
    const text = collapseWhitespace(this.buf);
    if (text) {
      this.blocks.push({ kind: this.kind, text });
      this.linkShares.push(Math.min(1, this.linkChars / Math.max(1, text.replace(/\s+/g, '').length)));
    }
    this.buf = '';
    this.linkChars = 0;
    this.brRun = 0;
  }
}

function kindFor(tag: string, inherited: BlockKind): BlockKind {
  if (HEADING.test(tag)) return 'heading';
  if (inherited === 'heading') return 'heading';
  if (tag === 'LI') return 'list-item';
  if (tag === 'BLOCKQUOTE') return 'quote';
  return inherited;
}

function walk(node: Node, kind: BlockKind, out: BlockBuilder, inLink = false): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      out.text(child.nodeValue ?? '', kind, inLink);
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const el = child as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag)) continue;
    if (tag === 'BR') {
      out.br(kind);
      continue;
    }
    if (CELL_TAGS.has(tag)) {
      out.space();
      walk(el, kind, out, inLink);
      out.space();
      continue;
    }
    if (BLOCK_TAGS.has(tag)) {
      const inner = kindFor(tag, kind);
      out.flush();
      walk(el, inner, out, inLink);
      out.flush();
      continue;
    }
    walk(el, kind, out, inLink || tag === 'A');
  }
}

/** The blocks of an article root, each with the share of its text that is link text (0–1). */
export function elementToBlocksWithLinks(root: Node): { blocks: Block[]; linkShares: number[] } {
  const out = new BlockBuilder();
  const startKind = root.nodeType === ELEMENT_NODE ? kindFor((root as Element).tagName.toUpperCase(), 'paragraph') : 'paragraph';
  walk(root, startKind, out);
  out.flush();
  return { blocks: out.blocks, linkShares: out.linkShares };
}

/** The blocks of an article root (Readability's content element, or any element). */
export function elementToBlocks(root: Node): Block[] {
  return elementToBlocksWithLinks(root).blocks;
}
