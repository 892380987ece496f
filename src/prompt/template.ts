/**
 * A tiny template engine: `{name}` placeholders filled from a record, in one pass.
 * Values go in literally: a value that itself holds `{something}` (an article quoting a template,
 * a page trying to smuggle in `{language}`) is never expanded, and `$` sequences mean nothing.
 */

/** `{name}`, with optional spaces inside the braces: `{ name }`. Braces around anything else (JSON, prose) are text. */
const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** The placeholder names a template uses, each once, in order of first use. */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Fills every placeholder; throws a TemplateError naming any placeholder the record has no value for. */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const missing = placeholders(template).filter((name) => !Object.prototype.hasOwnProperty.call(values, name));
  if (missing.length > 0) {
    const known =
      Object.keys(values)
        .map((k) => `{${k}}`)
        .join(', ') || 'none';
    throw new TemplateError(`Unknown placeholder ${missing.map((n) => `{${n}}`).join(', ')} in the prompt template (known: ${known}).`);
  }
  // A replacer function, so the value is inserted as is: no `$&` patterns, no second pass over it.
  return template.replace(PLACEHOLDER, (_match, name: string) => values[name] as string);
}
