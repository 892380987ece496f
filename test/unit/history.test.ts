import { describe, expect, it } from 'vitest';
import { exportJson, exportMarkdown, quotaWarning, searchEntries, statusOf, toEntry } from '../../src/history';
import { newJob, type JobRecord } from '../../src/job';
import { english } from '../../src/i18n-en';

function job(over: Partial<JobRecord>): JobRecord {
  return { ...newJob('id', 'https://n.example/a', 'https://n.example/a', 'gpt-4o-mini', Date.UTC(2026, 10, 1)), ...over };
}

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
    expect(statusOf(job({ state: 'error', incomplete: true, error: { code: 'incomplete', message: 'cut' } }))).toBe('incomplete');
  });

  it('searches every word in title, URL, headline and text', () => {
    const entries = [done, cut].map(toEntry);
    expect(searchEntries(entries, 'markets BANK').map((e) => e.title)).toEqual(['Rates rise']);
    expect(searchEntries(entries, 'n.example').length).toBe(2);
    expect(searchEntries(entries, 'storm rates')).toEqual([]);
    expect(searchEntries(entries, '  ').length).toBe(2);
  });

  it('exports JSON that reads back, and Markdown with the source and the reason it stopped', () => {
    const entries = [done, cut].map(toEntry);
    expect(JSON.parse(exportJson(entries)).entries).toEqual(entries);
    const md = exportMarkdown(entries, english);
    expect(md).toContain('# Bank lifts rates\n\nSource: [Rates rise](<https://n.example/a>) · 2026-11-01 · gpt-4o-mini · done');
    expect(md).toContain('> The rewrite was interrupted');
    expect(md.split('\n\n---\n\n')).toHaveLength(2);
  });

  it('warns near the storage quota only', () => {
    expect(quotaWarning(null, english)).toBeNull();
    expect(quotaWarning(1_000_000, english)).toBeNull();
    expect(quotaWarning(9 * 1024 * 1024, english)).toMatch(/9\.0 MB of the browser's 10 MB/);
  });
});
