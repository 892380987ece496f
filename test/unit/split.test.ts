import { describe, expect, it } from 'vitest';
import { splitAnswer } from '../../src/rewrite/split';
import { copyAll, toPlainText } from '../../src/rewrite/render';

const BODY = 'Meta has removed the accounts.\n\nThe company cited its policy.';
const final = (text: string) => splitAnswer(text, { final: true });

describe('splitAnswer: headline shapes', () => {
  const cases: Array<[string, string]> = [
    ['# Meta Bans Khamenei', 'Meta Bans Khamenei'],
    ['## Meta Bans Khamenei', 'Meta Bans Khamenei'],
    ['# Meta Bans Khamenei #', 'Meta Bans Khamenei'],
    ['**Meta Bans Khamenei**', 'Meta Bans Khamenei'],
    ['# **Meta Bans Khamenei**', 'Meta Bans Khamenei'],
    ['Title: Meta Bans Khamenei', 'Meta Bans Khamenei'],
    ['Headline: Meta Bans Khamenei', 'Meta Bans Khamenei'],
    ['H1: Meta Bans Khamenei', 'Meta Bans Khamenei'],
    ['**Title:** Meta Bans Khamenei', 'Meta Bans Khamenei'],
    ['**Title: Meta Bans Khamenei**', 'Meta Bans Khamenei'],
    ['**Headline**: Meta Bans Khamenei', 'Meta Bans Khamenei'],
    ['Rephrased Title: Meta Bans Khamenei', 'Meta Bans Khamenei'],
    ['"Meta Bans Khamenei"', 'Meta Bans Khamenei'],
    ['“Meta Bans Iran’s Leader”', 'Meta Bans Iran’s Leader'],
    ['‘Meta Bans Iran’s Leader’', 'Meta Bans Iran’s Leader'],
    ['Title: "Meta Bans Khamenei"', 'Meta Bans Khamenei'],
    ['# Title: Meta Bans Khamenei', 'Meta Bans Khamenei'],
    ['Meta Bans Khamenei', 'Meta Bans Khamenei'],
  ];
  for (const [line, headline] of cases) {
    it(`reads ${JSON.stringify(line)}`, () => {
      expect(splitAnswer(`${line}\n\n${BODY}`)).toEqual({ headline, body: BODY, headlineSettled: true });
    });
  }

  it('keeps quotes that do not wrap the whole headline', () => {
    expect(final('“Dangerous” policy cited in “ban”\n\nText.').headline).toBe('“Dangerous” policy cited in “ban”');
    expect(final("'Squid Game' star's new show 'X'\n\nText.").headline).toBe("'Squid Game' star's new show 'X'");
  });

  it('does not take a headline that merely starts with a label word for a label', () => {
    expect(final('Title IX: Court Rules\n\nText.').headline).toBe('Title IX: Court Rules');
  });

  it('reads a label alone on its line with the headline on the next', () => {
    expect(final('**Title:**\nMeta Bans Khamenei\n\n' + BODY)).toEqual({
      headline: 'Meta Bans Khamenei',
      body: BODY,
      headlineSettled: true,
    });
  });
});

describe('splitAnswer: preamble, labels, layout', () => {
  for (const preamble of [
    "Sure! Here's the rewritten article:",
    'Here is your article:',
    'Certainly, here is the rewritten news article in English:',
    'Of course! Here it is:',
    'Okay, here you go:',
    '**Sure! Here is the article:**',
  ]) {
    it(`drops the preamble ${JSON.stringify(preamble)}`, () => {
      expect(final(`${preamble}\n\n# Meta Bans Khamenei\n\n${BODY}`)).toEqual({
        headline: 'Meta Bans Khamenei',
        body: BODY,
        headlineSettled: true,
      });
    });
  }

  it('keeps a first line ending in ":" that is not chatter', () => {
    expect(final('Breaking news:\n\nText.').headline).toBe('Breaking news:');
  });

  it('handles Windows line endings', () => {
    const r = final('# Meta Bans Khamenei\r\n\r\nFirst para.\r\nSame para.\r\n\r\n\r\nSecond para.\r\n');
    expect(r).toEqual({
      headline: 'Meta Bans Khamenei',
      body: 'First para.\nSame para.\n\nSecond para.',
      headlineSettled: true,
    });
  });

  it('handles a headline with no blank line after it', () => {
    expect(final('# Meta Bans Khamenei\n' + BODY)).toEqual({
      headline: 'Meta Bans Khamenei',
      body: BODY,
      headlineSettled: true,
    });
  });

  it('drops an "Article:" label line after "Rephrased Title:"', () => {
    for (const label of ['Article:', 'Rephrased Article:', '**Rephrased Article:**', 'Rewritten Article:']) {
      expect(final(`Rephrased Title: Meta Bans Khamenei\n\n${label}\n\n${BODY}`)).toEqual({
        headline: 'Meta Bans Khamenei',
        body: BODY,
        headlineSettled: true,
      });
    }
  });

  it('keeps the text after an "Article:" label on the same line', () => {
    expect(final(`Title: X\nArticle: ${BODY}`).body).toBe(BODY);
  });

  it('keeps a body line that starts with a label-like word', () => {
    expect(final('# X\n\nArticles of faith are at stake.').body).toBe('Articles of faith are at stake.');
  });

  it('collapses three or more newlines and trims the body', () => {
    expect(final('# X\n\n\n\n  \nOne.\n\n\n\nTwo.  \n \n\n\nThree.\n\n\n').body).toBe('One.\n\nTwo.\n\nThree.');
  });

  it('keeps subheadings in the body', () => {
    expect(final('# X\n\nOne.\n\n## Sub\n\nTwo.').body).toBe('One.\n\n## Sub\n\nTwo.');
  });

  it('drops closing remarks once final, and holds them back while streaming', () => {
    const answer = `# X\n\n${BODY}\n\n---\n\nI hope this helps! Let me know if you need changes.\n\nLet me know if you want another version.`;
    expect(final(answer).body).toBe(BODY);
    expect(splitAnswer(answer).body).toBe(BODY);
    expect(final(`# X\n\n${BODY}\n\n*Let me know if you'd like edits.*`).body).toBe(BODY);
  });

  it('keeps a last paragraph that only mentions hope', () => {
    const body = `${BODY}\n\nOfficials hope this helps calm tensions.`;
    expect(final(`# X\n\n${body}`).body).toBe(body);
  });

  it('settles an empty answer when final', () => {
    expect(final('')).toEqual({ headline: '', body: '', headlineSettled: true });
    expect(splitAnswer('')).toEqual({ headline: '', body: '', headlineSettled: false });
    expect(splitAnswer('\n\n')).toEqual({ headline: '', body: '', headlineSettled: false });
  });
});

describe('splitAnswer: streaming', () => {
  function stream(answer: string) {
    const states = [];
    for (let n = 0; n <= answer.length; n++) states.push({ n, ...splitAnswer(answer.slice(0, n)) });
    return states;
  }

  it('shows no headline until its line ends, then never changes it, and only grows the body', () => {
    const answer = '# Meta Bans Khamenei\n\nMeta has removed the accounts.\n\n## Why\n\nThe company cited its policy.\n';
    const newline = answer.indexOf('\n');
    let previousBody = '';
    for (const s of stream(answer)) {
      if (s.n <= newline) {
        expect(s).toMatchObject({ headline: '', body: '', headlineSettled: false });
      } else {
        expect(s.headline).toBe('Meta Bans Khamenei');
        expect(s.headlineSettled).toBe(true);
      }
      expect(s.body.startsWith(previousBody)).toBe(true);
      previousBody = s.body;
    }
    expect(previousBody).toBe('Meta has removed the accounts.\n\n## Why\n\nThe company cited its policy.');
  });

  it('settles a headline with no newline only when final', () => {
    expect(splitAnswer('# Meta Bans Khamenei')).toEqual({ headline: '', body: '', headlineSettled: false });
    expect(splitAnswer('# Meta Bans Khamenei', { final: true })).toEqual({
      headline: 'Meta Bans Khamenei',
      body: '',
      headlineSettled: true,
    });
  });

  it('never shows a preamble as the headline, nor an "Article:" label as body', () => {
    const answer =
      "Sure! Here's the rewritten article:\r\n\r\nRephrased Title: “Meta Bans Khamenei”\r\nRephrased Article:\r\nMeta has removed the accounts.\r\n\r\nThe company cited its policy.";
    const headlineEnd = answer.indexOf('\r\n', answer.indexOf('Rephrased Title'));
    let previousBody = '';
    for (const s of stream(answer)) {
      if (s.n <= headlineEnd) expect(s.headline).toBe('');
      else expect(s.headline).toBe('Meta Bans Khamenei');
      expect(s.body).not.toMatch(/^R|Article/);
      expect(s.body.startsWith(previousBody)).toBe(true);
      previousBody = s.body;
    }
    expect(previousBody).toBe('Meta has removed the accounts.\n\nThe company cited its policy.');
  });

  it('shows a body line as soon as it can no longer be a label', () => {
    expect(splitAnswer('# X\n\nArt').body).toBe('');
    expect(splitAnswer('# X\n\nArtw').body).toBe('Artw');
    expect(splitAnswer('# X\n\nMeta').body).toBe('Meta');
  });
});

describe('toPlainText and copyAll', () => {
  it('turns subheadings into plain lines and removes emphasis markers', () => {
    expect(toPlainText('Intro with **bold** and *italic* words.\n\n## Why It Matters\n\nMore ***text***.')).toBe(
      'Intro with bold and italic words.\n\nWhy It Matters\n\nMore text.',
    );
  });

  it('keeps a subheading apart from a paragraph glued to it', () => {
    expect(toPlainText('One.\n### Sub\nTwo.')).toBe('One.\n\nSub\n\nTwo.');
  });

  it('leaves lone asterisks, hashtags and snake_case alone', () => {
    expect(toPlainText('5 * 3 = 15 and #news and my_var_name.')).toBe('5 * 3 = 15 and #news and my_var_name.');
    expect(toPlainText('__Bold__ lead.')).toBe('Bold lead.');
  });

  it('normalises line endings and blank lines', () => {
    expect(toPlainText('\r\nOne.\r\n\r\n\r\n\r\nTwo.  \r\n')).toBe('One.\n\nTwo.');
  });

  it('joins the headline and the plain body with one blank line', () => {
    expect(copyAll('Meta Bans Khamenei', 'One **big** step.\n\n## Sub\n\nTwo.')).toBe('Meta Bans Khamenei\n\nOne big step.\n\nSub\n\nTwo.');
    expect(copyAll('Headline', '')).toBe('Headline');
  });
});

describe('splitAnswer: the shapes parseAnswer adds (what the popup gets)', () => {
  it('reads Markdown, HTML and JSON answers in a code fence', () => {
    const expected = { headline: 'Meta Bans Khamenei', body: BODY, headlineSettled: true };
    expect(final('```markdown\n# Meta Bans Khamenei\n\n' + BODY + '\n```')).toEqual(expected);
    expect(final('```html\n<h1>Meta Bans Khamenei</h1><p>Meta has removed the accounts.</p><p>The company cited its policy.</p>\n```')).toEqual(expected);
    expect(final('```json\n{"title": "Meta Bans Khamenei", "article": ' + JSON.stringify(BODY) + '}\n```')).toEqual(expected);
  });

  it('takes a trailing SEO block off the body', () => {
    expect(final(`# Meta Bans Khamenei\n\n${BODY}\n\n---\nMeta description: Meta acts.\nKeywords: Meta, Iran`).body).toBe(BODY);
  });
});
