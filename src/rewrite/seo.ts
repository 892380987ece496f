/**
 * SEO extras the model may add after the article: a meta description, a URL slug, keywords (and sometimes an
 * SEO title). They come as labelled lines, usually after a `---` rule, sometimes under an "SEO extras" heading,
 * with bold labels or as list items:
 *
 *     ---
 *     **Meta description:** Meta removed the accounts of Iran's supreme leader.
 *     **URL slug:** meta-bans-khamenei
 *     **Keywords:** Meta, Khamenei, Instagram
 *
 * `splitSeo` takes that block off the end of the body and returns its values. Only a block at the very end
 * counts: a "Keywords:" line followed by more article is article.
 */

export interface Seo {
  metaDescription?: string;
  slug?: string;
  keywords?: string[];
  /** "SEO title:" / "Meta title:", when the model gives one besides the headline. */
  title?: string;
}

type SeoField = keyof Seo;

/** Label (lower-case letters only, "suggested"/"proposed" dropped) → field. */
const STRONG_LABELS: ReadonlyMap<string, SeoField> = new Map<string, SeoField>([
  ['metadescription', 'metaDescription'],
  ['seodescription', 'metaDescription'],
  ['seometadescription', 'metaDescription'],
  ['slug', 'slug'],
  ['urlslug', 'slug'],
  ['seoslug', 'slug'],
  ['permalink', 'slug'],
  ['keywords', 'keywords'],
  ['keyword', 'keywords'],
  ['seokeywords', 'keywords'],
  ['metakeywords', 'keywords'],
  ['focuskeywords', 'keywords'],
  ['focuskeyword', 'keywords'],
  ['targetkeywords', 'keywords'],
  ['keyphrases', 'keywords'],
  ['seotitle', 'title'],
  ['metatitle', 'title'],
]);

/** Labels that also occur in articles: they count only inside a block that is clearly SEO. */
const WEAK_LABELS: ReadonlyMap<string, SeoField> = new Map<string, SeoField>([
  ['description', 'metaDescription'],
  ['url', 'slug'],
  ['tags', 'keywords'],
]);

const HEADERS: ReadonlySet<string> = new Set([
  'seo',
  'seoextras',
  'seoextra',
  'seopack',
  'seodetails',
  'seometadata',
  'seometa',
  'seoinfo',
  'seoinformation',
  'seoelements',
  'seodata',
  'metadata',
]);

const ALL_LABEL_KEYS: readonly string[] = [...STRONG_LABELS.keys(), ...WEAK_LABELS.keys()];

function letters(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, '');
}

function labelKey(label: string): string {
  return letters(label).replace(/^(?:suggested|proposed|recommended)/, '');
}

/** List bullet, heading marker and surrounding space off a line, for recognising it. */
function strip(line: string): { text: string; bullet: boolean } {
  const t = line.trim();
  const m = /^(?:[-*+•]\s+|\d{1,2}[.)]\s+)/.exec(t);
  return { text: (m ? t.slice(m[0].length) : t).replace(/^#{1,6}\s+/, ''), bullet: m !== null };
}

const hasMarkerAt = (s: string, at: number): boolean => s.startsWith('**', at) || s.startsWith('__', at);

/** `(?:\*\*|__)?\s*` off the start. */
function dropLeadingMarker(s: string): string {
  return (hasMarkerAt(s, 0) ? s.slice(2) : s).trimStart();
}

/** `\s*(?:\*\*|__)?\s*` off the end. */
function dropTrailingMarker(s: string): string {
  const t = s.trimEnd();
  return hasMarkerAt(t, t.length - 2) ? t.slice(0, -2).trimEnd() : t;
}

const LABEL = /^[A-Za-z][A-Za-z \t_-]{0,40}$/;

/**
 * "**Meta description:** …" → label and value, as
 * `^(?:\*\*|__)?\s*([A-Za-z][A-Za-z \t_-]{0,40}?)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$` matches it,
 * without that regex's retries of every split of a long run of spaces (nothing before the colon can be a colon,
 * so it is the first one).
 */
function labelled(text: string): { label: string; value: string } | null {
  const colon = text.search(/[:：]/);
  if (colon < 0) return null;
  const label = dropTrailingMarker(dropLeadingMarker(text.slice(0, colon)));
  if (!LABEL.test(label)) return null;
  const value = dropLeadingMarker(text.slice(colon + 1).trimStart());
  if (/[\n\r\u2028\u2029]/.test(value)) return null;
  return { label, value };
}

interface Label {
  field: SeoField;
  strong: boolean;
  value: string;
}

function readLabel(line: string): Label | null {
  // A label needs its colon: most lines have none and are passed over at once.
  if (!COLON.test(line)) return null;
  const m = labelled(strip(line).text);
  if (!m) return null;
  const key = labelKey(m.label);
  const strongField = STRONG_LABELS.get(key);
  const field = strongField ?? WEAK_LABELS.get(key);
  if (!field) return null;
  return { field, strong: strongField !== undefined, value: m.value.trim() };
}

const COLON = /[:：]/;
const HEADER_LETTER = /[smSM]/;

function isHeader(line: string): boolean {
  // Every header holds an s or an m ("SEO …", "Metadata"): a line with neither is passed over at once.
  if (line.length > 60 || !HEADER_LETTER.test(line)) return false;
  const s = strip(line)
    .text.replace(/\*\*|__|[:：]/g, '')
    .trim();
  return /^[A-Za-z ]+$/.test(s) && HEADERS.has(letters(s));
}

const RULE = /^(?:-{3,}|\*{3,}|_{3,})$/;

/** "Meta desc", "**Key", "Slu": a line still being written that could become a label. */
function mayBecomeLabel(line: string): boolean {
  const s = strip(line).text;
  if (/[:：]/.test(s) || !/^[\s*_A-Za-z-]*$/.test(s)) return false;
  const key = letters(s);
  return ALL_LABEL_KEYS.some((k) => k.startsWith(key)) || [...HEADERS].some((k) => k.startsWith(key));
}

function mayBecomeRule(line: string): boolean {
  return /^(?:-+|\*+|_+)$/.test(line.trim());
}

function unwrap(value: string): string {
  let s = value.replace(/\*\*|__/g, '').trim();
  for (const [open, close] of [
    ['"', '"'],
    ['“', '”'],
    ["'", "'"],
    ['`', '`'],
    ['«', '»'],
  ] as const) {
    if (s.length >= 2 && s.startsWith(open) && s.endsWith(close)) s = s.slice(1, -1).trim();
  }
  return s;
}

/** "… (152 characters)" off the end: `value.replace(/\s*\(\s*\d+\s*(?:characters?|chars?)\s*\)\s*$/i, '')`. */
function cleanDescription(value: string): string {
  const open = value.lastIndexOf('(');
  let s = value;
  if (open >= 0 && /^\(\s*\d+\s*(?:characters?|chars?)\s*\)\s*$/i.test(value.slice(open))) s = value.slice(0, open).trimEnd();
  return unwrap(s);
}

/** `s.replace(/[?#].*$/, '')` without retrying from every `?` when a line break follows (`.` stops at one). */
function dropQuery(s: string): string {
  const lineStart = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'), s.lastIndexOf('\u2028'), s.lastIndexOf('\u2029')) + 1;
  const at = s.slice(lineStart).search(/[?#]/);
  return at < 0 ? s : s.slice(0, lineStart + at);
}

function cleanSlug(value: string): string {
  let s = unwrap(value);
  if (/^https?:\/\//i.test(s)) {
    const path = dropQuery(s.replace(/^https?:\/\/[^/]*/i, ''));
    s = path.split('/').filter(Boolean).pop() ?? '';
  }
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '/') start++;
  while (end > start && s[end - 1] === '/') end--;
  return s.slice(start, end);
}

function splitKeywords(value: string): string[] {
  const s = value.replace(/\*\*|__/g, '').trim();
  let parts: string[];
  if (/[,;]/.test(s)) parts = s.split(/[,;]/);
  else if (/^#/.test(s)) parts = s.split(/(?<!\s)\s+(?=#)/);
  else parts = [s];
  return parts.map((p) => unwrap(p).replace(/^#/, '').replace(/\.$/, '').trim()).filter((p) => p !== '');
}

class SeoCollector {
  readonly seo: Seo = {};

  add(field: SeoField, raw: string): void {
    if (raw.trim() === '') return;
    if (field === 'keywords') {
      const words = splitKeywords(raw);
      const have = this.seo.keywords ?? [];
      for (const w of words) if (!have.some((h) => h.toLowerCase() === w.toLowerCase())) have.push(w);
      if (have.length > 0) this.seo.keywords = have;
      return;
    }
    if (this.seo[field] !== undefined) return;
    const value = field === 'slug' ? cleanSlug(raw) : field === 'metaDescription' ? cleanDescription(raw) : unwrap(raw);
    if (value !== '') this.seo[field] = value;
  }
}

export interface SplitSeoOptions {
  /** The answer is complete. */
  final: boolean;
  /** The body's last line has its newline (or the answer is final): it will not grow. */
  lastLineComplete: boolean;
}

/**
 * Takes a trailing SEO block off the body. While streaming, a block that is being written (or a trailing
 * `---` that may start one) is held back rather than shown and taken away later; a first label line with no
 * rule before it shows until its colon arrives (it may be article: "Meta has…").
 */
export function splitSeo(body: string, opts: SplitSeoOptions): { body: string; seo: Seo } {
  if (body === '') return { body, seo: {} };
  const lines = body.split('\n');
  const lastPartial = !opts.final && !opts.lastLineComplete;
  const settledCount = lastPartial ? lines.length - 1 : lines.length;

  let runStart = -1;
  let strong = false;
  let ruleFirst = false;
  let labels = 0;
  let expect: SeoField | null = null;
  let entries: Array<[SeoField, string]> = [];
  const reset = (): void => {
    runStart = -1;
    strong = false;
    ruleFirst = false;
    labels = 0;
    expect = null;
    entries = [];
  };

  for (let i = 0; i < settledCount; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    if (RULE.test(line.trim())) {
      if (runStart < 0) {
        runStart = i;
        ruleFirst = true;
      }
      expect = null;
      continue;
    }
    const label = readLabel(line);
    if (label) {
      if (runStart < 0) runStart = i;
      labels++;
      if (label.strong) strong = true;
      if (label.value !== '') entries.push([label.field, label.value]);
      expect = label.value === '' ? label.field : null;
      continue;
    }
    if (isHeader(line)) {
      if (runStart < 0) runStart = i;
      expect = null;
      continue;
    }
    if (expect !== null) {
      // The value under a label alone on its line; keywords may come as several list items.
      const { text, bullet } = strip(line);
      entries.push([expect, text]);
      if (!(expect === 'keywords' && bullet)) expect = null;
      continue;
    }
    reset();
  }

  const valid = labels > 0 && (strong || ruleFirst);
  let cut = -1;
  if (lastPartial) {
    const last = lines[lines.length - 1] as string;
    const inRun = runStart >= 0;
    const lastIsSeo =
      last.trim() === '' ||
      (readLabel(last)?.strong ?? false) ||
      mayBecomeRule(last) ||
      (inRun && (expect !== null || readLabel(last) !== null || mayBecomeLabel(last) || isHeader(last)));
    if (lastIsSeo) cut = inRun ? runStart : lines.length - 1;
  } else if (runStart >= 0 && (valid || !opts.final)) {
    cut = runStart;
  }

  if (cut < 0) return { body, seo: {} };
  const collector = new SeoCollector();
  if (valid) for (const [field, value] of entries) collector.add(field, value);
  return { body: lines.slice(0, cut).join('\n').trimEnd(), seo: collector.seo };
}

/** Every labelled SEO line anywhere in a text (the chatter after a fenced answer), other lines ignored. */
export function seoFromLines(text: string): Seo {
  const collector = new SeoCollector();
  let expect: SeoField | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const label = readLabel(line);
    if (label) {
      collector.add(label.field, label.value);
      expect = label.value === '' ? label.field : null;
    } else if (expect !== null) {
      const { text: value, bullet } = strip(line);
      collector.add(expect, value);
      if (!(expect === 'keywords' && bullet)) expect = null;
    }
  }
  return collector.seo;
}

/** Values from a JSON answer or HTML meta tags, cleaned the same way as labelled lines. */
export function seoFromValues(values: { [K in SeoField]?: unknown }): Seo {
  const collector = new SeoCollector();
  for (const field of ['metaDescription', 'slug', 'keywords', 'title'] as const) {
    const v = values[field];
    if (typeof v === 'string') collector.add(field, v);
    else if (Array.isArray(v)) {
      const words = v.filter((w): w is string => typeof w === 'string');
      if (field === 'keywords') collector.add(field, words.join(', '));
      else if (words[0] !== undefined) collector.add(field, words[0]);
    }
  }
  return collector.seo;
}

/** Fields of `first` win; keywords are merged. */
export function mergeSeo(first: Seo, second: Seo): Seo {
  const out: Seo = { ...second, ...first };
  if (first.keywords || second.keywords) {
    const all = [...(first.keywords ?? [])];
    for (const k of second.keywords ?? []) if (!all.some((a) => a.toLowerCase() === k.toLowerCase())) all.push(k);
    out.keywords = all;
  }
  for (const key of Object.keys(out) as SeoField[]) if (out[key] === undefined) delete out[key];
  return out;
}
