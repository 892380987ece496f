import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks';
import { answerOfText, answerText, applyRevision, findLoose, passageTargets, readHeadline, readNumbered } from '../../src/revise';

describe('revise: finding the marked passages in the answer', () => {
  it('finds a passage exactly, or across emphasis markers the plain text dropped', () => {
    expect(findLoose('One. The **big** dog ran. Two.', 'The big dog ran')).toEqual({ start: 5, end: 24 });
    expect(findLoose('The cat sat.', 'The cat sat')).toEqual({ start: 0, end: 11 });
    expect(findLoose('The cat sat.', 'The dog sat')).toBeNull();
  });

  it("maps the checks' passages onto the body (and the headline), in order", () => {
    const source = 'Emergency crews pumped water from basements until the early hours while volunteers handed out sandbags.';
    const answer = {
      headline: 'Crews Work Through the Night',
      body: `Storms came.\n\n## Night work\n\n${source.replace('volunteers', '__volunteers__')}`,
      seo: {},
    };
    const checks = runChecks({ source, headline: answer.headline, body: answer.body });
    const targets = passageTargets(answer, checks);
    expect(targets).toEqual([{ in: 'body', start: 29, end: 29 + source.length + 3, text: source.slice(0, -1).replace('volunteers', '__volunteers__') }]);
  });
});

describe('revise: reading the reply and applying it', () => {
  it('reads numbered lines in the shapes models write them', () => {
    expect(readNumbered('Sure:\n1. First one.\n2) Second one.\n[3] Third.\n- 4: Fourth\n**5.** no')).toEqual(
      new Map([
        [1, 'First one.'],
        [2, 'Second one.'],
        [3, 'Third.'],
        [4, 'Fourth'],
      ]),
    );
  });

  it('reads a headline without its "#", label or quotation marks', () => {
    expect(readHeadline('# Floods Shut Schools')).toBe('Floods Shut Schools');
    expect(readHeadline('\nHeadline: “Floods Shut Schools”\n')).toBe('Floods Shut Schools');
    expect(readHeadline('**Floods Shut Schools**')).toBe('Floods Shut Schools');
  });

  it('replaces only the targets, keeping the sentence end as it was', () => {
    const answer = { headline: 'H', body: 'Keep this. Change this one. Keep that.', seo: {} };
    const targets = [{ in: 'body' as const, start: 11, end: 26, text: 'Change this one' }];
    expect(applyRevision(answer, targets, new Map([[1, 'New words here.']])).body).toBe('Keep this. New words here. Keep that.');
    expect(applyRevision(answer, targets, new Map()).body).toBe(answer.body);
  });

  it('writes an answer text the split reads back the same, SEO extras included', () => {
    const answer = {
      headline: 'A Headline',
      body: 'One.\n\n## Sub\n\n- a list\n- of two',
      seo: { metaDescription: 'About it.', slug: 'a-headline', keywords: ['a', 'b'] },
    };
    expect(answerOfText(answerText(answer))).toEqual(answer);
    const plain = { headline: 'A Headline', body: 'One paragraph.', seo: {} };
    expect(answerOfText(answerText(plain))).toEqual(plain);
  });
});
