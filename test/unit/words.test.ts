/**
 * countWords reads words with forEachWord (src/words.ts) and one sticky regex; it must give exactly the number
 * the two-path regex version gives. That version is kept here as the reference. forEachWord itself must find
 * exactly the matches a global scan with its regex finds, for each regex it is given in src/.
 */
import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/article';
import { forEachWord } from '../../src/words';
import { TRICKY_POOL, TRICKY_TEXTS, fixtureTexts, randomTricky, seededRand } from '../support/fixture-texts';

const REF_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const REF_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const REF_HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** countWords as it was before forEachWord: every word in a match array, CJK characters made spaces. */
function reference(text: string): number {
  if (!REF_HAS_CJK.test(text)) return text.match(REF_WORD)?.length ?? 0;
  const cjk = text.match(REF_CJK)?.length ?? 0;
  const rest = text.replace(REF_CJK, ' ').match(REF_WORD)?.length ?? 0;
  return cjk + rest;
}

const EDGE_CASES = [
  ...TRICKY_TEXTS,
  // apostrophes, straight and curly, inside, around and at the ends of words
  "rock'n'roll rock’n’roll rock'n’roll",
  "l'été l’été L'Été d'Artagnan",
  "don't don’t it's Iran’s O'Neill",
  "trailing' trailing’ 'leading ’leading '' ’’ ' ’",
  "word'' word'’s a''b a'’b",
  "don't5 it's9x 5's 5’s 1990's '90s",
  "x'ab'cd'é x'é x’é x'1 x’1 x'\u0301 x'漢 x’カ",
  "ab'\uD83D\uDE00 ab'\uD800 ab'\uDC00b",
  // digits
  '123 4.5 6,7 8-9 ١٢٣٤ ٥ ४२ ２０２６ ½ ² Ⅻ ①',
  // CJK mixed with Latin on both sides, kana, Hangul (not counted as CJK: a run of Hangul is one word)
  'abc東京def 東京abc abc東京 1東2京3 東京1',
  "Iran's東京 東京's 東's 's東 Iran’s東京’s",
  'ひらがな カタカナ ｶﾀｶﾅ ー 〆 々 〇 ゝゞ ヽヾ 〻',
  '한국어 한국어abc abc한국어 한국어東京 東京한국어',
  // combining marks split countWords' words (they are not letters or digits)
  'cafe\u0301 cafe\u0301s e\u0301t\u00E9 nai\u0308ve \u0301\u0301 a\u0301b\u0301c',
  'x\u20DDy q\u0300\u0301\u0302r',
  // emoji, NBSP and other spaces, zero-width characters
  '👍abc 👍 abc👍 a👍b 👨‍👩‍👧 🇫🇷x',
  'a\u00A0b\u00A0\u00A0c d\u202Fe f\u2009g h\u3000i 漢\u3000字 j\u200Bk l\u200Dm n\uFEFFo',
  // lone surrogates and astral letters
  '\uD800 \uDBFF\uDBFF a\uD800 \uDC00a \uDC00\uD800 x\uD83D',
  '𝐀𝐁 𝐀b a𝐀 𠀀a a𠀀 𠀀𠀁b 𛀁 🈀 𝟘𝟙',
  // Han/kana code points that are not letters (radicals, squared words, circled katakana, Vietnamese reading marks)
  '⺀ ⼀ ㋐ ㌀ \u{16FF0} a⼀b a㋐b',
];

/** Every span `re` (global) matches in `text`. */
function globalSpans(re: RegExp, text: string): Array<[number, number]> {
  return [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
}

/** Every span forEachWord reports with the sticky twin of `re`, and its returned count. */
function scannedSpans(re: RegExp, text: string): { spans: Array<[number, number]>; count: number } {
  const spans: Array<[number, number]> = [];
  const count = forEachWord(text, new RegExp(re.source, 'uy'), (start, end) => spans.push([start, end]));
  return { spans, count };
}

/** Extracting every fixture page takes seconds: once for the file. */
let fixtures: ReturnType<typeof fixtureTexts> | undefined;
const fixturePages = (): ReturnType<typeof fixtureTexts> => (fixtures ??= fixtureTexts());

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
/** The regexes src/ hands to forEachWord: countWords' WORD, checks/text.ts's WORD_RE, seo.ts's LATIN_WORD. */
const SCANNED = [
  new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}])+(?:['’](?:(?![${CJK}])\\p{L})+)*`, 'gu'),
  new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{M}\\p{N}])+(?:['’](?:(?![${CJK}])\\p{L})+)*`, 'gu'),
  /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu,
];

describe('countWords gives exactly what the regex version gives', () => {
  // generous timeouts: extraction and the sweep take seconds on a busy machine (these are no speed checks)
  it('on every fixture page (raw HTML, extracted text, and each extracted block)', { timeout: 30_000 }, () => {
    const texts = fixturePages();
    expect(texts.filter((t) => t.blocks !== undefined).length).toBeGreaterThan(10);
    for (const { name, text, blocks } of texts) {
      expect(countWords(text), name).toBe(reference(text));
      for (const [i, b] of (blocks ?? []).entries()) expect(countWords(b.text), `${name} block ${i}`).toBe(reference(b.text));
    }
  });

  it('on hand-written edge cases', () => {
    for (const text of EDGE_CASES) expect(countWords(text), JSON.stringify(text)).toBe(reference(text));
    // checked by hand, so that the reference itself is pinned
    expect(countWords('')).toBe(0);
    expect(countWords("rock'n'roll")).toBe(1);
    expect(countWords("trailing' 'leading")).toBe(2);
    expect(countWords("don't5")).toBe(2); // don't, 5
    expect(countWords('l’été')).toBe(1);
    expect(countWords('abc東京def')).toBe(4); // abc, 東, 京, def
    expect(countWords("東京's")).toBe(3); // 東, 京, s
    expect(countWords('한국어 텍스트abc')).toBe(2); // Hangul is not CJK here: runs of it are words
    expect(countWords('cafe\u0301s')).toBe(2); // the combining accent is no letter: cafe, s
    expect(countWords('👍 a\u00A0b \uD800')).toBe(2);
  });

  it('on every BMP code unit and a sweep of the astral planes, in and around words', { timeout: 30_000 }, () => {
    const wrong: string[] = [];
    const tryAt = (cp: number): void => {
      const ch = String.fromCodePoint(cp);
      const s = `${ch} ab${ch}cd ${ch}\u0301 x${ch}1 a'${ch} b’${ch}c ${ch}'d ${ch}${ch}`;
      if (countWords(s) !== reference(s)) wrong.push(cp.toString(16));
    };
    for (let c = 0; c < 0x10000; c++) tryAt(c);
    for (let c = 0x10000; c < 0x40000; c++) tryAt(c);
    for (let c = 0xe0000; c < 0xe0200; c++) tryAt(c);
    expect(wrong).toEqual([]);
  });

  it('on seeded random strings of tricky code points', () => {
    const pool = [...TRICKY_POOL, '’', "'", "'", '東', 'ヶ', '〆', '々', 'ゝ', '⼀', '㋐', '\u{16FF0}', '𛀁', '\u00A0', 'Ⅻ'];
    const rand = seededRand(0x1f2e3d4c);
    for (let i = 0; i < 5000; i++) {
      const s = randomTricky(rand, pool, 32);
      expect(countWords(s), JSON.stringify(s)).toBe(reference(s));
    }
  });
});

describe('forEachWord finds what a global scan with its regex finds', () => {
  it('on random strings, hand-written cases and the extracted fixture texts, for each regex of src/', () => {
    const rand = seededRand(0x5eed);
    const texts = [...EDGE_CASES, ...fixturePages().flatMap((t) => (t.blocks === undefined ? [] : [t.text]))];
    for (let i = 0; i < 3000; i++) texts.push(randomTricky(rand, TRICKY_POOL, 32));
    for (const re of SCANNED) {
      for (const text of texts) {
        const want = globalSpans(re, text);
        const got = scannedSpans(re, text);
        // compared as strings first: toEqual on every page's thousands of spans is slow
        if (got.count !== want.length || got.spans.join() !== want.join()) {
          expect(got.spans, `${re.source} on ${JSON.stringify(text.slice(0, 200))}`).toEqual(want);
          expect(got.count).toBe(want.length);
        }
      }
    }
  });

  it('refuses a regex that is not sticky', () => {
    expect(() => forEachWord('abc', /\p{L}+/gu, () => {})).toThrow(TypeError);
  });
});
