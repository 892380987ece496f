/**
 * Generated source/rewrite pairs for timing the checks (bench/checks.bench.ts and `npm run bench`, section 4).
 * Deterministic: the same seed gives the same texts on every run.
 */

/** A small deterministic PRNG, so every run times the same texts. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAMES = [
  'Ayatollah Ali Khamenei',
  'Meta',
  'Microsoft',
  'Hamas',
  'the Gaza Strip',
  'Mahsa Amini',
  'CNN',
  'the United Nations',
  'Linda Okafor',
  'Springfield City Council',
  'Antofagasta',
  'Gabriel Boric',
];
const VERBS = ['said', 'reported', 'confirmed', 'warned', 'denied', 'announced', 'noted', 'argued'];
const NOUNS = ['accounts', 'operations', 'residents', 'homes', 'followers', 'attacks', 'protests', 'sanctions', 'platforms', 'reports'];
const FILLER = 'officials in the region described a steady rise in activity over the past months while analysts urged caution about early figures'.split(' ');
const MONTHS = ['January', 'March', 'June', 'October', 'December'];

function sentence(r: () => number, k: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const n = 1 + Math.floor(r() * 90_000);
  const parts = [pick(NAMES), pick(VERBS), 'that', n.toLocaleString('en-US'), pick(NOUNS)];
  for (let i = 0; i < 8; i++) parts.push(pick(FILLER));
  if (k % 3 === 0) parts.push('on', `${pick(MONTHS)} ${1 + Math.floor(r() * 28)},`, String(2000 + Math.floor(r() * 24)));
  if (k % 5 === 0) parts.push(`, rising ${Math.floor(r() * 100)}% to $${(r() * 10).toFixed(1)} million`);
  const s = parts.join(' ').replace(/ ,/g, ',');
  return k % 7 === 0 ? `“${s[0]?.toUpperCase()}${s.slice(1)},” ${pick(NAMES)} said.` : `${s[0]?.toUpperCase()}${s.slice(1)}.`;
}

/** A source of about `words` words, and a rewrite: sentences reordered, every fourth reworded, some figures changed. */
export function pair(words: number, seed: number): { source: string; headline: string; body: string } {
  const r = rng(seed);
  const sentences: string[] = [];
  let count = 0;
  for (let k = 0; count < words; k++) {
    const s = sentence(r, k);
    sentences.push(s);
    count += s.split(/\s+/).length;
  }
  const paragraphs = (xs: string[]): string => xs.reduce((acc, s, i) => acc + (i === 0 ? '' : i % 4 === 0 ? '\n\n' : ' ') + s, '');
  const rewritten = sentences
    .map((s, i) => (i % 4 === 0 ? s.split(' ').reverse().join(' ') : i % 9 === 0 ? s.replace(/\d+/, '77') : s))
    .sort((a, b) => (a.length % 5) - (b.length % 5));
  return { source: paragraphs(sentences), headline: 'Officials Report Rising Activity in the Region', body: paragraphs(rewritten) };
}
