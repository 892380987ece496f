/** Why our own code ended a stream early, set as the abort reason. Apart from errors.ts so it carries no SDK. */

import type { Translate } from '../i18n';
import type { JobError } from '../job';

export type AbortCause = 'stopped' | 'idle-timeout';

/** The words for a rewrite the user stopped, whoever wrote it. */
export const stopped = (t: Translate): JobError => ({ code: 'stopped', message: t('errStopped') });

export class StreamAbort extends Error {
  constructor(readonly why: AbortCause) {
    super(why);
    this.name = 'StreamAbort';
  }
}
