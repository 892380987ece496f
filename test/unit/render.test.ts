import { describe, expect, it } from 'vitest';
import { copyAll, copyFormats, toHtml, toMarkdown } from '../../src/rewrite/render';
import { parseAnswer } from '../../src/rewrite/split';

const ALLOWED = new Set(['h1', 'h2', 'p', 'ul', 'li', 'blockquote', 'strong', 'em']);

/** Every tag in the output: its name must be allowlisted, it must have no attribute, and tags must nest. */
function expectSafeHtml(html: string): void {
  const tag = /<(\/?)([^\s>/]*)([^>]*)>/g;
  const stack: string[] = [];
  for (const m of html.matchAll(tag)) {
    const [whole, slash, name, rest] = m as unknown as [string, string, string, string];
    expect(ALLOWED.has(name), `tag ${whole} in ${html}`).toBe(true);
    expect(rest, `attribute in ${whole}`).toBe('');
    if (slash === '') stack.push(name);
    else expect(stack.pop(), `${whole} closes what it did not open in ${html}`).toBe(name);
  }
  expect(stack, `unclosed tags in ${html}`).toEqual([]);
  // With our tags gone, no "<" or ">" is left: all of the model's are escaped.
  expect(html.replace(tag, '')).not.toMatch(/[<>]/);
}

const BODY =
  'Meta removed the accounts of **Iran’s leader** and *his office*.\n\n' +
  '## Why it matters\n\n' +
  '- 5 million followers\n- Two pages\n\n' +
  '> “We enforce our policy,” a spokesperson said.\n\n' +
  'The ban is final.';

describe('toMarkdown', () => {
  it('puts the headline as "# ", a blank line, then the body with subheadings, lists and quotes kept', () => {
    expect(toMarkdown('Meta Bans Khamenei', BODY)).toBe(`# Meta Bans Khamenei\n\n${BODY}`);
  });

  it('sets subheadings apart, makes a body "# " a "## ", and keeps a rule from turning a line into a heading', () => {
    expect(toMarkdown('H', 'One.\n# Sub\nTwo.\n---\nThree.\n### Deeper')).toBe('# H\n\nOne.\n\n## Sub\n\nTwo.\n\n---\n\nThree.\n\n### Deeper');
  });

  it('drops images to their alt text and links to their text, so no client loads or follows them', () => {
    const md = toMarkdown(
      'H',
      'See ![the map](http://127.0.0.1/x.png "Map") and ![](https://t.test/p.gif), [click](javascript:alert(1)), ' +
        '[a [b]](javascript:alert(1)) and ![ref][1] [text][2].\n[1]: http://127.0.0.1/y.png\n  [2]: javascript:alert(1) "t"',
    );
    // A bracket left over is escaped (it reads the same): it can never open a link.
    expect(md).toBe('# H\n\nSee the map and , click, a \\[b\\] and ref text.');
    expect(md).not.toMatch(/!\[|\]\(|\]\[|\]:|javascript|127\.0\.0\.1/);
  });

  it.each([
    ['link text over two lines', '[read\nmore](javascript:alert(1))'],
    ['spaces around the target', '[x]( javascript:alert(1) )'],
    ['the closing parenthesis on the next line', '[a](javascript:alert(1)\n)'],
    ['an image whose alt runs over two lines', '![a\nb](http://127.0.0.1/x.png)'],
    ['a shortcut reference with its target on the next line', '[r]\n\n[r]:\njavascript:alert(1)'],
    ['a backslash before the bracket', 'a \\[x](javascript:alert(1))'],
  ])('no link or image forms from %s', (_name, body) => {
    const md = toMarkdown('', body);
    // Every bracket in the copy is escaped, so none opens a link, an image or a reference.
    expect(md).not.toMatch(/(?<!\\)(?:\\\\)*[[\]]/);
  });

  it('escapes a "<" that could open a tag, so raw HTML in the text stays text', () => {
    expect(toMarkdown('<b>H</b>', 'a <script>alert(1)</script> <img src=x onerror=alert(1)> and 3 < 5.')).toBe(
      '# \\<b>H\\</b>\n\na \\<script>alert(1)\\</script> \\<img src=x onerror=alert(1)> and 3 < 5.',
    );
  });

  it('leaves out the headline line when there is none', () => {
    expect(toMarkdown('', 'Body.')).toBe('Body.');
  });
});

describe('toHtml', () => {
  it('builds h1, p, h2, ul/li, blockquote and strong/em only', () => {
    expect(toHtml('Meta Bans Khamenei', BODY)).toBe(
      [
        '<h1>Meta Bans Khamenei</h1>',
        '<p>Meta removed the accounts of <strong>Iran&#39;s leader</strong> and <em>his office</em>.</p>'.replace('&#39;', '’'),
        '<h2>Why it matters</h2>',
        '<ul>\n<li>5 million followers</li>\n<li>Two pages</li>\n</ul>',
        '<blockquote>\n<p>“We enforce our policy,” a spokesperson said.</p>\n</blockquote>',
        '<p>The ban is final.</p>',
      ].join('\n'),
    );
  });

  it('joins the lines of a paragraph, keeps a list across blank lines, splits quote paragraphs, drops rules', () => {
    expect(toHtml('', 'One\ntwo.\n\n* a\n\n1. b\n   more b\n\n> q1\n>\n> q2\n\n---\n\nEnd.')).toBe(
      '<p>One two.</p>\n<ul>\n<li>a</li>\n<li>b more b</li>\n</ul>\n<blockquote>\n<p>q1</p>\n<p>q2</p>\n</blockquote>\n<p>End.</p>',
    );
  });

  it('escapes & < > " \' in every piece of text', () => {
    expect(toHtml(`Tom & "Jerry" <b>'s`, '## a < b > c\n\nx & y')).toBe(
      '<h1>Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s</h1>\n<h2>a &lt; b &gt; c</h2>\n<p>x &amp; y</p>',
    );
    expect(toHtml('', 'Already &amp; escaped')).toBe('<p>Already &amp;amp; escaped</p>');
  });

  it('leaves lone asterisks and snake_case alone and always nests emphasis', () => {
    expect(toHtml('', '5 * 3 = 15, my_var_name, __bold__')).toBe('<p>5 * 3 = 15, my_var_name, <strong>bold</strong></p>');
    for (const text of ['***a** b*', '**a *b** c*', '*a **b* c**', '***all***', '**a** *b* ***c***', '__a *b__ c*']) {
      expectSafeHtml(toHtml('', text));
    }
  });

  const PAYLOADS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)>",
    '[click me](javascript:alert(1))',
    '[x](http://127.0.0.1/ "t") <a href="javascript:alert(1)">y</a>',
    '![x](http://127.0.0.1/x.png)',
    '![<img src=x onerror=alert(1)>](http://127.0.0.1/x.png)',
    '**<b onmouseover=alert(1)>bold</b>**',
    '*<em style="x">i</em>*',
    '<!-- --><style>*{}</style></p></ul></blockquote><p title=x>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '\u003cscript\u003e',
  ];

  for (const payload of PAYLOADS) {
    it(`keeps model text ${JSON.stringify(payload)} as text in every position`, () => {
      const body = [payload, `## ${payload}`, `- ${payload}`, `> ${payload}`, `Before ${payload} after **${payload}** and *${payload}*.`].join('\n\n');
      const html = toHtml(payload, body);
      expectSafeHtml(html);
      expect(html).not.toMatch(/127\.0\.0\.1|\]\(/);
      // The Markdown copy: no image or link syntax left, and every "<" that could open a tag escaped.
      const md = toMarkdown(payload, body);
      expect(md).not.toMatch(/!\[|\]\(|127\.0\.0\.1|(?<!\\)<[a-z/!?]/i);
    });
  }

  it('renders an image as its alt text and a link as its text', () => {
    expect(toHtml('', 'A ![map of Iran](http://127.0.0.1/x.png) and [a story](https://news.test/s).')).toBe('<p>A map of Iran and a story.</p>');
  });

  it('is safe for an HTML answer read back from the model, whatever it held', () => {
    const answer =
      '<h1 onclick="alert(1)">Head</h1><p>&lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(1)></p>' +
      '<ul><li><a href="javascript:alert(1)">link</a></li></ul><blockquote>&quot;&gt;&lt;svg onload=alert(1)&gt;</blockquote>';
    const { headline, body } = parseAnswer(answer, { final: true });
    const html = toHtml(headline, body);
    expectSafeHtml(html);
    expect(html).toBe(
      '<h1>Head</h1>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<ul>\n<li>link</li>\n</ul>\n' +
        '<blockquote>\n<p>&quot;&gt;&lt;svg onload=alert(1)&gt;</p>\n</blockquote>',
    );
  });

  it('is empty for nothing', () => {
    expect(toHtml('', '')).toBe('');
  });
});

describe('copyFormats', () => {
  it('gives plain (= copyAll), Markdown and HTML of the same rewrite', () => {
    expect(copyFormats('Meta Bans Khamenei', BODY)).toEqual({
      plain: copyAll('Meta Bans Khamenei', BODY),
      markdown: toMarkdown('Meta Bans Khamenei', BODY),
      html: toHtml('Meta Bans Khamenei', BODY),
    });
    expect(copyFormats('H', 'One **big** step.').plain).toBe('H\n\nOne big step.');
  });
});
