import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { leftoverText } from '../../src/extract/recover';

/**
 * Story text that Readability loses for the shape or the names of its boxes, and the rules that keep it
 * (pages of the shared corpus that show each case: test/fixtures/pages/wcxb-*.expected.json).
 */

const doc = (body: string): Document =>
  (parseHTML(`<!DOCTYPE html><html><head></head><body>${body}</body></html>`) as unknown as { document: Document }).document;
const SENTENCE = 'The item is described in a sentence of running text that a reader would read.';
const para = (n: number): string => `<p>${Array(n).fill(SENTENCE).join(' ')}</p>`;
const paraChars = (n: number): number => Array(n).fill(SENTENCE).join(' ').length;

describe('running text left in the page (the split-story recovery reads it)', () => {
  it("counts a listicle's items by their paragraphs", () => {
    const items = [1, 2, 3].map((i) => `<li><h2>Item ${i}</h2><div><div>${para(2)}</div></div></li>`).join('');
    expect(leftoverText(doc(`<ol>${items}</ol>`))).toBe(3 * paraChars(2));
  });

  it('counts a list item without paragraphs as a whole, and short or linked items not at all', () => {
    const long = 'A list item of running text, long enough to count as a unit of the story on its own. ';
    const d = doc(`<ul><li>${long}</li><li>Short</li><li><a href="/x">${long}</a></li></ul>`);
    expect(leftoverText(d)).toBe(long.trim().length);
  });
});
