/**
 * The queue's done rewrites as the files of one export: per article `<slug>.md` (the Markdown the CLI's batch
 * writes: the article, then its SEO extras) and `<slug>.html` (a small standalone page), and `articles.csv` with a
 * row per article. Every string here is page or model text: the Markdown is made inert, the HTML is our renderer's
 * (escaped text in our own tags) and the CSV's cells cannot start a spreadsheet formula. Pure: no browser APIs.
 */

import type { DoneJob } from '../job';
import type { Translate } from '../i18n';
import { bodyWords, escapeHtml, markdownInline, toHtml, toMarkdown } from '../rewrite/render';
import { freeSlug, rewriteSlug } from '../rewrite/slug';

/** A file of the export (a ZipEntry as src/zip.ts takes it). */
export interface ExportFile {
  name: string;
  data: string;
}

export const CSV_NAME = 'articles.csv';

export const CSV_COLUMNS = ['url', 'headline', 'slug', 'meta_description', 'keywords', 'word_count', 'facts_kept', 'copied_share'] as const;

/** One line of model text for a `Label: value` line: whitespace flattened, inert in Markdown. */
const mdValue = (text: string): string => markdownInline(text.replace(/\s+/g, ' ').trim());

/** The article in Markdown with its SEO extras after a rule, as `newsmith batch` writes its files (and reads them back). */
export function markdownFile(answer: DoneJob['answer']): string {
  const { headline, body, seo } = answer;
  const extras = [
    seo.metaDescription && `Meta description: ${mdValue(seo.metaDescription)}`,
    seo.slug && `Slug: ${mdValue(seo.slug)}`,
    seo.keywords?.length && `Keywords: ${mdValue(seo.keywords.join(', '))}`,
  ].filter(Boolean);
  const article = toMarkdown(headline, body);
  return `${extras.length ? `${article}\n\n---\n\n${extras.join('\n')}` : article}\n`;
}

/** The page's address when it is http(s), else null (a javascript: or data: address is never a link). */
function webAddress(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * A standalone page: the headline as its title, the meta description, the article from toHtml (our tags, the text
 * escaped), a line linking to the source. Its policy forbids every script and remote fetch, should anything slip.
 */
export function htmlFile(job: DoneJob, t: Translate): string {
  const { headline, body, seo } = job.answer;
  const address = webAddress(job.url);
  const link = address ? `<a href="${escapeHtml(address)}">${escapeHtml(address)}</a>` : escapeHtml(job.url);
  // The catalog's words around the link, escaped like any text.
  const [before = '', after = ''] = t('exportSource', '\ue000').split('\ue000');
  return [
    '<!doctype html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`,
    `<title>${escapeHtml(headline.trim() || job.title)}</title>`,
    ...(seo.metaDescription ? [`<meta name="description" content="${escapeHtml(seo.metaDescription)}">`] : []),
    '</head>',
    '<body>',
    toHtml(headline, body),
    `<p><small>${escapeHtml(before)}${link}${escapeHtml(after)}</small></p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A share (0…1) with three decimals, or empty when there is none. */
const share = (n: number | null): string => (n === null || !Number.isFinite(n) ? '' : String(Math.round(n * 1000) / 1000));

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A cell that a
 * spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) gets a leading `'`.
 */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV row of one article: facts_kept and copied_share as shares from 0 to 1 (empty without checks). */
function csvRow(job: DoneJob, slug: string): string[] {
  const { headline, body, seo } = job.answer;
  const facts = job.checks?.facts;
  return [
    job.url,
    headline,
    slug,
    seo.metaDescription ?? '',
    (seo.keywords ?? []).join('; '),
    String(bodyWords(body)),
    share(facts && facts.total > 0 ? facts.kept / facts.total : null),
    share(job.checks ? job.checks.originality.copiedShare : null),
  ];
}

/**
 * The export's files, the CSV first, then each article's Markdown and HTML in the order given. Each article's slug
 * (the SEO slug, else its headline's, else its address's) is made unique within the export: `-2`, `-3`…
 * The CSV starts with a byte-order mark so that spreadsheets read it as UTF-8; lines end with CRLF.
 */
export function exportFiles(jobs: readonly DoneJob[], t: Translate): ExportFile[] {
  const taken = new Set<string>();
  const articles: ExportFile[] = [];
  const rows = [CSV_COLUMNS.join(',')];
  for (const job of jobs) {
    const { headline, seo } = job.answer;
    const slug = freeSlug(rewriteSlug(seo.slug, headline, job.url), (s) => taken.has(s));
    taken.add(slug);
    articles.push({ name: `${slug}.md`, data: markdownFile(job.answer) }, { name: `${slug}.html`, data: htmlFile(job, t) });
    rows.push(csvRow(job, slug).map(csvCell).join(','));
  }
  return [{ name: CSV_NAME, data: `\ufeff${rows.join('\r\n')}\r\n` }, ...articles];
}

/** The download's name, by the local date: newsmith-queue-2026-11-01.zip. */
export function exportName(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `newsmith-queue-${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}.zip`;
}
