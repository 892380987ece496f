/**
 * The checks put in an editor's order: how many findings there are to check, one group per kind (per change for
 * changed claims) in rank order, each showing at most a few findings with the rest counted, and the words for the
 * one-line summary the popup and the CLI show. Pure: takes a Translate for the words.
 */

import { plural, type PluralKey, type Translate } from '../i18n';
import { CHANGE_RANK, RANK, rankFindings, type ClaimChange, type Finding, type FindingKind, type Span } from './findings';
import type { Capabilities } from './lang';

/** What a group holds: one change of changed claims, or one other kind (a changed claim with no change on its own). */
export type GroupKey = ClaimChange | FindingKind;

export interface FindingGroup {
  key: GroupKey;
  /** How many findings the group has. */
  count: number;
  /** The first findings of the group (at most the cap), in rank order. */
  shown: Finding[];
  /** The others, in rank order: counted in the summary ("and N more"), shown only on request. */
  rest: Finding[];
}

export interface ChecksSummary {
  /** Every finding is one thing to check. */
  toCheck: number;
  /** Findings per group key (keys with none left out). */
  counts: Partial<Record<GroupKey, number>>;
  /** The groups in rank order (changed figures first). */
  groups: FindingGroup[];
}

/** How many findings of a group are shown before "and N more". */
export const GROUP_CAP = 5;

const groupOf = (f: Finding): GroupKey => (f.kind === 'changed-claim' ? (f.change ?? 'changed-claim') : f.kind);

/** A group's place: its kind's rank, then its change's rank (a changed claim with no change comes first). */
function groupRank(key: GroupKey): number {
  if (key in CHANGE_RANK) return RANK['changed-claim'] * 100 + 1 + CHANGE_RANK[key as ClaimChange];
  return RANK[key as FindingKind] * 100;
}

/** The findings grouped and capped; `cap` findings per group are shown, the rest counted. */
export function summarize(findings: readonly Finding[], cap = GROUP_CAP): ChecksSummary {
  const byKey = new Map<GroupKey, Finding[]>();
  for (const f of rankFindings(findings)) {
    const key = groupOf(f);
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  const groups = [...byKey.entries()]
    .sort(([a], [b]) => groupRank(a) - groupRank(b))
    .map(([key, list]): FindingGroup => ({ key, count: list.length, shown: list.slice(0, cap), rest: list.slice(cap) }));
  return { toCheck: findings.length, counts: Object.fromEntries(groups.map((g) => [g.key, g.count])), groups };
}

/** The counted words of each group ("1 changed figure", "3 added facts"). */
const GROUP_WORDS: Readonly<Record<GroupKey, PluralKey>> = {
  figure: 'findingsFigure',
  unit: 'findingsUnit',
  date: 'findingsDate',
  'name-swap': 'findingsNameSwap',
  negation: 'findingsNegation',
  attribution: 'findingsAttribution',
  certainty: 'findingsCertainty',
  invented: 'findingsInvented',
  'changed-claim': 'findingsChangedClaim',
  'missing-fact': 'findingsMissingFact',
  'added-fact': 'findingsAddedFact',
  copied: 'findingsCopied',
  seo: 'findingsSeo',
};

/** A group's count in words: "2 changed figures". */
export const groupLabel = (t: Translate, key: GroupKey, count: number): string => plural(t, GROUP_WORDS[key], count);

/** "and 3 more": what a group holds beyond the findings shown. */
export const moreLabel = (t: Translate, more: number): string => plural(t, 'findingsMore', more);

/**
 * The one-line summary: "2 to check · 1 changed figure · 1 added fact", or "Nothing to check". At most `groups`
 * groups are named (the first, which rank highest), so the line stays one line.
 */
export function summaryText(t: Translate, summary: Pick<ChecksSummary, 'toCheck' | 'counts'>, groups = 3): string {
  if (summary.toCheck === 0) return t('findingsNothing');
  const keys = (Object.keys(summary.counts) as GroupKey[]).filter((k) => (summary.counts[k] ?? 0) > 0).sort((a, b) => groupRank(a) - groupRank(b));
  const parts = [plural(t, 'findingsToCheck', summary.toCheck), ...keys.slice(0, groups).map((k) => groupLabel(t, k, summary.counts[k] ?? 0))];
  return parts.join(' · ');
}

/** A language's name in the UI language ("Japanese", "japonais") from its code; a name that is no code as given. */
export function languageLabel(codeOrName: string | null | undefined, locale: string): string | null {
  if (!codeOrName) return null;
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type: 'language' }).of(codeOrName);
  } catch {
    name = undefined; // not a language code: the name as given
  }
  const label = name && name.toLowerCase() !== codeOrName.toLowerCase() ? name : codeOrName;
  return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
}

/**
 * What the checks could not read in the rewrite's language, as one line ("Japanese: names and claims are not
 * checked."), or null when every check of facts and claims ran (reading ease is said in the SEO figures).
 */
export function uncheckedText(t: Translate, caps: Capabilities): string | null {
  if (caps.figures && caps.names && caps.claims) return null;
  const lang = languageLabel(caps.language ?? caps.lang, t.locale) ?? t('findingsOutputLanguage');
  if (!caps.figures) return t('findingsNotFigures', lang);
  if (!caps.names && !caps.claims) return t('findingsNotNamesClaims', lang);
  return caps.claims ? t('findingsNotNames', lang) : t('findingsNotClaims', lang);
}

/** A stretch of a sentence, marked when it is the words that differ. */
export interface Piece {
  text: string;
  mark: boolean;
}

/**
 * A sentence as pieces with the first `word` in it marked (no mark when it is absent or empty), cut to about `max`
 * characters around the mark with an ellipsis where text is left out: a run-on sentence never grows the view.
 */
export function markedPieces(sentence: string, word: string | undefined, max = 240): Piece[] {
  const at = word ? sentence.indexOf(word) : -1;
  if (at < 0 || !word) return [{ text: clip(sentence, 0, max), mark: false }].filter((p) => p.text !== '');
  const room = Math.max(0, max - word.length);
  let from = Math.max(0, at - Math.floor(room / 2));
  const to = Math.min(sentence.length, from + word.length + room);
  from = Math.max(0, Math.min(from, to - word.length - room));
  const before = (from > 0 ? '…' : '') + sentence.slice(from, at);
  const after = sentence.slice(at + word.length, to) + (to < sentence.length ? '…' : '');
  return [
    { text: before, mark: false },
    { text: word, mark: true },
    { text: after, mark: false },
  ].filter((p) => p.text !== '');
}

function clip(text: string, from: number, max: number): string {
  return text.length - from <= max ? text.slice(from) : `${text.slice(from, from + max)}…`;
}

/**
 * The sentence of `text` that first holds `needle` (between sentence ends or line breaks), as a Span; undefined when
 * `needle` is not in `text`. For findings the checks located by their words alone.
 */
export function sentenceAround(text: string, needle: string): Span | undefined {
  const at = needle ? text.indexOf(needle) : -1;
  if (at < 0) return undefined;
  let start = at;
  while (start > 0 && !/\n/.test(text[start - 1]!) && !/^[.!?…]\s$/.test(text.slice(Math.max(0, start - 2), start))) start--;
  let end = at + needle.length;
  while (end < text.length && text[end] !== '\n' && !/^[.!?…](\s|$)/.test(text.slice(end, end + 2))) end++;
  if (end < text.length && text[end] !== '\n') end++; // the sentence's own full stop
  while (start < end && /\s/.test(text[start]!)) start++;
  return { text: text.slice(start, end), start, end };
}
