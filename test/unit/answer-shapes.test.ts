import { describe, expect, it } from 'vitest';
import { parseAnswer, splitAnswer, type ParsedAnswer } from '../../src/rewrite/split';
import { decodeEntities } from '../../src/rewrite/html';

const final = (text: string) => parseAnswer(text, { final: true });

/** Every prefix of the answer, as the popup sees it while it streams, then the final parse. */
function stream(answer: string): { states: Array<ParsedAnswer & { n: number }>; last: ParsedAnswer } {
  const states = [];
  for (let n = 0; n <= answer.length; n++) states.push({ n, ...parseAnswer(answer.slice(0, n)) });
  return { states, last: final(answer) };
}

/** The streaming promises: nothing until settled; then the headline is fixed and the body only grows. */
function expectSteady(answer: string, headline: string): Array<ParsedAnswer & { n: number }> {
  const { states, last } = stream(answer);
  expect(last.headline).toBe(headline);
  let previousBody = '';
  for (const s of states) {
    if (!s.headlineSettled) expect(s).toMatchObject({ headline: '', body: '' });
    if (s.headline !== '') expect(s.headline, `at ${s.n}: ${JSON.stringify(answer.slice(0, s.n))}`).toBe(headline);
    expect(s.body.startsWith(previousBody), `at ${s.n}: ${JSON.stringify(s.body)} after ${JSON.stringify(previousBody)}`).toBe(true);
    previousBody = s.body;
  }
  expect(last.body.startsWith(previousBody)).toBe(true);
  return states;
}

const HTML_BODY = [
  'Meta has removed the accounts & pages of Iran’s leader.',
  '## Why it matters',
  '- Instagram: 5 million followers',
  '- Facebook: <none>',
  '> “We enforce our policy,” a spokesperson said.',
  'The ban is final.',
];

describe('parseAnswer: HTML answers', () => {
  const html =
    '<h1>Meta Bans Khamenei&#39;s Accounts</h1>\n' +
    '<p>Meta has removed the accounts &amp; pages of Iran&rsquo;s leader.</p>\n' +
    '<h2>Why it matters</h2>\n' +
    '<ul>\n  <li>Instagram: 5&nbsp;million followers</li>\n  <li>Facebook: &lt;none&gt;</li>\n</ul>\n' +
    '<blockquote><p>&#8220;We enforce our policy,&#x201D; a spokesperson said.</p></blockquote>\n' +
    '<p>The ban is <strong>final</strong>.</p>\n';
  const body = HTML_BODY.join('\n\n').replace('followers\n\n- Facebook', 'followers\n- Facebook').replace('5 million', '5\u00a0million');

  it('reads a bare HTML answer: headline from the h1, body as paragraphs, subheadings, items and quotes', () => {
    expect(final(html)).toEqual({ headline: "Meta Bans Khamenei's Accounts", body, headlineSettled: true, seo: {}, shape: 'html' });
  });

  it('reads the same answer in a ```html fence, after a preamble', () => {
    const answer = `Sure! Here is the article in HTML:\n\n\`\`\`html\n${html}\`\`\`\n\nI hope this helps!`;
    expect(final(answer)).toMatchObject({ headline: "Meta Bans Khamenei's Accounts", body, shape: 'html' });
  });

  it('reads a whole document: <title>, meta description, no script, style or comment text, h1 not repeated', () => {
    const doc =
      '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Meta Bans Khamenei</title>' +
      '<meta name="description" content="Meta removed the accounts &amp; pages.">' +
      '<meta name="keywords" content="Meta, Khamenei, Instagram">' +
      '<style>p > a { color: red }</style><script>if (a < b) alert("x")</script></head>\n' +
      '<body><!-- a <p>comment</p> --><h1>Meta Bans Khamenei</h1><p>One<br>two</p><p>Three</p></body></html>';
    expect(final(doc)).toEqual({
      headline: 'Meta Bans Khamenei',
      body: 'One\ntwo\n\nThree',
      headlineSettled: true,
      seo: { metaDescription: 'Meta removed the accounts & pages.', keywords: ['Meta', 'Khamenei', 'Instagram'] },
      shape: 'html',
    });
  });

  it('takes an h2 when there is no h1, and skips a preamble paragraph', () => {
    expect(final('<p>Sure! Here is the rewritten article:</p><h2>Headline</h2><p>Text.</p>')).toMatchObject({
      headline: 'Headline',
      body: 'Text.',
    });
  });

  it('keeps a paragraph that comes before the headline in the body', () => {
    expect(final('<p>Dateline: Tehran.</p><h1>Headline</h1><p>Text.</p>')).toMatchObject({
      headline: 'Headline',
      body: 'Dateline: Tehran.\n\nText.',
    });
  });

  it('takes the first block as the headline when there is no heading at all', () => {
    expect(final('<p>Meta Bans Khamenei</p><p>Text.</p>')).toMatchObject({ headline: 'Meta Bans Khamenei', body: 'Text.' });
  });

  it('drops every tag, attributes included, even with ">" inside a quoted value', () => {
    const r = final(
      '<h1 class="t">Head<span>line</span></h1><p>A <a href="https://x.test/?a>b" title=\'1>2\'>link</a>, ' +
        '<img src=x onerror="alert(1)"> an <em>image</em>.</p><ol><li><p>Item</p></li></ol>',
    );
    expect(r).toMatchObject({ headline: 'Headline', body: 'A link, an image.\n\n- Item' });
  });

  it('keeps a "<" that opens no tag as text, and tolerates unclosed elements', () => {
    expect(final('<h1>3 < 5</h1><p>a <= b<p>c<li>d<li>e').body).toBe('a <= b\n\nc\n\n- d\n- e');
    expect(final('<h1>T</h1><p>x<y').body).toBe('x<y');
  });

  it('decodes entities once, and leaves unknown ones alone', () => {
    expect(decodeEntities('&amp;lt; &lt; &gt; &quot; &#39; &nbsp; &#169; &#xA9; &copy; &bogus; &#0; AT&T')).toBe(
      '&lt; < > " \' \u00a0 © © © &bogus; \ufffd AT&T',
    );
  });

  it('streams char by char: the headline settles when </h1> is complete and never changes; the body only grows', () => {
    const answer = `\`\`\`html\n${html}\`\`\``;
    const states = expectSteady(answer, "Meta Bans Khamenei's Accounts");
    const closeH1 = answer.indexOf('</h1>') + '</h1>'.length;
    for (const s of states) expect(s.headlineSettled, `at ${s.n}`).toBe(s.n >= closeH1);
    // A half-written entity, tag or closing fence never shows: every state is the start of the final body.
    for (const s of states) expect(body.startsWith(s.body), `at ${s.n}: ${JSON.stringify(s.body)}`).toBe(true);
    expect(states[states.length - 1]?.body).toBe(body);
  });

  it('streams a one-line HTML answer that has a <title> and the same <h1>', () => {
    const answer = '<html><head><title>Meta Bans Khamenei</title></head><body><h1>Meta Bans Khamenei</h1><p>Text &amp; more.</p></body></html>';
    const states = expectSteady(answer, 'Meta Bans Khamenei');
    for (const s of states) expect(s.body).not.toContain('Meta');
    expect(states[states.length - 1]?.body).toBe('Text & more.');
  });

  it('streams an HTML answer with no heading: nothing until the end, then the first block is the headline', () => {
    const answer = '<p>Meta Bans Khamenei</p>\n<p>Text.</p>';
    const states = expectSteady(answer, 'Meta Bans Khamenei');
    for (const s of states) expect(s.headlineSettled).toBe(false);
  });
});

describe('parseAnswer: JSON answers', () => {
  it('reads a ```json fence with title, article, meta description, slug and keywords', () => {
    const answer =
      '```json\n{\n  "title": "Meta Bans Khamenei",\n  "article": "Meta removed the accounts.\\n\\n## Why\\n\\nThe policy.",\n' +
      '  "meta_description": "Meta removed the accounts of Iran\'s leader.",\n  "slug": "meta-bans-khamenei",\n' +
      '  "keywords": ["Meta", "Khamenei", "Instagram"]\n}\n```';
    expect(final(answer)).toEqual({
      headline: 'Meta Bans Khamenei',
      body: 'Meta removed the accounts.\n\n## Why\n\nThe policy.',
      headlineSettled: true,
      seo: {
        metaDescription: "Meta removed the accounts of Iran's leader.",
        slug: 'meta-bans-khamenei',
        keywords: ['Meta', 'Khamenei', 'Instagram'],
      },
      shape: 'json',
    });
  });

  it('reads "headline" with "body" as an array of paragraphs, camelCase keys and comma-separated keywords', () => {
    const answer = '```\n{"headline": "# Meta Bans Khamenei", "body": ["One.", "Two."], "metaDescription": "Desc.", "keywords": "a, b"}\n```';
    expect(final(answer)).toMatchObject({
      headline: 'Meta Bans Khamenei',
      body: 'One.\n\nTwo.',
      seo: { metaDescription: 'Desc.', keywords: ['a', 'b'] },
    });
  });

  it('reads "content", sections with headings, and an "seo" object', () => {
    const answer = JSON.stringify({
      title: 'T',
      content: [
        { heading: 'Why', paragraphs: ['One.', 'Two.'] },
        { subheading: 'Next', text: 'Three.', bullets: ['a', 'b'] },
      ],
      seo: { meta_description: 'D.', url_slug: '/t/' },
    });
    expect(final(answer)).toMatchObject({
      headline: 'T',
      body: '## Why\n\nOne.\n\nTwo.\n\n## Next\n\nThree.\n\n- a\n- b',
      seo: { metaDescription: 'D.', slug: 't' },
    });
  });

  it('tolerates raw line breaks in strings, a trailing comma, a preamble and chatter after the fence', () => {
    const answer =
      'Sure! Here is the JSON:\n\n```json\n{"title": "Meta Bans Khamenei", "article": "One.\nSame para.\n\nTwo.",}\n```\n\nI hope this helps!\nSlug: meta-bans';
    expect(final(answer)).toEqual({
      headline: 'Meta Bans Khamenei',
      body: 'One.\nSame para.\n\nTwo.',
      headlineSettled: true,
      seo: { slug: 'meta-bans' },
      shape: 'json',
    });
  });

  it('reads unfenced JSON followed by chatter', () => {
    expect(final('{"title": "T", "body": "B."}\n\nLet me know if you need changes.')).toMatchObject({
      headline: 'T',
      body: 'B.',
    });
  });

  it('reads an article body written in HTML inside the JSON, as text', () => {
    expect(final('{"title": "T", "article": "<p>One &amp; two.</p><ul><li>x</li></ul>"}')).toMatchObject({
      headline: 'T',
      body: 'One & two.\n\n- x',
    });
  });

  it('makes the best of JSON cut off at the token limit, once final', () => {
    expect(final('```json\n{"title": "T", "article": "One.\\n\\nTw')).toMatchObject({ headline: 'T', body: 'One.\n\nTw' });
    expect(final('{"title": "T", "article": "One \\')).toMatchObject({ headline: 'T', body: 'One' });
    expect(final('{"title": "T", "article": ["One.", "Two.",], "keywords": ["a", "b",],')).toMatchObject({
      headline: 'T',
      body: 'One.\n\nTwo.',
      seo: { keywords: ['a', 'b'] },
    });
  });

  it('shows JSON of an unknown shape as it is, once final', () => {
    expect(parseAnswer('{"foo": 1}\n')).toMatchObject({ headline: '', body: '', headlineSettled: false });
    expect(final('{"foo": 1}')).toMatchObject({ headline: '', body: '{"foo": 1}', headlineSettled: true });
  });

  it('streams char by char: nothing until the JSON parses, then headline and body at once', () => {
    const answer = '```json\n{"title": "Meta Bans \\"Khamenei\\"", "article": ["Meta removed {the} accounts.", "The policy."], "slug": "meta-bans"}\n```\n';
    const states = expectSteady(answer, 'Meta Bans "Khamenei"');
    const closing = answer.lastIndexOf('}') + 1;
    for (const s of states) {
      if (s.n < closing) expect(s).toMatchObject({ headline: '', body: '', headlineSettled: false, seo: {} });
      else expect(s).toMatchObject({ body: 'Meta removed {the} accounts.\n\nThe policy.', seo: { slug: 'meta-bans' } });
    }
  });
});

describe('parseAnswer: SEO extras', () => {
  const BODY = 'Meta removed the accounts.\n\nThe company cited its policy.';

  it('takes a trailing --- block with bold labels off the body', () => {
    const answer =
      `# Meta Bans Khamenei\n\n${BODY}\n\n---\n\n**Meta Description:** "Meta removed the accounts of Iran's leader." (52 characters)\n` +
      '**URL Slug:** `/meta-bans-khamenei`\n**Keywords:** Meta, Khamenei; Instagram\n';
    expect(final(answer)).toEqual({
      headline: 'Meta Bans Khamenei',
      body: BODY,
      headlineSettled: true,
      seo: {
        metaDescription: "Meta removed the accounts of Iran's leader.",
        slug: 'meta-bans-khamenei',
        keywords: ['Meta', 'Khamenei', 'Instagram'],
      },
      shape: 'markdown',
    });
  });

  it('recognises the labelled lines at the end without a rule, and drops closing chatter around them', () => {
    const answer = `# T\n\n${BODY}\n\nMeta description: D.\nSlug: t-slug\nKeywords: a, b\n\nI hope this helps!`;
    expect(final(answer)).toMatchObject({ body: BODY, seo: { metaDescription: 'D.', slug: 't-slug', keywords: ['a', 'b'] } });
  });

  it('reads an "SEO extras" heading, list items, labels alone with the value below, and keyword lists', () => {
    const answer =
      `# T\n\n${BODY}\n\n## SEO Extras\n\n- **Meta description:**\n  Meta removed the accounts.\n- **URL slug:** https://news.example/world/meta-bans\n` +
      '- **Keywords:**\n  - Meta\n  - Khamenei\n';
    expect(final(answer)).toMatchObject({
      body: BODY,
      seo: { metaDescription: 'Meta removed the accounts.', slug: 'meta-bans', keywords: ['Meta', 'Khamenei'] },
    });
  });

  it('returns an empty seo object when there is none, and splitAnswer keeps its shape', () => {
    expect(final(`# T\n\n${BODY}`).seo).toEqual({});
    expect(splitAnswer(`# T\n\n${BODY}\n\n---\nSlug: x`, { final: true })).toEqual({
      headline: 'T',
      body: BODY,
      headlineSettled: true,
    });
  });

  it('leaves labelled lines that article text follows, and weak labels without a rule, in the body', () => {
    const middle = `Keywords: none given.\n\n${BODY}`;
    expect(final(`# T\n\n${middle}`)).toMatchObject({ body: middle, seo: {} });
    const weak = `${BODY}\n\nDescription: a tall man in a grey coat.`;
    expect(final(`# T\n\n${weak}`)).toMatchObject({ body: weak, seo: {} });
    expect(final(`# T\n\n${weak.replace('Description', '---\n\nDescription')}`)).toMatchObject({
      body: BODY,
      seo: { metaDescription: 'a tall man in a grey coat.' },
    });
  });

  it('keeps a --- rule between article parts', () => {
    expect(final(`# T\n\nOne.\n\n---\n\nTwo.`).body).toBe('One.\n\n---\n\nTwo.');
  });

  it('never shows a --- SEO block while it streams', () => {
    const answer = `# T\n\n${BODY}\n\n---\n\n**Meta description:** D.\n**Slug:** t\n**Keywords:** a, b`;
    const states = expectSteady(answer, 'T');
    for (const s of states) expect(s.body).not.toMatch(/---|Meta d|Slug|\*\*/);
    expect(states[states.length - 1]?.body).toBe(BODY);
  });

  it('streams a --- that separates article parts: held back, then shown', () => {
    const answer = '# T\n\nOne.\n\n---\n\nTwo.';
    const states = expectSteady(answer, 'T');
    expect(states[answer.indexOf('---') + 3]?.body).toBe('One.');
    expect(states[states.length - 1]?.body).toBe('One.\n\n---\n\nTwo.');
  });
});
