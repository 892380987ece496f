/**
 * Stored versions for the benches of the popup's reopen and the history page (`npm run bench`, sections 8 and 9):
 * finished rewrites of generated news articles, each with its source, as the version store keeps them (rowOf, the
 * store's own row shape and summary, and the checks runChecks gives the background). Deterministic: the same seed, the same rows.
 */

import { articleFromText, type Article } from '../src/article';
import { runChecks } from '../src/checks/index';
import { newJob, pageKey, type JobRecord } from '../src/job';
import { rowOf } from '../lib/version-store';
import type { VersionRow } from '../lib/version-db';
import { summaryOfRow } from '../lib/version-summary';
import type { VersionSummary } from '../src/history-summary';
import { pair } from './pairs';

const PLACES = ['Harbour City', 'Northgate', 'Port Ellis', 'Westmoor', 'Kingsbridge', 'Ashford Vale', 'Lowther', 'Marrow Bay', 'Eastcliff', 'Dunmore'];
const SUBJECTS = [
  'Ferry Fares',
  'Library Hours',
  'Bus Lanes',
  'School Meals',
  'Flood Defences',
  'Housing Plan',
  'Hospital Wing',
  'Market Square',
  'Tram Line',
  'Water Rates',
  'Night Buses',
  'Harbour Wall',
  'Park Lighting',
];
const VERBS = ['Council Backs', 'Residents Reject', 'Court Halts', 'Mayor Defends', 'Inquiry Questions', 'Budget Cuts', 'Vote Delays', 'Report Praises'];

/** A page's headline: deterministic and varied, so a search finds some pages and not others. */
export function headlineOf(page: number): string {
  return `${VERBS[page % VERBS.length]} ${SUBJECTS[(page * 7) % SUBJECTS.length]} in ${PLACES[(page * 3) % PLACES.length]}`;
}

export interface StoredSet {
  rows: VersionRow[];
  /** Each row's summary, as the store writes it with the row (summaryOfRow). */
  summaries: VersionSummary[];
  sources: [string, Article][];
}

/**
 * `versions[i]` finished versions of page i (its URL `urls[i]`), each a rewrite of about `words` words of that
 * page's one source. They were written round by round (every page's first version, then the second ones, …), so a
 * page's versions lie apart in time; within a page the last one is the newest.
 */
export function storedVersions(urls: readonly string[], versions: readonly number[], words: number, start = Date.UTC(2026, 10, 1)): StoredSet {
  const out: StoredSet = { rows: [], summaries: [], sources: [] };
  urls.forEach((url, page) => {
    const key = pageKey(url);
    const title = `${headlineOf(page)} | The ${PLACES[page % PLACES.length]} Gazette`;
    const base = pair(words, 1000 + page);
    const article: Article = {
      ...articleFromText(title, base.source, url),
      byline: 'Mara Ellison',
      siteName: `The ${PLACES[page % PLACES.length]} Gazette`,
      lang: 'en',
    };
    for (let v = 0; v < (versions[page] ?? 1); v++) {
      // Each version words the story differently: the paragraphs rotated, the headline numbered.
      const paras = base.body.split('\n\n');
      const body = [...paras.slice(v % paras.length), ...paras.slice(0, v % paras.length)].join('\n\n');
      const headline = v === 0 ? headlineOf(page) : `${headlineOf(page)}, Take ${v + 1}`;
      const at = start + (v * urls.length + page + 1) * 60_000;
      const job: JobRecord = {
        ...newJob(`bench-${page}-${v}`, key, url, 'gpt-4o-mini', at),
        title,
        state: 'done',
        text: `# ${headline}\n\n${body}`,
        answer: { headline, body, seo: {} },
        checks: runChecks({ source: `${article.title}\n\n${article.text}`, headline, body }),
        updatedAt: at + 30_000,
      };
      const row = rowOf(job);
      out.rows.push(row);
      out.summaries.push(summaryOfRow(row));
      out.sources.push([job.id, article]);
    }
  });
  return out;
}
