/** What an extraction warning says to the user. Apart from the warnings' logic, so the popup loads none of it. */

import type { ExtractWarning } from '../article';
import type { Translate } from '../i18n';

/** A warning in words, in the language `t` speaks (warnings are data: the extraction runs where no language is known). */
export function warningText(w: ExtractWarning, t: Translate): string {
  if (w.code === 'very-long') return t('warnVeryLong', [w.tokens ?? 0, w.words ?? 0]);
  if (w.code === 'not-an-article') return t('warnNotArticle');
  if (w.why === 'short-of-page') return t('warnShortOfPage');
  if (w.why === 'ends-cut') return t('warnEndsCut');
  return t('warnPaywall');
}
