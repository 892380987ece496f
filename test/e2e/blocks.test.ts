// The popup draws the article's blocks: a streamed answer with a subheading, a list and a quote shows h2, ul/li and
// blockquote while it streams and once it is checked, with the model's markup as text, never as elements. A subheading
// keeps its formatting in every state: writing, done, stopped, and an older version switched back to.
import { describe, expect, it } from 'vitest';
import { useSession } from './fixtures/setup';

const s = useSession();

const ANSWER = [
  '# Harbour Plan Approved',
  '',
  'The council approved the harbour plan on Tuesday.',
  '',
  '## What changes',
  '',
  '- A new ferry pier <img src=x onerror="window.__xss=1">',
  '- Two cycle lanes',
  '- A bus stop',
  '',
  '> “We waited ten years,” a resident said. <script>window.__xss=2</script>',
  '',
  'Work starts in spring.',
].join('\n');

/** The article's elements, in order, as "tag: text" (li and blockquote p inside their lists and quotes). */
const SHAPE = `[...document.querySelector('[data-testid="article"]').querySelectorAll('*')]
  .map((el) => el.tagName.toLowerCase() + ': ' + (el.children.length ? '' : el.textContent.trim()))`;
/** Tags in the article that are not ours. */
const FOREIGN = `[...document.querySelector('[data-testid="article"]').querySelectorAll('*')]
  .map((el) => el.tagName.toLowerCase()).filter((t) => !['h2', 'h3', 'p', 'ul', 'ol', 'li', 'blockquote', 'hr', 'mark'].includes(t))`;

const EXPECTED = [
  'p: The council approved the harbour plan on Tuesday.',
  'h2: What changes',
  'ul: ',
  'li: A new ferry pier <img src=x onerror="window.__xss=1">',
  'li: Two cycle lanes',
  'li: A bus stop',
  'blockquote: ',
  'p: “We waited ten years,” a resident said. <script>window.__xss=2</script>',
  'p: Work starts in spring.',
];

/** Every subheading of the article looks like one: larger and bolder than its paragraphs. */
const SUBHEADINGS_STYLED = `(() => {
  const article = document.querySelector('[data-testid="article"]');
  const p = article.querySelector('p');
  const hs = [...article.querySelectorAll('h2, h3')];
  if (!p || !hs.length) return 'no ' + (p ? 'subheading' : 'paragraph');
  const ps = getComputedStyle(p);
  const bad = hs.filter((h) => {
    const s = getComputedStyle(h);
    return !(parseFloat(s.fontSize) > parseFloat(ps.fontSize) && Number(s.fontWeight) >= 600 && Number(s.fontWeight) > Number(ps.fontWeight));
  });
  return bad.length ? bad.map((h) => h.textContent).join(', ') + ' unstyled' : 'styled';
})()`;

describe('the article in blocks', () => {
  it("shows a streamed list and quote as ul/li and blockquote, with the model's markup as text", async () => {
    // Slow enough to see the list before the answer ends: the quote and the last paragraph come 3 s later.
    const cut = ANSWER.indexOf('> ');
    s.server.enqueue({ chunks: [ANSWER.slice(0, cut), ANSWER.slice(cut)], chunkDelayMs: [0, 3000] });
    const { popup } = await s.open(s.articleUrl('blocks'));

    await popup.waitFor(`document.querySelector('[data-testid="article"] ul > li:nth-child(3)')?.textContent === 'A bus stop'`, 15_000);
    expect(await popup.state()).toBe('writing');
    expect(await popup.eval<string[]>(SHAPE)).toEqual(EXPECTED.slice(0, 6));

    expect(await popup.eval<string>(SUBHEADINGS_STYLED)).toBe('styled');

    expect(await popup.waitForState('done', 15_000)).toBe('done');
    expect(await popup.eval<string>(SUBHEADINGS_STYLED)).toBe('styled');
    // The checked view: the same blocks, drawn from the text the checks read.
    expect(await popup.eval<string[]>(SHAPE)).toEqual(EXPECTED);
    expect(await popup.eval<string[]>(FOREIGN)).toEqual([]);
    expect(await popup.eval('window.__xss ?? null')).toBe(null);
  });

  it('a subheading stays a styled subheading when stopped and when an older version is shown again', async () => {
    s.server.enqueue(
      { chunks: ['# First Take\n\nThe plan passed.\n\n## What comes next\n\nWork', ' starts', ' in spring.'], chunkDelayMs: [0, 10_000, 10_000] },
      { text: '# Second Take\n\nThe plan was approved.\n\n### The timetable\n\nBuilding begins next year.', chunkCount: 3 },
    );
    const { popup } = await s.open(s.articleUrl('blocks-stopped'));
    await popup.waitFor(`document.querySelector('[data-testid="article"] h2')?.textContent === 'What comes next'`, 15_000);
    await popup.click('stop');
    await popup.waitForState('error', 10_000);
    expect(await popup.eval<string>(SUBHEADINGS_STYLED)).toBe('styled');

    await popup.click('regenerate');
    await popup.waitForState('done', 15_000);
    expect(await popup.text('headline')).toBe('Second Take');
    expect(await popup.eval<string | undefined>(`document.querySelector('[data-testid="article"] h3')?.textContent`)).toBe('The timetable');
    expect(await popup.eval<string>(SUBHEADINGS_STYLED)).toBe('styled');

    await popup.click('version-prev');
    await popup.waitFor(`document.querySelector('[data-testid=version]')?.textContent === '1 of 2'`, 10_000);
    expect(await popup.eval<string | undefined>(`document.querySelector('[data-testid="article"] h2')?.textContent`)).toBe('What comes next');
    expect(await popup.eval<string>(SUBHEADINGS_STYLED)).toBe('styled');
  }, 60_000);
});
