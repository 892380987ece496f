/** The variables a prompt template may use, and the check the options page runs before saving one. */

import type { Msg } from '../i18n';
import { placeholders } from './template';

export const TEMPLATE_VARIABLES = ['title', 'article', 'language', 'persona', 'url', 'site', 'wordCount', 'tone'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** Why a template cannot be used (a message to say), or null when it can. */
export function templateProblem(template: string): Msg | null {
  if (template.trim() === '') return { key: 'templateEmpty' };
  const used = placeholders(template);
  const unknown = used.filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name));
  if (unknown.length) {
    const names = unknown.map((n) => `{${n}}`).join(', ');
    return { key: 'templateUnknownVariable', subs: [names, TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')] };
  }
  if (!used.includes('article')) return { key: 'templateNoArticle' };
  return null;
}
