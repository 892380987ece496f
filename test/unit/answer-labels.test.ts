/**
 * Labels before the headline or the article, and preamble lines, in the four UI languages: never shown as text,
 * never flashing into the headline or the body while the answer streams, and real content that looks like a
 * label ("Title IX…", "Article 5: …", "Text: …" in the body) kept.
 */
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/rewrite/split';
import { mayBecomeLabel, readLabel } from '../../src/rewrite/labels';
import { copyAll } from '../../src/rewrite/render';

const final = (text: string) => parseAnswer(text, { final: true });

interface Lang {
  lang: string;
  headline: string;
  body: string;
  headlineLabels: string[];
  bodyLabels: string[];
  preambles: string[];
}

const LANGS: Lang[] = [
  {
    lang: 'en',
    headline: 'Ferry service resumes after storm',
    body: 'The ferry between the islands ran again on Monday.\n\nOfficials said the harbour was safe.',
    headlineLabels: ['Title', 'Headline', 'Rewritten headline', 'New title', 'Suggested Headline', 'H1'],
    bodyLabels: ['Article', 'Body', 'Rewritten article', 'Text', 'Content', 'Rephrased Article'],
    preambles: ['Here is the rewritten article:', "Sure! Here's the rewritten news article:", 'Certainly!'],
  },
  {
    lang: 'de',
    headline: 'Fähre fährt nach dem Sturm wieder',
    body: 'Die Fähre zwischen den Inseln fuhr am Montag wieder.\n\nDer Hafen sei sicher, hieß es.',
    headlineLabels: ['Titel', 'Überschrift', 'Schlagzeile', 'Neue Überschrift'],
    bodyLabels: ['Artikel', 'Text', 'Umgeschriebener Artikel', 'Inhalt', 'Fließtext'],
    preambles: ['Hier ist der umgeschriebene Artikel:', 'Gerne! Hier ist der Artikel:', 'Natürlich!'],
  },
  {
    lang: 'fr',
    headline: 'Le ferry reprend après la tempête',
    body: 'Le ferry entre les îles a repris lundi.\n\nLe port est sûr, selon les autorités.',
    headlineLabels: ['Titre', 'Nouveau titre', 'Titre réécrit'],
    bodyLabels: ['Article', 'Texte', 'Article réécrit', 'Corps du texte', 'Contenu'],
    preambles: ["Voici l'article réécrit :", 'Bien sûr ! Voici l’article :', 'Voilà :'],
  },
  {
    lang: 'es',
    headline: 'El ferry vuelve tras la tormenta',
    body: 'El ferry entre las islas volvió el lunes.\n\nEl puerto es seguro, según las autoridades.',
    headlineLabels: ['Título', 'Titular', 'Nuevo título', 'Título reescrito'],
    bodyLabels: ['Artículo', 'Texto', 'Artículo reescrito', 'Cuerpo', 'Contenido'],
    preambles: ['Aquí está el artículo reescrito:', '¡Claro! Aquí tienes el artículo:', '¡Por supuesto!'],
  },
];

/** The ways a label is written: as a line, a heading at any level, bold or italic, with or without its colon. */
const colon = (lang: string): string => (lang === 'fr' ? ' :' : ':');
const ALONE_FORMS: Array<(label: string, lang: string) => string> = [
  (l, lang) => `${l}${colon(lang)}`,
  (l) => l,
  (l, lang) => `**${l}${colon(lang)}**`,
  (l, lang) => `**${l}**${colon(lang)}`,
  (l) => `**${l}**`,
  (l, lang) => `*${l}${colon(lang)}*`,
  (l) => `__${l}__`,
  ...[1, 2, 3, 4, 5, 6].map((n) => (l: string) => `${'#'.repeat(n)} ${l}`),
  (l, lang) => `### ${l}${colon(lang)}`,
  (l) => `## **${l}**`,
];
/** The label with the text after it on the same line (a colon is needed then). */
const INLINE_FORMS: Array<(label: string, lang: string, text: string) => string> = [
  (l, lang, t) => `${l}${colon(lang)} ${t}`,
  (l, lang, t) => `**${l}${colon(lang)}** ${t}`,
  (l, lang, t) => `**${l}**${colon(lang)} ${t}`,
  (l, lang, t) => `*${l}${colon(lang)}* ${t}`,
  (l, lang, t) => `## ${l}${colon(lang)} ${t}`,
  (l, lang, t) => `${l}\u00a0: ${t}`,
];

const LABEL_WORDS = new RegExp(
  LANGS.flatMap((l) => [...l.headlineLabels, ...l.bodyLabels])
    .filter((w) => w !== 'H1')
    .map((w) => `(?:^|\\n)\\W*${w}\\W*(?:$|\\n|:)`)
    .join('|'),
  'iu',
);

describe('labels before the headline and the article, in en, de, fr and es', () => {
  for (const L of LANGS) {
    it(`${L.lang}: a headline label alone on its line, in every form, then the headline`, () => {
      for (const label of L.headlineLabels) {
        for (const form of ALONE_FORMS) {
          // "H1" is a label only with its colon ("# H1" alone may be the headline).
          if (label === 'H1' && !form(label, L.lang).includes(':')) continue;
          const answer = `${form(label, L.lang)}\n${L.headline}\n\n${L.body}`;
          expect(final(answer), answer).toMatchObject({ headline: L.headline, body: L.body });
        }
      }
    });

    it(`${L.lang}: a headline label with the headline on the same line`, () => {
      for (const label of L.headlineLabels) {
        for (const form of INLINE_FORMS) {
          const answer = `${form(label, L.lang, L.headline)}\n\n${L.body}`;
          expect(final(answer), answer).toMatchObject({ headline: L.headline, body: L.body });
        }
      }
    });

    it(`${L.lang}: an article label alone on its line, in every form, after the headline`, () => {
      for (const label of L.bodyLabels) {
        for (const form of ALONE_FORMS) {
          const answer = `# ${L.headline}\n\n${form(label, L.lang)}\n\n${L.body}`;
          expect(final(answer), answer).toMatchObject({ headline: L.headline, body: L.body });
          const glued = `# ${L.headline}\n${form(label, L.lang)}\n${L.body}`;
          expect(final(glued), glued).toMatchObject({ headline: L.headline, body: L.body });
        }
      }
    });

    it(`${L.lang}: an article label with the text on the same line, after a labelled headline`, () => {
      for (const label of L.bodyLabels) {
        for (const form of INLINE_FORMS) {
          const answer = `${L.headlineLabels[0]}${colon(L.lang)} ${L.headline}\n\n${form(label, L.lang, L.body)}`;
          expect(final(answer), answer).toMatchObject({ headline: L.headline, body: L.body });
        }
      }
    });

    it(`${L.lang}: an article label before the headline`, () => {
      for (const label of L.bodyLabels.filter((b) => b !== 'Text' && b !== 'Texte' && b !== 'Texto')) {
        for (const form of [ALONE_FORMS[0], ALONE_FORMS[4], ALONE_FORMS[8]]) {
          const answer = `${form?.(label, L.lang)}\n\n# ${L.headline}\n\n${L.body}`;
          expect(final(answer), answer).toMatchObject({ headline: L.headline, body: L.body });
        }
      }
    });

    it(`${L.lang}: preamble lines before labels or a heading`, () => {
      for (const preamble of L.preambles) {
        for (const answer of [
          `${preamble}\n\n# ${L.headline}\n\n${L.body}`,
          `**${preamble}**\n\n${L.headlineLabels[0]}${colon(L.lang)} ${L.headline}\n\n${L.bodyLabels[0]}${colon(L.lang)}\n${L.body}`,
          `${preamble}\n${L.headlineLabels[1]}${colon(L.lang)}\n${L.headline}\n\n${L.body}`,
        ]) {
          expect(final(answer), answer).toMatchObject({ headline: L.headline, body: L.body });
        }
      }
    });
  }

  it('reads "New title" and "Rewritten article" with no colon, alone on their lines', () => {
    expect(final('New title\nFerry service resumes\n\nRewritten article\nThe ferry ran.')).toMatchObject({
      headline: 'Ferry service resumes',
      body: 'The ferry ran.',
    });
  });

  it('reads labels in an HTML answer, and streams them without showing one', () => {
    const html =
      "<p>Voici l'article réécrit :</p>\n<h1>Le ferry reprend</h1>\n<p><strong>Article réécrit :</strong></p>\n<p>Le ferry a repris.</p>\n<p>Plus.</p>";
    expect(final(html)).toMatchObject({ headline: 'Le ferry reprend', body: 'Le ferry a repris.\n\nPlus.', shape: 'html' });
    streamEveryPrefix(html, { headline: 'Le ferry reprend', body: 'Le ferry a repris.\n\nPlus.' });
    expect(final('<h1>Ferry</h1><h2>Article</h2><p>The ferry ran.</p>')).toMatchObject({ headline: 'Ferry', body: 'The ferry ran.' });
    expect(final('<h1>Nato</h1><p>Article 5: the clause.</p>')).toMatchObject({ body: 'Article 5: the clause.' });
  });

  it('reads labels inside a fenced answer', () => {
    expect(final('Here is the article:\n\n```markdown\n**Headline:** Ferry service resumes\n\n**Article:**\nThe ferry ran.\n```')).toMatchObject({
      headline: 'Ferry service resumes',
      body: 'The ferry ran.',
    });
    expect(final('Rewritten article:\n\n```\n# Ferry service resumes\n\nThe ferry ran.\n```')).toMatchObject({
      headline: 'Ferry service resumes',
      body: 'The ferry ran.',
    });
  });
});

/** A dash or a bar after the label instead of its colon, as models also write it. */
const SEPARATORS = [' – ', ' — ', ' - ', '—', ' | ', ' -- ', '\u00a0– '];
const DASH_FORMS: Array<(label: string, text: string) => string> = [
  ...SEPARATORS.map((d) => (l: string, t: string) => `${l}${d}${t}`),
  (l, t) => `**${l}** — ${t}`,
  (l, t) => `**${l} –** ${t}`,
  (l, t) => `*${l}* - ${t}`,
  (l, t) => `## ${l} – ${t}`,
  (l, t) => `### **${l}** | ${t}`,
];
/** Body labels a dash makes certain on their own: the weak nouns ("Text", "Inhalt"…) may start a headline or a sentence. */
const strongBody = (L: Lang) => L.bodyLabels.filter((b) => readLabel(`${b}:`)?.strong === true);

describe('a dash or a bar instead of the colon, in en, de, fr and es', () => {
  for (const L of LANGS) {
    const [para, more] = L.body.split('\n\n') as [string, string];
    it(`${L.lang}: a headline label with a dash, then the headline`, () => {
      for (const label of L.headlineLabels.filter((l) => l !== 'H1')) {
        for (const form of DASH_FORMS) {
          const answer = `${form(label, L.headline)}\n\n${L.body}`;
          expect(final(answer), answer).toMatchObject({ headline: L.headline, body: L.body });
        }
      }
    });

    it(`${L.lang}: an article label with a dash before the first paragraph`, () => {
      for (const label of strongBody(L)) {
        for (const form of DASH_FORMS) {
          const answer = `# ${L.headline}\n\n${form(label, para)}\n\n${more}`;
          expect(final(answer), answer).toMatchObject({ headline: L.headline, body: L.body });
        }
      }
    });

    it(`${L.lang}: a weak body label with a dash, only in an answer that labelled its headline`, () => {
      for (const label of L.bodyLabels.filter((b) => !strongBody(L).includes(b))) {
        const labelled = `${L.headlineLabels[0]} – ${L.headline}\n\n${label} – ${para}\n\n${more}`;
        expect(final(labelled), labelled).toMatchObject({ headline: L.headline, body: L.body });
        const plain = `# ${L.headline}\n\n${label} – ${para}`;
        expect(final(plain).body, plain).toBe(`${label} – ${para}`);
      }
    });

    it(`${L.lang}: dash labels stream without showing the label`, () => {
      for (const answer of [
        `${L.headlineLabels[0]} – ${L.headline}\n\n${strongBody(L)[0]} — ${L.body}`,
        `**${L.headlineLabels[1]}** — ${L.headline}\n\n**${strongBody(L)[1]}** - ${L.body}`,
        `## ${L.headlineLabels[0]} | ${L.headline}\n${L.bodyLabels[1]} – ${L.body}`,
      ]) {
        streamEveryPrefix(answer, { headline: L.headline, body: L.body });
      }
    });
  }

  it('a headline or a paragraph that starts with a label word and a dash stays text', () => {
    for (const headline of [
      'Title IX — the ruling explained',
      'Title IX – What changes for schools',
      'Article 5 – what it means for Nato',
      'Title-winning coach leaves the club',
      'Headline-grabbing pledge falls flat',
      'Story – How a ferry came back',
      'Content — the new currency of the web',
      'Artikel 13 – was die Reform bedeutet',
      'Titel- und Bildrechte: Streit vor Gericht',
      'Texte – ce que dit la loi',
      'Article 49.3 — le gouvernement passe en force',
      'Titre-restaurant : ce qui change',
      'Artículo 155 — lo que significa',
      'Contenido – la nueva moneda',
      'Cuerpo a cuerpo — el debate',
    ]) {
      expect(final(`${headline}\n\nThe story.`).headline, headline).toBe(headline);
      expect(final(`# ${headline}\n\nThe story.`).headline, headline).toBe(headline);
    }
    for (const body of ['Article 5 – an attack on one is an attack on all.', 'Text – the medium that outlived the pager.', 'Inhalt – was die Studie zeigt.']) {
      expect(final(`# Nato allies meet\n\n${body}\n\nMore.`).body, body).toBe(`${body}\n\nMore.`);
    }
  });

  it('content that starts like a dash label streams once it cannot be one, and stays', () => {
    streamEveryPrefix(
      '# Nato allies meet\n\nArticle 5 – an attack on one is an attack on all.\n\nMore.',
      {
        headline: 'Nato allies meet',
        body: 'Article 5 – an attack on one is an attack on all.\n\nMore.',
      },
      false,
    );
    streamEveryPrefix(
      'Title-winning coach leaves\n\nText – the medium that outlived the pager.',
      {
        headline: 'Title-winning coach leaves',
        body: 'Text – the medium that outlived the pager.',
      },
      false,
    );
  });
});

describe('content that looks like a label is kept', () => {
  it('a headline that starts with a label word', () => {
    for (const headline of [
      'Title IX ruling upheld by appeals court',
      'Title IX: Court Rules',
      'Titles at stake as season ends',
      'Headlines from the summit',
      'Article 5 invoked after attack',
      'Titre de séjour : les règles changent',
      'Texte intégral : le discours du président',
      'Titular del ministerio dimite',
      'Artikel 13 sorgt für Streit',
    ]) {
      expect(final(`${headline}\n\nThe story.`).headline, headline).toBe(headline);
      expect(final(`# ${headline}\n\nThe story.`).headline, headline).toBe(headline);
    }
  });

  it('"H1" with no colon, as a headline', () => {
    expect(final('# H1\n\nBody 1.')).toMatchObject({ headline: 'H1', body: 'Body 1.' });
  });

  it('a law story with "Article 5: …" headings and paragraphs', () => {
    const body = '## Article 5: Collective defence\n\nThe clause was invoked once.\n\nArticle 5: an attack on one is an attack on all.';
    expect(final(`# Nato allies meet\n\n${body}`).body).toBe(body);
    const first = 'Article 5: an attack on one is an attack on all, the treaty says.\n\nMore.';
    expect(final(`# Nato allies meet\n\n${first}`).body).toBe(first);
    expect(final(`# Nato\n\n**Article 5**: the clause.`).body).toBe('**Article 5**: the clause.');
  });

  it('a first body paragraph that starts with "Text:" in an article about texts, when the answer used no labels', () => {
    for (const body of [
      'Text: the medium that outlived the pager, researchers say.\n\nMore.',
      'Texte : le support qui a survécu au bipeur.\n\nPlus.',
      'Texto: el medio que sobrevivió al buscapersonas.\n\nMás.',
      'Inhalt: Was die Studie zeigt.\n\nMehr.',
      'Text: Anna Müller\n\nDie Fähre fuhr.',
    ]) {
      expect(final(`# Texting at 30\n\n${body}`).body, body).toBe(body);
    }
  });

  it('a later paragraph that starts with "Text:" or "Article:"', () => {
    const body = 'The messages were read aloud.\n\nText: “Meet me at nine.”\n\nArticle: the court cited it.';
    expect(final(`**Headline:** Texts read in court\n\n${body}`).body).toBe(body);
  });

  it('a first line ending in a colon that is not chatter, and body lines that start with label-like words', () => {
    expect(final('Breaking news:\n\nText.').headline).toBe('Breaking news:');
    expect(final('Hier kommt die Rente: was sich ändert\n\nText.').headline).toBe('Hier kommt die Rente: was sich ändert');
    expect(final('# X\n\nArticles of faith are at stake.').body).toBe('Articles of faith are at stake.');
    expect(final('# X\n\nBodyguards stood by.').body).toBe('Bodyguards stood by.');
    expect(final("# X\n\nL'article 49.3 a été utilisé.").body).toBe("L'article 49.3 a été utilisé.");
  });

  it('a "Note:" paragraph at the end without a rule before it', () => {
    const body = 'The ferry ran.\n\nNote: the timetable changes in May.';
    expect(final(`# X\n\n${body}`).body).toBe(body);
  });
});

describe('closing notes and chatter in the four languages', () => {
  const body = 'The ferry ran.\n\nOfficials agreed.';
  for (const tail of [
    '---\n\n**Note:** I kept all the quotes and figures from the source.',
    '---\n\nNotes:\n- Shortened the lead.\n- Kept the quotes.',
    '---\n\n*Remarque : j’ai conservé toutes les citations.*',
    '---\n\nAnmerkung: Alle Zitate wurden beibehalten.',
    '---\n\nNota: He mantenido todas las citas.',
    "J'espère que cela vous convient !",
    'Ich hoffe, das hilft!',
    'Espero que te sirva.',
    "N'hésitez pas à me demander des modifications.",
    '---\n\nAvísame si quieres cambios.',
  ]) {
    it(`drops ${JSON.stringify(tail.slice(0, 40))} once final`, () => {
      expect(final(`# X\n\n${body}\n\n${tail}`).body).toBe(body);
    });
  }

  it('keeps the SEO values when notes come after the SEO block, and a rule between article parts', () => {
    const answer = `# X\n\n${body}\n\n---\n\n**Meta description:** D.\n**Slug:** x\n\n---\n\nNote: kept the quotes.`;
    expect(final(answer)).toMatchObject({ body, seo: { metaDescription: 'D.', slug: 'x' } });
    expect(final('# X\n\nOne.\n\n---\n\nTwo.').body).toBe('One.\n\n---\n\nTwo.');
  });
});

describe('readLabel and mayBecomeLabel', () => {
  it('reads the kind, the text after the label and whether it is strong', () => {
    expect(readLabel('Headline: Ferry')).toMatchObject({ kind: 'headline', rest: 'Ferry', colon: true });
    expect(readLabel('**Title: Ferry service resumes**')).toMatchObject({ kind: 'headline', rest: 'Ferry service resumes' });
    expect(readLabel('Article réécrit :')).toMatchObject({ kind: 'body', rest: '', strong: true });
    expect(readLabel('Text: the medium')).toMatchObject({ kind: 'body', strong: false, marked: false });
    expect(readLabel('Title IX ruling')).toBeNull();
    expect(readLabel('Article 5: Rights')).toBeNull();
    expect(readLabel('Articles')).toBeNull();
    expect(readLabel('Headline – Ferry')).toMatchObject({ kind: 'headline', rest: 'Ferry', colon: false, dash: true });
    expect(readLabel('**Titel** — Fähre')).toMatchObject({ kind: 'headline', rest: 'Fähre', dash: true, marked: true });
    expect(readLabel('Title-winning coach')).toBeNull();
    expect(readLabel('Titel- und Bildrechte')).toBeNull();
    expect(readLabel('H1 – Ferry')).toBeNull();
  });

  it('says a line still being written may become a label only while it can', () => {
    for (const s of [
      'Head',
      'Headline',
      'Headline:',
      '**Rewritten ar',
      'Titre ',
      'Titre :',
      'Artículo reesc',
      '## Überschr',
      '*Te',
      'Title -',
      'Titel —',
      '**Título** |',
    ])
      expect(mayBecomeLabel(s), s).toBe(true);
    for (const s of ['Headline: F', 'Heads', 'Article 5', 'Text is', 'The ferry', '*Text* i']) expect(mayBecomeLabel(s), s).toBe(false);
  });
});

/**
 * The popup parses the whole text so far on every chunk, with no state kept between chunks: whatever the chunking,
 * what it shows is the parse of a prefix of the answer. So parsing every prefix (every character boundary) covers
 * every chunking, "Head" + "line: Fer…" included.
 */
function streamEveryPrefix(answer: string, expected: { headline: string; body: string }, labels = true): void {
  const last = final(answer);
  expect(last).toMatchObject(expected);
  const finalPlain = copyAll(last.headline, last.body);
  for (let n = 0; n <= answer.length; n++) {
    const s = parseAnswer(answer.slice(0, n));
    const at = `at ${n}: ${JSON.stringify(answer.slice(Math.max(0, n - 30), n))}`;
    if (s.headline !== '') expect(s.headline, at).toBe(expected.headline);
    if (!s.headlineSettled) expect(s.body, at).toBe('');
    expect(expected.body.startsWith(s.body), `${at} body ${JSON.stringify(s.body)}`).toBe(true);
    if (labels) expect(s.body, at).not.toMatch(LABEL_WORDS);
    if (labels) expect(s.headline, at).not.toMatch(LABEL_WORDS);
    const shown = s.headline === '' ? '' : copyAll(s.headline, s.body);
    // What the popup copies is always the start of the final copy, less a held-back last line at most.
    const cut = shown.lastIndexOf('\n');
    expect(finalPlain.startsWith(shown) || finalPlain.startsWith(shown.slice(0, Math.max(cut, 0))), at).toBe(true);
  }
}

describe('streaming: a label never flashes into the headline or the body', () => {
  for (const L of LANGS) {
    const c = colon(L.lang);
    const note = {
      en: '**Note:** I kept every quote.',
      de: 'Anmerkung: Alle Zitate blieben.',
      fr: '*Remarque : citations conservées.*',
      es: 'Nota: mantuve las citas.',
    }[L.lang];
    const shapes: Record<string, string> = {
      'labels, then a note after a rule': `${L.headlineLabels[0]}${c} ${L.headline}\n\n${L.bodyLabels[0]}${c}\n\n${L.body}\n\n---\n\n${note}`,
      'inline labels': `${L.headlineLabels[0]}${c} ${L.headline}\n\n${L.bodyLabels[0]}${c} ${L.body}`,
      'bold labels alone': `**${L.headlineLabels[1]}${c}**\n${L.headline}\n\n**${L.bodyLabels[2]}${c}**\n\n${L.body}`,
      'heading labels': `## ${L.headlineLabels[0]}\n\n${L.headline}\n\n### ${L.bodyLabels[0]}\n\n${L.body}`,
      'preamble, then labels': `${L.preambles[0]}\n\n${L.headlineLabels[0]}${c} ${L.headline}\n${L.bodyLabels[1]}${c}\n${L.body}\n`,
      'article label before the headline': `${L.bodyLabels[2]}${c}\n\n# ${L.headline}\n\n${L.body}`,
      'weak inline body label after a labelled headline': `*${L.headlineLabels[0]}${c}* ${L.headline}\n\n${L.bodyLabels[1]}${c} ${L.body}`,
      'CRLF and italic labels': `_${L.headlineLabels[0]}_${c} ${L.headline}\r\n\r\n*${L.bodyLabels[0]}*${c}\r\n${L.body}`.replace(/\n\n(?!\r)/g, '\r\n\r\n'),
    };
    for (const [name, answer] of Object.entries(shapes)) {
      it(`${L.lang}: ${name}`, () => streamEveryPrefix(answer, { headline: L.headline, body: L.body }));
    }
  }

  it('content that starts like a label shows once it cannot be one, and stays', () => {
    streamEveryPrefix(
      '# Nato allies meet\n\nArticle 5: an attack on one is an attack on all.\n\nMore.',
      {
        headline: 'Nato allies meet',
        body: 'Article 5: an attack on one is an attack on all.\n\nMore.',
      },
      false,
    );
    streamEveryPrefix(
      'Title IX ruling upheld\n\nText: the medium that outlived the pager.',
      {
        headline: 'Title IX ruling upheld',
        body: 'Text: the medium that outlived the pager.',
      },
      false,
    );
  });
});
