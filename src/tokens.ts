/**
 * Token counts without shipping a tokenizer. A real BPE table (o200k) is ~2.7 MB minified, more than the whole
 * extension may weigh, so the extension estimates; test/unit/tokens.test.ts measures the estimate against the real
 * o200k tokenizer on real articles (median within a few percent for English).
 *
 * The estimate: CJK and Hangul characters count one token each; a Latin-script word one token per 9 characters;
 * a word in another script one token per 4 characters (those scripts take more tokens per character); each
 * punctuation mark or symbol one token.
 */

const PIECE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
const LATIN_WORD = /^[\p{Script=Latin}\p{N}\p{M}]+$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

export function estimateTokens(text: string): number {
  let n = 0;
  for (const m of text.matchAll(PIECE)) {
    const piece = m[0];
    if (piece.length > 1 && LETTER_OR_DIGIT.test(piece)) n += Math.ceil(piece.length / (LATIN_WORD.test(piece) ? 9 : 4));
    else n += 1;
  }
  return n;
}

/** Chat framing: each message costs a few tokens on top of its text (OpenAI documents ~3-4). */
export function estimateMessagesTokens(messages: readonly { content: string }[]): number {
  return messages.reduce((sum, m) => sum + 4 + estimateTokens(m.content), 3);
}
