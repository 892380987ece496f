/** The variables a prompt template may use, and the check the options page runs before saving one. */

import { placeholders } from './template';

export const TEMPLATE_VARIABLES = ['title', 'article', 'language', 'persona', 'url', 'site', 'wordCount', 'tone'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** Why a template cannot be used, or null when it can. */
export function templateProblem(template: string): string | null {
  if (template.trim() === '') return 'The template is empty.';
  const used = placeholders(template);
  const unknown = used.filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name));
  if (unknown.length) {
    const names = unknown.map((n) => `{${n}}`).join(', ');
    return `Unknown variable ${names}. Use only ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}.`;
  }
  if (!used.includes('article')) return 'The template must contain {article}, or the model never sees the article.';
  return null;
}
