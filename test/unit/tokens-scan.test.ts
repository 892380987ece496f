import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '../../src/extract/node';
import { estimateTokens } from '../../src/tokens';

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

const pagesDir = new URL('../fixtures/pages/', import.meta.url);

/** Every fixture page: its raw HTML (markup, scripts, entities) and, when extraction succeeds, the article text. */
function fixtureTexts(): { name: string; text: string }[] {
  const out = [{ name: 'prompt-example.txt', text: readFileSync(new URL('../fixtures/prompt-example.txt', import.meta.url), 'utf8') }];
  for (const name of readdirSync(pagesDir).sort()) {
    if (!name.endsWith('.html') && !name.endsWith('.html.gz')) continue;
    const raw = readFileSync(new URL(name, pagesDir));
    const html = name.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    out.push({ name: `${name} (html)`, text: html });
    const r = extractFromHtml(html, 'https://example.com/a');
    if (r.ok) out.push({ name, text: r.article.text });
  }
  return out;
}

const EDGE_CASES = [
  '',
  ' ',
  '     \n\t\r\f\v  ',
  'a',
  '1',
  '.',
  'The quick brown fox.',
  'café',
  'naïve',
  'cafe\u0301', // e + combining acute: the mark belongs to the word piece
  'abc\u0301def',
  '\u0301abc', // a piece starting with a mark
  '\u0301',
  'abc漢字',
  '漢字abc',
  'abc漢字def',
  '東京は日本の首都です',
  'ｶﾀｶﾅ and カタカナー',
  '한국어 텍스트abc',
  'abc한국어',
  '12345678901234567890123456789',
  '3.14159 1,000,000 2026-11-29',
  "don't it's Iran’s rock ’n’ roll",
  'https://example.com/path?q=1&b=two#frag',
  'mail@example.org <b>bold</b> {"json": [1, 2]}',
  'Привет, мир! Ёлка',
  'Γειά σου Κόσμε',
  'مرحبا بالعالم ١٢٣',
  'नमस्ते दुनिया हिन्दी',
  'สวัสดีชาวโลก',
  '👍 👨‍👩‍👧‍👦 ❤️ ☺︎ 🇫🇷',
  'abc👍def',
  '𝐀𝐁𝐂 𝒳 𠀀𠀁', // astral letters (math alphanumerics, CJK extension B)
  'a\uD800b \uDC00 \uD83D', // lone surrogates
  '\uD83D\uDE00\uD83D',
  'no\u00A0break\u2028line\u2029para\u3000ideo\uFEFFbom\u202Fnarrow\u205Fmath\u1680ogham\u2009thin',
  'word\u00A0',
  '“Quoted” — dash – en… «guillemets» mid·dot',
  'x\u200Bzero-width\u200Cnon-joiner\u200Djoiner',
  'Straße Ærø Œuvre ĳ ﬁ',
  'A\u0000B\u0007C\u007F',
  '١٢٣ ٤٥٦ ①②③ ½ Ⅻ',
  'abc\uFE0F',
  'a'.repeat(100),
  'ab1'.repeat(50) + 'é',
];

describe('estimateTokens gives exactly what the regex version gives', () => {
  it('on every fixture page (raw HTML and extracted text)', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(20);
    for (const { name, text } of texts) expect(estimateTokens(text), name).toBe(reference(text));
  });

  it('on hand-written edge cases', () => {
    for (const text of EDGE_CASES) expect(estimateTokens(text), JSON.stringify(text)).toBe(reference(text));
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
    const pool = [
      'a', 'Z', 'q', '7', '0', ' ', ' ', '\n', '\t', '.', "'", '-', '/', '"', '_', '\u0000',
      '\u0301', '\u0308', '\u093F', '\u0E31', // combining marks (Latin, Devanagari, Thai)
      '漢', '字', 'の', 'カ', 'ｶ', 'ー', '한', 'ㄱ', '\u302E', // CJK, kana, Hangul (and a Hangul tone mark)
      'é', 'ß', 'Ж', 'λ', 'ع', '٣', 'क', 'ก', '①', '½',
      '\u00A0', '\u2028', '\u3000', '\uFEFF', '\u2009', '\u200B', '\u200D', '\uFE0F',
      '’', '“', '—', '…', '«', '·', '€', '©',
      '👍', '👨', '🇫', '𝐀', '𠀀', '\uD83D', '\uDE00', '\uD800', '\uDFFF',
    ];
    let seed = 0x2545f491;
    const rand = (k: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % k;
    };
    for (let i = 0; i < 4000; i++) {
      const len = rand(24);
      let s = '';
      for (let j = 0; j < len; j++) s += rand(3) === 0 ? 'abcdefghij'.slice(0, 1 + rand(10)) : pool[rand(pool.length)];
      expect(estimateTokens(s), JSON.stringify(s)).toBe(reference(s));
    }
  });
});
