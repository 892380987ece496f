/**
 * The body as plain text (what the checks read and "Copy all" copies), written from its blocks, with where each
 * block's words lie in that text: the popup draws the checked article from these spans, so the copied runs the
 * originality check found (offsets into the plain text) can be marked inside subheadings, list items and quotes.
 */

import { countWords } from '../article';
import { listMarkerEnd, quoteMarkerEnd, readBlocks, type Block } from './blocks';
import { BOLD_STARS, BOLD_UNDERSCORES, replacePairs } from './emphasis';
import { isLinkDefinition } from './links';

/** `**bold**`, `__bold__` and `*italic*` markers removed, the words kept. A lone `*` (5 * 3, a list bullet) stays. */
export function stripInline(line: string): string {
  const bold = replacePairs(line, BOLD_STARS, (p) => p.content);
  const both = replacePairs(bold, BOLD_UNDERSCORES, (p) => p.content);
  return both.includes('*') ? both.replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '$1') : both;
}

/** A stretch of the plain text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export interface PlainBlock {
  block: Block;
  /**
   * What the block shows, as stretches of the plain text: a heading or paragraph has one part (its lines), a list
   * one per item (without the bullet), a quote one per paragraph (without the `>`), a rule none.
   */
  parts: Span[][];
}

export interface PlainLayout {
  text: string;
  blocks: PlainBlock[];
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

export interface LayoutOptions {
  /** The body is complete (see ReadOptions.final). */
  final?: boolean;
}

/**
 * The plain text: paragraphs apart by one blank line, subheadings on lines of their own with a blank line on each
 * side (even if the model glued one to a paragraph), emphasis markers gone, every other line as written; and
 * where each block's words lie in it.
 */
export function plainLayout(body: string, opts: LayoutOptions = {}): PlainLayout {
  const out: string[] = [];
  let length = 0;
  let blank = false;
  /** Writes one line (or, for '', asks for a blank line before the next); where it starts, or -1. */
  const write = (line: string): number => {
    if (line === '') {
      blank = true;
      return -1;
    }
    if (out.length > 0) {
      const sep = blank ? '\n\n' : '\n';
      out.push(sep);
      length += sep.length;
    }
    blank = false;
    out.push(line);
    length += line.length;
    return length - line.length;
  };
  /** The span of a line written at `at`, from `skip` characters into it, white space there skipped. */
  const from = (at: number, line: string, skip: number): Span => {
    let k = skip;
    while (k < line.length && isSpace(line[k])) k++;
    return { start: at + k, end: at + line.length };
  };

  const blocks: PlainBlock[] = [];
  for (const block of readBlocks(body, { final: opts.final })) {
    if (block.gap) write('');
    if (block.kind === 'heading') {
      write('');
      const line = stripInline(block.text);
      const at = write(line);
      write('');
      blocks.push({ block, parts: at < 0 ? [] : [[from(at, line, 0)]] });
      continue;
    }
    const parts: Span[][] = [];
    /** The paragraph's span that the next line may extend (none after a link definition). */
    let run: Span | null = null;
    for (const src of block.source) {
      const line = src === '' ? '' : stripInline(src);
      const at = write(line);
      if (at < 0 || block.kind === 'rule') continue;
      if (isLinkDefinition(src)) {
        run = null;
        continue;
      }
      const last = parts[parts.length - 1];
      if (block.kind === 'paragraph') {
        // Lines one after another are one span ("\n" between them, as the paragraph shows them): one object, not one a line.
        if (run) run.end = at + line.length;
        else {
          run = from(at, line, 0);
          if (last) last.push(run);
          else parts.push([run]);
        }
      } else if (block.kind === 'list') {
        // An item's line (after its bullet) opens a part; an indented line under it continues the part.
        if (listMarkerEnd(src) >= 0 || !last) parts.push([from(at, line, Math.max(0, listMarkerEnd(line)))]);
        else last.push(from(at, line, 0));
      } else if (block.kind === 'quote') {
        const inner = from(at, line, Math.max(0, quoteMarkerEnd(line)));
        if (inner.start === inner.end) parts.push([]);
        else if (last) last.push(inner);
        else parts.push([inner]);
      }
    }
    blocks.push({ block, parts: block.kind === 'quote' ? parts.filter((p) => p.length > 0) : parts });
  }
  // As `.trim()` would: white space at the very start or end goes, and the spans move with the text.
  const whole = out.join('');
  const text = whole.trim();
  const lead = whole.length - whole.trimStart().length;
  if (lead > 0 || text.length < whole.length) {
    const fit = (n: number): number => Math.min(Math.max(n - lead, 0), text.length);
    for (const b of blocks) b.parts = b.parts.map((part) => part.map((s) => ({ start: fit(s.start), end: fit(s.end) })));
  }
  return { text, blocks };
}

/**
 * The body as plain text: plainLayout's text, written without the bookkeeping of where words are (the checks run it
 * on every answer; test/unit/blocks.test.ts holds the two to the same line-by-line rule).
 */
export function toPlainText(body: string): string {
  const out: string[] = [];
  for (const block of readBlocks(body)) {
    if (block.gap) out.push('');
    if (block.kind === 'heading') out.push('', stripInline(block.text), '');
    else for (const src of block.source) out.push(src === '' ? '' : stripInline(src));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A body's words as the reader gets them (its plain text, countWords): the count the popup, the checks and the history give. */
export function bodyWords(body: string): number {
  return countWords(toPlainText(body));
}
