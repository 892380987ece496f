/**
 * The review page's paragraphs, drawn from text nodes only (page and model text are never parsed as HTML), with
 * stretches marked: copied runs, and the sentence of the finding the user picked. Offsets are into the checked texts.
 */

import type { RewriteParagraph, SourceParagraph } from '../src/review/paragraphs';
import type { Span } from '../src/rewrite/plain';
import { t } from '../lib/i18n';

export interface Mark {
  start: number;
  end: number;
  kind: 'copied' | 'highlight';
}

/** `text` (which starts at `base` in its checked text) as text and <mark> pieces. */
export function marked(text: string, base: number, marks: readonly Mark[]): (string | HTMLElement)[] {
  const end = base + text.length;
  const inside = marks.filter((m) => m.start < end && m.end > base);
  if (inside.length === 0) return [text];
  const cuts = [...new Set([base, end, ...inside.flatMap((m) => [Math.max(m.start, base), Math.min(m.end, end)])])].sort((a, b) => a - b);
  const out: (string | HTMLElement)[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const piece = text.slice(from - base, to - base);
    const kinds = new Set(inside.filter((m) => m.start <= from && m.end >= to).map((m) => m.kind));
    if (kinds.size === 0) {
      out.push(piece);
      continue;
    }
    const mark = document.createElement('mark');
    mark.textContent = piece;
    mark.className = [...kinds].join(' ');
    mark.dataset.testid = kinds.has('highlight') ? 'highlight' : 'copied-run';
    if (kinds.has('copied')) mark.title = t('copiedFromSource');
    out.push(mark);
  }
  return out;
}

function element(tag: string, index: number): HTMLElement {
  const el = document.createElement(tag);
  el.dir = 'auto';
  el.dataset.paragraph = String(index);
  return el;
}

/** A source paragraph (one of the article's blocks). */
export function drawSource(p: SourceParagraph, index: number, marks: readonly Mark[]): HTMLElement {
  const tag = p.kind === 'heading' ? 'h3' : p.kind === 'quote' ? 'blockquote' : 'p';
  const el = element(tag, index);
  if (p.kind === 'list-item') el.classList.add('list-item');
  el.append(...marked(p.text, p.start, marks));
  return el;
}

/** A rewrite paragraph: its parts (list items, quote paragraphs) in their own elements, read from the checked text. */
export function drawRewrite(p: RewriteParagraph, index: number, text: string, marks: readonly Mark[]): HTMLElement {
  const line = (spans: readonly Span[]): (string | HTMLElement)[] =>
    spans.flatMap((s, i) => [...(i > 0 ? [' '] : []), ...marked(text.slice(s.start, s.end), s.start, marks)]);
  if (p.kind === 'list' || p.kind === 'quote') {
    const el = element(p.kind === 'list' ? 'ul' : 'blockquote', index);
    for (const part of p.parts) {
      const item = document.createElement(p.kind === 'list' ? 'li' : 'p');
      item.append(...line(part));
      el.append(item);
    }
    return el;
  }
  const el = element(p.kind === 'heading' ? ((p.level ?? 2) <= 2 ? 'h2' : 'h3') : 'p', index);
  el.append(...line(p.parts[0] ?? []));
  return el;
}
