/** The claims check's word lists of each check language. */

import type { ClaimWords } from './claim-words';
import type { CheckLang } from './index';
import { EN } from './claims-en';
import { DE } from './claims-de';
import { FR } from './claims-fr';
import { ES } from './claims-es';

const WORDS: Readonly<Record<CheckLang, ClaimWords>> = { en: EN, de: DE, fr: FR, es: ES };

export function claimWords(lang: CheckLang): ClaimWords {
  return WORDS[lang];
}
