/**
 * The hand-written scanners of the checks against the regular expressions they replace, on random text built
 * from the characters where the two could part ways: ASCII and non-ASCII letters, marks, digits, apostrophes,
 * dots, separators inside figures, spaces of every kind, CJK, astral letters and lone surrogates.
 */
import { describe, expect, it } from 'vitest';
import { tokenizeSentence, type SentTok } from '../../src/checks/sentence-tokens';
import { tokenize } from '../../src/checks/tokens';
import { GramIndex, findQuotes, normWords, scanWords, wordSpans } from '../../src/checks/text';

/** A small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  'a',
  'b',
  'Z',
  'Q',
  'x',
  'I',
  'U',
  'S',
  'oct',
  'Oct',
  'May',
  'US',
  'st',
  'th',
  'the',
  'Iran',
  'don',
  's',
  'k',
  'bn',
  'm',
  '0',
  '1',
  '7',
  '12',
  '2023',
  '27',
  '000',
  '5',
  '99',
  '1999',
  "'",
  '’',
  '‘',
  '"',
  '“',
  '”',
  '„',
  '«',
  '»',
  '.',
  ',',
  ':',
  ';',
  '-',
  '/',
  '%',
  '$',
  '£',
  '€',
  '(',
  ')',
  '!',
  '?',
  '_',
  ' ',
  ' ',
  ' ',
  ' ',
  '\n',
  '\t',
  '\r',
  '\u000B',
  '\u00A0',
  '\u202F',
  '\u2009',
  '\u3000',
  '\u2028',
  'é',
  'É',
  'Ö',
  'ß',
  'İ',
  'Σ',
  'ς',
  'ǅ',
  'ﬁ',
  '\u0301',
  '\u0308',
  '東',
  '京',
  'ソ',
  'ニ',
  '五',
  '٣',
  '४',
  '２',
  '½',
  '²',
  'Ⅻ',
  '😀',
  '𝐀',
  '𝐁',
  '\uD800',
  '\uDC00',
  'Ж',
  'ж',
  'ا',
  '한',
];

function randomText(r: () => number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const REF_WORD_RE = new RegExp(`[${CJK_CLASS}]|(?:(?![${CJK_CLASS}])[\\p{L}\\p{M}\\p{N}])+(?:['’](?:(?![${CJK_CLASS}])\\p{L})+)*`, 'gu');
const REF_TOKEN_RE =
  /(\d{4}-\d{2}-\d{2})|(\d{1,2}\/\d{1,2}\/\d{2,4})|(\d+(?:[.,:'’\u00A0\u202F\u2009]\d+)*)|((?:\p{Lu}\.){2,})|(\p{L}[\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*(?:-\p{L}[\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*)*)|(\n)|(\S)/gu;

function refWords(text: string): Array<{ start: number; end: number; norm: string }> {
  return [...text.matchAll(REF_WORD_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length, norm: m[0].toLowerCase().replace(/’/g, "'") }));
}

function refTokens(text: string): Array<{ kind: string; s: string; low: string; start: number; end: number }> {
  return [...text.matchAll(REF_TOKEN_RE)].map((m) => {
    const kind =
      m[1] !== undefined
        ? 'iso'
        : m[2] !== undefined
          ? 'slash'
          : m[3] !== undefined
            ? 'num'
            : m[4] !== undefined || m[5] !== undefined
              ? 'word'
              : m[6] !== undefined
                ? 'nl'
                : 'punct';
    const s = m[4] !== undefined ? m[0].replace(/\./g, '') : m[0];
    return { kind, s, low: kind === 'word' ? s.toLowerCase() : s, start: m.index, end: m.index + m[0].length };
  });
}

const SPECIAL = [
  '',
  ' ',
  "'",
  "a'",
  "a'b",
  "a'b'c",
  "a''b",
  "a'5",
  "don't5",
  'a’b',
  "a'é",
  'aé',
  'é',
  "I'm U.S. É.U. 𝐀.𝐁. A.B",
  'x\uD800',
  '2023-10-07',
  '2023-10-075',
  '12023-10-07',
  '1/2/12345',
  '123/4/5',
  '10/7/2023',
  '1/2/3',
  '27,000.5',
  '27\u00A0000',
  '27\u202Fx',
  '3:14',
  '1.2.3.4',
  '5mph',
  '7th',
  'U.S.A.',
  'U.S',
  'A.é.',
  'AB.',
  '\n\n',
  'a\r\nb',
  '1999s',
  'rock ’n’ roll',
  '’90s',
  'Wi-Fi',
  'a-',
  'a-5',
  'a--b',
  'a-b-c',
  "a'b-c'd",
  'a-é',
  'é-a',
  'al-Assad',
  "27'000",
  '27’000',
  "27'x",
];

describe('scanWords', () => {
  it('matches the word regex on hand-picked edge cases', () => {
    for (const t of SPECIAL) expect(wordSpans(t), JSON.stringify(t)).toEqual(refWords(t));
  });

  it('matches the word regex on random text', () => {
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const t = randomText(r, 1 + Math.floor(r() * 40));
      expect(wordSpans(t), JSON.stringify(t)).toEqual(refWords(t));
    }
  });

  it('gives the same words through every entry point', () => {
    const t = 'Iran’s "Ayatollah" ALI don\'t 27,000 東京';
    expect(normWords(t)).toEqual(refWords(t).map((w) => w.norm));
    expect(scanWords(t).starts).toEqual(refWords(t).map((w) => w.start));
  });
});

describe('tokenize (facts)', () => {
  it('matches the token regex on hand-picked edge cases', () => {
    for (const t of SPECIAL) expect(tokenize(t), JSON.stringify(t)).toEqual(refTokens(t));
  });

  it('matches the token regex on random text', () => {
    const r = rng(11);
    for (let i = 0; i < 3000; i++) {
      const t = randomText(r, 1 + Math.floor(r() * 40));
      expect(tokenize(t), JSON.stringify(t)).toEqual(refTokens(t));
    }
  });
});

/** The reference for the claims check's tokens: the regex over the whole sentence, every token's case by toLowerCase. */
const REF_SENT_RE = /\d+(?:[.,:\u00A0\u202F\u2009]\d+)*|°[CFcf]|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*|\S/gu;

function refSentTokens(text: string, base: number, lang: 'en' | 'de' | 'fr' | 'es'): SentTok[] {
  const out: SentTok[] = [];
  let sawWord = false;
  let prevEnd = -1;
  for (const m of text.matchAll(REF_SENT_RE)) {
    const s = m[0];
    const start = base + m.index;
    const kind = /^\d/.test(s) ? 'num' : s.length > 1 || s.toLowerCase() !== s.toUpperCase() ? 'word' : 'punct';
    const push = (piece: string, at: number): void => {
      const cap = kind === 'word' && piece[0] !== piece[0]?.toLowerCase();
      out.push({ low: piece.toLowerCase(), start: at, end: at + piece.length, kind, cap, first: kind === 'word' && !sawWord, glued: at === prevEnd });
      if (kind === 'word') sawWord = true;
      prevEnd = at + piece.length;
    };
    const low = s.toLowerCase().replace(/’/g, "'");
    if (kind === 'word' && low.includes("'") && !(lang === 'en' && low.endsWith("n't"))) {
      let at = start;
      for (const part of s.split(/['’]/)) {
        if (part !== '') push(part, at);
        at += part.length + 1;
      }
      continue;
    }
    const last = out[out.length - 1];
    if (kind === 'num' && last?.kind === 'num' && /^\d{3}$/.test(s) && start === last.end + 1 && /^\d{1,3}$/.test(last.low) && text[last.end - base] === ' ') {
      last.low += s;
      last.end = start + s.length;
      prevEnd = last.end;
      continue;
    }
    push(s.replace(/’/g, "'"), start);
  }
  return out;
}

describe('tokenizeSentence (claims)', () => {
  const EXTRA = ['°', 'C', 'f', "n't", "don't", 'l’', 'quatre-vingts', '1,5', '40 000', '2 000 000'];
  it('matches the token regex on hand-picked edge cases', () => {
    for (const t of [...SPECIAL, ...EXTRA, '4 °C', "Isn't it", "l'armée d’Israël"])
      for (const lang of ['en', 'fr'] as const) expect(tokenizeSentence(t, 7, lang), JSON.stringify(t)).toEqual(refSentTokens(t, 7, lang));
  });

  it('matches the token regex on random text', () => {
    const r = rng(12);
    const pieces = [...PIECES, ...EXTRA];
    for (let i = 0; i < 3000; i++) {
      let t = '';
      for (let k = 1 + Math.floor(r() * 40); k > 0; k--) t += pieces[Math.floor(r() * pieces.length)];
      const lang = r() < 0.5 ? 'en' : 'fr';
      expect(tokenizeSentence(t, 3, lang), JSON.stringify(t)).toEqual(refSentTokens(t, 3, lang));
    }
  });
});

/** The reference: every 1-, 2- and 3-gram of the text in a Set of strings. */
function refContains(text: readonly string[], seq: readonly string[]): boolean {
  if (seq.length === 0) return true;
  const k = Math.min(3, seq.length);
  const grams = new Set<string>();
  for (let i = 0; i + k <= text.length; i++) grams.add(text.slice(i, i + k).join(' '));
  for (let i = 0; i + k <= seq.length; i++) if (!grams.has(seq.slice(i, i + k).join(' '))) return false;
  return true;
}

describe('GramIndex', () => {
  it('says what a set of all 1-3-grams says, on random word sequences', () => {
    const r = rng(3);
    const vocab = ['a', 'b', 'c', 'd', 'e', 'f'];
    const pick = (n: number): string[] => Array.from({ length: n }, () => vocab[Math.floor(r() * vocab.length)] as string);
    for (let i = 0; i < 500; i++) {
      const text = pick(Math.floor(r() * 30));
      const index = GramIndex.of([text]);
      for (let j = 0; j < 20; j++) {
        const seq = j % 4 === 0 && text.length > 0 ? text.slice(Math.floor(r() * text.length), Math.floor(r() * text.length) + 4) : pick(Math.floor(r() * 6));
        expect(index.contains(seq), `${text.join(' ')} ⊇ ${seq.join(' ')}`).toBe(refContains(text, seq));
      }
      expect(index.contains(['zzz'])).toBe(false);
    }
  });
});

/** The reference: the character-by-character version with string lookups. */
function refQuotes(text: string): Array<{ start: number; end: number; text: string }> {
  const pairs: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»', '»': '«', '‘': '’' };
  const ld = /[\p{L}\p{N}]/u;
  const out: Array<{ start: number; end: number; text: string }> = [];
  let close = '';
  let from = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\n') {
      close = '';
      continue;
    }
    if (close !== '') {
      if (ch === close && (close !== '’' || !ld.test(text[i + 1] ?? ''))) {
        const raw = text.slice(from, i);
        const lead = raw.length - raw.trimStart().length;
        const inner = raw.trim();
        if (inner !== '') out.push({ start: from + lead, end: from + lead + inner.length, text: inner });
        close = '';
      }
      continue;
    }
    const pair = pairs[ch];
    if (pair === undefined) continue;
    if (ch === '‘' && ld.test(text[i - 1] ?? '')) continue;
    close = pair;
    from = i + 1;
  }
  return out;
}

describe('findQuotes', () => {
  it('matches the reference on random text', () => {
    const r = rng(5);
    for (let i = 0; i < 2000; i++) {
      const t = randomText(r, 1 + Math.floor(r() * 60));
      expect(findQuotes(t), JSON.stringify(t)).toEqual(refQuotes(t));
    }
  });
});
