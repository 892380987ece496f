/** The body the model wrote (light Markdown) → plain text for the clipboard. */

import {
  BOLD_STARS,
  BOLD_UNDERSCORES,
  findEither,
  findPairs,
  replacePairs,
  STRONG_EM_STARS,
  STRONG_STARS,
  STRONG_UNDERSCORES,
} from './emphasis';
import { headingText } from './heading';
import { isLinkDefinition, unlink } from './links';

/** `**bold**`, `__bold__` and `*italic*` markers removed, the words kept. A lone `*` (5 * 3, a list bullet) stays. */
function stripInline(line: string): string {
  const bold = replacePairs(line, BOLD_STARS, (p) => p.content);
  const both = replacePairs(bold, BOLD_UNDERSCORES, (p) => p.content);
  return both.includes('*') ? both.replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '$1') : both;
}

/** Plain text: paragraphs apart by one blank line, `## Sub` lines as plain subheading lines, no emphasis markers. */
export function toPlainText(body: string): string {
  const out: string[] = [];
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line === '') {
      out.push('');
      continue;
    }
    const heading = headingText(line);
    // A subheading stands alone, with a blank line on each side, even if the model glued it to a paragraph.
    if (heading !== null) out.push('', stripInline(heading), '');
    else out.push(stripInline(line));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
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

const RULE_LINE = /^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/;
/** `- item`, `1. item`: the item's text (`^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+(.*)$`), or null. */
function listItem(line: string): string | null {
  const m = /^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s/.exec(line);
  if (!m) return null;
  const rest = line.slice(m[0].length).trimStart();
  return /[\n\r\u2028\u2029]/.test(rest) ? null : rest;
}
const QUOTE_LINE = /^\s{0,3}>\s?(.*)$/;

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
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line === '') {
      out.push('');
      continue;
    }
    if (isLinkDefinition(line)) continue;
    const heading = headingText(line);
    if (heading !== null) {
      const level = Math.max(2, /#+/.exec(line)?.[0].length ?? 2);
      const text = markdownInline(heading);
      if (text !== '') out.push('', `${'#'.repeat(level)} ${text}`, '');
    } else if (RULE_LINE.test(line)) {
      // Right under a paragraph line, "---" would make it a heading: keep the rule apart.
      out.push('', '---', '');
    } else {
      out.push(markdownInline(line));
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
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

  let para: string[] = [];
  let items: string[] = [];
  let quote: string[][] = [];
  const flushPara = (): void => {
    const text = para.join(' ').trim();
    if (text !== '') out.push(`<p>${htmlInline(text)}</p>`);
    para = [];
  };
  const flushList = (): void => {
    const lis = items.map((item) => htmlInline(item)).filter((item) => item !== '');
    if (lis.length > 0) out.push(`<ul>\n${lis.map((li) => `<li>${li}</li>`).join('\n')}\n</ul>`);
    items = [];
  };
  const flushQuote = (): void => {
    const ps = quote.map((p) => htmlInline(p.join(' '))).filter((p) => p !== '');
    if (ps.length > 0) out.push(`<blockquote>\n${ps.map((p) => `<p>${p}</p>`).join('\n')}\n</blockquote>`);
    quote = [];
  };
  const flushAll = (): void => {
    flushPara();
    flushList();
    flushQuote();
  };

  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      // A blank line ends a paragraph and a quote; a list goes on if the next line is an item too. (Nothing to end:
      // nothing done, so a long run of blank lines costs no work.)
      if (para.length > 0) flushPara();
      if (quote.length > 0) flushQuote();
      continue;
    }
    if (isLinkDefinition(line)) continue;
    const heading = headingText(line);
    if (heading !== null) {
      flushAll();
      const text = htmlInline(heading);
      if (text !== '') out.push(`<h2>${text}</h2>`);
      continue;
    }
    if (RULE_LINE.test(line)) {
      flushAll();
      continue;
    }
    const item = listItem(line);
    if (item !== null) {
      flushPara();
      flushQuote();
      items.push(item);
      continue;
    }
    const q = QUOTE_LINE.exec(line);
    if (q) {
      flushPara();
      flushList();
      const text = (q[1] as string).trim();
      if (text === '') quote.push([]);
      else if (quote.length === 0) quote.push([text]);
      else (quote[quote.length - 1] as string[]).push(text);
      continue;
    }
    if (items.length > 0 && para.length === 0 && /^\s/.test(raw)) {
      // An indented line under a list item continues it.
      items[items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    flushQuote();
    para.push(line.trim());
  }
  flushAll();
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
