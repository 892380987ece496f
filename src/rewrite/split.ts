/**
 * The model's answer → headline + body. Called again and again on the growing text while it streams,
 * so it must never show a headline that later changes: the headline stays '' until its line is complete
 * (a newline follows it, or the answer is final), and from then on it is fixed.
 *
 * The system prompt asks for "# Headline", a blank line, then paragraphs. Models stray from that, so this
 * also reads: "## Headline", "**Headline**", "Title: …" / "Headline: …" / "H1: …" (also "**Title:** …" and
 * "Rephrased Title: …"), a label alone on its line with the headline on the next, a quoted headline, a plain
 * first line; a chatty preamble line before it ("Sure! Here's the rewritten article:"); an "Article:" label
 * line before the body; CRLF line endings; and, once the answer is final, a closing "I hope this helps" paragraph.
 */

export interface SplitResult {
  headline: string;
  body: string;
  /** True once the headline can no longer change. While false, headline and body are both ''. */
  headlineSettled: boolean;
}

export interface SplitOptions {
  /** The answer is complete: a last line with no newline after it counts as complete. */
  final?: boolean;
}

const PENDING: SplitResult = { headline: '', body: '', headlineSettled: false };

export function splitAnswer(text: string, opts: SplitOptions = {}): SplitResult {
  const final = opts.final === true;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // Only the last line can still grow; every earlier line has its newline.
  const complete = (i: number): boolean => final || i < lines.length - 1;

  // Find the headline line, skipping preamble lines. Decide nothing from a line that is still growing.
  let i = nextNonEmpty(lines, 0);
  let headline = '';
  for (;;) {
    if (i >= lines.length) return final ? { headline: '', body: '', headlineSettled: true } : PENDING;
    if (!complete(i)) return PENDING;
    const line = lines[i] as string;
    if (isPreamble(line)) {
      i = nextNonEmpty(lines, i + 1);
      continue;
    }
    const cleaned = cleanHeadline(line);
    if (cleaned.labelOnly) {
      // "Title:" alone on its line: the headline is the next non-empty line.
      i = nextNonEmpty(lines, i + 1);
      if (i >= lines.length) return final ? { headline: '', body: '', headlineSettled: true } : PENDING;
      if (!complete(i)) return PENDING;
      headline = cleanHeadline(lines[i] as string).text;
    } else {
      headline = cleaned.text;
    }
    break;
  }

  const bodyLines = lines.slice(i + 1);
  const first = nextNonEmpty(bodyLines, 0);
  if (first < bodyLines.length) {
    const line = bodyLines[first] as string;
    const label = ARTICLE_LABEL.exec(line);
    if (label) {
      // "Article:" alone is dropped; "Article: Meta has…" keeps what follows the label.
      bodyLines[first] = line.slice(label[0].length);
    } else if (first === bodyLines.length - 1 && !final && mayBecomeArticleLabel(line)) {
      // "Artic…" may yet become "Article:": hold it back rather than show it and take it away.
      bodyLines[first] = '';
    }
  }

  let body = normaliseBody(bodyLines.join('\n'));
  if (final) body = dropClosing(body);
  return { headline, body, headlineSettled: true };
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

const PREAMBLE_WITH_COLON = /^(?:sure|here|certainly|of course|okay|ok|absolutely|alright|all right)\b.*:$/i;
const PREAMBLE_ALONE = /^(?:sure|certainly|of course|okay|ok|absolutely|alright|all right)\s*[!.]*$/i;

function isPreamble(line: string): boolean {
  const s = bare(line);
  return PREAMBLE_WITH_COLON.test(s) || PREAMBLE_ALONE.test(s);
}

const HEADLINE_LABEL = /^(?:(?:rephrased|rewritten|new|suggested|proposed)\s+)?(?:title|headline|h1)\s*[:：]\s*/i;

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
    s = s.replace(/^#{1,6}\s+/, '').replace(/\s+#+$/, '');
    s = s.replace(/\*\*|__/g, '').trim();
    const single = /^\*(.+)\*$/.exec(s) ?? /^_(.+)_$/.exec(s);
    if (single) s = (single[1] as string).trim();
    const label = HEADLINE_LABEL.exec(s);
    if (label) {
      s = s.slice(label[0].length).trim();
      labelled = true;
    }
    s = unquote(s);
    if (s === before) break;
  }
  return { text: s, labelOnly: labelled && s === '' };
}

/** "Article:", "**Rephrased Article:**", "Body:" … at the start of the body's first line, with what follows kept. */
const ARTICLE_LABEL =
  /^\s*(?:\*\*|__)?\s*(?:(?:rephrased|rewritten|new)\s+)?(?:article|body|content)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?[ \t]*/i;

const ARTICLE_LABEL_FORMS: readonly string[] = (() => {
  const words = ['article', 'body', 'content'];
  const names = words.flatMap((w) => [w, `rephrased ${w}`, `rewritten ${w}`, `new ${w}`]);
  return names.flatMap((n) => [`${n}:`, `**${n}:**`, `**${n}**:`, `__${n}:__`, `__${n}__:`]);
})();

/** Whether a line still being written could turn out to be an article label. */
function mayBecomeArticleLabel(line: string): boolean {
  const s = line.trimStart().toLowerCase().replace(/\s+/g, ' ');
  return s !== '' && ARTICLE_LABEL_FORMS.some((form) => form.startsWith(s));
}

/** Trimmed, \n line endings, no trailing spaces, paragraphs apart by exactly one blank line. */
function normaliseBody(body: string): string {
  return body
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const CLOSING =
  /^(?:i hope (?:this|that|it|you)|hope this helps|(?:please )?let me know|feel free to|if you (?:need|would like|want|have)|is there anything else)/i;
const RULE = /^(?:-{3,}|\*{3,}|_{3,})$/;

/** Drops closing chatter at the end ("I hope this helps…", "Let me know if…") and a rule left before it. */
function dropClosing(body: string): string {
  const paragraphs = body === '' ? [] : body.split('\n\n');
  for (;;) {
    const last = paragraphs[paragraphs.length - 1];
    if (last === undefined) break;
    const s = bare(last).replace(/^[*_]+|[*_]+$/g, '').trim();
    if (CLOSING.test(s) || RULE.test(last.trim())) paragraphs.pop();
    else break;
  }
  return paragraphs.join('\n\n');
}
