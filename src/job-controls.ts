/** Which of the popup's job controls a job shows, by its state (pure: the popup only applies it). */

import { canContinue, isActive, isRunning, type JobRecord } from './job';

export interface JobControls {
  /** Stop: only while something runs (reading the page or writing). */
  stop: boolean;
  /** The confirmation's Rewrite anyway and Cancel: only while the job waits for the user's word. */
  confirm: boolean;
  regenerate: boolean;
  continue: boolean;
}

/** A waiting job runs nothing, so it has no Stop: its confirmation box holds its own Cancel next to Rewrite anyway. */
export function jobControls(job: JobRecord): JobControls {
  const active = isActive(job);
  return {
    stop: isRunning(job),
    confirm: job.state === 'awaiting-confirmation',
    regenerate: !active,
    continue: !active && canContinue(job),
  };
}
