import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/article';
import { planSections, sectionMessages } from '../../src/prompt/sections';
import { defaults } from '../../src/settings';
import { estimateTokens } from '../../src/tokens';

function longArticle(paragraphs: number): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 10 === 0) blocks.push({ kind: 'heading', text: `Chapter ${i / 10 + 1}` });
    blocks.push({ kind: 'paragraph', text: `Paragraph ${i} says that the council voted on item ${i} after a long debate about the budget and the roads.` });
  }
  return blocks;
}

describe('planSections', () => {
  it('keeps a short article whole', () => {
    const blocks = longArticle(5);
    const sections = planSections(blocks, 10_000);
    expect(sections).toHaveLength(1);
    expect(sections[0]?.blocks).toEqual(blocks);
  });

  it('cuts a long article into sections under the budget, in order, losing nothing', () => {
    const blocks = longArticle(300);
    const budget = 800;
    const sections = planSections(blocks, budget);
    expect(sections.length).toBeGreaterThan(5);
    for (const s of sections) expect(s.tokens).toBeLessThanOrEqual(budget);
    expect(sections.flatMap((s) => s.blocks)).toEqual(blocks);
  });

  it('prefers to end a section before a heading', () => {
    const sections = planSections(longArticle(300), 800);
    const startsAtHeading = sections.slice(1).filter((s) => s.blocks[0]?.kind === 'heading').length;
    expect(startsAtHeading / (sections.length - 1)).toBeGreaterThan(0.5);
  });

  it('cuts a single giant paragraph between sentences', () => {
    const giant: Block = { kind: 'paragraph', text: 'The mayor spoke at length about the plan. '.repeat(400).trim() };
    const sections = planSections([giant], 500);
    expect(sections.length).toBeGreaterThan(2);
    for (const s of sections) {
      expect(s.tokens).toBeLessThanOrEqual(500);
      expect(s.text.endsWith('plan.')).toBe(true);
    }
    expect(sections.map((s) => s.text).join(' ')).toBe(giant.text);
  });

  it("costs linearly: total tokens sent stay close to the article's own", () => {
    const blocks = longArticle(600);
    const whole = estimateTokens(blocks.map((b) => b.text).join('\n\n'));
    const sections = planSections(blocks, 1000);
    const article = { title: 'T', text: '' };
    const sent = sections.reduce(
      (sum, s, index) =>
        sum +
        estimateTokens(
          sectionMessages(article, defaults, s, { index, total: sections.length, headline: 'H', previousParagraph: 'P' })
            .map((m) => m.content)
            .join(''),
        ),
      0,
    );
    // The prompt's own words are repeated per section: a fixed overhead each, not a growing one.
    expect(sent).toBeLessThan(whole + sections.length * 450);
  });
});

describe('sectionMessages', () => {
  const article = { title: 'Budget vote', text: 'ignored' };
  const sections = planSections(longArticle(100), 400);

  it("asks the first section for the headline with the user's own prompt", () => {
    const [system, user] = sectionMessages(article, defaults, sections[0]!, { index: 0, total: sections.length, headline: '', previousParagraph: '' });
    expect(user?.content.startsWith('Rephrase the title:Budget vote')).toBe(true);
    expect(user?.content).toContain(sections[0]!.text);
    expect(system?.content).toContain(`part 1 of ${sections.length}`);
  });

  it('gives later sections the headline and the previous paragraph, and forbids a new headline', () => {
    const [system, user] = sectionMessages(article, defaults, sections[2]!, {
      index: 2,
      total: sections.length,
      headline: 'Council passes budget',
      previousParagraph: 'Last words.',
    });
    expect(system?.content).toMatch(/do NOT write a headline/);
    expect(user?.content).toContain('Council passes budget');
    expect(user?.content).toContain('Last words.');
    expect(user?.content).toContain(sections[2]!.text);
    expect(user?.content).not.toContain(sections[1]!.text);
  });
});
