/**
 * Texts for tests that pit a hand-written scanner against the regex version it replaces: the fixture pages
 * (raw HTML and extracted articles), hand-written tricky strings, and a seeded generator of random ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Block } from '../../src/article';
import { extractFromHtml } from '../../src/extract/node';

const fixturesDir = new URL('../fixtures/', import.meta.url);
const pagesDir = new URL('pages/', fixturesDir);

export interface FixtureText {
  name: string;
  text: string;
  /** The extracted article's blocks (only on the extracted texts). */
  blocks?: Block[];
}

/**
 * Every fixture page: its raw HTML (markup, scripts, entities) and, when extraction succeeds, the article text
 * (with its blocks); first the prompt example.
 */
export function fixtureTexts(): FixtureText[] {
  const out: FixtureText[] = [{ name: 'prompt-example.txt', text: readFileSync(new URL('prompt-example.txt', fixturesDir), 'utf8') }];
  for (const name of readdirSync(pagesDir).sort()) {
    if (!name.endsWith('.html') && !name.endsWith('.html.gz')) continue;
    const raw = readFileSync(new URL(name, pagesDir));
    const html = name.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    out.push({ name: `${name} (html)`, text: html });
    const r = extractFromHtml(html, 'https://example.com/a');
    if (r.ok) out.push({ name, text: r.article.text, blocks: r.article.blocks });
  }
  return out;
}

/** Hand-written strings where a scanner and its regex could part ways. */
export const TRICKY_TEXTS = [
  '',
  ' ',
  '     \n\t\r\f\v  ',
  'a',
  '1',
  '.',
  'The quick brown fox.',
  'café',
  'naïve',
  'cafe\u0301', // e + combining acute
  'abc\u0301def',
  '\u0301abc', // a combining mark first
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

/** Code points (and pieces of them: lone surrogates) where scanners and regexes most often disagree. */
export const TRICKY_POOL = [
  'a',
  'Z',
  'q',
  '7',
  '0',
  ' ',
  ' ',
  '\n',
  '\t',
  '.',
  "'",
  '-',
  '/',
  '"',
  '_',
  '\u0000',
  '\u0301',
  '\u0308',
  '\u093F',
  '\u0E31', // combining marks (Latin, Devanagari, Thai)
  '漢',
  '字',
  'の',
  'カ',
  'ｶ',
  'ー',
  '한',
  'ㄱ',
  '\u302E', // CJK, kana, Hangul (and a Hangul tone mark)
  'é',
  'ß',
  'Ж',
  'λ',
  'ع',
  '٣',
  'क',
  'ก',
  '①',
  '½',
  '\u00A0',
  '\u2028',
  '\u3000',
  '\uFEFF',
  '\u2009',
  '\u200B',
  '\u200D',
  '\uFE0F',
  '’',
  '“',
  '—',
  '…',
  '«',
  '·',
  '€',
  '©',
  '👍',
  '👨',
  '🇫',
  '𝐀',
  '𠀀',
  '\uD83D',
  '\uDE00',
  '\uD800',
  '\uDFFF',
];

/** A seeded xorshift generator: `rand(k)` is a whole number in 0..k-1, the same sequence for the same seed. */
export function seededRand(seed: number): (k: number) => number {
  let s = seed;
  return (k) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % k;
  };
}

/** A random string of up to `maxLen - 1` pieces: runs of ASCII letters or picks from `pool`. */
export function randomTricky(rand: (k: number) => number, pool: readonly string[], maxLen = 24): string {
  const len = rand(maxLen);
  let s = '';
  for (let j = 0; j < len; j++) s += rand(3) === 0 ? 'abcdefghij'.slice(0, 1 + rand(10)) : pool[rand(pool.length)];
  return s;
}
