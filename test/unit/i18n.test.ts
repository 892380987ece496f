// The UI's words: the four catalogs agree key for key and placeholder for placeholder, every key the code uses
// exists and every key exists because the code uses it, and the pages hold no English of their own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogTranslator, formatEntry, plural, pluralCategory, type Catalog } from '../../src/i18n';
import { english } from '../../src/i18n-en';
import { PROVIDER_WORDS } from '../../src/provider-words';
import { ON_DEVICE_PROVIDER, PROVIDERS } from '../../src/providers';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOCALES = ['en', 'de', 'fr', 'es'] as const;
const catalogs = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(readFileSync(join(ROOT, '_locales', l, 'messages.json'), 'utf8')) as Catalog])) as Record<
  (typeof LOCALES)[number],
  Catalog
>;
const en = catalogs.en;

/** Source files of the extension, the CLI and the core (not the tests): where keys are used. */
function files(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) out.push(...files(relative(ROOT, path), exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}
const SOURCE_DIRS = ['src', 'lib', 'popup', 'options', 'history', 'review', 'queue', 'offscreen', 'background', 'content', 'cli'];
const tsFiles = SOURCE_DIRS.flatMap((d) => files(d, ['.ts']));
const htmlFiles = ['popup', 'options', 'history', 'review', 'queue'].flatMap((d) => files(d, ['.html']));
const read = (p: string) => readFileSync(p, 'utf8');
const manifest = read(join(ROOT, 'manifest.json'));

/** Plural pairs count as one key, their base, in the code. */
const baseOf = (key: string) => key.replace(/_(one|other)$/, '');
const placeholderNames = (message: string) => [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] as string).toLowerCase()))].sort();

describe('catalogs', () => {
  it('all four languages have exactly the same keys', () => {
    for (const l of LOCALES) expect(Object.keys(catalogs[l]).sort(), l).toEqual(Object.keys(en).sort());
  });

  it('each message has the same placeholders in every language, each declared as $1…$n in order', () => {
    for (const [key, entry] of Object.entries(en)) {
      const declared = Object.keys(entry.placeholders ?? {});
      expect(
        declared.map((name, i) => entry.placeholders?.[name]?.content === `$${i + 1}`),
        `${key}: placeholders are $1…$n`,
      ).not.toContain(false);
      for (const l of LOCALES) {
        const e = catalogs[l][key];
        expect(e?.placeholders ?? {}, `${l}/${key} placeholders`).toEqual(entry.placeholders ?? {});
        expect(placeholderNames(e?.message ?? ''), `${l}/${key} uses each placeholder`).toEqual([...declared].sort());
      }
    }
  });

  it('no message is empty, and no stray $ (Chrome and Firefox read $ sequences differently)', () => {
    for (const l of LOCALES) {
      for (const [key, e] of Object.entries(catalogs[l])) {
        expect(e.message.trim(), `${l}/${key}`).not.toBe('');
        expect(e.message.replace(/\$[a-z]+\$/g, ''), `${l}/${key}`).not.toContain('$');
      }
    }
  });

  it('each catalog names its own language, and plural pairs are complete', () => {
    for (const l of LOCALES) expect(catalogs[l].locale?.message).toBe(l);
    for (const key of Object.keys(en)) {
      if (key.endsWith('_one')) expect(en[`${baseOf(key)}_other`], key).toBeDefined();
      if (key.endsWith('_other')) expect(en[`${baseOf(key)}_one`], key).toBeDefined();
    }
  });

  it('product words stay consistent: Rewrite / Regenerate read the same in the buttons and the messages', () => {
    const words = { de: ['umschreiben', 'Neu erstellen'], fr: ['Réécrire', 'Régénérer'], es: ['Reescribir', 'Regenerar'] } as const;
    for (const l of ['de', 'fr', 'es'] as const) {
      expect(catalogs[l].popupRewriteSelection?.message.toLowerCase()).toContain(words[l][0].toLowerCase());
      expect(catalogs[l].popupRegenerate?.message).toBe(words[l][1]);
      expect(catalogs[l].errStopped?.message).toContain(words[l][1]);
    }
  });
});

describe('keys in the code', () => {
  const ts = tsFiles.map(read).join('\n');
  const html = htmlFiles.map(read).join('\n');
  /** Keys the code asks for by name: t('k'), t(x ? 'a' : 'b'), plural(t, 'k', …), { key: 'k' }, data-i18n, __MSG_k__. */
  const asked = new Set<string>([
    ...[...ts.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1] as string),
    ...[...ts.matchAll(/\bt\([^()]*?\?\s*'([A-Za-z0-9_]+)'\s*:\s*'([A-Za-z0-9_]+)'/g)].flatMap((m) => [m[1] as string, m[2] as string]),
    ...[...ts.matchAll(/\bplural\(\s*\w+,\s*'([A-Za-z0-9_]+)'/g)].map((m) => `${m[1]}_one`),
    ...[...ts.matchAll(/\bkey:\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1] as string),
    ...[...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1] as string),
    ...[...html.matchAll(/data-i18n-attr="([^"]+)"/g)].flatMap((m) => (m[1] as string).split(/\s+/).map((p) => p.split(':')[1] as string)),
    ...[...manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1] as string),
  ]);

  it('finds the keys it looks for (the scan itself works)', () => {
    for (const key of ['popupOpenOptions', 'errAuth', 'progressWords_one', 'extName', 'optionsPresetName', 'templateEmpty']) expect(asked).toContain(key);
  });

  it('every key the code asks for exists in en', () => {
    expect([...asked].filter((k) => !(k in en))).toEqual([]);
  });

  it('every key in en is used somewhere (as a literal in the code, the pages or the manifest)', () => {
    const everything = `${ts}\n${html}\n${manifest}`;
    const unused = Object.keys(en).filter((key) => {
      const base = baseOf(key);
      return !new RegExp(`['"]${base}['"]|data-i18n(-attr)?="[^"]*\\b${base}\\b|__MSG_${base}__`).test(everything);
    });
    expect(unused).toEqual([]);
  });

  it('every provider preset has its hint in the catalogs (add one to src/provider-words.ts with a new provider)', () => {
    expect(PROVIDERS.filter((p) => !PROVIDER_WORDS[p.id]).map((p) => p.id)).toEqual([]);
    for (const p of PROVIDERS) expect(en[PROVIDER_WORDS[p.id]?.hint ?? '']?.message, p.id).toBe(p.hint);
    // Chrome's on-device model is listed with the presets: its name and hint are in the catalogs too.
    expect(en[PROVIDER_WORDS[ON_DEVICE_PROVIDER.id]?.hint ?? '']?.message).toBe(ON_DEVICE_PROVIDER.hint);
    expect(en[PROVIDER_WORDS[ON_DEVICE_PROVIDER.id]?.name ?? '']?.message).toBe(ON_DEVICE_PROVIDER.name);
  });

  it('the manifest is localised and names the default language', () => {
    const m = JSON.parse(manifest) as { name: string; description: string; default_locale: string; action: { default_title: string } };
    expect(m.default_locale).toBe('en');
    for (const v of [m.name, m.description, m.action.default_title]) expect(v).toMatch(/^__MSG_\w+__$/);
  });
});

describe('no English left outside the catalogs', () => {
  it('the pages have no text of their own: every text node is the brand or empty, every label attribute comes from data-i18n-attr', () => {
    for (const file of htmlFiles) {
      const body = read(file).replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/g, '');
      const texts = [...body.matchAll(/>([^<]+)</g)].map((m) => (m[1] as string).trim()).filter((t) => t !== '' && t !== 'Newsmith');
      expect(texts, relative(ROOT, file)).toEqual([]);
      const attrs = [...body.matchAll(/\s(placeholder|aria-label|title|alt)="([^"]+)"/g)].map((m) => `${m[1]}="${m[2]}"`);
      expect(attrs, relative(ROOT, file)).toEqual([]);
    }
  });

  it('the UI scripts set no text, label or option from a string literal', () => {
    const uiFiles = ['popup', 'options', 'history', 'background'].flatMap((d) => files(d, ['.ts']));
    const literal = String.raw`(?:'[^']*[A-Za-z]{2}[^']*'|\`[^\`]*[A-Za-z]{2}[^\`]*\`|"[^"]*[A-Za-z]{2}[^"]*")`;
    const patterns = [
      new RegExp(String.raw`\.(textContent|innerText|placeholder|title)\s*=\s*(?:[^;]*\?\s*)?${literal}`),
      new RegExp(String.raw`\bel\(\s*'\w+',\s*${literal}`),
      new RegExp(String.raw`new Option\(\s*${literal}`),
      new RegExp(String.raw`setAttribute\(\s*'(aria-label|title|placeholder)',\s*${literal}`),
      new RegExp(String.raw`'aria-label':\s*${literal}`),
      new RegExp(String.raw`\bmessage:\s*${literal}`),
      new RegExp(String.raw`\btitle:\s*${literal}`),
    ];
    const found: string[] = [];
    for (const file of uiFiles) {
      read(file)
        .split('\n')
        .forEach((line, i) => {
          // Keys inside t(…) / plural(t, …) are names, not text.
          const text = line.replace(/\b(t|plural)\((?:[^()]|\([^()]*\))*\)/g, 't()');
          if (patterns.some((p) => p.test(text))) found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('the scan catches what it should (a hard-coded label fails it)', () => {
    const p = new RegExp(String.raw`\.(textContent|innerText|placeholder|title)\s*=\s*(?:[^;]*\?\s*)?(?:'[^']*[A-Za-z]{2}[^']*')`);
    expect(p.test(`ui.copyStatus.textContent = 'Copied.';`)).toBe(true);
    expect(p.test(`ui.copyStatus.textContent = t('copiedArticle');`)).toBe(false);
  });
});

describe('formatting like the browser', () => {
  it('fills named placeholders, in any order the language needs', () => {
    const entry = { message: '$B$ then $a$', placeholders: { a: { content: '$1' }, b: { content: '$2' } } };
    expect(formatEntry(entry, ['one', 'two'])).toBe('two then one');
  });

  it('writes numbers the UI language way, and picks the plural form per language', () => {
    const de = catalogTranslator(catalogs.de, 'de');
    expect(de('invalidHistoryLimit', [10, 5000])).toBe('Geben Sie eine ganze Zahl von Neufassungen zwischen 10 und 5.000 ein.');
    expect(english('invalidHistoryLimit', [10, 5000])).toBe('Enter a whole number of rewrites from 10 to 5,000.');
    expect(plural(de, 'progressDone', 1)).toBe('Fertig: 1 Wort. Unten kopieren.');
    expect(plural(de, 'progressDone', 0)).toBe('Fertig: 0 Wörter. Unten kopieren.');
    const fr = catalogTranslator(catalogs.fr, 'fr');
    expect(plural(fr, 'progressDone', 0)).toBe('Terminé\u00a0: 0 mot. Copiez-le ci-dessous.');
    expect(plural(fr, 'progressDone', 2)).toBe('Terminé\u00a0: 2 mots. Copiez-les ci-dessous.');
    expect(pluralCategory(1, 'es')).toBe('one');
    expect(pluralCategory(0, 'es')).toBe('other');
    expect(pluralCategory(1.5, 'fr')).toBe('one');
  });

  it('a key missing from a catalog reads as the key, never as an empty string', () => {
    const t = catalogTranslator({}, 'en');
    expect(t('errAuth', 'host')).toBe('errAuth');
  });
});
