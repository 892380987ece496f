// The popup's job controls by state: Stop only while something runs; a job waiting for the user's word shows its
// confirmation (Rewrite anyway and Cancel) and no Stop; an ended job offers Regenerate, and Continue where it can.
import { describe, expect, it } from 'vitest';
import { newJob, type JobRecord } from '../../src/job';
import { jobControls } from '../../src/job-controls';
import { appendText, awaitConfirmation, confirmedJob, endJob, startWriting } from '../../src/job-transitions';

const KEY = 'https://n.example/a';
const fresh = () => newJob('j', KEY, KEY, 'gpt-4o-mini', 1);
const stop = { code: 'stopped' as const, message: 'Stopped.' };

describe('jobControls', () => {
  it('reading the page: Stop, nothing else', () => {
    expect(jobControls(fresh())).toEqual({ stop: true, confirm: false, regenerate: false, continue: false });
  });

  it('waiting for confirmation: the confirmation, no Stop (nothing runs), no Regenerate', () => {
    const waiting = awaitConfirmation(fresh(), 2, { start: 'A', end: '', words: 1 });
    expect(jobControls(waiting)).toEqual({ stop: false, confirm: true, regenerate: false, continue: false });
  });

  it('confirmed and then writing: Stop again, the confirmation gone', () => {
    const confirmed = confirmedJob(awaitConfirmation(fresh(), 2), 3);
    expect(jobControls(confirmed)).toMatchObject({ stop: true, confirm: false });
    expect(jobControls(startWriting(confirmed, 4))).toEqual({ stop: true, confirm: false, regenerate: false, continue: false });
  });

  it('cancelled while waiting: Regenerate to start again, nothing to continue', () => {
    const cancelled = endJob(awaitConfirmation(fresh(), 2), stop, false, 3);
    expect(jobControls(cancelled)).toEqual({ stop: false, confirm: false, regenerate: true, continue: false });
  });

  it('stopped mid-stream with text: Regenerate and Continue', () => {
    const writing = appendText(startWriting(fresh(), 2), 'Some text', 3);
    const ended: JobRecord = endJob(writing, stop, true, 4);
    expect(jobControls(ended)).toEqual({ stop: false, confirm: false, regenerate: true, continue: true });
  });
});
