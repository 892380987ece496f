/**
 * The model's answer → headline + body. Called again and again on the growing text while it streams,
 * so it must never show a headline that later changes: the headline stays '' until its line is complete
 * (a newline follows it, or the answer is final), and from then on it is fixed.
 *
 * The system prompt asks for "# Headline", a blank line, then paragraphs. Models stray from that, so this
 * also reads: "## Headline", "**Headline**", a quoted headline, a plain first line; labels before the headline or
 * the article in the four UI languages ("Title: …", "**Überschrift:**", "## Titre", "Artículo reescrito:", alone
 * on their line or with the text after them: ./labels.ts); chatty preamble lines before it ("Sure! Here's the
 * rewritten article:", "Voici l'article réécrit :"); CRLF line endings; and a closing "I hope this helps" paragraph
 * (./closing.ts: dropped once final, held back while it streams) or a "---" with notes after it.
 *
 * `parseAnswer` (below; `splitAnswer` is it without the extras) also reads answers written in HTML
 * (./html.ts, text only) or JSON (./json.ts), any shape inside a code fence, and takes a trailing block of
 * SEO extras (meta description, slug, keywords: ./seo.ts) off the body.
 */

import { blocksToBody, looksLikeHtml, readHtml, type HtmlBlock } from './html';
import { dropClosingHashes } from './heading';
import { jsonAnswer, readJson } from './json';
import { isClosingChatter, startsLikeClosing } from './closing';
import { isPreamble, mayBecomeLabel, readLabel, type Label } from './labels';
import { mergeSeo, seoFromLines, seoFromValues, splitSeo, type Seo } from './seo';

export type { Seo } from './seo';

export interface SplitResult {
  headline: string;
  body: string;
  /** True once the headline can no longer change. While false, headline and body are both ''. */
  headlineSettled: boolean;
}

export type AnswerShape = 'markdown' | 'html' | 'json';

export interface ParsedAnswer extends SplitResult {
  /** Meta description, slug and keywords the model added (a trailing block, JSON fields, HTML meta tags); {} if none. */
  seo: Seo;
  /** How the model wrote the answer (inside a code fence or not). */
  shape: AnswerShape;
}

export interface SplitOptions {
  /** The answer is complete: a last line with no newline after it counts as complete. */
  final?: boolean;
}

/** The answer split into headline and body, as `parseAnswer` does, without the SEO extras. */
export function splitAnswer(text: string, opts: SplitOptions = {}): SplitResult {
  const { headline, body, headlineSettled } = parseAnswer(text, opts);
  return { headline, body, headlineSettled };
}

const pending = (shape: AnswerShape = 'markdown'): ParsedAnswer => ({
  headline: '',
  body: '',
  headlineSettled: false,
  seo: {},
  shape,
});
const empty = (shape: AnswerShape = 'markdown'): ParsedAnswer => ({
  headline: '',
  body: '',
  headlineSettled: true,
  seo: {},
  shape,
});

const FENCE = /^\s*(`{3,}|~{3,})\s*([A-Za-z0-9_+.-]*)\s*$/;

/**
 * The answer → headline, body and SEO extras, whatever shape the model wrote it in: Markdown-ish text (see
 * above), HTML (`<h1>…</h1><p>…</p>`), JSON ({"title", "article", "meta_description", …}), any of them in a
 * code fence, and a trailing block of SEO extras. Same streaming rule as `splitAnswer`: nothing until the
 * headline is complete, then the headline never changes.
 */
export function parseAnswer(text: string, opts: SplitOptions = {}): ParsedAnswer {
  return parse(text.replace(/\r\n?/g, '\n'), opts.final === true, 0);
}

function parse(text: string, final: boolean, depth: number): ParsedAnswer {
  const lines = text.split('\n');
  const complete = (i: number): boolean => final || i < lines.length - 1;

  // Skip blank, preamble and label lines; decide the shape from the first line that is none of them.
  let i = nextNonEmpty(lines, 0);
  let labelled = false;
  let offset = 0;
  for (let k = 0; k < i; k++) offset += (lines[k] as string).length + 1;
  for (;;) {
    if (i >= lines.length) return final ? empty() : pending();
    const line = lines[i] as string;
    if (!complete(i) || !isLeadIn(line)) break;
    labelled ||= !isPreamble(line);
    const next = nextNonEmpty(lines, i + 1);
    for (let k = i; k < next; k++) offset += (lines[k] as string).length + 1;
    i = next;
  }
  const first = lines[i] as string;
  const rest = text.slice(offset);

  if (looksLikeHtml(first)) return parseHtml(rest, final);
  if (/^\s*\{/.test(first)) return parseJson(rest, final);
  if (!complete(i)) return pending();
  const fence = FENCE.exec(first);
  if (fence && depth < 3) return parseFenced(lines, i, fence[1] as string, (fence[2] as string).toLowerCase(), final, depth);
  return parseMarkdown(lines, i, final, labelled);
}

/** The body's post-processing shared by every shape: closing chatter (held back while streaming) and the SEO block off. */
function finish(headline: string, rawBody: string, seo: Seo, shape: AnswerShape, final: boolean, lastLineComplete: boolean): ParsedAnswer {
  let body = normaliseBody(rawBody);
  if (final) body = dropClosing(body);
  else body = holdClosing(dropNotes(body, false), lastLineComplete);
  const split = splitSeo(body, { final, lastLineComplete });
  body = split.body;
  // Chatter may come before the SEO block too; the paragraphs before that block are whole.
  body = final ? dropClosing(body) : holdClosing(body, true);
  return { headline, body: normaliseBody(body), headlineSettled: true, seo: mergeSeo(seo, split.seo), shape };
}

/** Lines of a text that can no longer change: all of them when final, else all but the last. */
function settledText(text: string, final: boolean): string {
  if (final) return text;
  const cut = text.lastIndexOf('\n');
  return cut < 0 ? '' : text.slice(0, cut);
}

function parseFenced(lines: readonly string[], at: number, marker: string, lang: string, final: boolean, depth: number): ParsedAnswer {
  const closing = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
  let close = -1;
  for (let k = at + 1; k < lines.length; k++) {
    if ((final || k < lines.length - 1) && closing.test(lines[k] as string)) {
      close = k;
      break;
    }
  }
  let inner: string[];
  let innerFinal: boolean;
  let after = '';
  if (close >= 0) {
    inner = lines.slice(at + 1, close);
    innerFinal = true;
    after = lines.slice(close + 1).join('\n');
  } else {
    inner = lines.slice(at + 1);
    innerFinal = final;
    // "``" at the very end may be the closing fence arriving: never show it.
    const last = inner[inner.length - 1];
    if (!final && last !== undefined && /^\s*[`~]+\s*$/.test(last)) inner[inner.length - 1] = '';
  }
  const content = inner.join('\n');
  const forceHtml = ['html', 'htm', 'xhtml', 'xml'].includes(lang) && !looksLikeHtml(content) && /<[a-z]/i.test(content);
  const parsed = forceHtml ? parseHtml(content, innerFinal) : parse(content, innerFinal, depth + 1);
  if (!parsed.headlineSettled) return parsed;
  // After the closing fence: chatter, sometimes labelled SEO lines. Only the SEO lines are kept.
  return { ...parsed, seo: mergeSeo(parsed.seo, seoFromLines(settledText(after, final))) };
}

function parseJson(text: string, final: boolean): ParsedAnswer {
  const read = readJson(text, final);
  if (read.status === 'pending') return pending('json');
  const answer = read.status === 'ok' ? jsonAnswer(read.value) : null;
  if (!answer) {
    // Valid JSON of a shape we do not know, or JSON beyond repair: show it as it is rather than nothing.
    if (!final) return pending('json');
    return finish('', text, {}, 'json', true, true);
  }
  const title = answer.title.includes('<') ? htmlText(answer.title) : answer.title;
  const seo = mergeSeo(seoFromValues(answer.seo), read.status === 'ok' ? seoFromLines(settledText(read.rest, final)) : {});
  return finish(cleanHeadline(title).text, answer.body, seo, 'json', final, true);
}

function htmlText(html: string): string {
  return readHtml(html, true)
    .blocks.map((b) => b.lines.join(' '))
    .join(' ');
}

function isHeadlineBlock(b: HtmlBlock): boolean {
  return b.kind === 'title' || (b.kind === 'heading' && b.level <= 2);
}

function parseHtml(text: string, final: boolean): ParsedAnswer {
  const { blocks, meta } = readHtml(text, final);
  let h = blocks.findIndex(isHeadlineBlock);
  if (h >= 0 && !(blocks[h] as HtmlBlock).complete) return pending('html');
  if (h < 0) {
    // No heading yet: one may still come. Once final, the first block is the headline, as with plain text.
    if (!final) return pending('html');
    h = blocks.findIndex((b) => !isLeadIn(b.lines.join(' ')));
  }
  const headline = h >= 0 ? cleanHeadline((blocks[h] as HtmlBlock).lines.join(' ')).text : '';
  const same = (s: string): boolean => s.toLowerCase() === headline.toLowerCase();
  // The first block after the headline may be an article label alone ("<p><strong>Article:</strong></p>"), or, while
  // it is being written, may become one: held back.
  const firstBody = blocks.findIndex((b, k) => k > h && b.kind !== 'title');
  const body = blocks.filter((b, k) => {
    if (k === h || b.kind === 'title') return false;
    const s = b.lines.join(' ');
    if (k === firstBody && (b.kind === 'p' || b.kind === 'heading')) {
      const label = readLabel(s);
      if (label !== null && label.kind === 'body' && label.rest === '') return false;
      if (!b.complete && mayBecomeLabel(s, 'body')) return false;
    }
    if (k < h && b.kind === 'p' && isLeadIn(s)) return false;
    // The headline again as the page's <h1> after a <title>: once is enough (even while it is being written).
    if (b.kind === 'heading' && (same(s) || (!b.complete && headline.toLowerCase().startsWith(s.toLowerCase())))) return false;
    return true;
  });
  const last = blocks[blocks.length - 1];
  const seo = seoFromValues({ metaDescription: meta.description, keywords: meta.keywords });
  return finish(headline, blocksToBody(body), seo, 'html', final, final || last === undefined || last.complete);
}

/** `labelledBefore`: a label line came before `start` (the answer labels its parts). */
function parseMarkdown(lines: string[], start: number, final: boolean, labelledBefore: boolean): ParsedAnswer {
  const complete = (i: number): boolean => final || i < lines.length - 1;
  const PENDING = pending();

  // Find the headline line, skipping preamble lines and labels alone on their line ("Title:", "## Rewritten
  // article"). Decide nothing from a line that is still growing.
  let i = start;
  let labelled = labelledBefore;
  for (;;) {
    if (i >= lines.length) return final ? empty() : PENDING;
    if (!complete(i)) return PENDING;
    const line = lines[i] as string;
    const label = readLabel(line);
    if (!isPreamble(line) && !(label !== null && label.rest === '')) break;
    labelled ||= label !== null;
    i = nextNonEmpty(lines, i + 1);
  }
  const headlineLabel = readLabel(lines[i] as string);
  labelled ||= headlineLabel !== null && takesLabel(headlineLabel, false);
  const headline = cleanHeadline(lines[i] as string).text;

  const bodyLines = lines.slice(i + 1);
  const first = nextNonEmpty(bodyLines, 0);
  if (first < bodyLines.length) {
    const line = bodyLines[first] as string;
    const label = readLabel(line);
    if (label !== null && label.kind === 'body' && takesLabel(label, labelled)) {
      // "Article:" alone is dropped; "Article: Meta has…" keeps what follows the label.
      bodyLines[first] = label.rest;
    } else if (first === bodyLines.length - 1 && !final && mayBecomeLabel(line, 'body')) {
      // "Artic…" may yet become "Article:": hold it back rather than show it and take it away.
      bodyLines[first] = '';
    }
  }

  const lastLineComplete = final || lines[lines.length - 1] === '';
  return finish(headline, bodyLines.join('\n'), {}, 'markdown', final, lastLineComplete);
}

/**
 * Whether a label found at a line's start is one. Alone on its line, with a headline noun, naming the article, or
 * in bold or a heading it is; a weak one with text after it ("Text: …", "Inhalt: …") only in an answer that
 * labelled its parts already: else it may be the start of a sentence.
 */
function takesLabel(label: Label, labelled: boolean): boolean {
  return label.rest === '' || label.kind === 'headline' || label.strong || label.marked || labelled;
}

/** A line that comes before the answer and is not part of it: chatter, or a label alone on its line. */
function isLeadIn(line: string): boolean {
  return isPreamble(line) || readLabel(line)?.rest === '';
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function nextNonEmpty(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && isBlank(lines[i] as string)) i++;
  return i;
}

/** Markdown emphasis and heading markers gone: for recognising a line, never for showing it. */
function bare(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .trim();
}

const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ['“', '”'],
  ['„', '“'],
  ['«', '»'],
  ['‘', '’'],
  ["'", "'"],
  ['「', '」'],
];

/** Strips quotes that wrap the whole text, and only those: not `“Dangerous” policy cited in “ban”`. */
function unquote(s: string): string {
  for (const [open, close] of QUOTE_PAIRS) {
    if (s.length < 2 || !s.startsWith(open) || !s.endsWith(close)) continue;
    const inner = s.slice(open.length, s.length - close.length);
    if (inner.includes(open) && open !== close) continue;
    // A closing quote inside is fine only as an apostrophe between letters (Iran’s, don't).
    const stray = [...inner].some((ch, k) => {
      if (ch !== close && ch !== open) return false;
      const before = inner[k - 1] ?? '';
      const after = inner[k + 1] ?? '';
      return !(/\p{L}/u.test(before) && /\p{L}/u.test(after));
    });
    if (!stray) return inner.trim();
  }
  return s;
}

function cleanHeadline(line: string): { text: string; labelOnly: boolean } {
  let s = line.trim();
  let labelled = false;
  for (let round = 0; round < 4; round++) {
    const before = s;
    s = dropClosingHashes(s.replace(/^#{1,6}\s+/, ''));
    s = s.replace(/\*\*|__/g, '').trim();
    const single = /^\*(.+)\*$/.exec(s) ?? /^_(.+)_$/.exec(s);
    if (single) s = (single[1] as string).trim();
    const label = readLabel(s);
    if (label !== null && (label.colon || label.dash) && takesLabel(label, false)) {
      s = label.rest;
      labelled = true;
    }
    s = unquote(s);
    if (s === before) break;
  }
  return { text: s, labelOnly: labelled && s === '' };
}

/** Trimmed, \n line endings, no trailing spaces, paragraphs apart by exactly one blank line. */
function normaliseBody(body: string): string {
  // Only a line that ends in white space needs trimming: most answers have none, and are not split at all.
  const trimmed = TRAILING_SPACE.test(body)
    ? body
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n')
    : body;
  return trimmed.replace(/\n{3,}/g, '\n\n').trim();
}
/** White space (not a line break) right before a line break or the end. */
const TRAILING_SPACE = /[^\S\n](?:\n|$)/;

/**
 * A note about the rewrite, after a rule at the end ("---" then "Note: I kept the quotes…", "Remarque :",
 * "Anmerkung:", "Nota:", "Changes made:"). Without the rule before it, a "Note:" paragraph may be the article's.
 */
const NOTE_WORDS: readonly string[] = [
  'note',
  'notes',
  'remarque',
  'remarques',
  'anmerkung',
  'anmerkungen',
  'hinweis',
  'hinweise',
  'nota',
  'notas',
  'changes',
  'changes made',
  'modifications',
  'modifications apportées',
  'änderungen',
  'cambios',
  'cambios realizados',
];
const NOTE = new RegExp(`^(?:${NOTE_WORDS.join('|')})\\s*[:：]`, 'iu');

/** Whether a paragraph still being written may become a note's start ("**Not", "Remarque ", "Nota:"). */
function mayBecomeNote(paragraph: string): boolean {
  const s = trimEmphasisMarks(bare(paragraph)).trim().toLowerCase().replace(/\s+/g, ' ');
  return NOTE.test(s) || NOTE_WORDS.some((w) => w.startsWith(s) || (s.startsWith(w) && /^\s*[:：]?$/.test(s.slice(w.length))));
}

/**
 * The body up to a rule at the end that notes follow. While streaming, also up to a rule whose next paragraph,
 * still being written, may become a note: held back rather than shown and taken away at the end.
 */
function dropNotes(body: string, final: boolean): string {
  const paragraphs = body.split('\n\n');
  let rule = -1;
  for (let k = paragraphs.length - 1; k >= 0 && rule < 0; k--) if (RULE.test((paragraphs[k] as string).trim())) rule = k;
  const after = paragraphs[rule + 1];
  if (rule < 0 || after === undefined) return body;
  const note = NOTE.test(trimEmphasisMarks(bare(after)).trim()) || (!final && rule + 1 === paragraphs.length - 1 && mayBecomeNote(after));
  return note ? paragraphs.slice(0, rule).join('\n\n') : body;
}

const RULE = /^(?:-{3,}|\*{3,}|_{3,})$/;

/** `s.replace(/^[*_]+|[*_]+$/g, '')` in one walk from each end (the regex rescans a long run of `*` from each of them). */
function trimEmphasisMarks(s: string): string {
  const mark = (i: number): boolean => s[i] === '*' || s[i] === '_';
  let start = 0;
  while (start < s.length && mark(start)) start++;
  let end = s.length;
  while (end > start && mark(end - 1)) end--;
  return s.slice(start, end);
}

/**
 * Drops closing chatter at the end ("I hope this helps…", "Let me know if…") and a rule left before it, and a
 * rule at the end with notes after it.
 */
function dropClosing(body: string): string {
  const paragraphs = body === '' ? [] : dropNotes(body, true).split('\n\n');
  for (;;) {
    const last = paragraphs[paragraphs.length - 1];
    if (last === undefined) break;
    if (isClosingChatter(last) || RULE.test(last.trim())) paragraphs.pop();
    else break;
  }
  return paragraphs.join('\n\n');
}

/**
 * While streaming: the body without what may turn out to be closing chatter at its end, so that it never shows and
 * then vanishes: paragraphs at the end that read as chatter, a rule at the end, and a last paragraph still being
 * written (`lastComplete` false) that starts like chatter. Each shows once a paragraph of the article follows it.
 */
function holdClosing(body: string, lastComplete: boolean): string {
  const paragraphs = body === '' ? [] : body.split('\n\n');
  let open = !lastComplete;
  for (;;) {
    const last = paragraphs[paragraphs.length - 1];
    if (last === undefined) break;
    const rule = /^[-*_]+$/.test(last.trim());
    if (!(isClosingChatter(last) || rule || (open && startsLikeClosing(last)))) break;
    paragraphs.pop();
    open = false;
  }
  return paragraphs.join('\n\n');
}
