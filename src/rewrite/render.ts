/** The body the model wrote (light Markdown), read into blocks (./blocks.ts) → plain text, Markdown and HTML for the clipboard. */

import { findEither, findPairs, STRONG_EM_STARS, STRONG_STARS, STRONG_UNDERSCORES } from './emphasis';
import { readBlocks } from './blocks';
import { isLinkDefinition, unlink } from './links';
import { toPlainText } from './plain';

export { bodyWords, toPlainText } from './plain';

/** Markdown: each block's lines written back as they were, with a blank line where the body had one. */
function markdownLines(body: string, out: string[]): void {
  for (const block of readBlocks(body)) {
    if (block.gap) out.push('');
    if (block.kind === 'heading') {
      const words = markdownInline(block.text);
      if (words !== '') out.push('', `${'#'.repeat(Math.max(2, block.level))} ${words}`, '');
    } else if (block.kind === 'rule') {
      // Right under a paragraph line, "---" would make it a heading: keep the rule apart.
      out.push('', '---', '');
    } else {
      for (const line of block.source) if (!isLinkDefinition(line)) out.push(markdownInline(line));
    }
  }
}

/** What "Copy all" puts on the clipboard: the headline, a blank line, the body as plain text. */
export function copyAll(headline: string, body: string): string {
  return [headline.trim(), toPlainText(body)].filter((part) => part !== '').join('\n\n');
}

/*
 * Markdown and HTML copies. The body is the model's text: it may contain anything, including tags and
 * links planted in the source article. So:
 * - images (`![alt](url)`) become their alt text and links (`[text](url)`) their text, in both formats,
 *   so no client that renders the copy fetches a remote image or gets a `javascript:` link;
 * - in Markdown, a `<` that could open a tag is escaped (`\<`), so raw HTML in the text stays text;
 * - the HTML is built, never passed through: only <h1> <h2> <p> <ul> <li> <blockquote> <strong> <em>,
 *   none with an attribute, and every piece of text escaped (& < > " ').
 */

const MARKDOWN_SPECIAL = /[[\]\\<]/;

/**
 * One line of model or page text made inert for Markdown: links and images to their text; then every bracket and
 * backslash left escaped, so no link, image or reference can form from what is left (not even one whose text or
 * target runs over several lines, which a line-by-line pattern cannot see); and `<` before a tag escaped.
 */
export function markdownInline(text: string): string {
  // Most lines hold none of these: returned as they are (an answer of a million short lines stays fast).
  if (!MARKDOWN_SPECIAL.test(text)) return text;
  const words = text.includes('[') ? unlink(text) : text;
  return words.replace(/[\\[\]]/g, '\\$&').replace(/<(?=[A-Za-z/!?])/g, '\\<');
}

/** Markdown: `# headline`, a blank line, the body with its `## ` subheadings, lists and quotes. */
export function toMarkdown(headline: string, body: string): string {
  const out: string[] = [];
  const h = markdownInline(headline.trim());
  if (h !== '') out.push(`# ${h}`, '');
  markdownLines(body, out);
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text made safe for HTML text and attribute values (both quote kinds escaped). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const EM = /\*(?=[^\s*])([^*]*?[^\s*])\*/g;

/**
 * Escaped text with `***x***`, `**x**`, `__x__` and `*x*` as <strong>/<em>. The markers are found in the
 * escaped text (escaping leaves * and _ alone), and <em> is applied inside and outside each <strong>
 * separately, so the tags always nest.
 */
function htmlInline(text: string): string {
  const escaped = escapeHtml(unlink(text).trim());
  const em = (s: string): string => s.replace(EM, '<em>$1</em>');
  const strong = (s: string): string => {
    let out = '';
    let last = 0;
    for (const m of findEither(s, STRONG_STARS, STRONG_UNDERSCORES)) {
      out += em(s.slice(last, m.index)) + '<strong>' + em(m.content) + '</strong>';
      last = m.end;
    }
    return out + em(s.slice(last));
  };
  let out = '';
  let last = 0;
  for (const m of findPairs(escaped, STRONG_EM_STARS)) {
    out += strong(escaped.slice(last, m.index)) + '<strong><em>' + m.content + '</em></strong>';
    last = m.end;
  }
  return out + strong(escaped.slice(last));
}

/**
 * HTML for "Copy as rich text": <h1> for the headline, then <h2>, <p>, <ul>/<li> and <blockquote> (with
 * <p> inside), nothing else, no attributes. Safe by construction: the tags are ours, the text is escaped.
 */
export function toHtml(headline: string, body: string): string {
  const out: string[] = [];
  const h = htmlInline(headline);
  if (h !== '') out.push(`<h1>${h}</h1>`);
  const nonEmpty = (texts: readonly string[]): string[] => texts.map((t) => htmlInline(t)).filter((t) => t !== '');
  for (const block of readBlocks(body)) {
    if (block.kind === 'heading') {
      const text = htmlInline(block.text);
      if (text !== '') out.push(`<h2>${text}</h2>`);
    } else if (block.kind === 'paragraph') {
      const text = block.lines.join(' ').trim();
      if (text !== '') out.push(`<p>${htmlInline(text)}</p>`);
    } else if (block.kind === 'list') {
      const lis = nonEmpty(block.items);
      if (lis.length > 0) out.push(`<ul>\n${lis.map((li) => `<li>${li}</li>`).join('\n')}\n</ul>`);
    } else if (block.kind === 'quote') {
      const ps = nonEmpty(block.paragraphs);
      if (ps.length > 0) out.push(`<blockquote>\n${ps.map((p) => `<p>${p}</p>`).join('\n')}\n</blockquote>`);
    }
  }
  return out.join('\n');
}

export interface CopyFormats {
  /** Same as `copyAll`. */
  plain: string;
  markdown: string;
  html: string;
}

/** The three copy formats at once (rich-text copy puts `html` and `plain` on the clipboard together). */
export function copyFormats(headline: string, body: string): CopyFormats {
  return { plain: copyAll(headline, body), markdown: toMarkdown(headline, body), html: toHtml(headline, body) };
}
