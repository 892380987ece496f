/**
 * User-visible words: `_locales/<lang>/messages.json` (Chrome's format) is the one source. The core never calls a
 * browser API: a function that says something to the user takes a `Translate` (the pages and the background pass
 * one built on `browser.i18n`, the CLI and the tests the English one from `src/i18n-en.ts`), or returns a `Msg`
 * (a key and its substitutions) for the edge to put into words.
 */

import type en from '../_locales/en/messages.json';

/** Every message name: a key missing from `_locales/en/messages.json` is a type error. */
export type MessageKey = keyof typeof en;

/** Keys that come as a `_one` / `_other` pair (counts). */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_one` ? (`${Base}_other` extends MessageKey ? Base : never) : never }[MessageKey];

export type Sub = string | number;
export type Subs = Sub | readonly Sub[];

export interface Translate {
  (key: MessageKey, subs?: Subs): string;
  /** The UI language of the catalog in use (`en`, `de`, …): for `<html lang>`, number formats and plurals. */
  readonly locale: string;
}

/** Something to say, as data: said by `say(t, msg)` where a translator is at hand. */
export interface Msg {
  key: MessageKey;
  subs?: Subs;
}

export const say = (t: Translate, msg: Msg): string => t(msg.key, msg.subs);

/** One entry of a messages.json file. */
export interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalog = Record<string, CatalogEntry>;

/** Substitutions as the browser takes them: strings, numbers written the UI language's way. */
export function subStrings(subs: Subs | undefined, locale: string): string[] {
  if (subs === undefined) return [];
  const list: readonly Sub[] = Array.isArray(subs) ? (subs as readonly Sub[]) : [subs as Sub];
  return list.map((s) => (typeof s === 'number' ? s.toLocaleString(locale) : s));
}

/**
 * Chrome's `getMessage` for a catalog in hand: named `$placeholder$`s (case-insensitive) become their content,
 * then `$1`…`$9` the substitutions, and `$$` a dollar sign.
 */
export function formatEntry(entry: CatalogEntry, subs: readonly string[]): string {
  const named = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const withNamed = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => named.get(name.toLowerCase()) ?? whole);
  return withNamed.replace(/\$(\$|[1-9])/g, (_whole, what: string) => (what === '$' ? '$' : (subs[Number(what) - 1] ?? '')));
}

/** A translator over one catalog (the CLI's English, a test's German). A missing key reads as the key itself. */
export function catalogTranslator(catalog: Catalog, locale: string): Translate {
  const t = (key: MessageKey, subs?: Subs): string => {
    const entry = catalog[key];
    return entry ? formatEntry(entry, subStrings(subs, locale)) : key;
  };
  return Object.assign(t, { locale });
}

/** `one` or `other` for the four UI languages: French counts 0 and 1 as singular, the others only 1. */
export function pluralCategory(n: number, locale: string): 'one' | 'other' {
  if (locale.startsWith('fr')) return n >= 0 && n < 2 ? 'one' : 'other';
  return n === 1 ? 'one' : 'other';
}

/** A counted message: `base_one` or `base_other` by `n`; `n` is the first substitution unless `subs` are given. */
export function plural(t: Translate, base: PluralKey, n: number, subs?: readonly Sub[]): string {
  return t(`${base}_${pluralCategory(n, t.locale)}` as MessageKey, subs ?? [n]);
}

/** A share (0…1) as a percentage with at most one decimal, written the UI language's way (12.5%, 12,5 %). */
export function formatPercent(share: number, locale: string): string {
  return share.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1 });
}
