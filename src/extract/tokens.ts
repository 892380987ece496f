/**
 * An honest token estimate for any model, without a tokenizer: what the popup shows before spending
 * tokens, and what the "very long" warning is based on. It is an estimate (±25 % on ordinary prose for
 * BPE tokenizers such as OpenAI's o200k/cl100k); a real tokenizer belongs to the rewrite stage.
 *
 * - Han, Hiragana, Katakana and Hangul: about one token per character.
 * - Other letters, digits and whitespace: about four characters per token (Latin, Cyrillic, Greek… prose;
 *   non-Latin alphabets usually cost more, so they count three characters per token).
 * - Punctuation and symbols: one token each, since tokenizers seldom merge them with words.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** Letters (and their marks) of scripts other than Latin, CJK included (subtracted below). */
const NON_LATIN_LETTER = /(?!\p{Script=Latin})[\p{L}\p{M}]/gu;
const SYMBOL = /[^\p{L}\p{M}\p{N}\s]/gu;

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

export function estimateTokens(text: string): number {
  if (!text) return 0;
  const cjk = count(text, CJK);
  const otherLetters = count(text, NON_LATIN_LETTER) - cjk;
  const symbols = count(text, SYMBOL);
  const latin = Math.max(0, text.length - cjk - otherLetters - symbols);
  return Math.ceil(cjk + latin / 4 + otherLetters / 3 + symbols);
}
