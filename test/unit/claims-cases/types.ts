import type { ClaimChange } from '../../../src/checks/findings';
import type { CheckLang } from '../../../src/checks/lang';

/** A source paragraph, a clean heavy paraphrase of it, and planted errors: `find` in the paraphrase → `replace`. */
export interface ClaimCase {
  lang: CheckLang;
  source: string;
  clean: string;
  /** Why the clean paraphrase still raises false alarms (the test expects them, so a fix shows). */
  cleanKnownFalseAlarms?: string;
  /** The rewrite's source language when it differs from `lang`. */
  sourceLang?: CheckLang;
  /** `knownMiss`: why the check does not catch it yet (the test expects the miss, so a fix shows). */
  errors: { change: ClaimChange; find: string; replace: string; knownMiss?: string }[];
}
