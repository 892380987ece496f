/**
 * Answers the model wrote as JSON ({"title": …, "article": …, "meta_description": …}). Models write JSON
 * loosely: raw line breaks inside strings, a trailing comma, chatter after the closing brace, or an answer
 * cut off by the token limit. `readJson` copes with each; while streaming it reports "pending" until the
 * value is complete, so nothing half-parsed is ever shown.
 */

import { blocksToBody, looksLikeHtml, readHtml } from './html';

export type JsonRead =
  | { status: 'pending' }
  | { status: 'bad' }
  /** `rest`: the text after the value (chatter, or labelled SEO lines). */
  | { status: 'ok'; value: unknown; rest: string };

interface Scan {
  /** Index just after the value's closing bracket, or -1 if it is not closed yet. */
  end: number;
  /** The value as valid-ish JSON: control characters in strings escaped, trailing commas dropped. */
  text: string;
  open: string[];
  inString: boolean;
  /** The deepest nesting seen. */
  depth: number;
}

const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(ch: string): string {
  return ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Reads one JSON value from `src[0]` (a `{` or `[`), in one pass, copying the text between the few edits. */
function scan(src: string): Scan {
  const parts: string[] = [];
  let copied = 0; // src[0, copied) is in parts
  const open: string[] = [];
  let inString = false;
  let escaped = false;
  let comma = -1; // a comma outside strings with only white space after it so far
  let end = -1;
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
      else if (c < 0x20) {
        parts.push(src.slice(copied, i) + escapeControl(src[i] as string));
        copied = i + 1;
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      comma = -1;
    } else if (c === 0x2c) comma = i;
    else if (c === 0x7b || c === 0x5b) {
      open.push(c === 0x7b ? '}' : ']');
      if (open.length > depth) depth = open.length;
      comma = -1;
    } else if (c === 0x7d || c === 0x5d) {
      if (comma >= 0) {
        // A trailing comma before the closing bracket: leave it out.
        parts.push(src.slice(copied, comma));
        copied = comma + 1;
      }
      comma = -1;
      open.pop();
      if (open.length === 0) {
        end = i + 1;
        break;
      }
    } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) comma = -1;
  }
  parts.push(src.slice(copied, end < 0 ? src.length : end));
  return { end, text: parts.join(''), open, inString, depth };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A value cut off at the end (the token limit): close the open string and brackets and hope. */
function repair(s: Scan): string {
  let tail = s.text;
  if (s.inString) {
    // An odd run of backslashes at the end escapes the quote we add: drop the last one.
    let run = 0;
    while (run < tail.length && tail.charCodeAt(tail.length - 1 - run) === 0x5c) run++;
    if (run % 2 === 1) tail = tail.slice(0, -1);
    tail += '"';
  }
  tail = tail.trimEnd();
  if (tail.endsWith(':')) tail += 'null';
  if (tail.endsWith(',')) tail = tail.slice(0, -1);
  return tail + [...s.open].reverse().join('');
}

const MAX_DEPTH = 64;

/** `text` starts with `{` or `[` (leading space allowed). */
export function readJson(text: string, final: boolean): JsonRead {
  const start = text.search(/\S/);
  const src = start < 0 ? '' : text.slice(start);
  if (src === '') return final ? { status: 'bad' } : { status: 'pending' };
  const s = scan(src);
  // No answer nests this deep (jsonAnswer reads a few levels): not worth parsing a million brackets to learn that.
  if (s.depth > MAX_DEPTH) return final ? { status: 'bad' } : { status: 'pending' };
  if (s.end >= 0) {
    const parsed = tryParse(s.text);
    if (parsed.ok) return { status: 'ok', value: parsed.value, rest: src.slice(s.end) };
    return final ? { status: 'bad' } : { status: 'pending' };
  }
  if (!final) return { status: 'pending' };
  const parsed = tryParse(repair(s));
  return parsed.ok ? { status: 'ok', value: parsed.value, rest: '' } : { status: 'bad' };
}

/** Key → lower-case letters only: "meta_description", "metaDescription" and "Meta Description" are one key. */
function keyOf(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const TITLE_KEYS = ['title', 'headline', 'h1', 'rephrasedtitle', 'rewrittentitle', 'newtitle', 'articletitle'];
const BODY_KEYS = ['article', 'body', 'content', 'text', 'rephrasedarticle', 'rewrittenarticle', 'articlebody', 'paragraphs', 'sections'];
const SEO_KEYS: ReadonlyArray<readonly [string, 'metaDescription' | 'slug' | 'keywords' | 'title']> = [
  ['metadescription', 'metaDescription'],
  ['seodescription', 'metaDescription'],
  ['description', 'metaDescription'],
  ['slug', 'slug'],
  ['urlslug', 'slug'],
  ['keywords', 'keywords'],
  ['seokeywords', 'keywords'],
  ['tags', 'keywords'],
  ['seotitle', 'title'],
  ['metatitle', 'title'],
];
const NESTED_SEO_KEYS = ['seo', 'meta', 'seoextras', 'seopack', 'metadata'];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(obj: Obj, keys: readonly string[]): unknown {
  for (const want of keys) {
    for (const [k, v] of Object.entries(obj)) if (keyOf(k) === want && v !== null && v !== undefined) return v;
  }
  return undefined;
}

const SECTION_HEADING_KEYS = ['heading', 'subheading', 'subtitle', 'title', 'h2', 'h3'];
const SECTION_TEXT_KEYS = ['text', 'paragraph', 'content', 'body', 'paragraphs', 'items'];
const SECTION_LIST_KEYS = ['list', 'bullets', 'points'];

/** A string, an array of paragraphs, or sections ({heading, paragraphs}) → our Markdown-ish body. */
function bodyOf(value: unknown, depth = 0): string {
  if (depth > 6) return '';
  if (typeof value === 'string') {
    const s = value.replace(/\r\n?/g, '\n').trim();
    return looksLikeHtml(s) ? blocksToBody(readHtml(s, true).blocks) : s;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    return value
      .map((v) => bodyOf(v, depth + 1))
      .filter((p) => p !== '')
      .join('\n\n');
  }
  if (isObj(value)) {
    const parts: string[] = [];
    const heading = field(value, SECTION_HEADING_KEYS);
    if (typeof heading === 'string' && heading.trim() !== '') parts.push(`## ${heading.trim()}`);
    const text = field(value, SECTION_TEXT_KEYS);
    if (text !== undefined) parts.push(bodyOf(text, depth + 1));
    const list = field(value, SECTION_LIST_KEYS);
    if (Array.isArray(list)) {
      parts.push(
        list
          .map((item) => bodyOf(item, depth + 1).replace(/\n+/g, ' '))
          .filter((item) => item !== '')
          .map((item) => `- ${item}`)
          .join('\n'),
      );
    }
    return parts.filter((p) => p !== '').join('\n\n');
  }
  return '';
}

export interface JsonAnswer {
  title: string;
  body: string;
  seo: { metaDescription?: unknown; slug?: unknown; keywords?: unknown; title?: unknown };
}

/** The parsed value → title, body and raw SEO values; null if it has neither a title nor a body we know. */
export function jsonAnswer(value: unknown): JsonAnswer | null {
  let top: unknown = value;
  // [{"title": …}] and {"article": {"title": …, "body": …}}
  if (Array.isArray(top) && top.length === 1) top = top[0];
  if (!isObj(top)) return null;
  let o: Obj = top;
  if (field(top, TITLE_KEYS) === undefined) {
    const inner = Object.entries(top).find(([k, v]) => isObj(v) && !NESTED_SEO_KEYS.includes(keyOf(k)) && field(v, TITLE_KEYS) !== undefined);
    if (inner) o = inner[1] as Obj;
  }
  const title = field(o, TITLE_KEYS);
  const bodyValue = field(o, BODY_KEYS);
  if (typeof title !== 'string' && bodyValue === undefined) return null;

  const seo: JsonAnswer['seo'] = {};
  const sources: Obj[] = [];
  for (const src of o === top ? [o] : [o, top]) {
    sources.push(src);
    const nested = field(src, NESTED_SEO_KEYS);
    if (isObj(nested)) sources.push(nested);
  }
  for (const src of sources) {
    for (const [key, name] of SEO_KEYS) {
      if (seo[name] !== undefined) continue;
      const v = field(src, [key]);
      if (v !== undefined && !isObj(v)) seo[name] = v;
    }
  }
  return { title: typeof title === 'string' ? title : '', body: bodyOf(bodyValue), seo };
}
