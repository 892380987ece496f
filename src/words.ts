/**
 * The word scanner shared by the word count (src/article.ts, which ships in the content script) and the checks
 * (src/checks/text.ts, src/checks/seo.ts). Pure: no browser APIs, no allocation per word.
 */

/** The scripts whose characters are words of their own (no spaces between words): Han, Hiragana, Katakana. */
export const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';

const APOSTROPHE = 39;

/** 1 for an ASCII letter or digit, 2 for an upper-case ASCII letter, 0 for any other ASCII character. */
export const ASCII_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) t[c] = 1; // 0-9
  for (let c = 97; c <= 122; c++) t[c] = 1; // a-z
  for (let c = 65; c <= 90; c++) t[c] = 2; // A-Z
  return t;
})();
const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * Calls `each(start, end, ascii)` for every match of the word regex `re`, in order, as a global scan with `re`
 * would find them, and returns how many there were; nothing is allocated per word. `re` must be sticky (flag
 * `y`) and Unicode (`u`), and never match the empty string.
 *
 * Plain ASCII words (letters and digits, then any number of "'" + letters: possessives, contractions) are read
 * by hand; as soon as a word or the character right after it is not ASCII, `re` itself reads the word from its
 * first character (`ascii` is false then), and at a non-ASCII character where `re` matches nothing the scan
 * steps over that code point. That is exact for any `re` whose matches start only at a letter or digit or a
 * non-ASCII character and agree with that rule on pure-ASCII words (checks/text.ts's WORD_RE, the SEO check's
 * LATIN_WORD, countWords' WORD): no ASCII character that is not a letter or digit can start a match, so a global
 * scan finds its next match exactly where the sticky regex first matches. The sticky `test` fills no match array.
 */
export function forEachWord(text: string, re: RegExp, each: (start: number, end: number, ascii: boolean) => void): number {
  if (!re.sticky) throw new TypeError('forEachWord needs a sticky word regex (flag y)');
  const n = text.length;
  let words = 0;
  let p = 0;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c < 128) {
      if (ASCII_CLASS[c] === 0) {
        p++;
        continue;
      }
      let q = p + 1;
      let d = q < n ? text.charCodeAt(q) : -1;
      while (d >= 0 && d < 128 && ASCII_CLASS[d] !== 0) d = ++q < n ? text.charCodeAt(q) : -1;
      let ascii = d < 128;
      while (ascii && d === APOSTROPHE) {
        const e = q + 1 < n ? text.charCodeAt(q + 1) : -1;
        if (e >= 128) ascii = false;
        if (!isAsciiLetter(e)) break;
        q += 2;
        d = q < n ? text.charCodeAt(q) : -1;
        while (isAsciiLetter(d)) d = ++q < n ? text.charCodeAt(q) : -1;
        if (d >= 128) ascii = false;
      }
      if (ascii) {
        words++;
        each(p, q, true);
        p = q;
        continue;
      }
    }
    re.lastIndex = p;
    if (re.test(text)) {
      const stop = re.lastIndex;
      words++;
      each(p, stop, false);
      p = stop;
    } else {
      // No word starts here: step over the code point (a surrogate pair is one, as the Unicode regex reads it).
      p += c >= 0xd800 && c <= 0xdbff && p + 1 < n && (text.charCodeAt(p + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    }
  }
  return words;
}

/** True for the UTF-16 code units that JavaScript's `\s` matches (ASCII spaces and controls, Unicode Zs, line and paragraph separators, BOM). */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
