import { describe, expect, it } from 'vitest';
import { LANGUAGES, languageByName } from '../../src/languages';
import { buildMessages, DEFAULT_TEMPLATE, SEO_PACK_INSTRUCTION } from '../../src/prompt';
import { PRESETS } from '../../src/prompt/presets';
import { templateProblem } from '../../src/prompt/variables';
import { say } from '../../src/i18n';
import { defaults, parseSettings, toStored, validateInput } from '../../src/settings';
import { english } from '../../src/i18n-en';

const article = { title: 'Rates rise', text: 'The bank raised rates.\n\nMarkets fell.', url: 'https://n.example/a', siteName: 'N', wordCount: 6 };

describe('templates', () => {
  it('refuses a template without {article}, naming the fix', () => {
    expect(templateProblem('Rewrite {title} please')).toEqual({ key: 'templateNoArticle' });
    expect(say(english, templateProblem('Rewrite {title} please') ?? { key: 'templateEmpty' })).toMatch(/\{article\}/);
  });

  it('reports an unknown variable by name', () => {
    expect(say(english, templateProblem('Rewrite {article} for {audience}') ?? { key: 'templateEmpty' })).toMatch(/Unknown variable \{audience\}/);
  });

  it('accepts every shipped preset and the default', () => {
    for (const p of PRESETS) expect(templateProblem(p.template), p.id).toBeNull();
    expect(PRESETS[0]?.template).toBe(DEFAULT_TEMPLATE);
  });

  it('fills every variable of a custom template', () => {
    const template = '{title}|{url}|{site}|{wordCount}|{tone}|{language}|{persona}\n{article}';
    const [, user] = buildMessages(article, { ...defaults, template, tone: 'teens' });
    expect(user?.content).toBe('Rates rise|https://n.example/a|N|6|teens|English|Pierre Herubel\nThe bank raised rates.\n\nMarkets fell.');
  });

  it("adds the SEO pack to the system message only when asked, leaving the user message the user's own", () => {
    const off = buildMessages(article, defaults);
    const on = buildMessages(article, { ...defaults, seoPack: true });
    expect(off[0]?.content).not.toContain('Meta description');
    expect(on[0]?.content.endsWith(SEO_PACK_INSTRUCTION)).toBe(true);
    expect(on[1]?.content).toBe(off[1]?.content);
  });

  it('falls back to the default template when the stored one is broken', () => {
    expect(parseSettings({ template: 'no article here' }).template).toBe(DEFAULT_TEMPLATE);
    expect(parseSettings({ template: 'Short: {article}' }).template).toBe('Short: {article}');
    expect(validateInput({ template: 'x {bogus} {article}' }, english).template).toMatch(/\{bogus\}/);
  });

  it('keeps saved templates local, never synced, and drops invalid ones', () => {
    const mine = [{ name: 'Mine', template: 'Go: {article}' }];
    expect(toStored({ ...defaults, userPresets: mine })).toEqual({ local: { userPresets: mine }, sync: {} });
    expect(parseSettings({ userPresets: [{ name: 'Bad', template: 'none' }] }).userPresets).toEqual([]);
  });
});

describe('languages', () => {
  it('offers at least 30, each with its own name, without duplicates', () => {
    expect(LANGUAGES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(LANGUAGES.map((l) => l.name)).size).toBe(LANGUAGES.length);
    expect(new Set(LANGUAGES.map((l) => l.native)).size).toBe(LANGUAGES.length);
    expect(languageByName('Deutsch')?.name).toBe('German');
    expect(languageByName('arabic')?.rtl).toBe(true);
  });
});
