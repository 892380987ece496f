/**
 * A tiny, tolerant reader for answers the model wrote in HTML. It only ever takes TEXT out: every tag is
 * dropped, entities are decoded, and nothing it returns is HTML. No DOM: it runs in the service worker and
 * in Node. It reads the blocks (headings, paragraphs, list items, quotes, the <title>) in order, and is safe
 * on a half-streamed answer: a tag or an entity cut off at the end is held back until it is complete.
 */

export type HtmlBlockKind = 'title' | 'heading' | 'p' | 'li' | 'quote';

export interface HtmlBlock {
  kind: HtmlBlockKind;
  /** 1–6 for headings, 0 otherwise. */
  level: number;
  /** Text lines (more than one only where the HTML had <br>), whitespace collapsed, never empty. */
  lines: string[];
  /** False for the last block of a streaming answer, whose text may still grow. */
  complete: boolean;
}

export interface HtmlRead {
  blocks: HtmlBlock[];
  /** From <meta name="description"|"keywords" content="…">. */
  meta: { description?: string; keywords?: string };
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  deg: '°',
  times: '×',
  divide: '÷',
  minus: '−',
  shy: '\u00ad',
};

const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

function fromCodePoint(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** `&amp;` `&lt;` `&gt;` `&quot;` `&#39;` `&nbsp;`, decimal and hex references, and a few common names. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return fromCodePoint(parseInt(dec, 10));
    if (hex !== undefined) return fromCodePoint(parseInt(hex, 16));
    const named = NAMED[(name as string).toLowerCase()];
    return named ?? whole;
  });
}

/** Elements whose content is never article text. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'textarea', 'select']);

/** Elements that start and end a block of text. */
const BLOCK = new Set([
  'html',
  'head',
  'body',
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'hr',
  'address',
]);

const VOID = new Set(['hr', 'br', 'img', 'meta', 'link', 'input', 'source', 'wbr', 'area', 'base', 'col', 'embed', 'track']);

const HEADING = /^h([1-6])$/;

/** Index of the `>` closing a tag that starts at `from`, ignoring `>` inside quoted attribute values; -1 if none yet. */
function tagEnd(src: string, from: number): number {
  let quote: string | null = null;
  let lastSignificant = '';
  for (let i = from; i < src.length; i++) {
    const ch = src[i] as string;
    if (quote !== null) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '>') return i;
    if ((ch === '"' || ch === "'") && lastSignificant === '=') quote = ch;
    if (!/\s/.test(ch)) lastSignificant = ch;
  }
  return -1;
}

function attributes(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  const rest = raw.replace(/^\/?\s*[a-zA-Z][a-zA-Z0-9:-]*/, '');
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
    out.set((m[1] as string).toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** Whether a text (its first non-blank characters) looks like the start of an HTML document or fragment. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*<(?:!doctype\b|!--|(?:html|head|body|title|meta|h[1-6]|p|div|article|section|header|main|ul|ol|li|blockquote|strong|b|em|span)\b)/i.test(text);
}

const RUNS = /[\t\n\r\f]| {2}/;
const BR = '\u0000';

/** Runs of HTML white space → one space (nbsp kept). Most text has none: test before replacing. */
function collapse(text: string): string {
  return RUNS.test(text) ? text.replace(/[ \t\n\r\f]+/g, ' ') : text;
}

/** `s.replace(/<[^>]*>/g, ' ')`, stopping at the first `<` with no `>` after it (the regex tried every later one too). */
function tagsToSpaces(s: string): string {
  let out = '';
  let last = 0;
  for (let lt = s.indexOf('<'); lt >= 0; lt = s.indexOf('<', last)) {
    const gt = s.indexOf('>', lt);
    if (gt < 0) break;
    out += `${s.slice(last, lt)} `;
    last = gt + 1;
  }
  return out + s.slice(last);
}

/** `[a-zA-Z!?/]`: what may follow the "<" of a tag, a comment or a declaration. */
function startsTag(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x21 || code === 0x3f || code === 0x2f;
}

export function readHtml(src: string, final: boolean): HtmlRead {
  const blocks: HtmlBlock[] = [];
  const meta: HtmlRead['meta'] = {};
  const stack: string[] = [];
  let buf = '';

  const context = (): { kind: HtmlBlockKind; level: number } => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const h = HEADING.exec(stack[k] as string);
      if (h) return { kind: 'heading', level: Number(h[1]) };
    }
    if (stack.includes('li')) return { kind: 'li', level: 0 };
    if (stack.includes('blockquote')) return { kind: 'quote', level: 0 };
    return { kind: 'p', level: 0 };
  };

  // <br> is kept in `buf` as BR, so that the source's own line breaks stay white space.
  const linesOf = (text: string): string[] =>
    text
      .split(BR)
      .map((l) => collapse(l).trim())
      .filter((l) => l !== '');

  const flush = (complete: boolean): void => {
    const lines = linesOf(buf);
    buf = '';
    if (lines.length === 0) return;
    blocks.push({ ...context(), lines, complete });
  };

  const addText = (raw: string, atEnd: boolean): void => {
    let text = raw;
    if (atEnd && !final) {
      // "&am" may yet become "&amp;": hold it back.
      const partial = /&#?[a-zA-Z0-9]{0,31}$/.exec(text);
      if (partial) text = text.slice(0, partial.index);
    }
    if (text.includes(BR)) text = text.split(BR).join('');
    buf += text.includes('&') ? decodeEntities(text) : text;
  };

  const closeTo = (name: string): void => {
    const at = stack.lastIndexOf(name);
    if (at >= 0) stack.length = at;
  };

  let pos = 0;
  const n = src.length;
  scan: while (pos < n) {
    const lt = src.indexOf('<', pos);
    if (lt < 0) {
      addText(src.slice(pos), true);
      pos = n;
      break;
    }
    if (lt > pos) addText(src.slice(pos, lt), false);
    pos = lt;
    const next = src[lt + 1];
    if (next === undefined) {
      if (final) addText('<', true);
      break;
    }
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      if (end < 0) break; // an unfinished comment: nothing after it is text yet (or ever, when final)
      pos = end + 3;
      continue;
    }
    if (!startsTag(src.charCodeAt(lt + 1))) {
      // A "<" that opens no tag is text; so is every such "<" right after it (one addition for the whole run).
      let run = lt + 1;
      while (run < n && src.charCodeAt(run) === 0x3c && run + 1 < n && !startsTag(src.charCodeAt(run + 1))) run++;
      addText(src.slice(lt, run), false);
      pos = run;
      continue;
    }
    if (next === '/' && lt + 2 >= n && !final) break;
    if (next === '/' && !/[a-zA-Z]/.test(src[lt + 2] ?? '')) {
      addText('<', false);
      pos = lt + 1;
      continue;
    }
    const end = tagEnd(src, lt + 1);
    if (end < 0) {
      if (final) {
        // Never closed: a "<" in text ("x<y") rather than a tag.
        addText(src.slice(lt), true);
        pos = n;
      }
      break;
    }
    const raw = src.slice(lt + 1, end);
    pos = end + 1;
    if (next === '!' || next === '?') continue; // <!DOCTYPE …>, <?xml …?>
    const closing = raw.startsWith('/');
    const name = (/^\/?\s*([a-zA-Z][a-zA-Z0-9:-]*)/.exec(raw)?.[1] ?? '').toLowerCase();

    if (!closing && (SKIP.has(name) || name === 'title')) {
      if (raw.endsWith('/')) continue;
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = pos;
      const m = close.exec(src);
      if (!m) {
        if (final && name === 'title') {
          const text = linesOf(decodeEntities(src.slice(pos).replace(/<[^>]*>?/g, ' '))).join(' ');
          if (text !== '') blocks.push({ kind: 'title', level: 0, lines: [text], complete: true });
        }
        pos = n;
        break scan;
      }
      if (name === 'title') {
        flush(true);
        const text = linesOf(decodeEntities(tagsToSpaces(src.slice(pos, m.index)))).join(' ');
        if (text !== '') blocks.push({ kind: 'title', level: 0, lines: [text], complete: true });
      }
      pos = m.index + m[0].length;
      continue;
    }

    if (name === 'br') {
      buf += BR;
      continue;
    }
    if (name === 'meta' && !closing) {
      const attrs = attributes(raw);
      const key = (attrs.get('name') ?? attrs.get('property') ?? '').toLowerCase();
      const content = attrs.get('content');
      if (content !== undefined) {
        if ((key === 'description' || key === 'og:description') && meta.description === undefined) meta.description = content;
        if (key === 'keywords' && meta.keywords === undefined) meta.keywords = content;
      }
      continue;
    }
    if (!BLOCK.has(name)) continue; // inline (a, strong, em, span, img …): dropped, its text kept

    flush(true);
    if (closing) {
      closeTo(name);
      continue;
    }
    if (VOID.has(name) || raw.endsWith('/')) continue;
    // Tolerate unclosed elements: a new block closes an open paragraph or heading, a new item an open item.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      if (top === 'p' || HEADING.test(top) || (name === 'li' && top === 'li')) stack.pop();
      else break;
    }
    stack.push(name);
  }
  flush(final);
  return { blocks, meta };
}

/**
 * Blocks → the body in our Markdown-ish form: paragraphs apart by a blank line, `## ` subheadings,
 * `- ` list items (one per line), `> ` quotes.
 */
export function blocksToBody(blocks: readonly HtmlBlock[]): string {
  let out = '';
  let previous: HtmlBlockKind | null = null;
  for (const b of blocks) {
    let piece: string;
    if (b.kind === 'heading' || b.kind === 'title') piece = `## ${b.lines.join(' ')}`;
    else if (b.kind === 'li') piece = `- ${b.lines.join(' ')}`;
    else if (b.kind === 'quote') piece = b.lines.map((l) => `> ${l}`).join('\n');
    else piece = b.lines.join('\n');
    const sep = out === '' ? '' : b.kind === 'li' && previous === 'li' ? '\n' : '\n\n';
    out += sep + piece;
    previous = b.kind;
  }
  return out;
}
