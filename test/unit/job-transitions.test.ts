// Every way a job changes state, as pure functions: each step keeps what it must, drops what no longer means
// anything, and the types refuse the illegal ones (the @ts-expect-error lines fail the typecheck if they compile).
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks';
import { english } from '../../src/i18n-en';
import { canContinue, CONFIRM_WAIT_MS, errorOf, isActive, isIncomplete, isRunning, newJob, viewStateOf, type EndedJob, type JobRecord } from '../../src/job';
import {
  appendText,
  atSection,
  awaitConfirmation,
  complete,
  confirmedJob,
  endJob,
  markInterrupted,
  resumeWriting,
  sized,
  startWriting,
  withChecks,
  withNotice,
} from '../../src/job-transitions';

const KEY = 'https://n.example/a';
const fresh = () => newJob('j', KEY, KEY, 'gpt-4o-mini', 1);
const estimate = { inputTokens: 10, outputTokens: 8, cost: 0.001, sections: 1 };
const cut = { code: 'incomplete' as const, message: 'cut' };

/** The fields a job in this state holds, beyond the ones every state has. */
function extraFields(job: JobRecord): string[] {
  const common = new Set(['id', 'key', 'url', 'title', 'text', 'model', 'warnings', 'estimate', 'createdAt', 'updatedAt', 'state']);
  return Object.keys(job)
    .filter((k) => !common.has(k))
    .sort();
}

describe('job transitions', () => {
  it('a rewrite that asks first: extracting → awaiting-confirmation → extracting → writing → done → checked', () => {
    const read = sized(fresh(), { title: 'Story', warnings: [{ code: 'maybe-truncated' }], estimate }, 2);
    expect(read).toMatchObject({ state: 'extracting', title: 'Story', estimate, updatedAt: 2 });
    const waiting = awaitConfirmation(read, 3);
    expect(waiting).toMatchObject({ state: 'awaiting-confirmation', title: 'Story', estimate, text: '' });
    // Waiting for the user is not running: no spinner, no "running" in the history; but a worker holds it.
    expect(isRunning(waiting)).toBe(false);
    expect(isActive(waiting)).toBe(true);
    expect(viewStateOf(waiting)).toBe('awaiting-confirmation');
    const yes = confirmedJob(waiting, 4);
    expect(yes.state).toBe('extracting');
    let w = startWriting(yes, 5);
    expect(w).toMatchObject({ state: 'writing', section: null, notice: null, text: '' });
    w = appendText(appendText(w, '# Head\n\n', 6), 'Body.', 7);
    w = withNotice(atSection(w, { index: 0, total: 2 }, 8), 'retrying', 9);
    expect(w).toMatchObject({ text: '# Head\n\nBody.', section: { index: 0, total: 2 }, notice: 'retrying', updatedAt: 9 });
    const done = complete(w, { headline: 'Head', body: 'Body.', seo: {} }, 10);
    expect(done).toMatchObject({ state: 'done', answer: { headline: 'Head', body: 'Body.' }, checks: null, text: '# Head\n\nBody.' });
    // Writing's own fields go with it.
    expect(extraFields(done)).toEqual(['answer', 'checks']);
    const checks = runChecks({ source: 'Story\n\nBody.', headline: 'Head', body: 'Body.' });
    expect(withChecks(done, checks, 11).checks).toBe(checks);
    expect(viewStateOf(done)).toBe('done');
  });

  it('endings: stopped, interrupted, incomplete with text, error without; Continue only where allowed and text exists', () => {
    const w = appendText(startWriting(fresh(), 2), '# H\n\nHalf', 3);
    const stopped = endJob(w, { code: 'stopped', message: 'Stopped.' }, true, 4);
    expect(stopped).toMatchObject({ state: 'stopped', canContinue: true, text: '# H\n\nHalf' });
    expect(endJob(w, { code: 'interrupted', message: 'x' }, false, 4)).toMatchObject({ state: 'interrupted', canContinue: false });
    expect(endJob(w, cut, true, 4)).toMatchObject({ state: 'incomplete', canContinue: true, error: cut });
    const failed = endJob(startWriting(fresh(), 2), { code: 'auth', message: 'key' }, true, 4);
    expect(failed).toMatchObject({ state: 'error', error: { code: 'auth' } });
    expect(canContinue(failed)).toBe(false);
    expect(extraFields(failed)).toEqual(['error']);
    // Stopped before anything was written: nothing to continue, even when asked.
    expect(endJob(fresh(), { code: 'stopped', message: 'Stopped.' }, true, 4)).toMatchObject({ state: 'stopped', canContinue: false, text: '' });
    for (const j of [stopped, failed]) {
      expect(viewStateOf(j)).toBe('error');
      expect(isActive(j)).toBe(false);
    }
    expect(isIncomplete(stopped)).toBe(true);
    expect(isIncomplete(failed)).toBe(false);
    expect(errorOf(w)).toBeNull();
  });

  it('Continue resumes an ended job as writing with its text, its error gone', () => {
    const ended = endJob(appendText(startWriting(fresh(), 2), '# H\n\nHalf', 3), cut, true, 4) as EndedJob;
    const again = resumeWriting(ended, 5);
    expect(again).toMatchObject({ state: 'writing', text: '# H\n\nHalf', section: null, notice: null, updatedAt: 5 });
    expect(extraFields(again)).toEqual(['notice', 'section']);
  });

  it('a worker death: every running state becomes interrupted; a job waiting for the user waits on; endings are left alone', () => {
    const writing = appendText(startWriting(fresh(), 2), '# H\n\nHalf', 3);
    expect(markInterrupted(writing, 9, english)).toMatchObject({ state: 'interrupted', canContinue: true, text: '# H\n\nHalf', updatedAt: 9 });
    // A long article in sections cannot be continued from the middle in one request.
    const inSections = sized(writing, { estimate: { ...estimate, sections: 3 } }, 3);
    expect(markInterrupted(inSections, 9, english)).toMatchObject({ state: 'interrupted', canContinue: false });
    const waiting = awaitConfirmation(fresh(), 2);
    expect(markInterrupted(waiting, 9, english)).toBe(waiting);
    expect(markInterrupted(waiting, 2 + CONFIRM_WAIT_MS, english)).toMatchObject({ state: 'stopped', canContinue: false, text: '' });
    expect(markInterrupted(fresh(), 9, english).state).toBe('interrupted');
    const done = complete(writing, { headline: 'H', body: 'Half', seo: {} }, 4);
    expect(markInterrupted(done, 9, english)).toBe(done);
  });

  it('the types refuse illegal steps', () => {
    const extracting = fresh();
    const writing = startWriting(extracting, 2);
    const done = complete(writing, { headline: 'H', body: 'B', seo: {} }, 3);
    const illegal = () => {
      // @ts-expect-error a job not yet writing cannot finish
      complete(extracting, { headline: '', body: '', seo: {} }, 4);
      // @ts-expect-error a finished job cannot be asked about again
      awaitConfirmation(done, 4);
      // @ts-expect-error a finished job cannot take more text
      appendText(done, 'x', 4);
      // @ts-expect-error a finished job does not end again
      endJob(done, cut, false, 4);
      // @ts-expect-error a running job cannot be continued
      resumeWriting(writing, 4);
      // @ts-expect-error checks belong to a finished job only
      const running: JobRecord = { ...writing, checks: null };
      return running;
    };
    expect(typeof illegal).toBe('function');
  });
});
