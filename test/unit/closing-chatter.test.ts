/**
 * Closing chatter after the article, in the four UI languages: the model speaking to the user (an offer, a hope
 * that the text serves, a question about the text, what it did to the text) is never part of the final body or the
 * copied text, and never flashes into the body while the answer streams. A last paragraph of the article that quotes
 * someone, asks readers a question or gives a service line stays, and ordinary text is not held back.
 */
import { describe, expect, it } from 'vitest';
import { isClosingChatter, startsLikeClosing } from '../../src/rewrite/closing';
import { copyAll, copyFormats } from '../../src/rewrite/render';
import { parseAnswer } from '../../src/rewrite/split';

const final = (text: string) => parseAnswer(text, { final: true });

const CHATTER: Record<string, string[]> = {
  en: [
    "Let me know if you'd like any changes!",
    'I hope this helps.',
    'Would you like a shorter version?',
    'Would you like me to add subheadings for SEO?',
    'Feel free to ask for a different tone.',
    'If you need any adjustments to the length, just say so.',
    'I kept all the quotes and figures from the source.',
    "I've shortened the lead and kept the facts as reported.",
    'Is the tone right for your audience?',
    'Happy to help with anything else.',
    'I can also write a version for social media.',
    '*Want me to make it more formal?*',
    "Is there anything you'd like me to change?",
    'Happy to make further changes.',
    'Do you want me to add a meta description and keywords?',
    'I hope you find this rewrite useful.',
  ],
  de: [
    'Ich hoffe, das hilft!',
    'Lass mich wissen, wenn du Änderungen möchtest.',
    'Sagen Sie mir gerne Bescheid, falls Sie Anpassungen wünschen.',
    'Soll ich den Text noch kürzen?',
    'Möchten Sie eine kürzere Fassung?',
    'Ich habe alle Zitate und Zahlen beibehalten.',
    'Gib Bescheid, wenn ich etwas ändern soll.',
    'Ich kann gerne auch eine Version für soziale Medien schreiben.',
    'Hoffentlich gefällt dir der Artikel!',
    'Gerne passe ich den Ton noch an.',
    'Falls Sie weitere Anpassungen wünschen, lassen Sie es mich wissen.',
    'Brauchst du noch eine kürzere Version?',
  ],
  fr: [
    "N'hésitez pas à me demander des modifications.",
    "J'espère que cela vous convient !",
    'Souhaitez-vous une version plus courte ?',
    'Voulez-vous que je raccourcisse le texte ?',
    "J'ai conservé toutes les citations et les chiffres.",
    'Dites-moi si le ton vous convient.',
    'Je peux aussi proposer un autre titre.',
    'Je reste à votre disposition pour toute modification.',
    "J'espère que ce texte vous sera utile.",
  ],
  es: [
    '¿Quieres que lo ajuste?',
    'Espero que te sirva.',
    'Avísame si quieres cambios.',
    '¿Prefieres un tono más formal?',
    'He mantenido todas las citas y cifras.',
    'No dudes en pedirme ajustes.',
    '¿Te gustaría que añada una meta descripción?',
    'Si necesitas otra versión, dímelo.',
    'Quedo a tu disposición para cualquier ajuste.',
    '¿Necesitas que cambie algo?',
    'Si quieres, puedo acortar el texto.',
  ],
};

/** Last paragraphs of real articles that speak like chatter in part: quotes, readers' questions, service lines. */
const ARTICLE_ENDINGS: string[] = [
  '"Let me know if you see him," she said.',
  '“Would you like to see the harbour?” the mayor asked the visitors.',
  'Let me know if you see him, she told the neighbours.',
  'Officials hope this helps calm tensions.',
  'I hope the council listens before the vote.',
  'If you have information about the crash, call the police on 101.',
  'Will you be taking the ferry this summer?',
  'If you travel by ferry this weekend, expect delays.',
  '«¿Quieres que te lo cuente?», preguntó el pescador.',
  '¿Qué pasará ahora con el puerto?',
  'Wenn Sie Fragen haben, wenden Sie sich an die Hotline.',
  '„Ich hoffe, das hilft uns“, sagte der Bürgermeister.',
  'Ich hoffe auf besseres Wetter, sagte der Kapitän.',
  'Si vous avez besoin d’aide, appelez le 3114.',
  "« N'hésitez pas à venir », a déclaré la maire.",
  'Espero que la situación mejore, dijo el alcalde.',
  'Readers can let us know their views at letters@paper.example.',
  'Do you remember the last storm? Many islanders do.',
  'Ich hoffe, dass die Regierung handelt.',
  'Si vous voulez visiter le port, prenez le ferry de 9 heures.',
  'Si quieres viajar en ferry, reserva con antelación.',
  'Can the ferry survive another winter?',
  'Wenn Sie mehr erfahren möchten, besuchen Sie die Website der Stadt.',
  'The mayor said she hoped this would help.',
];

const BODY = 'The ferry between the islands ran again on Monday.\n\nOfficials said the harbour was safe.';

describe('isClosingChatter', () => {
  for (const [lang, lines] of Object.entries(CHATTER)) {
    it(`${lang}: the model speaking to the user`, () => {
      for (const line of lines) expect(isClosingChatter(line), line).toBe(true);
    });
  }

  it("an article's own last paragraph: quotes, attributions, readers' questions, service lines", () => {
    for (const line of ARTICLE_ENDINGS) expect(isClosingChatter(line), line).toBe(false);
  });

  it('a long paragraph is the article’s, whatever its words', () => {
    const long = `Let me know, the campaign's slogan, ran on ${'every bus and every ferry in the region, '.repeat(10)}until May.`;
    expect(isClosingChatter(long)).toBe(false);
  });
});

describe('closing chatter is dropped from the final body and the copies', () => {
  for (const [lang, lines] of Object.entries(CHATTER)) {
    it(`${lang}: alone, after a rule, and two in a row`, () => {
      for (const line of lines) {
        for (const tail of [line, `---\n\n${line}`, `${line}\n\n${lines[0]}`, `***\n\n**${line}**`]) {
          const answer = `# Ferry service resumes\n\n${BODY}\n\n${tail}`;
          const parsed = final(answer);
          expect(parsed.body, answer).toBe(BODY);
          const copies = copyFormats(parsed.headline, parsed.body);
          expect(copies.plain, answer).not.toContain(line.replace(/[*_]/g, ''));
          expect(copyAll(parsed.headline, parsed.body)).toBe(`Ferry service resumes\n\n${BODY}`);
        }
      }
    });
  }

  it("keeps an article's own last paragraph", () => {
    for (const line of ARTICLE_ENDINGS) {
      expect(final(`# Ferry\n\n${BODY}\n\n${line}`).body, line).toBe(`${BODY}\n\n${line}`);
    }
  });

  it('keeps a chatter-like paragraph in the middle of the article', () => {
    const body = `${BODY}\n\nI hope this helps.\n\nThe council meets again in May.`;
    expect(final(`# Ferry\n\n${body}`).body).toBe(body);
  });

  it('drops chatter before the SEO block and keeps the SEO values', () => {
    const answer = `# Ferry\n\n${BODY}\n\nI hope this helps!\n\nMeta description: Ferries run again.\nSlug: ferry-runs\n\nLet me know if you want changes.`;
    expect(final(answer)).toMatchObject({ body: BODY, seo: { metaDescription: 'Ferries run again.', slug: 'ferry-runs' } });
  });
});

/** Every prefix of the answer, as the popup parses it on every chunk. */
function* prefixes(answer: string): Generator<{ n: number; body: string }> {
  for (let n = 0; n <= answer.length; n++) yield { n, body: parseAnswer(answer.slice(0, n)).body };
}

describe('streaming: closing chatter never flashes into the body', () => {
  for (const [lang, lines] of Object.entries(CHATTER)) {
    it(`${lang}: the body shown is always the start of the final body`, () => {
      for (const line of lines) {
        for (const tail of [line, `---\n\n${line}`, `${line}\n\n${lines[1]}`]) {
          const answer = `# Ferry service resumes\n\n${BODY}\n\n${tail}`;
          expect(final(answer).body).toBe(BODY);
          for (const { n, body } of prefixes(answer)) {
            expect(BODY.startsWith(body), `${JSON.stringify(answer.slice(0, n))} shows ${JSON.stringify(body)}`).toBe(true);
          }
        }
      }
    });
  }

  it("an article's own ending that starts like chatter shows once it is whole, and stays", () => {
    for (const line of ARTICLE_ENDINGS) {
      const answer = `# Ferry\n\n${BODY}\n\n${line}`;
      const expected = `${BODY}\n\n${line}`;
      let shown = '';
      for (const { body } of prefixes(answer)) {
        expect(expected.startsWith(body), `${line}: ${JSON.stringify(body)}`).toBe(true);
        expect(body.length >= shown.length || !shown.startsWith(body) || body === BODY, line).toBe(true);
        shown = body;
      }
      expect(parseAnswer(`${answer}\n`).body).toBe(expected);
    }
  });

  it('ordinary text is not held back: a paragraph that does not start like chatter shows as it is written', () => {
    const answer = '# Ferry\n\nThe ferry between the islands ran again on Monday.\n\nOfficials said the harbour was safe.\n\nDie Fähre fuhr wieder.';
    // From the second paragraph on (the first may be held while it may become an "Article:" label).
    const start = answer.indexOf('\n\n') + 2;
    for (let n = answer.indexOf('\n\n', start) + 2; n <= answer.length; n++) {
      const raw = answer.slice(start, n).trim();
      // Past its first word ("O" may still become "Ojalá"), a paragraph shows as far as it is written.
      const last = raw.slice(raw.lastIndexOf('\n\n') + 2);
      if (!last.includes(' ')) continue;
      expect(parseAnswer(answer.slice(0, n)).body, JSON.stringify(raw)).toBe(raw);
    }
  });

  it('a paragraph held while it starts like chatter shows as soon as it cannot be', () => {
    expect(parseAnswer(`# Ferry\n\n${BODY}\n\nLet me`).body).toBe(BODY);
    expect(parseAnswer(`# Ferry\n\n${BODY}\n\nLet me know if you see`).body).toBe(BODY);
    expect(parseAnswer(`# Ferry\n\n${BODY}\n\nLetters poured in`).body).toBe(`${BODY}\n\nLetters poured in`);
    expect(parseAnswer(`# Ferry\n\n${BODY}\n\nIn May`).body).toBe(`${BODY}\n\nIn May`);
  });
});

describe('startsLikeClosing', () => {
  it('a start chatter may grow from, in the four languages', () => {
    for (const s of [
      'Let m',
      'I hope',
      'Would you',
      'If you',
      '*Feel',
      'Ich hof',
      'Lass mich',
      'Soll ich',
      "N'hés",
      'J’esp',
      'Souhaitez-vous',
      '¿Qu',
      'Espero',
      'Avísa',
      'He mante',
      '**',
    ])
      expect(startsLikeClosing(s), s).toBe(true);
  });

  it('a start no chatter grows from', () => {
    for (const s of ['The ferry', 'In May', 'Letters', 'Officials hope', '"Let me', '“Would', '## Why', '- one', 'Die Fähre', 'Le ferry', 'El ferry', 'Hello'])
      expect(startsLikeClosing(s), s).toBe(false);
  });
});
