/**
 * The paragraphs the review page shows side by side, and where each one is: in the checked texts (the offsets the
 * findings and copied runs use) and, for the rewrite, in the Markdown body (what a paragraph action replaces). A
 * rewrite paragraph is a drawn block of the body (a subheading, a paragraph, a list, a quote; rules and empty blocks
 * are not); a source paragraph is one of the article's blocks.
 */

import type { Article, BlockKind } from '../article';
import type { Block } from '../rewrite/blocks';
import { plainLayout, type Span } from '../rewrite/plain';

export interface RewriteParagraph {
  kind: Block['kind'];
  /** The heading level, for a heading. */
  level?: number;
  /** Its parts (one per list item or quote paragraph), each as stretches of the checked text. */
  parts: Span[][];
  /** Its whole stretch of the checked text. */
  start: number;
  end: number;
  /** Its lines in the Markdown body [from, to), or null when they cannot be placed there. */
  body: Span | null;
}

export interface SourceParagraph {
  kind: BlockKind;
  text: string;
  /** Its stretch of the checked source (`${title}\n\n${text}`). */
  start: number;
  end: number;
}

/** The body's lines with where each starts, as readBlocks splits them. */
function lines(body: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let at = 0;
  for (const line of body.split('\n')) {
    out.push({ text: line.replace(/\r$/, '').trimEnd(), at });
    at += line.length + 1;
  }
  return out;
}

/** Where a block's source lines are in the body, looked for from line `from` on; the line after them too. */
function placeLines(all: readonly { text: string; at: number }[], source: readonly string[], from: number): { span: Span; next: number } | null {
  if (source.length === 0) return null;
  for (let i = from; i + source.length <= all.length; i++) {
    if (all[i]!.text !== source[0]) continue;
    if (!source.every((s, k) => all[i + k]!.text === s)) continue;
    const last = all[i + source.length - 1]!;
    return { span: { start: all[i]!.at, end: last.at + last.text.length }, next: i + source.length };
  }
  return null;
}

/**
 * The rewrite's paragraphs. `offset`: where the body's plain text starts in the checked text (the headline's length
 * and the blank line after it).
 */
export function rewriteParagraphs(body: string, offset: number): RewriteParagraph[] {
  const layout = plainLayout(body, { final: true });
  const all = lines(body);
  const out: RewriteParagraph[] = [];
  let cursor = 0;
  for (const { block, parts } of layout.blocks) {
    const placed = placeLines(all, block.source, cursor);
    if (placed) cursor = placed.next;
    const shown = parts.filter((p) => p.length > 0);
    if (block.kind === 'rule' || shown.length === 0) continue;
    const moved = shown.map((p) => p.map((s) => ({ start: s.start + offset, end: s.end + offset })));
    out.push({
      kind: block.kind,
      ...(block.kind === 'heading' ? { level: block.level } : {}),
      parts: moved,
      start: moved[0]![0]!.start,
      end: moved[moved.length - 1]!.at(-1)!.end,
      body: placed?.span ?? null,
    });
  }
  return out;
}

/** The source article's paragraphs, placed in the checked source (`${title}\n\n${text}`, as the checks read it). */
export function sourceParagraphs(article: Pick<Article, 'title' | 'blocks' | 'text'>): SourceParagraph[] {
  const checked = `${article.title}\n\n${article.text}`;
  let cursor = article.title.length;
  return article.blocks.map((b) => {
    const found = checked.indexOf(b.text, cursor);
    const start = found >= 0 ? found : cursor;
    cursor = start + b.text.length;
    return { kind: b.kind, text: b.text, start, end: cursor };
  });
}

/** The index of the paragraph that holds `offset` (or the last one starting before it), or -1 before the first. */
export function paragraphAt(paragraphs: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid]!.start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
