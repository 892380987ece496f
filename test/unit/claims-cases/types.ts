import type { ClaimChange } from '../../../src/checks/findings';
import type { CheckLang } from '../../../src/checks/lang';

/** A source paragraph, a clean heavy paraphrase of it, and planted errors: `find` in the paraphrase → `replace`. */
export interface ClaimCase {
  lang: CheckLang;
  source: string;
  clean: string;
  errors: { change: ClaimChange; find: string; replace: string }[];
}
