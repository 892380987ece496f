/**
 * The only ways a job changes state. Each takes the states it may leave from (the types say which) and returns a
 * new record; nothing else writes a job's state, so an illegal combination (checks on a running job, an error on a
 * finished one, a "running" job that only waits for the user) cannot be built.
 */

import type { ChecksResult } from './checks';
import type { Estimate } from './cost';
import type { ExtractWarning } from './article';
import type {
  ActiveJob,
  Answer,
  AwaitingJob,
  DoneJob,
  EndedJob,
  ExtractingJob,
  FailedJob,
  JobError,
  JobRecord,
  SectionAt,
  TextPreview,
  WritingJob,
} from './job';
import { CONFIRM_WAIT_MS, isActive } from './job';
import type { Translate } from './i18n';

/** The fields every state keeps, from any job. */
function base(job: JobRecord, now: number) {
  const { id, key, url, title, text, model, warnings, estimate, createdAt } = job;
  return { id, key, url, title, text, model, warnings, estimate, createdAt, updatedAt: now };
}

/** What extraction and sizing learned: the title, the warnings, the size and cost (kept in any active state). */
export function sized<J extends ExtractingJob | AwaitingJob | WritingJob>(
  job: J,
  found: { title?: string; warnings?: ExtractWarning[]; estimate?: Estimate | null },
  now: number,
): J {
  return { ...job, ...found, updatedAt: now };
}

/** Waits for the user's word; nothing has been sent. `preview` is what the user is shown of the text to judge it. */
export function awaitConfirmation(job: ExtractingJob, now: number, preview?: TextPreview): AwaitingJob {
  return preview ? { ...base(job, now), state: 'awaiting-confirmation', preview } : { ...base(job, now), state: 'awaiting-confirmation' };
}

/** The user said send: preparing again (an exact count may follow) until writing starts. */
export function confirmedJob(job: AwaitingJob, now: number): ExtractingJob {
  return { ...base(job, now), state: 'extracting' };
}

/** The request goes out. */
export function startWriting(job: ExtractingJob, now: number): WritingJob {
  return { ...base(job, now), state: 'writing', section: null, notice: null };
}

/** Continue on an ended answer: writing again, with its text kept and the new text appended after it. */
export function resumeWriting(job: EndedJob, now: number): WritingJob {
  return { ...base(job, now), state: 'writing', section: null, notice: null };
}

/**
 * A targeted revision of a finished version (marked passages rephrased, the headline shortened): a new version with
 * its own id, writing, that shows the old text until the new one is ready. The version it comes from stays as it is.
 */
export function startRevision(from: DoneJob, id: string, now: number): WritingJob {
  return { ...base(from, now), id, estimate: null, createdAt: now, state: 'writing', section: null, notice: null };
}

/** The revision arrived: the new version is done with its own answer text and answer. */
export function completeRevision(job: WritingJob, text: string, answer: Answer, now: number): DoneJob {
  return { ...base(job, now), text, state: 'done', answer, checks: null };
}

export function appendText(job: WritingJob, text: string, now: number): WritingJob {
  return { ...job, text: job.text + text, updatedAt: now };
}

export function atSection(job: WritingJob, section: SectionAt | null, now: number): WritingJob {
  return { ...job, section, updatedAt: now };
}

export function withNotice(job: WritingJob, notice: string | null, now: number): WritingJob {
  return { ...job, notice, updatedAt: now };
}

/** The model said it was finished: the answer read once, kept with the version. */
export function complete(job: WritingJob, answer: Answer, now: number): DoneJob {
  return { ...base(job, now), state: 'done', answer, checks: null };
}

export function withChecks(job: DoneJob, checks: ChecksResult, now: number): DoneJob {
  return { ...job, checks, updatedAt: now };
}

/**
 * An active job ends without a finished answer. Stopped by the user, cut off by the worker, or failed: with text so
 * far it is incomplete (and Continue may go on when `continuable`), with none it is an error.
 */
export function endJob(job: ActiveJob, error: JobError, continuable: boolean, now: number): EndedJob | FailedJob {
  const canContinue = continuable && job.text !== '';
  if (error.code === 'stopped') return { ...base(job, now), state: 'stopped', error, canContinue };
  if (error.code === 'interrupted') return { ...base(job, now), state: 'interrupted', error, canContinue };
  if (job.text !== '') return { ...base(job, now), state: 'incomplete', error, canContinue };
  return { ...base(job, now), state: 'error', error };
}

/**
 * A job found active in storage when the worker starts was cut off by the worker's death: no worker holds it.
 * It keeps its text and offers a retry. It is never restarted on its own, so it never re-bills. A job waiting for
 * the user's word needs no worker (nothing runs): it goes on waiting, until it has waited too long.
 */
export function markInterrupted(job: JobRecord, now: number, t: Translate): JobRecord {
  if (!isActive(job)) return job;
  if (job.state === 'awaiting-confirmation') {
    return now - job.updatedAt < CONFIRM_WAIT_MS ? job : endJob(job, { code: 'stopped', message: t('errNotSent') }, false, now);
  }
  const error: JobError = { code: 'interrupted', message: t(job.text === '' ? 'errInterruptedEmpty' : 'errInterrupted') };
  return endJob(job, error, (job.estimate?.sections ?? 1) === 1, now);
}
