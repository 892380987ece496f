import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/checks/sentences';

const texts = (t: string): string[] => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('gives offsets into the text', () => {
    const t = '  First one.  Second one!\nThird?';
    for (const s of splitSentences(t)) expect(t.slice(s.start, s.end)).toBe(s.text);
    expect(texts(t)).toEqual(['First one.', 'Second one!', 'Third?']);
  });

  it('does not end a sentence after an abbreviation or an initial', () => {
    expect(texts('Mr. Smith met Dr. Jones in the U.S. capital. Then they left.')).toEqual(['Mr. Smith met Dr. Jones in the U.S. capital.', 'Then they left.']);
    expect(texts('Laut Polizei gab es z. B. Staus. Das war alles.')).toEqual(['Laut Polizei gab es z. B. Staus.', 'Das war alles.']);
    expect(texts('M. Macron a parlé. Mme Dupont aussi.')).toEqual(['M. Macron a parlé.', 'Mme Dupont aussi.']);
    expect(texts('El Sr. García llegó a EE. UU. ayer. Luego habló.')).toEqual(['El Sr. García llegó a EE. UU. ayer.', 'Luego habló.']);
    expect(texts('It was No. 10 on Oct. 7 in the list. Next.')).toEqual(['It was No. 10 on Oct. 7 in the list.', 'Next.']);
  });

  it('keeps decimal points and German ordinal dates inside the sentence', () => {
    expect(texts('Prices rose 1.5 percent. Wages fell.')).toEqual(['Prices rose 1.5 percent.', 'Wages fell.']);
    expect(texts('Am 3. März beginnt der Prozess. Er dauert lange.')).toEqual(['Am 3. März beginnt der Prozess.', 'Er dauert lange.']);
  });

  it('ends a sentence after closing quotes and at line breaks (headings)', () => {
    expect(texts('“We will win.” She smiled. «C’est fini.» Il part.')).toEqual(['“We will win.”', 'She smiled.', '«C’est fini.»', 'Il part.']);
    expect(texts('A headline without a stop\n\nThe body starts here. ¿Y ahora? Sí.')).toEqual([
      'A headline without a stop',
      'The body starts here.',
      '¿Y ahora?',
      'Sí.',
    ]);
  });

  it('does not end a sentence before a lower-case word', () => {
    expect(texts('They met at 11 p.m. on Tuesday. It rained.')).toEqual(['They met at 11 p.m. on Tuesday.', 'It rained.']);
  });
});
