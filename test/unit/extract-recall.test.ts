import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import Readability from '@mozilla/readability/Readability.js';
import { leftoverText } from '../../src/extract/recover';
import { keepProseBoxes, proseBoxes, weighedDownByName } from '../../src/extract/weighed-names';
import { restoreNames, shieldFromStripping, strippedForHeaderName } from '../../src/extract/header-names';

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

describe('story boxes named like widgets (Readability weighs them down for their name)', () => {
  it('names that tell only how a box is built, and names that say what it is', () => {
    expect(weighedDownByName('c-product-widget c-product-widget--big', 'lg-review')).toBe(true);
    expect(weighedDownByName('cda-media-block-wrapper', null)).toBe(true);
    expect(weighedDownByName(null, 'media_group_315201')).toBe(true);
    expect(weighedDownByName('overflow-hidden rounded', null)).toBe(true);
    // Furniture by its name: comments, a footer, a sidebar, a related list, a sign-up box, an author bio.
    for (const cls of ['comment-widget', 'widget footer-links', 'sidebar widget-area', 'related-media', 'newsletter-widget', 'author-bio-widget'])
      expect(weighedDownByName(cls, null), cls).toBe(false);
    // A bare utility class that hides; a name Readability strips anyway; a name with no weight at all.
    expect(weighedDownByName('promo-box hidden', null)).toBe(false);
    expect(weighedDownByName('social-share', null)).toBe(false);
    expect(weighedDownByName('story-body', 'main')).toBe(false);
  });

  const page = (boxes: string): Document => doc(`<main><article class="review-list"><h1>The best kettles</h1>${para(6)}${boxes}${para(5)}</article></main>`);
  const box = (name: string): string =>
    `<div class="c-product-widget"><h2>${name}</h2><p>The ${name} boils a litre in three minutes, keeps the water hot for an hour, has a wide lid that opens for cleaning and costs less than most.</p><p>${SENTENCE} ${SENTENCE} ${SENTENCE}</p><p><a href="/r">Read our full review.</a></p></div>`;
  const boxes = ['Kettle One', 'Kettle Two', 'Kettle Three'].map(box).join('');
  const run = (d: Document, keep: boolean): string => {
    const candidates = [...d.querySelectorAll('[class]')].filter((el) => weighedDownByName(el.getAttribute('class'), el.getAttribute('id')));
    const reader = new Readability(d, { keepClasses: true });
    if (keep) keepProseBoxes(reader, proseBoxes(candidates));
    return reader.parse()?.textContent ?? '';
  };

  it('Readability alone throws the boxes away; weighed as neutral, they stay with the story', () => {
    expect(run(page(boxes), false)).not.toContain('The Kettle Two boils a litre');
    const kept = run(page(boxes), true);
    for (const name of ['Kettle One', 'Kettle Two', 'Kettle Three']) expect(kept).toContain(`The ${name} boils a litre`);
    expect(kept).toContain(SENTENCE);
  });

  it('only boxes of prose count: a widget of links or a short note is left to Readability', () => {
    const links = `<div class="c-product-widget"><a href="/a">Kettle One at Shop</a> <a href="/b">Kettle Two at Shop</a></div>`;
    const note = `<div class="c-product-widget"><p>Prices checked today.</p></div>`;
    const d = page(links + note + boxes);
    const found = proseBoxes([...d.querySelectorAll('.c-product-widget')]);
    expect(found.size).toBe(3);
    expect([...found].every((el) => el.querySelector('h2') !== null)).toBe(true);
  });
});

describe('headings and boxes of prose named "header" (Readability strips them before scoring)', () => {
  it('only "header" counts, and only without a name Readability keeps or one that says furniture', () => {
    expect(strippedForHeaderName('header-anchor-post', null)).toBe(true);
    expect(strippedForHeaderName('listicle-header css-1ol38tc', null)).toBe(true);
    expect(strippedForHeaderName('entry-header-content', null)).toBe(false);
    expect(strippedForHeaderName('header-menu', null)).toBe(false);
    expect(strippedForHeaderName('story-body', null)).toBe(false);
  });

  it('section headings among prose are read by Readability and get their class back', () => {
    const section = (h: string): string => `<h2 class="header-anchor-post">${h}</h2>${para(3)}${para(2)}`;
    const html = `<div class="available-content"><div class="body markup">${section('First part')}${section('Second part')}</div></div>`;
    const d = doc(html);
    const candidates = [...d.querySelectorAll('[class]')].filter((el) => strippedForHeaderName(el.getAttribute('class'), null));
    expect(new Readability(doc(html)).parse()?.textContent).not.toContain('Second part');
    expect(shieldFromStripping(candidates)).toBe(2);
    const content = new Readability(d, { keepClasses: true, serializer: (el: Node) => el as Element }).parse()?.content;
    expect(content?.textContent).toContain('Second part');
    if (content) restoreNames(content);
    expect(content?.querySelectorAll('h2.header-anchor-post')).toHaveLength(2);
  });
});
