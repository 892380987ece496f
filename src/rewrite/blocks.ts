/**
 * The grammar of a rewrite's body (the `body` of `parseAnswer`), in one place: subheadings, paragraphs, bulleted
 * and numbered lists, block quotes, rules and link definitions, read line by line into typed blocks. Every view of
 * the body (plain text, Markdown and HTML copies, the popup) is drawn from these blocks. Inline text stays as the
 * model wrote it (emphasis, links); each renderer handles that its own way. One walk over the lines, a fixed
 * amount of work per character: linear time on any input.
 */

import { headingText } from './heading';
import { isLinkDefinition } from './links';
import { isSpaceCode } from '../words';

export type Block =
  /** `## Sub`: the level is the number of `#` (1 to 6). */
  | { kind: 'heading'; level: number; text: string; source: string[]; gap: boolean }
  /** Lines of text, trimmed, as written (a soft line break between them). */
  | { kind: 'paragraph'; lines: string[]; source: string[]; gap: boolean }
  /** `- a`, `* a`, `1. a`, `1) a`; an indented line under an item continues it; blank lines between items are allowed. */
  | { kind: 'list'; ordered: boolean; items: string[]; source: string[]; gap: boolean }
  /** `> …` lines; a `>` line with nothing after it separates the quote's paragraphs. */
  | { kind: 'quote'; paragraphs: string[]; source: string[]; gap: boolean }
  /** `---`, `***`, `___`. */
  | { kind: 'rule'; source: string[]; gap: boolean };

/*
 * Every block has:
 * - `source`: the body's lines it was read from (trailing white space off), blank lines inside a list and link
 *   definitions included, so the line-keeping formats (plain text, Markdown) can write them back as they were;
 * - `gap`: whether a blank line came before it.
 * A link definition (`[1]: http://…`) belongs to no block's text: it joins the source of the open block and ends
 * nothing; with no block open it opens a paragraph (with no lines until a line of text joins it).
 */

export interface ReadOptions {
  /**
   * The body is complete. While streaming (false), a last line that may still turn into a marker (`-`, `1.`,
   * `##`, `>`) is held back, so a paragraph above it does not take it in and then give it up.
   */
  final?: boolean;
}

/** A quote's first marker, as `^\\s{0,3}>\\s?(.*)$` reads it. */
const QUOTE_START = /^\s{0,3}>/;
/** A list item's bullet or number, as `^\\s{0,3}(?:[-*+•]|\\d{1,3}[.)])\\s` reads it (the white space not included). */
const LIST_MARKER = /^\s{0,3}(?:[-*+•]|\d{1,3}[.)])(?=\s)/;
const RULE_LINE = /^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/;
/** A last line that could still become a list item, heading, quote or rule once more of it arrives. */
const MARKER_PREFIX = /^\s{0,3}(?:[-*+•]|\d{1,3}[.)]?|#{1,6}|>|-{2,}|\*{2,}|_{2,})?$/;

const hasLineBreak = (s: string): boolean => /[\n\r\u2028\u2029]/.test(s);

/** Where the text of a list item line starts (after `- `, `* `, `1. `, `1) ` and the white space after it), or -1. */
export function listMarkerEnd(line: string): number {
  const m = LIST_MARKER.exec(line);
  if (!m) return -1;
  let i = m[0].length;
  while (i < line.length && /\s/.test(line[i] as string)) i++;
  return i;
}

/** `- item`, `1. item`, `1) item`: the item's text, or null. A `*` with no space after it (`*italic*`) is no item. */
export function listItem(line: string): { ordered: boolean; text: string } | null {
  const end = listMarkerEnd(line);
  if (end < 0) return null;
  const text = line.slice(end);
  return hasLineBreak(text) ? null : { ordered: /\d/.test(line.slice(0, end)), text };
}

/**
 * Where the text of a quote line starts, after every marker (`> `, `> > `, `>> `: nested quotes read as one
 * level), or -1. The markers are walked with an index, so a line of a million `>` costs one pass.
 */
export function quoteMarkerEnd(line: string): number {
  const m = QUOTE_START.exec(line);
  if (!m) return -1;
  let i = m[0].length;
  for (;;) {
    if (i < line.length && /\s/.test(line[i] as string)) i++;
    // Another marker (after at most three spaces): a quote inside the quote.
    let j = i;
    while (j - i < 3 && line[j] === ' ') j++;
    if (line[j] !== '>') return i;
    i = j + 1;
  }
}

/** `> text`: the quote's text, trimmed, or null. */
export function quoteText(line: string): string | null {
  const end = quoteMarkerEnd(line);
  if (end < 0) return null;
  const text = line.slice(end);
  return hasLineBreak(text) ? null : text.trim();
}

/** The characters a heading, rule, list item, quote or link definition can start with (after up to three spaces). */
const MARKER_START = '-#*+•_>[0123456789';
/** White space as `\s` or `isSpaceCode` reads it (printable ASCII, the usual case, answered at once). */
const isWhite = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code > 32 && code < 127 ? false : /\s/.test(c) || isSpaceCode(code);
};

/** Whether a line can only be text: no marker where one could start. Most lines are, and are read at once. */
function plainLine(line: string): boolean {
  let i = 0;
  while (i < 3 && isWhite(line[i])) i++;
  const c = line[i];
  return c === undefined || !MARKER_START.includes(c);
}

export function isRule(line: string): boolean {
  return RULE_LINE.test(line);
}

/** The body → blocks. CRLF and CR line endings read as LF. */
export function readBlocks(body: string, opts: ReadOptions = {}): Block[] {
  const lines = (body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body).split('\n');
  if (opts.final === false) {
    const last = (lines[lines.length - 1] as string).trimEnd();
    if (last !== '' && MARKER_PREFIX.test(last)) lines.pop();
  }
  const out: Block[] = [];
  let open: Block | null = null;
  let gap = false;
  /** A blank line seen inside a list: it belongs to the list if another item follows, else it is the gap. */
  let blankInList = false;

  const start = (block: Block): void => {
    out.push(block);
    gap = false;
    blankInList = false;
    open = block.kind === 'heading' || block.kind === 'rule' ? null : block;
  };
  const close = (): void => {
    if (open?.kind === 'list' && blankInList) gap = true;
    open = null;
    blankInList = false;
  };

  for (const raw of lines) {
    const line = raw.trimEnd();
    const cur = open as Block | null;
    if (line === '') {
      // A blank line ends a paragraph and a quote; a list goes on if an item or an indented line follows.
      if (cur?.kind === 'list') blankInList = true;
      else {
        close();
        gap = true;
      }
      continue;
    }
    if (plainLine(line)) {
      if (cur?.kind === 'paragraph') {
        cur.lines.push(line.trim());
        cur.source.push(line);
        continue;
      }
      if (!(cur?.kind === 'list' && isWhite(line[0]))) {
        close();
        start({ kind: 'paragraph', lines: [line.trim()], source: [line], gap });
        continue;
      }
    }
    if (isLinkDefinition(line)) {
      if (cur) {
        if (cur.kind === 'list' && blankInList) cur.source.push('');
        blankInList = false;
        cur.source.push(line);
      } else start({ kind: 'paragraph', lines: [], source: [line], gap });
      continue;
    }
    const heading = headingText(line);
    if (heading !== null) {
      close();
      const level = /#+/.exec(line)?.[0].length ?? 2;
      start({ kind: 'heading', level, text: heading, source: [line], gap });
      continue;
    }
    if (isRule(line)) {
      close();
      start({ kind: 'rule', source: [line], gap });
      continue;
    }
    const item = listItem(line);
    if (item !== null) {
      if (cur?.kind === 'list') {
        if (blankInList) cur.source.push('');
        blankInList = false;
        cur.items.push(item.text);
        cur.source.push(line);
      } else {
        close();
        start({ kind: 'list', ordered: item.ordered, items: [item.text], source: [line], gap });
      }
      continue;
    }
    const quote = quoteText(line);
    if (quote !== null) {
      if (cur?.kind === 'quote') {
        const paras = cur.paragraphs;
        if (quote === '') paras.push('');
        else paras[paras.length - 1] = paras[paras.length - 1] === '' ? quote : `${paras[paras.length - 1]} ${quote}`;
        cur.source.push(line);
      } else {
        close();
        start({ kind: 'quote', paragraphs: [quote], source: [line], gap });
      }
      continue;
    }
    if (cur?.kind === 'list' && /^\s/.test(line)) {
      // An indented line under a list item continues it.
      if (blankInList) cur.source.push('');
      blankInList = false;
      cur.items[cur.items.length - 1] += ` ${line.trim()}`;
      cur.source.push(line);
      continue;
    }
    if (cur?.kind === 'paragraph') {
      cur.lines.push(line.trim());
      cur.source.push(line);
      continue;
    }
    close();
    start({ kind: 'paragraph', lines: [line.trim()], source: [line], gap });
  }
  close();
  return out;
}
