/**
 * The body as plain text (what the checks read and "Copy all" copies), written from its blocks, with where each
 * block's words lie in that text: the popup draws the checked article from these spans, so the copied runs the
 * originality check found (offsets into the plain text) can be marked inside subheadings, list items and quotes.
 */

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

/** The lines the plain text writes for a block ('' asks for a blank line). */
function plainLines(block: Block): string[] {
  // A subheading stands alone, with a blank line on each side, even if the model glued it to a paragraph.
  if (block.kind === 'heading') return ['', stripInline(block.text), ''];
  return block.source.map((src) => (src === '' ? '' : stripInline(src)));
}

/** Paragraphs apart by one blank line, subheadings on lines of their own, no emphasis markers. */
export function toPlainText(body: string): string {
  const out: string[] = [];
  for (const block of readBlocks(body)) {
    if (block.gap) out.push('');
    for (const line of plainLines(block)) out.push(line);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** `toPlainText(body)`, with where each block's words lie in it. */
export function plainLayout(body: string): PlainLayout {
  let text = '';
  let blank = false;
  /** Writes one line (or, for '', asks for a blank line before the next); its span, or null. */
  const write = (line: string): Span | null => {
    if (line === '') {
      blank = true;
      return null;
    }
    if (text !== '') text += blank ? '\n\n' : '\n';
    blank = false;
    const start = text.length;
    text += line;
    return { start, end: text.length };
  };
  /** The span of `line` (just written) from `skip` characters into it, white space there skipped. Reads the line, not the text being built (reading that would copy it whole, for every line). */
  const from = (span: Span, line: string, skip: number): Span => {
    let k = skip;
    while (k < line.length && isSpace(line[k])) k++;
    return { start: span.start + k, end: span.end };
  };

  const blocks: PlainBlock[] = [];
  for (const block of readBlocks(body)) {
    if (block.gap) write('');
    const parts: Span[][] = [];
    const lines = plainLines(block);
    lines.forEach((line, i) => {
      const span = write(line);
      const src = block.source[i] ?? '';
      if (!span || block.kind === 'rule' || (block.kind !== 'heading' && isLinkDefinition(src))) return;
      const last = parts[parts.length - 1];
      if (block.kind === 'list') {
        // An item's line (after its bullet) opens a part; an indented line under it continues the part.
        if (listMarkerEnd(src) >= 0 || !last) parts.push([from(span, line, Math.max(0, listMarkerEnd(line)))]);
        else last.push(from(span, line, 0));
      } else if (block.kind === 'quote') {
        const inner = from(span, line, Math.max(0, quoteMarkerEnd(line)));
        if (inner.start === inner.end) parts.push([]);
        else if (last) last.push(inner);
        else parts.push([inner]);
      } else if (last) last.push(from(span, line, 0));
      else parts.push([from(span, line, 0)]);
    });
    blocks.push({ block, parts: parts.filter((p) => p.length > 0) });
  }
  // As `.trim()` would: white space at the very start or end goes, and the spans move with the text.
  const lead = text.length - text.trimStart().length;
  text = text.trim();
  const fit = (n: number): number => Math.min(Math.max(n - lead, 0), text.length);
  for (const b of blocks) b.parts = b.parts.map((part) => part.map((s) => ({ start: fit(s.start), end: fit(s.end) })));
  return { text, blocks };
}
