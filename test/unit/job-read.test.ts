// Stored jobs read back field by field: a broken record is repaired or skipped, never a crash further on.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks';
import { checksLine, exportJson, exportMarkdown, toEntry } from '../../src/history';
import { english } from '../../src/i18n-en';
import { errorOf, newJob, type DoneJob, type JobRecord } from '../../src/job';
import { readJob } from '../../src/job-read';

const KEY = 'https://n.example/story';
const SOURCE = 'Rates rise\n\nThe central bank raised rates by 0.5% to 4.25% on Tuesday, its governor Ana Ruiz said.';
const TEXT = '# Bank lifts rates\n\nThe central bank raised rates by 0.5% to 4.25% on Tuesday, its governor Ana Ruiz said.';

function sound(): JobRecord {
  const checks = runChecks({ source: SOURCE, headline: 'Bank lifts rates', body: TEXT.split('\n\n')[1] as string });
  return {
    ...newJob('id-1', KEY, KEY, 'gpt-4o-mini', Date.UTC(2026, 10, 1)),
    state: 'done',
    title: 'Rates rise',
    text: TEXT,
    answer: { headline: 'Bank lifts rates', body: TEXT.split('\n\n')[1] as string, seo: {} },
    checks,
    warnings: [{ code: 'very-long', tokens: 9000, words: 7000 }],
    estimate: { inputTokens: 100, outputTokens: 90, cost: 0.001, sections: 1, counted: true },
  };
}

/** Everything downstream that reads a job: the history entry, its checks line, both exports. */
function useEverywhere(job: JobRecord): void {
  const entry = toEntry(job);
  if (entry.checks) checksLine(entry.checks, english);
  exportJson([entry]);
  exportMarkdown([entry], english);
}

describe('readJob', () => {
  it('reads a sound record back as it is, with nothing repaired', () => {
    const job = sound();
    const read = readJob(JSON.parse(JSON.stringify(job)), KEY);
    expect(read).toEqual({ job, repaired: [] });
  });

  it('fills the fields an older version never wrote, quietly', () => {
    const old = { id: 'a', key: KEY, url: KEY, state: 'done', text: '# H\n\nBody.', createdAt: 5 };
    const read = readJob(old, KEY);
    expect(read?.repaired).toEqual([]);
    expect(read?.job).toMatchObject({ warnings: [], checks: null, estimate: null, updatedAt: 5, title: '', model: '' });
    // No answer stored (a version from before answers were kept): read from its text once.
    expect(read?.job).toMatchObject({ state: 'done', answer: { headline: 'H', body: 'Body.', seo: {} } });
  });

  it('reads checks stored before the copied warning and the headline limit: no passages, no warning, the default limit', () => {
    const job = sound() as DoneJob;
    const { passages: _p, warn: _w, ...originality } = job.checks!.originality;
    const { headlineMaxChars: _h, ...seo } = job.checks!.seo;
    const read = readJob(JSON.parse(JSON.stringify({ ...job, checks: { ...job.checks, originality, seo } })), KEY);
    expect(read?.repaired).toEqual([]);
    const checks = (read?.job as DoneJob).checks!;
    expect(checks.originality).toMatchObject({ passages: [], warn: false, runs: originality.runs });
    expect(checks.seo.headlineMaxChars).toBe(60);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'an interrupted error',
      { state: 'error', incomplete: true, canContinue: true, error: { code: 'interrupted', message: 'cut' } },
      { state: 'interrupted', canContinue: true },
    ],
    [
      'a stopped error with no text',
      { state: 'error', text: '', error: { code: 'stopped', message: 'stopped' } },
      { state: 'stopped', canContinue: false, text: '' },
    ],
    ['a cut answer', { state: 'error', incomplete: true, error: { code: 'incomplete', message: 'cut' } }, { state: 'incomplete', canContinue: false }],
    ['a failure with no text', { state: 'error', text: '', error: { code: 'auth', message: 'key' } }, { state: 'error' }],
    ['a job waiting for the user', { state: 'extracting', text: '', awaiting: 'confirm' }, { state: 'awaiting-confirmation' }],
    ['a job reading the page', { state: 'extracting', text: '', awaiting: null }, { state: 'extracting' }],
  ])('reads the shape an earlier build stored: %s', (_name, old, want) => {
    const { checks: _c, answer: _a, ...base } = sound() as DoneJob;
    const read = readJob({ ...JSON.parse(JSON.stringify(base)), ...old }, KEY)!;
    expect(read.repaired).toEqual([]);
    expect(read.job).toMatchObject(want);
    for (const gone of ['awaiting', 'incomplete', 'checks', 'answer']) expect(gone in read.job).toBe(false);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 42],
    ['a string', 'job'],
    ['an array', [{ text: 'x' }]],
    ['true', true],
    ['no text', { ...sound(), text: undefined }],
    ['text of the wrong type', { ...sound(), text: 12 }],
    ['text as an object', { ...sound(), text: { value: 'x' } }],
  ])('skips %s: nothing to show', (_name, value) => {
    expect(readJob(value, KEY)).toBeNull();
  });

  it("skips a record with no key when it is read without one, and takes the storage key over the record's", () => {
    expect(readJob({ ...sound(), key: undefined })).toBeNull();
    const read = readJob({ ...sound(), key: 'https://other.example/' }, KEY);
    expect(read?.job.key).toBe(KEY);
    expect(read?.repaired).toEqual(['key']);
  });

  const checks = (sound() as DoneJob).checks!;
  it.each<[string, Record<string, unknown>, string]>([
    ['a date as a string', { createdAt: 'yesterday' }, 'createdAt'],
    ['a date as an ISO string', { createdAt: '2026-11-01T00:00:00Z' }, 'createdAt'],
    ['a date of null (NaN through JSON)', { createdAt: null }, 'createdAt'],
    ['a negative date', { createdAt: -5 }, 'createdAt'],
    ['a date past what Date can hold', { createdAt: 1e20 }, 'createdAt'],
    ['no date at all', { createdAt: undefined }, 'createdAt'],
    ['a bad update time', { updatedAt: 'later' }, 'updatedAt'],
    ['empty checks', { checks: {} }, 'checks'],
    ['checks without originality', { checks: { ...checks, originality: undefined } }, 'checks'],
    ['checks without seo', { checks: { ...checks, seo: null } }, 'checks'],
    ['checks with facts as a string', { checks: { ...checks, facts: 'all kept' } }, 'checks'],
    ['checks with a missing fact that is null', { checks: { ...checks, facts: { ...checks.facts, missing: [null] } } }, 'checks'],
    ['checks with a count as a string', { checks: { ...checks, facts: { ...checks.facts, kept: '3' } } }, 'checks'],
    [
      'checks with a copied run past the text',
      { checks: { ...checks, originality: { ...checks.originality, runs: [{ start: 0, end: 1e6, text: 'x' }] } } },
      'checks',
    ],
    [
      'checks with a run ending before it starts',
      { checks: { ...checks, originality: { ...checks.originality, runs: [{ start: 5, end: 2, text: 'x' }] } } },
      'checks',
    ],
    ['checks with no checked text', { checks: { ...checks, text: undefined } }, 'checks'],
    ['checks as a string', { checks: 'ok' }, 'checks'],
    ['checks as an array', { checks: [] }, 'checks'],
    ['warnings as a string', { warnings: 'long' }, 'warnings'],
    ['warnings with junk in the list', { warnings: [null, { code: 'bogus' }, 7, { code: 'very-long' }] }, 'warnings'],
    ['an error as a string', { state: 'error', error: 'boom' }, 'error'],
    ['an error without words', { state: 'error', error: { code: 'auth', message: 7 } }, 'error'],
    ['an unknown state', { state: 'flying' }, 'state'],
    ['a state as a number', { state: 3 }, 'state'],
    ['no state', { state: undefined }, 'state'],
    ['an estimate of strings', { estimate: { inputTokens: 'a', outputTokens: 1, cost: 0, sections: 1 } }, 'estimate'],
    ['an estimate with no sections', { estimate: { inputTokens: 1, outputTokens: 1, cost: 0, sections: 0 } }, 'estimate'],
    ['a section past the total', { state: 'writing', section: { index: 3, total: 2 } }, 'section'],
    ['an answer with no body', { answer: { headline: 'H' } }, 'answer'],
    ['an answer with keywords that are not words', { answer: { headline: 'H', body: 'B', seo: { keywords: [1] } } }, 'answer'],
    ['an id as a number', { id: 5 }, 'id'],
    ['an empty id', { id: '' }, 'id'],
    ['no id', { id: undefined }, 'id'],
    ['a title as an object', { title: { text: 'x' } }, 'title'],
    ['a model as an array', { model: ['gpt'] }, 'model'],
    ['a url as a number', { url: 7 }, 'url'],
    ['canContinue as a string', { state: 'incomplete', error: { code: 'incomplete', message: 'cut' }, canContinue: 'yes' }, 'canContinue'],
    ['an ending with no error', { state: 'stopped', error: undefined }, 'error'],
    ['a notice as a number', { state: 'writing', notice: 3 }, 'notice'],
  ])('repairs %s, and every reader of the job copes', (_name, change, field) => {
    const value = { ...JSON.parse(JSON.stringify(sound())), ...change };
    const read = readJob(value, KEY);
    expect(read).not.toBeNull();
    expect(read!.repaired).toContain(field);
    expect(read!.job.text).toBe(TEXT);
    expect(() => useEverywhere(read!.job)).not.toThrow();
  });

  it('falls back on the update time for a bad creation date, else on no date (listed last, shown as unknown)', () => {
    const withUpdate = readJob({ ...sound(), createdAt: 'x', updatedAt: 1234 }, KEY)!.job;
    expect(withUpdate.createdAt).toBe(1234);
    const without = readJob({ ...sound(), createdAt: 'x', updatedAt: 'y' }, KEY)!.job;
    expect(without.createdAt).toBe(0);
    expect(toEntry(without).date).toBe('');
  });

  it('keeps the readable warnings and an unknown error code as "unknown"', () => {
    const read = readJob(
      { ...sound(), warnings: [null, { code: 'very-long', tokens: 5 }], state: 'error', error: { code: 'mystery', message: 'It broke.' } },
      KEY,
    )!;
    expect(read.job.warnings).toEqual([{ code: 'very-long', tokens: 5 }]);
    expect(errorOf(read.job)).toEqual({ code: 'unknown', message: 'It broke.' });
  });
});
