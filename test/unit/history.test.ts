import { describe, expect, it } from 'vitest';
import {
  checksLine,
  entriesByPage,
  exportJson,
  exportMarkdown,
  listedEntry,
  searchEntries,
  statusOf,
  summaryOf,
  toEntry,
  versionEntry,
} from '../../src/history';
import { quotaWarning } from '../../src/quota';
import type { JobRecord } from '../../src/job';
import { jobFrom, type LooseJob } from '../support/job-shapes';
import { english } from '../../src/i18n-en';
import { runChecks } from '../../src/checks';
import { xssPayloads } from '../fixtures/xss-payloads';

const job = (over: LooseJob): JobRecord => jobFrom(over);

const done = job({ state: 'done', title: 'Rates rise', text: '# Bank lifts rates\n\nThe bank raised rates.\n\nMarkets fell.' });
const cut = job({
  key: 'https://n.example/b',
  url: 'https://n.example/b',
  state: 'error',
  title: 'Storm',
  text: '# Storm hits coast\n\nWinds reached',
  incomplete: true,
  error: { code: 'interrupted', message: 'The rewrite was interrupted (the browser stopped the extension).' },
});

describe('history', () => {
  it('turns stored jobs into entries with status, headline and plain article', () => {
    const e = toEntry(done);
    expect(e).toMatchObject({ status: 'done', headline: 'Bank lifts rates', article: 'The bank raised rates.\n\nMarkets fell.', reason: null });
    const i = toEntry(cut);
    expect(i.status).toBe('interrupted');
    expect(i.article).toBe('Winds reached');
    expect(i.reason).toMatch(/interrupted/);
    expect(statusOf(job({ state: 'error', incomplete: true, text: '# Cut\n\nHalf', error: { code: 'incomplete', message: 'cut' } }))).toBe('incomplete');
    expect(statusOf(job({ state: 'incomplete', text: '# Cut\n\nHalf', canContinue: true, error: { code: 'incomplete', message: 'cut' } }))).toBe('incomplete');
    expect(statusOf(job({ state: 'error', text: '', error: { code: 'auth', message: 'key' } }))).toBe('failed');
    // Waiting for the user's word, nothing sent: never "running".
    expect(statusOf(job({ state: 'awaiting-confirmation', text: '' }))).toBe('awaiting');
    expect(statusOf(job({ state: 'extracting', awaiting: 'confirm', text: '' }))).toBe('awaiting');
    expect(statusOf(job({ state: 'writing', text: '# H' }))).toBe('running');
  });

  it("searches every word in title, URL, headline and text, from the versions' summaries", () => {
    const entries = [done, cut].map((j) => listedEntry(summaryOf(j), { version: 1, versions: 1 }));
    expect(searchEntries(entries, 'markets BANK').map((e) => e.title)).toEqual(['Rates rise']);
    expect(searchEntries(entries, 'n.example').length).toBe(2);
    expect(searchEntries(entries, 'storm rates')).toEqual([]);
    expect(searchEntries(entries, '  ').length).toBe(2);
    expect(searchEntries(entries, 'WINDS').map((e) => e.id)).toEqual([cut.id]);
  });

  it('a summary lists what the whole version shows, and searches the whole article: a word deep in a long one', () => {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} says the council met again about the budget.`);
    paragraphs.push('At the very end the **Quillfeather** bridge was named.');
    const long = job({
      state: 'done',
      title: 'Budget',
      text: `# Council budget\n\n${paragraphs.join('\n\n')}`,
      checks: runChecks({ source: 'The council met. 12 members voted.', headline: 'Council budget', body: paragraphs.join('\n\n') }),
    });
    const summary = summaryOf(long);
    expect(summary.article.length).toBeGreaterThan(20_000);
    const listed = listedEntry(summary, { version: 2, versions: 3 });
    const whole = versionEntry(long, { version: 2, versions: 3 });
    expect(whole.article).toContain('Quillfeather bridge');
    // The list shows from the summary exactly what the whole version holds, the article's text included.
    expect({ ...listed, search: undefined }).toEqual({ ...whole, search: undefined });
    expect(searchEntries([listed, listedEntry(summaryOf(done), { version: 1, versions: 1 })], 'quillfeather BRIDGE').map((e) => e.id)).toEqual([long.id]);
  });

  it('exports JSON that reads back, and Markdown with the source and the reason it stopped', () => {
    const entries = [done, cut].map(toEntry);
    expect(JSON.parse(exportJson(entries)).entries).toEqual(entries);
    const md = exportMarkdown(entries, english);
    expect(md).toContain('# Bank lifts rates\n\nSource: [Rates rise](<https://n.example/a>) · 2026-11-01 · gpt-4o-mini · done');
    expect(md).toContain('> The rewrite was interrupted');
    expect(md.split('\n\n---\n\n')).toHaveLength(2);
  });

  it('warns past 80% of the quota the browser estimates, only', () => {
    const MB = 1024 * 1024;
    expect(quotaWarning(null, english)).toBeNull();
    expect(quotaWarning({ usage: 1 * MB, quota: 10 * MB }, english)).toBeNull();
    expect(quotaWarning({ usage: 7.9 * MB, quota: 10 * MB }, english)).toBeNull();
    expect(quotaWarning({ usage: 9 * MB, quota: 10 * MB }, english)).toMatch(/9\.0 MB of the browser's 10\.0 MB/);
    expect(quotaWarning({ usage: 5, quota: 0 }, english)).toBeNull();
  });

  it("groups versions by page, newest page first, each numbered among its page's versions", () => {
    const v = (id: string, key: string, at: number) => summaryOf({ ...done, id, key, url: key, createdAt: at });
    const pages = entriesByPage([v('c', 'https://a.example/1', 30), v('b', 'https://b.example/2', 20), v('a', 'https://a.example/1', 10)]);
    expect(pages.map((p) => p.map((e) => [e.id, e.version, e.versions]))).toEqual([
      [
        ['c', 2, 2],
        ['a', 1, 2],
      ],
      [['b', 1, 1]],
    ]);
  });
});

describe('exports are inert', () => {
  const ORIGIN = 'http://127.0.0.1:9';
  const payloads = xssPayloads(ORIGIN);
  const KEY = 'sk-live-0123456789abcdefSECRET';

  /** A stored job with the payload in every place page or model text reaches: title, URL, model, answer, reason, facts. */
  function hostile(text: string, url: string): JobRecord {
    const checks = runChecks({ source: `${text}\n\nThe council met on 3 May 2026 with 45 members.`, headline: text, body: `${text}\n\nNothing else.` });
    checks.facts.missing = [{ kind: 'name', text }];
    return job({
      key: url,
      url,
      title: text,
      model: text,
      state: 'error',
      incomplete: true,
      error: { code: 'server', message: `The server said: ${text}` },
      text: `# ${text}\n\n${text}\n\n## ${text}\n\n- ${text}\n\n> ${text}\n\nBefore ${text} after **${text}** and *${text}*.`,
      checks,
    });
  }

  /** What would make a Markdown viewer run, fetch or follow something. */
  function problems(md: string, ownAddress: string | null): string[] {
    const found: string[] = [];
    // The source link's own target, the one place a "<" and brackets are the export's.
    const withoutSource = ownAddress ? md.split(`](<${ownAddress}>)`).join('') : md;
    // Raw HTML: a "<" that could open a tag, a comment or a processing instruction, not escaped.
    for (const m of withoutSource.matchAll(/(?<!\\)(?:\\\\)*<[A-Za-z/!?]/g)) found.push(`raw HTML: ${withoutSource.slice(m.index, m.index + 30)}`);
    // Any bracket not escaped opens a link, image or reference: only the source link may have them.
    const brackets = [...withoutSource.matchAll(/(?<!\\)(?:\\\\)*[[\]]/g)].length;
    const sourceLinks = ownAddress ? md.split(`](<${ownAddress}>)`).length - 1 : 0;
    if (brackets !== sourceLinks) found.push(`${brackets - sourceLinks} unescaped bracket(s) beyond the source links`);
    if (/(?<!\\)(?:\\\\)*<(?:javascript|data|vbscript):/i.test(withoutSource)) found.push('an autolink to a script or data URL');
    return found;
  }

  it.each(payloads.map((p) => [p.id, p.name, p.text] as const))('Markdown export: payload %i (%s) is inert wherever it sits', (_id, _name, text) => {
    const web = `https://n.example/story?q=${encodeURIComponent(text)}`;
    const entries = [
      hostile(text, web),
      hostile(text, text),
      hostile(text, `javascript:${text}`),
      hostile(text, 'data:text/html,<script>alert(1)</script>'),
    ].map(toEntry);
    for (const [i, e] of entries.entries()) {
      const md = exportMarkdown([e], english);
      const own = i === 0 ? new URL(web).href : null;
      expect(problems(md, own), `${md}`).toEqual([]);
      // The one link is the source, to its own web address; nothing else is a link target.
      expect(md.match(/\]\(<[^>]*>\)/g) ?? []).toEqual(own ? [`](<${own}>)`] : []);
      expect(md).not.toMatch(/\]\(\s*<?\s*(?:javascript|data|vbscript):/i);
    }
  });

  it('Markdown export: the source link is the page address, with nothing in it that could end the link', () => {
    const md = exportMarkdown([toEntry(job({ url: 'https://n.example/a b/<x>?q="><img src=x>#frag ment', title: 'T' }))], english);
    expect(md).toContain('Source: [T](<https://n.example/a%20b/%3Cx%3E?q=%22%3E%3Cimg%20src=x%3E#frag%20ment>)');
    const js = exportMarkdown([toEntry(job({ url: 'JaVaScRiPt:alert(1)', title: 'T' }))], english);
    expect(js).toContain('Source: T JaVaScRiPt:alert(1) ·');
    expect(js).not.toMatch(/\]\(/);
  });

  it('the JSON export holds the entries only: never the API key, whatever a job carried', () => {
    // A stored job is never given the key; even one that somehow held extra fields exports only the entry's own.
    const leaky = { ...job({ state: 'done', text: '# H\n\nBody.' }), apiKey: KEY, settings: { apiKey: KEY } } as unknown as JobRecord;
    const json = exportJson([toEntry(leaky), toEntry(cut)]);
    expect(json).not.toContain(KEY);
    expect(json).not.toMatch(/apiKey|sk-/);
    expect(Object.keys(JSON.parse(json).entries[0]).sort()).toEqual([
      'article',
      'checks',
      'date',
      'headline',
      'id',
      'key',
      'model',
      'reason',
      'status',
      'title',
      'url',
      'version',
      'versions',
      'words',
    ]);
    expect(exportMarkdown([toEntry(leaky)], english)).not.toContain(KEY);
  });
});

describe('the checks line', () => {
  const legacy = { factsKept: 1, factsTotal: 784, missing: Array.from({ length: 783 }, (_, i) => `Name ${i}`), added: [], copiedShare: 0, longestRun: 0 };

  it('says what the popup summary says: the findings to check, per group', () => {
    const line = checksLine({ ...legacy, missing: [], toCheck: 2, counts: { figure: 1, 'missing-fact': 1 } }, english);
    expect(line).toContain('2 to check · 1 changed figure · 1 missing fact');
  });

  it('names at most five facts of a summary stored before findings, and counts the rest', () => {
    const line = checksLine(legacy, english);
    expect(line).toContain('Name 4; and 778 more');
    expect(line).not.toContain('Name 5');
  });

  it('a new summary keeps five named facts and the counts of all', () => {
    const source = Array.from({ length: 40 }, (_, i) => `Officer Name${i} Surname${i} spoke.`).join(' ');
    const job = jobFrom({
      state: 'done',
      text: '# Headline\n\nNothing here.',
      checks: runChecks({ source, headline: 'Headline', body: 'Nothing here.' }),
    } as LooseJob);
    const summary = summaryOf(job);
    expect(summary.checks?.missing).toHaveLength(5);
    expect(summary.checks?.toCheck).toBeGreaterThan(5);
    expect(summary.checks?.counts?.['missing-fact']).toBe(summary.checks?.toCheck);
  });
});
