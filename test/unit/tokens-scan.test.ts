import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/tokens';
import { TRICKY_POOL, TRICKY_TEXTS, fixtureTexts, randomTricky, seededRand } from '../support/fixture-texts';

/**
 * estimateTokens scans ASCII by hand and leaves the rest to its regex; it must give exactly the number the plain
 * regex version gives. This is that version, kept here as the reference.
 */
const PIECE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
const LATIN_WORD = /^[\p{Script=Latin}\p{N}\p{M}]+$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

function reference(text: string): number {
  let n = 0;
  for (const m of text.matchAll(PIECE)) {
    const piece = m[0];
    if (piece.length > 1 && LETTER_OR_DIGIT.test(piece)) n += Math.ceil(piece.length / (LATIN_WORD.test(piece) ? 9 : 4));
    else n += 1;
  }
  return n;
}

describe('estimateTokens gives exactly what the regex version gives', () => {
  it('on every fixture page (raw HTML and extracted text)', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(20);
    for (const { name, text } of texts) expect(estimateTokens(text), name).toBe(reference(text));
    // A correctness check over every page (extracting them takes seconds): no time limit of its own on a busy machine.
  }, 60_000);

  it('on hand-written edge cases', () => {
    for (const text of TRICKY_TEXTS) expect(estimateTokens(text), JSON.stringify(text)).toBe(reference(text));
    // a few checked by hand, so that the reference itself is pinned
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('   ')).toBe(0);
    expect(estimateTokens('abc漢字')).toBe(2); // one piece of 5, not Latin: ceil(5/4)
    expect(estimateTokens('漢字abc')).toBe(3); // 漢, 字, abc
    expect(estimateTokens('cafe\u0301')).toBe(1);
    expect(estimateTokens('a'.repeat(19))).toBe(3);
    expect(estimateTokens('Iran’s')).toBe(3);
  });

  it('on every BMP code unit, alone, after and before ASCII letters, and next to a combining mark', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const s = `${ch} ab${ch}cd ${ch}\u0301 x${ch}1`;
      if (estimateTokens(s) !== reference(s)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('on seeded random strings of tricky code points', () => {
    const rand = seededRand(0x2545f491);
    for (let i = 0; i < 4000; i++) {
      const s = randomTricky(rand, TRICKY_POOL);
      expect(estimateTokens(s), JSON.stringify(s)).toBe(reference(s));
    }
  });
});
