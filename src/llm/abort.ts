/** Why our own code ended a stream early, set as the abort reason. Apart from errors.ts so it carries no SDK. */

export type AbortCause = 'stopped' | 'idle-timeout';

export class StreamAbort extends Error {
  constructor(readonly why: AbortCause) {
    super(why);
    this.name = 'StreamAbort';
  }
}
