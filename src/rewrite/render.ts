/** The body the model wrote (light Markdown) → plain text for the clipboard. */

/** `**bold**`, `__bold__` and `*italic*` markers removed, the words kept. A lone `*` (5 * 3, a list bullet) stays. */
function stripInline(line: string): string {
  return line
    .replace(/\*\*(?=\S)(.*?\S)\*\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}_])__(?=\S)(.*?\S)__(?![\p{L}\p{N}_])/gu, '$1$2')
    .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '$1');
}

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;

/** Plain text: paragraphs apart by one blank line, `## Sub` lines as plain subheading lines, no emphasis markers. */
export function toPlainText(body: string): string {
  const out: string[] = [];
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const heading = HEADING.exec(line);
    // A subheading stands alone, with a blank line on each side, even if the model glued it to a paragraph.
    if (heading) out.push('', stripInline(heading[1] as string), '');
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

const IMAGE = /!\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)|!\[([^\]\n]*)\]\[[^\]\n]*\]/g;
/** `[text](url "title")`; the text may hold one level of brackets, the url one level of parentheses. */
const LINK = /\[((?:[^[\]\n]|\[[^[\]\n]*\])+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
/** `[text][ref]` and `[text][]`. */
const REF_LINK = /\[((?:[^[\]\n]|\[[^[\]\n]*\])+)\]\[[^\]\n]*\]/g;
/** `[ref]: http://…`, the target of a reference link: a line of its own, dropped. */
const LINK_DEFINITION = /^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$/;

/** Images to their alt text, links to their text. */
function unlink(text: string): string {
  return text
    .replace(IMAGE, (_m, alt?: string, refAlt?: string) => (alt ?? refAlt ?? '').trim())
    .replace(LINK, '$1')
    .replace(REF_LINK, '$1');
}

const RULE_LINE = /^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/;
const LIST_ITEM = /^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+(.*)$/;
const QUOTE_LINE = /^\s{0,3}>\s?(.*)$/;

/**
 * One line of model or page text made inert for Markdown: links and images to their text; then every bracket and
 * backslash left escaped, so no link, image or reference can form from what is left (not even one whose text or
 * target runs over several lines, which a line-by-line pattern cannot see); and `<` before a tag escaped.
 */
export function markdownInline(text: string): string {
  return unlink(text)
    .replace(/[\\[\]]/g, '\\$&')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<');
}

/** Markdown: `# headline`, a blank line, the body with its `## ` subheadings, lists and quotes. */
export function toMarkdown(headline: string, body: string): string {
  const out: string[] = [];
  const h = markdownInline(headline.trim());
  if (h !== '') out.push(`# ${h}`, '');
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (LINK_DEFINITION.test(line)) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.max(2, /#+/.exec(line)?.[0].length ?? 2);
      const text = markdownInline(heading[1] as string);
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

const STRONG_EM = /\*\*\*(?=[^\s*])(.*?[^\s*])\*\*\*/g;
const STRONG = /\*\*(?=[^\s*])(.*?[^\s*])\*\*|(?<![\p{L}\p{N}_])__(?=[^\s_])(.*?[^\s_])__(?![\p{L}\p{N}_])/gu;
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
    for (const m of s.matchAll(STRONG)) {
      out += em(s.slice(last, m.index)) + '<strong>' + em((m[1] ?? m[2]) as string) + '</strong>';
      last = m.index + m[0].length;
    }
    return out + em(s.slice(last));
  };
  let out = '';
  let last = 0;
  for (const m of escaped.matchAll(STRONG_EM)) {
    out += strong(escaped.slice(last, m.index)) + '<strong><em>' + (m[1] as string) + '</em></strong>';
    last = m.index + m[0].length;
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
    if (LINK_DEFINITION.test(line)) continue;
    if (line.trim() === '') {
      // A blank line ends a paragraph and a quote; a list goes on if the next line is an item too.
      flushPara();
      flushQuote();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushAll();
      const text = htmlInline(heading[1] as string);
      if (text !== '') out.push(`<h2>${text}</h2>`);
      continue;
    }
    if (RULE_LINE.test(line)) {
      flushAll();
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushPara();
      flushQuote();
      items.push(item[1] as string);
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
