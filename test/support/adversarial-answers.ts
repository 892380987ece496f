/**
 * Adversarial model answers (unbalanced emphasis, long runs of markers, brackets, backslashes, JSON-like braces,
 * SEO-block lookalikes, labels and preambles in four languages, a million short lines…) and every parser of model
 * text, for the linear-time test (test/unit/parsers-linear.test.ts) and `npm run bench` section 7.
 */
import { plainLayout } from '../../src/rewrite/plain';
import { readHtml } from '../../src/rewrite/html';
import { readJson } from '../../src/rewrite/json';
import { toHtml, toMarkdown, toPlainText } from '../../src/rewrite/render';
import { seoFromLines, splitSeo } from '../../src/rewrite/seo';
import { mayBecomeLabel, readLabel } from '../../src/rewrite/labels';
import { parseAnswer } from '../../src/rewrite/split';

const fill = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const runs = (unit: string) => (n: number) => fill(unit, n);

/** Adversarial shapes, each a function of the text's length. */
export const SHAPES: Record<string, (n: number) => string> = {
  'unbalanced **': runs('**a '),
  'unbalanced __': runs('__a '),
  'unbalanced ***': runs('***a '),
  'a__b words': runs('a__b '),
  'run of *': runs('*'),
  'run of _': runs('_'),
  'run of `': runs('`'),
  'run of #': runs('#'),
  'run of >': runs('>'),
  'run of -': runs('-'),
  'list markers': runs('1. '),
  'digits and dots': runs('1.'),
  'run of [': runs('['),
  'run of (': runs('('),
  'half links': runs('[a]('),
  'half images': runs('!['),
  'nested brackets': runs('[[a]('),
  'run of \\': runs('\\'),
  'nested quotes': runs('"“„«‘\''),
  'one huge line': runs('word '),
  'many lines': runs('a\n'),
  'CR only': runs('\r'),
  'line separators': runs('a\u2028'),
  'JSON braces': runs('{'),
  'JSON brackets': runs('['),
  'JSON keys': runs('{"a":'),
  'JSON open string of \\': (n) => `{"title": "${fill('\\', n)}`,
  'Headline: on one line': runs('Headline: '),
  'Headline: lines': runs('Headline: x\n'),
  'SEO lookalike lines': runs('**Meta description:** x\n'),
  'label lines in four languages': runs('## **Überschrift :**\nTítulo reescrito\n*Article réécrit :*\n'),
  'label with spaces before the colon': (n) => `Article réécrit${fill(' ', n)}:`,
  'label phrase repeated on one line': runs('Rewritten article '),
  'heading marks before a label': (n) => `${fill('#', n)} Title:`,
  'emphasis before a label': (n) => `${fill('*', n)}Headline`,
  'preamble lines in four languages': runs("Voici l'article réécrit :\n¡Claro! Aquí tienes:\nHier ist der Artikel:\n"),
  'notes after rules': runs('---\n\nNote: x\n\n'),
  'labels with spaces': (n) => `**Title${fill(' ', n)}:`,
  'heading with spaces': (n) => `# ${fill(' ', n)}x`,
  'heading with spaces and tabs': (n) => `# x${fill(' \t', n)}y`,
  'heading with closing #': (n) => `# x${fill(' ', n)}#x`,
  'preamble lines': runs('Sure! Here is:\n'),
  fences: runs('```\n'),
  rules: runs('---\n'),
  'run of <': runs('<'),
  'open tags': runs('<p'),
  'open attribute': runs('<a href="'),
  'open title': (n) => `<title>${fill('<', n)}</title>`,
  entities: runs('&#x1'),
  'slug with queries': (n) => `---\n**Slug:** http://x/${fill('?', n)}\u2028`,
  'keyword hashes': (n) => `---\n**Keywords:** #a${fill(' ', n)}b`,
  'mixed markers': runs('**_[`#>*(!\\"_* '),
};

/** Each parser of model text (the popup's body view lays out blocks while streaming; the history, parseAnswer and toPlainText). */
export const PARSERS: Record<string, (text: string) => unknown> = {
  'parseAnswer (final)': (s) => parseAnswer(s, { final: true }),
  'parseAnswer (streaming, after a headline)': (s) => parseAnswer(`# Ferry service resumes\n\n${s}`),
  'parseAnswer (streaming, after a label)': (s) => parseAnswer(`Headline: X\n${s}`),
  readLabel: (s) => readLabel(s),
  mayBecomeLabel: (s) => mayBecomeLabel(s),
  'parseAnswer (JSON)': (s) => parseAnswer(`{"title":"T","article":"${s}`, { final: true }),
  toPlainText: (s) => toPlainText(s),
  // The headline and the body apart, each the whole input (both at once would be twice the text).
  'toMarkdown (body)': (s) => toMarkdown('Headline', s),
  'toMarkdown (headline)': (s) => toMarkdown(s, ''),
  'toHtml (body)': (s) => toHtml('Headline', s),
  'toHtml (headline)': (s) => toHtml(s, ''),
  readHtml: (s) => readHtml(s, true),
  readJson: (s) => readJson(s, true),
  splitSeo: (s) => splitSeo(s, { final: false, lastLineComplete: false }),
  seoFromLines: (s) => seoFromLines(s),
  'plainLayout (popup body, streaming)': (s) => plainLayout(s, { final: false }),
};
