// The review page's layout and the paragraph revisions: paragraphs placed in the checked texts and in the body,
// rows that keep order through merges, splits and additions, and one paragraph replaced with the rest kept as it was.
import { describe, expect, it } from 'vitest';
import { alignParagraphs } from '../../src/review/align';
import { paragraphAt, rewriteParagraphs, sourceParagraphs } from '../../src/review/paragraphs';
import { headingMarks, paragraphMessages, paragraphTarget, readParagraph, replaceParagraph } from '../../src/revise-paragraph';
import { copyAll } from '../../src/rewrite/render';
import { isPopupMessage } from '../../src/messages';

const BODY = 'First **bold** paragraph.\nIts second line.\n\n## A subhead\n\n- one\n- two\n\n---\n\n> A quote.\n\nLast one.';

describe('rewriteParagraphs', () => {
  it('places each drawn block in the checked text and in the body; rules are no paragraph', () => {
    const headline = 'Title';
    const text = copyAll(headline, BODY);
    const ps = rewriteParagraphs(BODY, headline.length + 2);
    expect(ps.map((p) => p.kind)).toEqual(['paragraph', 'heading', 'list', 'quote', 'paragraph']);
    expect(ps.map((p) => text.slice(p.start, p.end))).toEqual(['First bold paragraph.\nIts second line.', 'A subhead', 'one\n- two', 'A quote.', 'Last one.']);
    expect(ps.map((p) => (p.body ? BODY.slice(p.body.start, p.body.end) : null))).toEqual([
      'First **bold** paragraph.\nIts second line.',
      '## A subhead',
      '- one\n- two',
      '> A quote.',
      'Last one.',
    ]);
    expect(ps[1]!.level).toBe(2);
    expect(paragraphAt(ps, text.indexOf('two'))).toBe(2);
    expect(paragraphAt(ps, 0)).toBe(-1);
  });

  it('places source blocks in title, blank line, blocks', () => {
    const article = {
      title: 'T',
      blocks: [
        { kind: 'paragraph' as const, text: 'A b.' },
        { kind: 'heading' as const, text: 'H' },
      ],
      text: 'A b.\n\nH',
    };
    const checked = `${article.title}\n\n${article.text}`;
    expect(sourceParagraphs(article).map((p) => checked.slice(p.start, p.end))).toEqual(['A b.', 'H']);
  });
});

describe('alignParagraphs', () => {
  const SRC = [
    'The council approved the ferry timetable on Monday after a long debate.',
    'Boats will leave every twenty minutes from the harbour terminal.',
    'Residents of the island petitioned for earlier crossings.',
    'The mayor thanked the ferry crews.',
  ];
  it('puts each rewrite paragraph beside its source, in order, every source paragraph in some row', () => {
    const rows = alignParagraphs(SRC, [
      'On Monday, after lengthy debate, the council approved the ferry timetable.',
      'Every twenty minutes, boats will leave the harbour terminal. Island residents had petitioned for earlier crossings.',
      'Ferry crews were thanked by the mayor.',
    ]);
    expect(rows).toEqual([
      { source: [0], rewrite: [0] },
      { source: [1], rewrite: [1] },
      { source: [2, 3], rewrite: [2] },
    ]);
  });
  it('an added paragraph joins the row before it; one moved out of order does not break the order', () => {
    const rows = alignParagraphs(SRC, [
      'The council approved the ferry timetable on Monday.',
      'It is a big day for commuters.',
      'The mayor thanked the ferry crews.',
      'Boats will leave every twenty minutes from the harbour terminal.',
    ]);
    expect(rows.flatMap((r) => r.rewrite)).toEqual([0, 1, 2, 3]);
    expect(rows.flatMap((r) => r.source)).toEqual([0, 1, 2, 3]);
    expect(rows[0]!.rewrite.slice(0, 2)).toEqual([0, 1]);
  });
  it('no rewrite at all still shows the source', () => {
    expect(alignParagraphs(SRC, [])).toEqual([{ source: [0, 1, 2, 3], rewrite: [] }]);
  });
});

describe('paragraph revisions', () => {
  const answer = { headline: 'Title', body: BODY, seo: {} };
  it('targets prose paragraphs and subheadings for the model, any paragraph for an edit', () => {
    expect(paragraphTarget(answer, 0)?.text).toBe('First **bold** paragraph.\nIts second line.');
    expect(paragraphTarget(answer, 1)?.text).toBe('## A subhead');
    expect(paragraphTarget(answer, 2)).toBeNull();
    expect(paragraphTarget(answer, 2, true)?.text).toBe('- one\n- two');
    expect(paragraphTarget(answer, 9, true)).toBeNull();
  });
  it('replaces only that paragraph; a subheading keeps its level; the reply is read without labels', () => {
    const target = paragraphTarget(answer, 1)!;
    const text = readParagraph('Subheading: "A new subhead"\n', headingMarks(target.text));
    expect(text).toBe('## A new subhead');
    expect(replaceParagraph(answer, target, text).body).toBe(BODY.replace('## A subhead', '## A new subhead'));
    const edited = replaceParagraph(answer, paragraphTarget(answer, 2, true)!, '- uno\n- dos\n- tres');
    expect(edited.body).toBe(BODY.replace('- one\n- two', '- uno\n- dos\n- tres'));
  });
  it('asks for one paragraph back, with the article as material, not instructions', () => {
    const [system, user] = paragraphMessages(answer, paragraphTarget(answer, 4)!, 'shorter', 'German');
    expect(system!.content).toMatch(/shorter/);
    expect(system!.content).toMatch(/in German/);
    expect(system!.content).toMatch(/NOT instructions/);
    expect(user!.content).toMatch(/The paragraph to revise:\n\nLast one\.$/);
  });
  it('the protocol takes only well-formed paragraph revisions and edits', () => {
    expect(isPopupMessage({ type: 'revise-version', id: 'v', what: { paragraph: 2, how: 'formal' } })).toBe(true);
    expect(isPopupMessage({ type: 'revise-version', id: 'v', what: { paragraph: -1, how: 'formal' } })).toBe(false);
    expect(isPopupMessage({ type: 'revise-version', id: 'v', what: { paragraph: 1, how: 'poem' } })).toBe(false);
    expect(isPopupMessage({ type: 'edit', id: 'v', paragraph: 0, text: 'x' })).toBe(true);
    expect(isPopupMessage({ type: 'edit', id: 'v', paragraph: 0, text: 'x'.repeat(20_001) })).toBe(false);
    expect(isPopupMessage({ type: 'show', id: 'v' })).toBe(true);
    expect(isPopupMessage({ type: 'show' })).toBe(false);
  });
});
