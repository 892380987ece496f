import { describe, expect, it } from 'vitest';
import { readBlocks, type Block } from '../../src/rewrite/blocks';
import { headingText } from '../../src/rewrite/heading';
import { plainLayout, stripInline, toPlainText } from '../../src/rewrite/plain';

/** The blocks without their source lines and gaps: what the views draw. */
function shapes(body: string, final = true): unknown[] {
  return readBlocks(body, { final }).map((b) => {
    const { source: _source, gap: _gap, ...rest } = b;
    return rest;
  });
}

describe('readBlocks', () => {
  it('reads each kind of block', () => {
    const body = [
      '## Why it matters',
      '',
      'One line',
      'and the next.',
      '',
      '- first',
      '- second',
      '',
      '> “Quoted,” she said.',
      '',
      '---',
      '',
      '### Deeper ##',
    ].join('\n');
    expect(shapes(body)).toEqual([
      { kind: 'heading', level: 2, text: 'Why it matters' },
      { kind: 'paragraph', lines: ['One line', 'and the next.'] },
      { kind: 'list', ordered: false, items: ['first', 'second'] },
      { kind: 'quote', paragraphs: ['“Quoted,” she said.'] },
      { kind: 'rule' },
      { kind: 'heading', level: 3, text: 'Deeper' },
    ]);
  });

  it('reads numbered lists written with "1." and "1)", and bullets written with - * + •', () => {
    expect(shapes('1. one\n2. two\n\n10) ten\n11) eleven')).toEqual([{ kind: 'list', ordered: true, items: ['one', 'two', 'ten', 'eleven'] }]);
    expect(shapes('* a\n+ b\n• c')).toEqual([{ kind: 'list', ordered: false, items: ['a', 'b', 'c'] }]);
    // "1990." is a year ending a sentence, not an item (three digits at most), and "1.5" no item either.
    expect(shapes('1990. A year\n1.5 litres')).toEqual([{ kind: 'paragraph', lines: ['1990. A year', '1.5 litres'] }]);
  });

  it('continues an item with an indented line, and a list across blank lines', () => {
    expect(shapes('- a\n  more a\n\n- b\n\nAfter.')).toEqual([
      { kind: 'list', ordered: false, items: ['a more a', 'b'] },
      { kind: 'paragraph', lines: ['After.'] },
    ]);
  });

  it('takes a lone * or *italic* for text, not for a list', () => {
    expect(shapes('*\n\n5 * 3 = 15\n\n*Emphasis* first\n\n**Bold** first')).toEqual([
      { kind: 'paragraph', lines: ['*'] },
      { kind: 'paragraph', lines: ['5 * 3 = 15'] },
      { kind: 'paragraph', lines: ['*Emphasis* first'] },
      { kind: 'paragraph', lines: ['**Bold** first'] },
    ]);
  });

  it('sets apart a heading, a list and a quote glued to a paragraph', () => {
    expect(shapes('Intro.\n## Sub\nText.\n- item\n> quote\nEnd.')).toEqual([
      { kind: 'paragraph', lines: ['Intro.'] },
      { kind: 'heading', level: 2, text: 'Sub' },
      { kind: 'paragraph', lines: ['Text.'] },
      { kind: 'list', ordered: false, items: ['item'] },
      { kind: 'quote', paragraphs: ['quote'] },
      { kind: 'paragraph', lines: ['End.'] },
    ]);
  });

  it('reads nested quote markers as one quote level, and ">" alone as a break between its paragraphs', () => {
    expect(shapes('> > inner\n>> tight\n>\n> second\n> > >')).toEqual([{ kind: 'quote', paragraphs: ['inner tight', 'second', ''] }]);
    // Within the text, ">" stays: "3 > 2".
    expect(shapes('> 3 > 2')).toEqual([{ kind: 'quote', paragraphs: ['3 > 2'] }]);
  });

  it('reads CRLF and CR line endings as LF', () => {
    expect(readBlocks('## Sub\r\n\r\nOne\rtwo\r\n- a')).toEqual(readBlocks('## Sub\n\nOne\ntwo\n- a'));
  });

  it('keeps link definitions in the source, out of the text, ending nothing', () => {
    const blocks = readBlocks('One\n[1]: http://x.test\ntwo\n\n[2]: http://y.test');
    expect(blocks).toEqual<Block[]>([
      { kind: 'paragraph', lines: ['One', 'two'], source: ['One', '[1]: http://x.test', 'two'], gap: false },
      { kind: 'paragraph', lines: [], source: ['[2]: http://y.test'], gap: true },
    ]);
  });

  it("keeps each block's lines as written, blank lines inside a list included, and where the blank lines were", () => {
    expect(readBlocks('Text\n- a\n\n  1. b   \n\nEnd').map((b) => [b.kind, b.gap, b.source])).toEqual([
      ['paragraph', false, ['Text']],
      ['list', false, ['- a', '', '  1. b']],
      ['paragraph', true, ['End']],
    ]);
  });

  it('streams: an unfinished last block grows, the ones before it stay', () => {
    const body = 'Intro paragraph.\n\n- one\n- two items\n\n> A quote\n\n## Sub';
    let before: unknown[] = [];
    for (let n = 1; n <= body.length; n++) {
      const now = shapes(body.slice(0, n), false);
      // Every finished block is the same as before; only the last may have changed, or new ones come after it.
      expect(now.slice(0, Math.max(0, before.length - 1))).toEqual(before.slice(0, Math.max(0, before.length - 1)));
      before = now;
    }
    expect(shapes(body, false)).toEqual(shapes(body));
  });

  it('while streaming, holds back a last line that may still become a marker', () => {
    expect(shapes('Text\n-', false)).toEqual([{ kind: 'paragraph', lines: ['Text'] }]);
    expect(shapes('Text\n12', false)).toEqual([{ kind: 'paragraph', lines: ['Text'] }]);
    expect(shapes('Text\n##', false)).toEqual([{ kind: 'paragraph', lines: ['Text'] }]);
    expect(shapes('Text\n1990', false)).toEqual([{ kind: 'paragraph', lines: ['Text', '1990'] }]);
    // Once final, the same line is text.
    expect(shapes('Text\n-')).toEqual([{ kind: 'paragraph', lines: ['Text', '-'] }]);
  });

  it('reads an empty body as no blocks', () => {
    expect(readBlocks('')).toEqual([]);
    expect(readBlocks('\n\n  \n')).toEqual([]);
  });
});

describe('plainLayout', () => {
  const BODY = 'Intro **bold**.\nSecond line.\n\n## Sub *it*\n\n- one **b**\n- two\n  more\n\n> q1\n>\n> q2 a\n> q2 b\n\n---\n\nEnd.';
  const words = (body: string) => {
    const { text, blocks } = plainLayout(body);
    return blocks.map((b) => [b.block.kind, b.parts.map((part) => part.map((s) => text.slice(s.start, s.end)))]);
  };

  it("is toPlainText, with each block's words located in it", () => {
    expect(plainLayout(BODY).text).toBe(toPlainText(BODY));
    expect(words(BODY)).toEqual([
      ['paragraph', [['Intro bold.\nSecond line.']]],
      ['heading', [['Sub it']]],
      ['list', [['one b'], ['two', 'more']]],
      ['quote', [['q1'], ['q2 a', 'q2 b']]],
      ['rule', []],
      ['paragraph', [['End.']]],
    ]);
  });

  /** The plain text's rule, line by line: each line as written with no emphasis markers, a subheading set apart. */
  const lineByLine = (body: string): string =>
    body
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((raw) => {
        const line = raw.trimEnd();
        const heading = line === '' ? null : headingText(line);
        return heading === null ? (line === '' ? '' : stripInline(line)) : `\n${stripInline(heading)}\n`;
      })
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();

  it('writes each line as it was, only subheadings set apart, for any mix of lines', () => {
    const PIECES = ['', ' ', 'Text', '  indented', '- item', '1) one', '## Sub', '> q', '>', '---', '[1]: http://x', '**b** *i*', '\t- tab', '\r'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % PIECES.length;
    for (let k = 0; k < 3000; k++) {
      const body = Array.from({ length: 1 + (k % 9) }, () => PIECES[next()]).join('\n');
      expect(plainLayout(body).text, JSON.stringify(body)).toBe(lineByLine(body));
      expect(toPlainText(body), JSON.stringify(body)).toBe(lineByLine(body));
    }
  });

  it("leaves a link definition out of a paragraph's words", () => {
    expect(words('One\n[1]: http://x.test\ntwo\nthree')).toEqual([['paragraph', [['One', 'two\nthree']]]]);
  });

  it('moves the spans with the text when its start is trimmed', () => {
    expect(words('   indented start\n- x')).toEqual([
      ['paragraph', [['indented start']]],
      ['list', [['x']]],
    ]);
  });
});
