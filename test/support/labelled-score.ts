/**
 * Scores the checks on the labelled set (labelled.ts). Pure: it takes each case with the findings the checks gave.
 *
 * Only findings about content count: changed claims, missing facts and added facts (copied passages and SEO are
 * other questions). A planted error is caught when its rewrite has such a finding its clean rewrite does not have,
 * compared by kind, change, fact and rewrite sentence (normalised); caught with the right class when one of those
 * new findings is a changed claim of the planted class. A false alarm is any such finding on a clean rewrite.
 */

import type { Finding } from '../../src/checks/findings';
import { LABELLED_LANGS, PLANTED_CLASSES, type LabelledCase, type LabelledLang, type PlantedClass } from './labelled';

export const CONTENT_KINDS: ReadonlySet<Finding['kind']> = new Set(['changed-claim', 'missing-fact', 'added-fact']);

export interface ScoredCase {
  case: LabelledCase;
  findings: readonly Finding[];
}

export interface Recall {
  planted: number;
  caught: number;
  rightClass: number;
}

export interface CaseOutcome {
  key: string;
  class: PlantedClass;
  note: string | null;
  caught: boolean;
  rightClass: boolean;
  /** The findings the planted rewrite has and its clean rewrite has not. */
  added: Finding[];
}

export type LangScore = Recall & { cleanRewrites: number; falseAlarms: number };

export interface LabelledScore {
  overall: Recall;
  perClass: Record<PlantedClass, Recall>;
  /** By the rewrite's language (cross-language sources included). */
  perLang: Record<LabelledLang, LangScore>;
  /** The sources written in another language than their rewrites (also counted in perLang). */
  crossLang: LangScore;
  cleanRewrites: number;
  falseAlarms: number;
  /** False alarms per clean rewrite. */
  falseAlarmRate: number;
  outcomes: CaseOutcome[];
  /** Clean rewrites with their false alarms (only those with any). */
  alarms: { key: string; findings: Finding[] }[];
}

const norm = (s: string | undefined): string => (s ?? '').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** What makes two findings the same one, in a clean rewrite and its planted twin. */
export function findingKey(f: Finding): string {
  return [f.kind, f.change ?? '', f.fact ? `${f.fact.kind}:${norm(f.fact.text)}` : '', norm(f.rewrite?.text)].join('|');
}

const share = (n: number, of: number): number => (of === 0 ? 0 : n / of);

/** Recall as a fraction (0 when nothing was planted). */
export const recallOf = (r: Recall, which: 'caught' | 'rightClass' = 'caught'): number => share(r[which], r.planted);

export function scoreLabelled(scored: readonly ScoredCase[]): LabelledScore {
  const content = (fs: readonly Finding[]): Finding[] => fs.filter((f) => CONTENT_KINDS.has(f.kind));
  const cleanKeys = new Map<string, Set<string>>();
  for (const { case: c, findings } of scored) if (c.class === null) cleanKeys.set(`${c.id}#${c.cleanIndex}`, new Set(content(findings).map(findingKey)));

  const empty = (): Recall => ({ planted: 0, caught: 0, rightClass: 0 });
  const overall = empty();
  const perClass = Object.fromEntries(PLANTED_CLASSES.map((c) => [c, empty()])) as Record<PlantedClass, Recall>;
  const emptyLang = (): LangScore => ({ ...empty(), cleanRewrites: 0, falseAlarms: 0 });
  const perLang = Object.fromEntries(LABELLED_LANGS.map((l) => [l, emptyLang()])) as LabelledScore['perLang'];
  const crossLang = emptyLang();
  const outcomes: CaseOutcome[] = [];
  const alarms: LabelledScore['alarms'] = [];
  let cleanRewrites = 0;
  let falseAlarms = 0;

  for (const { case: c, findings } of scored) {
    const mine = content(findings);
    const langs = c.sourceLang === c.lang ? [perLang[c.lang]] : [perLang[c.lang], crossLang];
    if (c.class === null) {
      cleanRewrites++;
      falseAlarms += mine.length;
      for (const lang of langs) {
        lang.cleanRewrites++;
        lang.falseAlarms += mine.length;
      }
      if (mine.length) alarms.push({ key: c.key, findings: mine });
      continue;
    }
    const base = cleanKeys.get(`${c.id}#${c.cleanIndex}`);
    if (!base) throw new Error(`${c.key}: its clean rewrite ${c.cleanIndex} was not scored`);
    const added = mine.filter((f) => !base.has(findingKey(f)));
    const caught = added.length > 0;
    const rightClass = added.some((f) => f.kind === 'changed-claim' && f.change === c.class);
    for (const r of [overall, perClass[c.class], ...langs]) {
      r.planted++;
      if (caught) r.caught++;
      if (rightClass) r.rightClass++;
    }
    outcomes.push({ key: c.key, class: c.class, note: c.note, caught, rightClass, added });
  }
  return { overall, perClass, perLang, crossLang, cleanRewrites, falseAlarms, falseAlarmRate: share(falseAlarms, cleanRewrites), outcomes, alarms };
}

const pct = (r: Recall, which: 'caught' | 'rightClass'): string => `${(100 * recallOf(r, which)).toFixed(0)} %`;

/** The score as lines of a plain-text table (per class, per language, overall), for the bench and for reports. */
export function formatLabelledScore(s: LabelledScore): string[] {
  const lines: string[] = [];
  const cell = (r: Recall): string =>
    `${String(r.caught).padStart(3)}/${String(r.planted).padEnd(3)} ${pct(r, 'caught').padStart(5)}   ${String(r.rightClass).padStart(3)}/${String(r.planted).padEnd(3)} ${pct(r, 'rightClass').padStart(5)}`;
  lines.push(`${'class'.padEnd(12)} ${'caught (any finding)'.padEnd(20)} right class`);
  for (const c of PLANTED_CLASSES) lines.push(`${c.padEnd(12)} ${cell(s.perClass[c])}`);
  lines.push(`${'overall'.padEnd(12)} ${cell(s.overall)}`);
  lines.push('');
  lines.push(`${'language'.padEnd(12)} ${'caught (any finding)'.padEnd(20)} right class       false alarms / clean rewrite`);
  for (const l of LABELLED_LANGS) {
    const r = s.perLang[l];
    lines.push(`${l.padEnd(12)} ${cell(r)}   ${r.falseAlarms} / ${r.cleanRewrites} = ${share(r.falseAlarms, r.cleanRewrites).toFixed(2)}`);
  }
  if (s.crossLang.planted + s.crossLang.cleanRewrites > 0) {
    const r = s.crossLang;
    lines.push(`${'(cross-lang)'.padEnd(12)} ${cell(r)}   ${r.falseAlarms} / ${r.cleanRewrites} = ${share(r.falseAlarms, r.cleanRewrites).toFixed(2)}`);
  }
  lines.push(`${'all'.padEnd(12)} ${cell(s.overall)}   ${s.falseAlarms} / ${s.cleanRewrites} = ${s.falseAlarmRate.toFixed(2)}`);
  return lines;
}
