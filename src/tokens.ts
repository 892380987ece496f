/**
 * Token counts without shipping a tokenizer. A real BPE table (o200k) is ~2.7 MB minified, more than the whole
 * extension may weigh, so the extension estimates; test/unit/tokens.test.ts measures the estimate against the real
 * o200k tokenizer on real articles (median within a few percent for English).
 *
 * The estimate: CJK and Hangul characters count one token each; a Latin-script word one token per 9 characters;
 * a word in another script one token per 4 characters (those scripts take more tokens per character); each
 * punctuation mark or symbol one token.
 *
 * The pieces are the successive matches of PIECE over the text. A CJK character is a piece of its own where a piece
 * starts, but one that follows other letters without a break ("abc漢字") belongs to their piece: the second
 * alternative is tried from the piece's first letter, and Han is \p{L}.
 */

import { isSpaceCode } from './words';

/** Sticky: matches only at lastIndex (no match there means a whitespace character). */
const PIECE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/uy;
const LATIN_WORD = /^[\p{Script=Latin}\p{N}\p{M}]+$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

/** The cost of one match of PIECE (lengths in UTF-16 code units, as always). */
function pieceCost(piece: string): number {
  if (piece.length > 1 && LETTER_OR_DIGIT.test(piece)) return Math.ceil(piece.length / (LATIN_WORD.test(piece) ? 9 : 4));
  return 1;
}

const SPACE = 0;
const ALNUM = 1;
const OTHER = 2;
/** Per ASCII code: SPACE for what `\s` matches, ALNUM for a letter or digit, OTHER for the rest (one piece each). */
const ASCII_KIND = (() => {
  const t = new Uint8Array(128).fill(OTHER);
  for (const c of [9, 10, 11, 12, 13, 32]) t[c] = SPACE;
  for (let c = 48; c <= 57; c++) t[c] = ALNUM;
  for (let c = 65; c <= 90; c++) t[c] = ALNUM;
  for (let c = 97; c <= 122; c++) t[c] = ALNUM;
  return t;
})();

/**
 * Non-ASCII code units common in Latin-script articles that end a word piece: typographic punctuation (a piece
 * of its own, one token) and the non-ASCII characters `\s` matches (no piece). Any other non-ASCII code unit goes
 * to PIECE itself.
 */
function isCommonPunct(c: number): boolean {
  // ‘ ’ “ ” – — … « » · (all outside \p{L}\p{M}\p{N} and \s)
  return (c >= 0x2013 && c <= 0x2014) || (c >= 0x2018 && c <= 0x2019) || (c >= 0x201c && c <= 0x201d) || c === 0x2026 || c === 0xab || c === 0xbb || c === 0xb7;
}
/**
 * BMP code units that, where a piece starts, are a piece of one code unit costing 1: CJK ideographs, kana and
 * Hangul syllables (PIECE's first alternative) and CJK punctuation (its last). Excluded on purpose: U+3006 〆,
 * U+3099-U+309A (combining marks), U+30FC ー (a Common-script letter): those can start longer pieces.
 */
function isCjkSingle(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || // CJK Unified Ideographs
    (c >= 0x3040 && c <= 0x3098) || // Hiragana
    (c >= 0x309b && c <= 0x30fb) || // Hiragana marks and Katakana
    (c >= 0xac00 && c <= 0xd7af) || // Hangul syllables
    (c >= 0x3001 && c <= 0x3005) || // 、。〃〄々
    (c >= 0x3008 && c <= 0x3011) || // 〈〉《》「」『』【】
    (c >= 0xff01 && c <= 0xff0f) || // ！＂＃…，－．／
    (c >= 0xff1a && c <= 0xff20) || // ：；＜＝＞？＠
    (c >= 0x3400 && c <= 0x4dbf) // CJK Extension A
  );
}

/**
 * The sum of the pieces' costs, in one pass without a match object per piece: ASCII is read by hand (a run of
 * ASCII letters and digits is a Latin word piece, any other ASCII character outside `\s` is a piece of one); as
 * soon as a piece starts with, or a run of ASCII letters and digits runs into, a non-ASCII code unit, PIECE itself
 * reads that piece from its first character. That is exact: pieces tile every character outside `\s`, so PIECE
 * started at a piece's first character finds the match it would have found running over the whole text.
 */
export function estimateTokens(text: string): number {
  const len = text.length;
  let n = 0;
  let p = 0;
  while (p < len) {
    const c = text.charCodeAt(p);
    if (c < 128) {
      const kind = ASCII_KIND[c];
      if (kind === SPACE) {
        p++;
        continue;
      }
      if (kind === OTHER) {
        n++;
        p++;
        continue;
      }
      let q = p + 1;
      let d = q < len ? text.charCodeAt(q) : 0;
      while (q < len && d < 128 && ASCII_KIND[d] === ALNUM) d = ++q < len ? text.charCodeAt(q) : 0;
      if (q === len || d < 128 || isCommonPunct(d) || isSpaceCode(d)) {
        // ASCII letters and digits only: Latin script or \p{N}, so LATIN_WORD holds (and one character costs 1)
        n += Math.ceil((q - p) / 9);
        p = q;
        continue;
      }
    } else if (isCommonPunct(c) || isCjkSingle(c)) {
      n++;
      p++;
      continue;
    } else if (isSpaceCode(c)) {
      p++;
      continue;
    }
    PIECE.lastIndex = p;
    const m = PIECE.exec(text);
    if (m === null) {
      p++; // a non-ASCII \s character (all of them are single code units)
      continue;
    }
    n += pieceCost(m[0]);
    p = PIECE.lastIndex;
  }
  return n;
}

/** Chat framing: each message costs a few tokens on top of its text (OpenAI documents ~3-4). */
export function estimateMessagesTokens(messages: readonly { content: string }[]): number {
  return messages.reduce((sum, m) => sum + 4 + estimateTokens(m.content), 3);
}
