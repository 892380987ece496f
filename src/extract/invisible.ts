/**
 * Code points a reader never sees, taken out of the article text and title: they can carry a whole hidden
 * message (Unicode tag characters U+E0000–E007F, variation selectors), split a word so that a filter misses it
 * (zero-width space, word joiner, BOM, soft hyphen, invisible operators), or reorder what the model reads
 * against what the page shows (bidi embeddings, overrides, isolates and marks).
 *
 * The emoji presentation selectors U+FE0E and U+FE0F are kept right after an emoji or a keycap digit ("➡️").
 * ZWNJ and ZWJ (U+200C, U+200D) spell words in Persian, the Indic scripts and emoji sequences: they are kept
 * next to a letter of a script other than Latin, Greek or Cyrillic, or next to an emoji, and dropped elsewhere.
 */

const ALWAYS =
  '[\\u00ad\\u061c\\u115f\\u1160\\u180e\\u200b\\u200e\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\u3164\\ufeff\\uffa0\\u{e0000}-\\u{e007f}]' +
  // Combining marks on their own: a class of them would read as one combined character.
  '|\\u034f|\\u17b4|\\u17b5|\\p{Variation_Selector}';

/** Any invisible code point, joiners included (the cheap test before the replace). */
const ANY_INVISIBLE = new RegExp(`${ALWAYS}|[\\u200c\\u200d]`, 'u');
const INVISIBLE = new RegExp(`${ALWAYS}|[\\u200c\\u200d]`, 'gu');
/** A neighbour that makes a joiner part of the spelling. */
const JOINS = /[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\P{L}]|\p{Extended_Pictographic}/u;

/** What an emoji presentation selector (U+FE0E, U+FE0F) may follow: "➡️", "1️⃣". */
const EMOJI_BASE = /^[\p{Extended_Pictographic}0-9#*]$/u;

/** `s` without the invisible code points (see the file comment); `s` itself when it has none. */
export function stripInvisible(s: string): string {
  if (!ANY_INVISIBLE.test(s)) return s;
  return s.replace(INVISIBLE, (c, offset: number, whole: string) => {
    const joiner = c === '\u200c' || c === '\u200d';
    const presentation = c === '\ufe0e' || c === '\ufe0f';
    if (!joiner && !presentation) return '';
    const low = offset >= 2 && /[\udc00-\udfff]/.test(whole[offset - 1] ?? '');
    const before = offset === 0 ? ' ' : String.fromCodePoint(whole.codePointAt(low ? offset - 2 : offset - 1) ?? 32);
    if (presentation) return EMOJI_BASE.test(before) ? c : '';
    const after = String.fromCodePoint(whole.codePointAt(offset + 1) ?? 32);
    return JOINS.test(before) || JOINS.test(after) ? c : '';
  });
}
