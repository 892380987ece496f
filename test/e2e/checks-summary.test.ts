// The checks as an editor reads them, in real Chromium with the popup in each UI language (en, de, fr, es): a
// one-line summary (and a link to it at the top of the popup, visible without scrolling), findings grouped in rank
// order, at most five per group with "and N more" behind a disclosure that holds the rest, each finding with its
// sentence and offsets. The rewrite changes one figure and adds a sentence naming eight people the source never mentions.
import { describe, expect, it } from 'vitest';
import { ADDED_NAMES, ferryHtml, ferryRewrite } from './fixtures/ferry-article';
import { saveOptions, useSession } from './fixtures/setup';

interface Words {
  summary: string;
  badge: string;
  groups: [string, string, string];
  more: string;
}

const WORDS: Record<'en' | 'de' | 'fr' | 'es', Words> = {
  en: {
    summary: '10 to check · 1 changed figure · 1 claim not in the source · 8 facts not in the source',
    badge: 'Checks: 10 to check · 1 changed figure · 1 claim not in the source · 8 facts not in the source',
    groups: ['1 changed figure', '1 claim not in the source', '8 facts not in the source'],
    more: 'and 3 more',
  },
  de: {
    summary: '10 zu prüfen · 1 geänderte Zahl · 1 Aussage nicht in der Quelle · 8 Fakten nicht in der Quelle',
    badge: 'Prüfungen: 10 zu prüfen · 1 geänderte Zahl · 1 Aussage nicht in der Quelle · 8 Fakten nicht in der Quelle',
    groups: ['1 geänderte Zahl', '1 Aussage nicht in der Quelle', '8 Fakten nicht in der Quelle'],
    more: 'und 3 weitere',
  },
  fr: {
    summary: '10 points à vérifier · 1 chiffre modifié · 1 affirmation absente de la source · 8 faits absents de la source',
    badge: 'Vérifications\u00a0: 10 points à vérifier · 1 chiffre modifié · 1 affirmation absente de la source · 8 faits absents de la source',
    groups: ['1 chiffre modifié', '1 affirmation absente de la source', '8 faits absents de la source'],
    more: 'et 3 autres',
  },
  es: {
    summary: '10 puntos por revisar · 1 cifra cambiada · 1 afirmación que no está en la fuente · 8 datos que no están en la fuente',
    badge: 'Comprobaciones: 10 puntos por revisar · 1 cifra cambiada · 1 afirmación que no está en la fuente · 8 datos que no están en la fuente',
    groups: ['1 cifra cambiada', '1 afirmación que no está en la fuente', '8 datos que no están en la fuente'],
    more: 'y 3 más',
  },
};

interface Shown {
  groups: { key: string; heading: string; shown: number; items: string[] }[];
  more: { text: string; open: boolean; drawn: number }[];
  added: { start: number; end: number; marked: string[]; where: string }[];
  badgeTop: number;
  viewport: number;
}

const READ = `(() => {
  const checks = document.querySelector('[data-testid=checks]');
  const groups = [...checks.querySelectorAll('[data-testid=findings-group]')].map((g) => ({
    key: g.dataset.group,
    heading: g.querySelector('h3').textContent,
    shown: g.querySelectorAll(':scope > ul > [data-testid=finding]').length,
    items: [...g.querySelectorAll('[data-testid=finding]')].map((li) => li.textContent),
  }));
  const more = [...checks.querySelectorAll('[data-testid=findings-more]')].map((d) => ({
    text: d.querySelector('summary').textContent, open: d.open, drawn: d.querySelectorAll('[data-testid=finding]').length,
  }));
  const added = [...checks.querySelectorAll('[data-testid=finding][data-kind=added-fact]')].map((li) => ({
    start: Number(li.dataset.rewriteStart), end: Number(li.dataset.rewriteEnd),
    marked: [...li.querySelectorAll('mark')].map((m) => m.textContent), where: li.querySelector('.where')?.textContent ?? '',
  }));
  const badge = document.querySelector('[data-testid=checks-badge]').getBoundingClientRect();
  return { groups, more, added, badgeTop: badge.top, viewport: window.innerHeight };
})()`;

for (const lang of ['en', 'de', 'fr', 'es'] as const) {
  describe(`checks summary, UI in ${lang}`, () => {
    const s = useSession({ lang });
    const words = WORDS[lang];

    it('summary line first, ranked groups capped at five, the rest behind "and N more"', async () => {
      s.server.addPage('ferry', ferryHtml);
      s.server.enqueue({ text: ferryRewrite, chunkCount: 5 });
      const { popup } = await s.open(s.server.pageUrl('ferry', { ui: lang }));
      await popup.waitForState('done', 15_000);
      await popup.waitFor(`document.querySelector('[data-testid=checks]:not([hidden])')`, 5000);
      expect(await popup.eval<string>('document.documentElement.lang')).toBe(lang);

      // The summary: first in the checks, and as a link near the top, on screen when the rewrite is done.
      expect(await popup.eval<string>(`document.querySelector('[data-testid=checks] h2 + p').dataset.testid`)).toBe('checks-summary');
      expect(await popup.text('checks-summary')).toBe(words.summary);
      expect(await popup.text('checks-badge')).toBe(words.badge);
      expect(await popup.visible('checks-badge')).toBe(true);
      const before = await popup.eval<Shown>(READ);
      expect(before.badgeTop).toBeGreaterThanOrEqual(0);
      expect(before.badgeTop).toBeLessThan(before.viewport);
      // English output: every check could run, nothing to say about the language.
      expect(await popup.text('checks-unchecked')).toBeNull();

      // Ranked: the changed figure first (both sentences side by side), then the invented claim, then the added
      // facts; each group's heading is its count.
      expect(before.groups.map((g) => [g.key, g.heading, g.shown])).toEqual([
        ['figure', words.groups[0], 1],
        ['invented', words.groups[1], 1],
        ['added-fact', words.groups[2], 5],
      ]);
      expect(before.groups[0]!.items[0]).toContain(
        "The terminal will cost five million pounds and should open in 2027, according to the council's budget papers.",
      );
      expect(before.groups[0]!.items[0]).toContain('Budget papers show the project costing six million pounds, with an opening planned for 2027.');
      // Where each added fact is: its rewrite sentence with the fact marked, and its offsets for the review page.
      const name = before.added.find((a) => a.marked.includes('Ana Ruiz'))!;
      expect(name.where).toMatch(/^Engineers Ana Ruiz, Tom Weller, .* will oversee the build\.$/);
      expect(name.end - name.start).toBe(name.where.length);
      for (const a of before.added) expect(a.start).toBeLessThan(a.end);

      // Five names shown, the other three counted behind the disclosure and drawn only when it opens.
      expect(before.more).toEqual([{ text: words.more, open: false, drawn: 0 }]);
      await popup.eval(`document.querySelector('[data-testid=findings-more] summary').click()`);
      await popup.waitFor(`document.querySelector('[data-testid=findings-more]').open`, 3000);
      const after = await popup.eval<Shown>(READ);
      expect(after.more).toEqual([{ text: words.more, open: true, drawn: 3 }]);
      const all = after.groups[2]!.items.join('\n');
      for (const added of ADDED_NAMES) expect(all).toContain(added);
      expect(after.groups[2]!.items).toHaveLength(8);

      // The link jumps to the checks.
      await popup.click('checks-badge');
      await popup.waitFor(
        `(() => { const r = document.querySelector('[data-testid=checks-summary]').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })()`,
        3000,
      );
      // The figure lines stay.
      expect(await popup.text('facts-summary')).toBeTruthy();
      expect(await popup.text('originality')).toBeTruthy();
      expect(await popup.text('seo-figures')).toBeTruthy();
    });

    if (lang === 'en') {
      it('an output language the checks have no rules for: one line says what was not checked', async () => {
        await saveOptions(s, { language: 'Japanese' });
        s.server.addPage('ferry-ja', ferryHtml);
        s.server.enqueue({ text: ferryRewrite });
        const { popup } = await s.open(s.server.pageUrl('ferry-ja'));
        await popup.waitForState('done', 15_000);
        await popup.waitFor(`document.querySelector('[data-testid=checks]:not([hidden])')`, 5000);
        expect(await popup.text('checks-unchecked')).toBe('Japanese: names and claims are not checked.');
        expect(await popup.text('seo-figures')).toMatch(/no reading ease for this language/);
        await saveOptions(s, { language: 'English' });
      });
    }
  });
}
