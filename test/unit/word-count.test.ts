/** One word count everywhere: the popup's "N words", the checks' seo.words and the history's entry agree on the same rewrite. */
import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/article';
import { runChecks } from '../../src/checks';
import { entryWords, listedEntry, summaryOf, toEntry } from '../../src/history';
import { english } from '../../src/i18n-en';
import { answerOf } from '../../src/job';
import { bodyWords } from '../../src/rewrite/render';
import { jobFrom } from '../support/job-shapes';

// Markdown markers, hyphenated and apostrophe words, a dash, a link, a figure with a separator, and CJK.
const body = [
  '## What the **Wi-Fi** plan costs',
  'The council’s plan — approved on Tuesday — costs [27,000 pounds](https://example.com/x) a year.',
  '- one item',
  '- *another* item, don’t forget',
  '> A quoted line: 東京 reported it.',
].join('\n\n');
const headline = 'Council backs Wi-Fi plan';

describe('one word count', () => {
  const job = jobFrom({ state: 'done', title: 'Wi-Fi', text: `# ${headline}\n\n${body}` });
  const shown = answerOf(job).body; // what the popup counts (popup/main.ts: bodyWords of the shown body)
  const checks = runChecks({ source: body, headline, body: shown });

  it('popup, checks and history give the same count for the same rewrite', () => {
    const popup = bodyWords(shown);
    expect(popup).toBe(checks.seo.words);
    expect(summaryOf(job).words).toBe(checks.seo.words);
    expect(countWords(summaryOf(job).article)).toBe(checks.seo.words);
    expect(entryWords(toEntry(job), english)).toBe(`${checks.seo.words} words`);
  });

  it('a summary stored before it kept its count is counted from its article, the same way', () => {
    const { words, ...older } = summaryOf(job);
    expect(words).toBe(checks.seo.words);
    const entry = listedEntry(older, { version: 1, versions: 1 });
    expect(entry.words).toBeUndefined();
    expect(entryWords(entry, english)).toBe(`${checks.seo.words} words`);
  });

  it('is countWords of the plain text: markers are not words, a hyphenated word is two, a CJK character one', () => {
    // By hand: What the Wi Fi plan costs (6); The council’s plan approved on Tuesday costs 27 000 pounds https example
    // com x a year (16: the plain text keeps a link's address, as Copy all does); one item (2); another item don’t
    // forget (4); A quoted line 東 京 reported it (7).
    expect(bodyWords(shown)).toBe(6 + 16 + 2 + 4 + 7);
    // A count by spaces (the popup's before) says otherwise on this text.
    expect(shown.split(/\s+/).filter(Boolean).length).not.toBe(bodyWords(shown));
  });

  it('the source count of the checks is the same function on the source', () => {
    expect(checks.seo.sourceWords).toBe(countWords(body));
  });
});
