/**
 * The checks give exactly what they gave before they were optimised for speed: every result below is compared
 * with test/fixtures/checks/golden.json, written by the straightforward implementation (regex tokenizers,
 * string-keyed n-gram sets) before the rewrite. Inputs: the three fixture pairs, some mutations of them, a text
 * full of Unicode edge cases, and generated bench pairs (those of 1,000 words and more by hash, to keep the file small).
 *
 * If a deliberate change of behaviour makes this fail, regenerate with
 *   CHECKS_GOLDEN_WRITE=1 npx vitest run --project unit test/unit/checks-golden.test.ts
 * and say in the commit why the figures moved.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pair } from '../../bench/pairs';
import { listFacts } from '../../src/checks/facts';
import { checkFacts, checkOriginality, runChecks, type ChecksResult } from '../../src/checks/index';
import { splitAnswer } from '../../src/rewrite/split';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/checks/${name}`, import.meta.url), 'utf8');
const GOLDEN = new URL('../fixtures/checks/golden.json', import.meta.url);

/** Scripts, marks, spaces and punctuation the tokenizers treat specially, in sentences the checks read. */
const UNICODE = [
  'Zoë Ångström (José Álvarez’s aide) met Œuvre İstanbul officials and ΟΔΟΣ ΣΟΦΙΑΣ staff on 7 Oct. 2023.',
  'The É.U. and the U.S. said «27 000 soldiers» were sent; „Neue Zeit“ reported 27\u202F000 and 1\u00A0500 more.',
  'Prices rose 12\u2009% to ¥5bn, €3.5 million and US$5,000,000 — 東京 reported 五 cases; ソニー said ２０２３.',
  'Zoe\u0308 and Jose\u0301 (combining marks) wrote ‘short single quote’ and “a longer curly quote of many words”.',
  'Emoji 😀 and 𝐀𝐁 math capitals, 𝐀.𝐁. too; Arabic digits ١٢٣ and Devanagari ४५ sit beside 3:14 and 03:14.',
  'Dates: 2023-10-07, 10/7/2023, 31/12/99, 1/2/12345, 123/4/5, 2023-10-075; the 1990s; October of 2023.',
  "O'Brien's and O’Neill’s men don't and won’t; rock ’n’ roll; ’90s; the Smiths’ house; Iran’s Iranian-backed.",
  'Twenty-seven thousand, two hundred and five, a million, one billion, five million Instagram followers.',
  'Line with a lone surrogate \uD800 here and \uDC00 there, tab\tvertical\u000Bform\u000Cfeed\r\ncarriage.',
  'ΣΑΣ ΜΑΣ. Straße STRASSE ǅemal Džemal ǈ İİ ﬁnance ﬂow Ⅻ ⅻ ½ ¾ ²³ x² H₂O.',
].join('\n');

interface Case {
  name: string;
  source: string;
  headline: string;
  body: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const set of ['meta', 'council', 'quake']) {
    const source = fixture(`${set}-source.txt`);
    const { headline, body } = splitAnswer(fixture(`${set}-clean.md`), { final: true });
    out.push({ name: `${set} clean`, source, headline, body });
    out.push({ name: `${set} copied`, source, headline, body: source });
    out.push({ name: `${set} copied + clean`, source, headline, body: `${body}\n\n${source.slice(0, 600)}` });
    out.push({ name: `${set} upper`, source, headline: headline.toUpperCase(), body: body.toUpperCase() });
    out.push({ name: `${set} reversed`, source: body, headline, body: source.split('\n').reverse().join('\n') });
  }
  out.push({ name: 'unicode', source: UNICODE, headline: 'Ünïcödé Héadline', body: UNICODE.split('\n').reverse().join('\n\n') });
  out.push({ name: 'unicode vs meta', source: `${UNICODE}\n${fixture('meta-source.txt')}`, headline: 'H', body: `${fixture('meta-source.txt')}\n${UNICODE}` });
  out.push({ name: 'empty', source: '', headline: '', body: '' });
  out.push({ name: 'pair 300/1', ...pair(300, 1) });
  return out;
}

/** The reports the golden file holds (findings and capabilities are tested on their own). */
const reports = ({ facts, originality, seo, text }: ChecksResult) => ({ facts, originality, seo, text });

function results(): Record<string, unknown> {
  const all: Record<string, unknown> = {};
  for (const c of cases()) {
    const r = reports(runChecks(c));
    all[c.name] = { checks: r, sourceFacts: listFacts(c.source), rewriteFacts: listFacts(r.text) };
  }
  for (const [words, seed] of [
    [1_000, 2],
    [1_000, 1_000],
    [10_000, 10_000],
  ] as const) {
    const big = pair(words, seed);
    const r = reports(runChecks(big));
    all[`pair ${words}/${seed} sha256`] = createHash('sha256')
      .update(JSON.stringify({ checks: r, sourceFacts: listFacts(big.source), rewriteFacts: listFacts(r.text) }))
      .digest('hex');
  }
  return all;
}

describe('checks: same results as the reference implementation', () => {
  const now = results();
  if (process.env.CHECKS_GOLDEN_WRITE) writeFileSync(GOLDEN, `${JSON.stringify(now, null, 1)}\n`);
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;

  it('covers every case', () => {
    expect(Object.keys(now)).toEqual(Object.keys(golden));
  });
  for (const name of Object.keys(golden)) {
    it(name, () => {
      expect(now[name]).toEqual(golden[name]);
    });
  }

  it('each check alone gives what runChecks gives (runChecks hands them shared scans)', () => {
    for (const c of cases()) {
      const r = runChecks(c);
      expect(checkFacts(c.source, r.text), c.name).toEqual(r.facts);
      expect(checkOriginality(c.source, r.text), c.name).toEqual(r.originality);
    }
  });
});
