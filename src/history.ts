/** The history page's pure part: listed entries from summaries, search, status words, and exports of stored rewrites. */

import { countWords } from './article';
import { moreLabel, summaryText } from './checks/summary';
import { formatPercent, plural, type MessageKey, type Translate } from './i18n';
import { searchText, summaryOf, type HistoryStatus, type VersionSummary } from './history-summary';
import type { JobRecord } from './job';
import { modelLabel } from './provider-words';
import { copyAll, markdownInline, toMarkdown } from './rewrite/render';

export { statusOf, summaryOf, type HistoryStatus, type VersionSummary } from './history-summary';

/** A version as the history lists it, from its summary, numbered among its page's versions. */
export interface ListedEntry extends Omit<VersionSummary, 'page' | 'at' | 'read'> {
  /** The page the version belongs to (its page key). */
  key: string;
  /** Which of the page's versions this is (1 = the first written), and how many the page has. */
  version: number;
  versions: number;
  /** What a search looks in: title, URL, headline and article, lower case (made when listed, never stored). */
  search: string;
}

/** A whole version as copied and exported: what the list shows, and the article's plain text. */
export type HistoryEntry = Omit<ListedEntry, 'search'>;

const STATUS_WORDS: Record<HistoryStatus, MessageKey> = {
  done: 'statusDone',
  interrupted: 'statusInterrupted',
  stopped: 'statusStopped',
  incomplete: 'statusIncomplete',
  failed: 'statusFailed',
  awaiting: 'statusAwaiting',
  running: 'statusRunning',
};

/** An entry's status as the user reads it (the JSON export keeps the status code). */
export function statusWord(status: HistoryStatus, t: Translate): string {
  return t(STATUS_WORDS[status] ?? 'statusFailed');
}

/** A stored job as an entry (the only version of its page). */
export function toEntry(job: JobRecord): HistoryEntry {
  return versionEntry(job, { version: 1, versions: 1 });
}

/** A version's summary as an entry, numbered among its page's versions (the fields in the order exports write them). */
function entryOf(s: VersionSummary, place: { version: number; versions: number }): HistoryEntry {
  const { id, page, url, title, date, model, status, headline, article, reason, checks } = s;
  const entry = { id, key: page, version: place.version, versions: place.versions, url, title, date, model, status, headline, article, reason, checks };
  return s.words === undefined ? entry : { ...entry, words: s.words };
}

/** A stored version as an entry, numbered among its page's versions. */
export function versionEntry(job: JobRecord, place: { version: number; versions: number }): HistoryEntry {
  return entryOf(summaryOf(job), place);
}

/** A version's summary as a listed entry, numbered among its page's versions, with the text a search looks in. */
export function listedEntry(s: VersionSummary, place: { version: number; versions: number }): ListedEntry {
  return { ...entryOf(s, place), search: searchText(s.title, s.url, s.headline, s.article) };
}

/**
 * Summaries of stored versions (newest first) as entries, each numbered among its page's versions (1 = the oldest),
 * grouped by page: the page with the newest version first, and within a page its versions newest first. `counts`
 * gives a page's number of versions when `summaries` holds only its newest ones.
 */
export function entriesByPage(summaries: readonly VersionSummary[], counts?: ReadonlyMap<string, number>): ListedEntry[][] {
  const pages = new Map<string, VersionSummary[]>();
  for (const s of summaries) {
    const list = pages.get(s.page);
    if (list) list.push(s);
    else pages.set(s.page, [s]);
  }
  return [...pages.values()].map((versions) => {
    const total = Math.max(counts?.get(versions[0]?.page ?? '') ?? 0, versions.length);
    return versions.map((s, i) => listedEntry(s, { version: total - i, versions: total }));
  });
}

/** An entry's length as the history shows it: countWords of its plain text, the count the popup and the checks give. */
export function entryWords(e: Pick<HistoryEntry, 'article' | 'words'>, t: Translate): string {
  return plural(t, 'historyWords', e.words ?? countWords(e.article));
}

/** The first few of a list of facts, and how many more. */
function named(facts: readonly string[], t: Translate): string {
  const shown = facts.slice(0, 5).join('; ');
  return facts.length > 5 ? `${shown}; ${moreLabel(t, facts.length - 5)}` : shown;
}

/** One line saying how a finished rewrite checked out. */
export function checksLine(c: NonNullable<HistoryEntry['checks']>, t: Translate): string {
  const facts = [t('checksLineFacts', [c.factsKept, c.factsTotal])];
  if (c.toCheck !== undefined && c.counts) facts.push(summaryText(t, { toCheck: c.toCheck, counts: c.counts }));
  else {
    // A summary stored before findings: the facts it names, a few of each.
    if (c.missing.length) facts.push(t('checksLineMissing', named(c.missing, t)));
    if (c.added.length) facts.push(t('checksLineAdded', named(c.added, t)));
  }
  const copied = plural(t, 'checksLineCopied', c.longestRun, [formatPercent(c.copiedShare, t.locale), c.longestRun]);
  return t('checksLine', [facts.join(', '), copied]);
}

/** Entries whose title, URL, headline or text hold every word of the query (any case). */
export function searchEntries<E extends { search: string }>(entries: readonly E[], query: string): E[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...entries];
  return entries.filter((e) => words.every((w) => e.search.includes(w)));
}

export function exportJson(entries: readonly HistoryEntry[]): string {
  return JSON.stringify({ exportedBy: 'Newsmith', version: 1, entries }, null, 2);
}

/** One line of stored text, inert in Markdown (the same escaping as *Copy as Markdown*). */
const mdLine = (text: string): string => markdownInline(text.replace(/\s+/g, ' ').trim());

/** A web address as a Markdown link target, with nothing in it that could end the `<…>`; null for any other scheme. */
function webAddress(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return u.href.replace(/[<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * The history as Markdown. Every stored string is page or model text, so it is made inert the way *Copy as
 * Markdown* does it (markdownInline, toMarkdown): no raw HTML, no images, no links but the source's own http(s)
 * address.
 */
export function exportMarkdown(entries: readonly HistoryEntry[], t: Translate): string {
  return entries
    .map((e) => {
      const address = webAddress(e.url);
      const name = mdLine(e.title);
      // Only the page's own http(s) address is a link; any other (javascript:, data:, file:…) is text.
      const source = t('exportSource', address ? `[${name || mdLine(address)}](<${address}>)` : [name, mdLine(e.url)].filter(Boolean).join(' '));
      const meta = [source, e.date.slice(0, 10), mdLine(modelLabel(e.model, t)), statusWord(e.status, t)].filter(Boolean).join(' · ');
      const reason = e.reason ? `\n\n> ${mdLine(e.reason)}` : '';
      const checks = e.checks ? `\n\n${mdLine(t('historyChecks', checksLine(e.checks, t)))}` : '';
      return `# ${mdLine(e.headline || e.title)}\n\n${meta}${reason}${checks}\n\n${toMarkdown('', e.article)}`;
    })
    .join('\n\n---\n\n');
}

export function entryText(e: HistoryEntry): string {
  return copyAll(e.headline, e.article);
}
