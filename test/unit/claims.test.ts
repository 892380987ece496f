import { describe, expect, it } from 'vitest';
import { checkClaims } from '../../src/checks/claims';
import type { ClaimChange, Finding } from '../../src/checks/findings';
import { runChecks } from '../../src/checks/index';
import { splitSentences } from '../../src/checks/sentences';
import { DE_CASE } from './claims-cases/de';
import { DE2_CASE } from './claims-cases/de2';
import { EN_CASE } from './claims-cases/en';
import { EN2_CASE } from './claims-cases/en2';
import { ES_CASE } from './claims-cases/es';
import { FR_CASE } from './claims-cases/fr';
import { EN_DE_CASE } from './claims-cases/cross';
import type { ClaimCase } from './claims-cases/types';

const CASES: [string, ClaimCase][] = [
  ['en', EN_CASE],
  ['en (2)', EN2_CASE],
  ['de', DE_CASE],
  ['de (2)', DE2_CASE],
  ['fr', FR_CASE],
  ['es', ES_CASE],
  ['en → de', EN_DE_CASE],
];

const claimsOf = (c: ClaimCase, rewrite: string): Finding[] => checkClaims(c.source, rewrite, { source: c.sourceLang ?? c.lang, rewrite: c.lang });

/** The rewrite with one planted error, and the words of it the finding's rewrite sentence must hold. */
function planted(c: ClaimCase, e: ClaimCase['errors'][number]): { rewrite: string; marker: string } {
  const rewrite = c.clean.replace(e.find, e.replace);
  if (rewrite === c.clean) throw new Error(`"${e.find}" is not in the clean rewrite`);
  const marker = e.change === 'invented' ? (e.replace.split(/(?<=\.) /).pop() ?? e.replace) : e.replace;
  return { rewrite, marker: marker.slice(0, 24) };
}

function caught(c: ClaimCase, e: ClaimCase['errors'][number]): Finding | undefined {
  const { rewrite, marker } = planted(c, e);
  return claimsOf(c, rewrite).find((f) => f.change === e.change && f.rewrite !== undefined && f.rewrite.text.includes(marker));
}

describe('checkClaims', () => {
  describe.each(CASES)('%s', (_, c) => {
    if (c.cleanKnownFalseAlarms !== undefined)
      it.fails(`finds no changed claim in a clean heavy paraphrase (known false alarms: ${c.cleanKnownFalseAlarms})`, () => {
        expect(claimsOf(c, c.clean)).toEqual([]);
      });
    else
      it('finds no changed claim in a clean heavy paraphrase', () => {
        expect(claimsOf(c, c.clean)).toEqual([]);
      });

    for (const e of c.errors) {
      const name = `finds a planted ${e.change}: ${e.replace.slice(0, 50)}`;
      if (e.knownMiss !== undefined) {
        it.fails(`${name} (known miss: ${e.knownMiss})`, () => {
          expect(caught(c, e)).toBeDefined();
        });
        continue;
      }
      it(name, () => {
        const { rewrite } = planted(c, e);
        const f = caught(c, e);
        expect(f, JSON.stringify(claimsOf(c, rewrite).map((x) => [x.change, x.from, x.to]))).toBeDefined();
        expect(f!.kind).toBe('changed-claim');
        // Both sentences, with offsets into the texts checked.
        expect(rewrite.slice(f!.rewrite!.start, f!.rewrite!.end)).toBe(f!.rewrite!.text);
        if (e.change !== 'invented') {
          expect(f!.source).toBeDefined();
          expect(c.source.slice(f!.source!.start, f!.source!.end)).toBe(f!.source!.text);
          expect(f!.from !== '' || f!.to !== '').toBe(true);
        }
      });
    }
  });

  it('plants errors of every class in every language', () => {
    const classes: ClaimChange[] = ['negation', 'certainty', 'attribution', 'name-swap', 'unit', 'date', 'figure', 'invented'];
    for (const c of [EN_CASE, DE_CASE, FR_CASE, ES_CASE])
      for (const k of classes) expect(c.errors.filter((e) => e.change === k).length, `${c.lang} ${k}`).toBeGreaterThan(0);
  });

  it('finds no changed claim in the source itself, reordered or cut into paragraphs', () => {
    for (const c of [EN_CASE, DE_CASE, FR_CASE, ES_CASE]) {
      const sentences = splitSentences(c.source).map((s) => s.text);
      for (const rewrite of [c.source, [...sentences.slice(3), ...sentences.slice(0, 3)].join(' '), sentences.join('\n\n')]) {
        expect(claimsOf(c, rewrite)).toEqual([]);
      }
    }
  });

  it('says what changed, as each text writes it', () => {
    const f = caught(EN_CASE, { change: 'attribution', find: 'Reuters reported that', replace: 'The BBC reported that' });
    expect([f?.from, f?.to]).toEqual(['Reuters', 'BBC']);
    const g = caught(DE_CASE, { change: 'certainty', find: 'verschärft werden könnten', replace: 'verschärft werden' });
    expect(g?.from).toBe('könnten');
    const h = caught(FR_CASE, { change: 'unit', find: 'à dix kilomètres', replace: 'à dix miles' });
    expect([h?.from, h?.to]).toEqual(['10 kilomètres', 'dix miles']);
  });

  it('takes connecting lines and summing-up lines for no invented claim', () => {
    const extra = [
      ' Here is what we know so far.',
      ' Overall, the fire highlights the risks facing older industrial buildings in the region.',
      ' It remains unclear what the incident will mean for the neighbourhood in the longer term.',
    ];
    for (const x of extra) expect(claimsOf(EN_CASE, EN_CASE.clean + x)).toEqual([]);
  });

  it('does not take a converted unit or a rounded figure for a change', () => {
    const converted = EN_CASE.clean.replace('visible five miles away', 'visible eight kilometres away');
    expect(claimsOf(EN_CASE, converted)).toEqual([]);
    const rounded = checkClaims('The plan costs $4.23 million, officials said.', 'Officials said the plan costs $4.2 million.', {
      source: 'en',
      rewrite: 'en',
    });
    expect(rounded).toEqual([]);
  });

  it('reads the conditional of reported speech as no hedge, and the journalistic conditional as one', () => {
    const src = "Le préfet a annoncé qu'une enquête serait ouverte lundi. Le suspect aurait fui vers l'Espagne.";
    expect(
      checkClaims(src, "Le préfet a annoncé l'ouverture d'une enquête lundi. Le suspect aurait fui vers l'Espagne.", { source: 'fr', rewrite: 'fr' }),
    ).toEqual([]);
    const f = checkClaims(src, "Le préfet a annoncé l'ouverture d'une enquête lundi. Le suspect a fui vers l'Espagne.", { source: 'fr', rewrite: 'fr' });
    expect(f.map((x) => [x.change, x.from])).toEqual([['certainty', 'aurait']]);
  });

  it('says nothing when the rewrite is in a language it has no word lists for', () => {
    expect(checkClaims(EN_CASE.source, '警察は火曜日に2人の男を逮捕した。', { source: 'en', rewrite: null })).toEqual([]);
  });
});

describe('runChecks with claims', () => {
  const [headline, ...rest] = EN_CASE.clean.split('\n\n');
  const body = rest.join('\n\n');

  it('ranks changed claims first and drops the fact pair a changed figure explains', () => {
    const r = runChecks({ source: EN_CASE.source, headline: headline!, body: body.replace('sixty firefighters', 'seventy firefighters'), lang: 'en' });
    expect(r.findings[0]).toMatchObject({ kind: 'changed-claim', change: 'figure', to: 'seventy' });
    expect(r.facts.missing.some((f) => f.value === '60')).toBe(true); // the report keeps it …
    expect(r.findings.some((f) => f.kind === 'missing-fact' && f.fact?.value === '60')).toBe(false); // … the list says it once
    expect(r.findings.some((f) => f.kind === 'added-fact' && f.fact?.value === '70')).toBe(false);
  });

  it('reads an English source against a German rewrite, and skips claims for a language it cannot read', () => {
    const [h, ...b] = EN_DE_CASE.clean.split('\n\n');
    const de = runChecks({ source: EN_DE_CASE.source, headline: h!, body: b.join('\n\n').replace('am Dienstag', 'am Mittwoch'), lang: 'de', sourceLang: 'en' });
    expect(de.findings.filter((f) => f.kind === 'changed-claim').map((f) => f.change)).toEqual(['date']);
    const ja = runChecks({ source: EN_CASE.source, headline: '見出し', body: '本文です。', lang: 'ja' });
    expect(ja.capabilities.claims).toBe(false);
    expect(ja.findings.some((f) => f.kind === 'changed-claim')).toBe(false);
  });
});
