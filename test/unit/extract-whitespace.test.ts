import { describe, expect, it } from 'vitest';
import { collapseWhitespace, nonSpaceLength } from '../../src/extract/blocks';
import { isSpaceCode } from '../../src/words';

/** The definitions the fast paths must agree with. */
const collapseByRegex = (s: string): string => s.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
const nonSpaceByRegex = (s: string): number => s.replace(/\s+/g, '').length;

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POOL = [
  'a',
  'Z',
  '7',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\u2009',
  '\u3000',
  '\u2028',
  '\u1680',
  '\u180e',
  '\u200c',
  'é',
  '港',
  '\ud83d\ude00',
  '\ud800',
  '.',
  '—',
];

describe('whitespace helpers of the block walk', () => {
  it('isSpaceCode is exactly /\\s/ on every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  it('collapseWhitespace and nonSpaceLength agree with their regex definitions on edge cases and 3,000 random strings', () => {
    const cases = [
      '',
      ' ',
      'a',
      ' a',
      'a ',
      'a  b',
      'a b',
      'a\u00a0b',
      'a\u200bb',
      '\u200b',
      '\ufeffa',
      'a\nb',
      'one two three',
      '  lead',
      'trail  ',
      'x\u3000y',
    ];
    const next = random(20261129);
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const n = Math.floor(next() * 12);
      for (let j = 0; j < n; j++) s += POOL[Math.floor(next() * POOL.length)];
      cases.push(s);
    }
    for (const s of cases) {
      expect(collapseWhitespace(s), JSON.stringify(s)).toBe(collapseByRegex(s));
      expect(nonSpaceLength(s), JSON.stringify(s)).toBe(nonSpaceByRegex(s));
    }
  });

  it('text that is already collapsed comes back as the same string', () => {
    const s = 'The harbour board met on Tuesday.';
    expect(collapseWhitespace(s)).toBe(s);
    expect(collapseWhitespace(` ${s}`)).toBe(s);
  });
});
