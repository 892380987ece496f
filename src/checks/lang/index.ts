/**
 * The languages the checks read. A check that has no rules for a text's language says so (Capabilities) rather than
 * guess with English rules. Other files in this folder hold each language's word lists.
 */

import { languageByName } from '../../languages';

export type CheckLang = 'en' | 'de' | 'fr' | 'es';
export const CHECK_LANGS: readonly CheckLang[] = ['en', 'de', 'fr', 'es'];

/** The check language of a BCP 47 code ("de-AT"), a language name ("German", "Deutsch"), or null when it has none. */
export function checkLang(codeOrName: string | null | undefined): CheckLang | null {
  if (!codeOrName) return null;
  const code = (languageByName(codeOrName)?.code ?? codeOrName).toLowerCase().split(/[-_]/)[0] ?? '';
  return (CHECK_LANGS as readonly string[]).includes(code) ? (code as CheckLang) : null;
}

/** What the checks could do for one rewrite: false where the output (or source) language has no rules here. */
export interface Capabilities {
  /** The rewrite's language as the checks read it, or null when they have no rules for it. */
  lang: CheckLang | null;
  /** The rewrite's language as asked for: its BCP 47 code when known, else the setting's words; names it when a check cannot run. */
  language?: string;
  /** Figures, money, percentages and dates (read in any of the four languages). */
  figures: boolean;
  /** Names and quotes. */
  names: boolean;
  /** Changed claims: negation, certainty, attribution, name swaps, units, dates. */
  claims: boolean;
  /** Reading ease with this language's formula. */
  readingEase: boolean;
}
