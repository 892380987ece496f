/**
 * The labels a model writes before the headline or the article ("Title:", "**Rewritten article:**", "## Artikel",
 * "Titre :", "Artículo reescrito:") and its preamble lines ("Here is the rewritten article:", "Voici l'article
 * réécrit :"), in the four UI languages, as one grammar read from the start of a line: optional heading marks and
 * emphasis, a label phrase (modifier, noun, modifier), optional closing emphasis, an optional colon, then the text.
 *
 * A label counts only where it cannot be text: with its colon ("Headline: Ferry service resumes"), or alone on its
 * line ("## Article", "**New title**"). "Title IX ruling…", "Article 5: …" and "Articles of faith…" are text: the
 * phrase must end at a word's end and be followed by a colon or nothing. A dash or a bar right after the phrase
 * ("Headline – Ferry service resumes", "**Titel** — …", "Título | …") separates a label too (see `Label.dash`).
 */

export type LabelKind = 'headline' | 'body';

export interface Label {
  kind: LabelKind;
  /** The text after the label on the same line, trimmed, emphasis closing the label removed ('' when alone). */
  rest: string;
  /** A colon followed the label. */
  colon: boolean;
  /**
   * A dash (–, —, or a hyphen with a space on each side) or a bar followed the label instead of a colon. Callers take
   * it as they take a colon; a weak body noun with a dash ("Text – …", "Story — …") may be a headline or a sentence.
   */
  dash: boolean;
  /** The label was a heading or written in bold or italics. */
  marked: boolean;
  /**
   * A body label that can hardly be the start of a sentence: it names the article ("Article:", "Artikel:") or has a
   * modifier ("Rewritten text:"). "Text:", "Body:", "Texte :", "Inhalt:" alone are weak: inline they may be content.
   */
  strong: boolean;
}

interface Language {
  /** Words before the noun ("rewritten", "neuer"). */
  pre: readonly string[];
  /** Words after the noun ("réécrit", "de l'article"). */
  post: readonly string[];
  headline: readonly string[];
  body: readonly string[];
  /** Body nouns that may start a sentence ("Text: …"): weak unless a modifier comes with them. */
  weak: readonly string[];
}

const LANGUAGES: readonly Language[] = [
  {
    pre: ['rephrased', 'rewritten', 'new', 'suggested', 'proposed', 'revised', 'final', 'improved', 'full', 'article', 'news'],
    post: [],
    headline: ['title', 'headline', 'h1', 'heading'],
    body: ['article', 'body', 'text', 'content', 'story', 'body text', 'main text'],
    weak: ['body', 'text', 'content', 'story'],
  },
  {
    pre: [
      'neue',
      'neuer',
      'neues',
      'umgeschriebene',
      'umgeschriebener',
      'umgeschriebenes',
      'überarbeitete',
      'überarbeiteter',
      'überarbeitetes',
      'vorgeschlagene',
      'vorgeschlagener',
      'vollständiger',
    ],
    post: ['des artikels'],
    headline: ['titel', 'überschrift', 'schlagzeile', 'hauptüberschrift'],
    body: ['artikel', 'text', 'inhalt', 'fließtext', 'artikeltext', 'haupttext', 'beitrag'],
    weak: ['text', 'inhalt'],
  },
  {
    pre: ['nouveau', 'nouvel', 'nouvelle'],
    post: ['réécrit', 'réécrite', 'reformulé', 'reformulée', 'proposé', 'complet', "de l'article", 'du texte'],
    headline: ['titre'],
    body: ['article', 'texte', 'corps', 'contenu'],
    weak: ['texte', 'corps', 'contenu'],
  },
  {
    pre: ['nuevo', 'nueva'],
    post: ['reescrito', 'reescrita', 'reformulado', 'reformulada', 'propuesto', 'completo', 'del artículo', 'del articulo', 'de la noticia'],
    headline: ['título', 'titulo', 'titular'],
    body: ['artículo', 'articulo', 'texto', 'cuerpo', 'contenido'],
    weak: ['texto', 'cuerpo', 'contenido'],
  },
];

interface Phrase {
  text: string;
  kind: LabelKind;
  strong: boolean;
}

/** Every label phrase, lower case, words one space apart; the longest first, so "rewritten article" wins over none. */
const PHRASES: readonly Phrase[] = (() => {
  const out = new Map<string, Phrase>();
  for (const lang of LANGUAGES) {
    for (const [kind, nouns] of [
      ['headline', lang.headline],
      ['body', lang.body],
    ] as const) {
      for (const noun of nouns) {
        for (const pre of ['', ...lang.pre]) {
          for (const post of ['', ...lang.post]) {
            if (pre === noun) continue;
            const text = [pre, noun, post].filter(Boolean).join(' ');
            const strong = kind === 'body' && (pre !== '' || post !== '' || !lang.weak.includes(noun));
            const had = out.get(text);
            // A phrase two languages share ("article", "text") is weak if either reads it as weak.
            if (had === undefined) out.set(text, { text, kind, strong });
            else if (had.kind === kind) had.strong = had.strong && strong;
          }
        }
      }
    }
  }
  return [...out.values()].sort((a, b) => b.text.length - a.text.length);
})();
/** The phrases by their first letter (longest first), so a line that starts with no such letter is passed over at once. */
const BY_FIRST: ReadonlyMap<string, readonly Phrase[]> = (() => {
  const map = new Map<string, Phrase[]>();
  for (const p of PHRASES) {
    const first = p.text[0] as string;
    const list = map.get(first) ?? [];
    list.push(p);
    map.set(first, list);
  }
  return map;
})();
const APOSTROPHES = "'’‘`";
/** White space as a label's words are apart by: ASCII space and controls, no-break and the typographic spaces. */
const isBlank = (code: number): boolean => code <= 32 || code === 0xa0 || code === 0x202f || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
const NEEDS_COLON: ReadonlySet<string> = new Set(['h1']);
const LONGEST = PHRASES[0]?.text.length ?? 0;

/** Lower case, apostrophes as ', every run of white space one space: the form the phrases are written in. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ');
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Heading marks and an opening run of emphasis off the start: what is left, the opener, whether any was there. */
function openMarks(line: string): { s: string; opener: string; marked: boolean } {
  let s = line.trim();
  let marked = false;
  // "###" alone counts as opened: while streaming, it may become "### Article".
  const heading = /^#{1,6}(?:[ \t]+|$)/.exec(s);
  if (heading) {
    s = s.slice(heading[0].length);
    marked = true;
  }
  const open = /^[*_]{1,3}/.exec(s);
  const opener = open ? open[0] : '';
  if (opener !== '') {
    s = s.slice(opener.length).trimStart();
    marked = true;
  }
  return { s, opener, marked };
}

/**
 * The phrase at the start of `s` (as written, any case, any white space between its words) and where it ends, or
 * null. The phrase must end at a word's end: "Articles" and "Titles" are no labels.
 */
function phraseAt(s: string): { phrase: Phrase; end: number } | null {
  const candidates = BY_FIRST.get((s[0] ?? '').toLowerCase());
  if (candidates === undefined) return null;
  // The head of s in the phrases' form, and where each of its characters ends in s (white space runs collapse).
  let norm = '';
  const ends: number[] = [];
  for (let i = 0; i < s.length && norm.length <= LONGEST; i++) {
    const c = s[i] as string;
    if (isBlank(c.charCodeAt(0))) {
      if (norm.endsWith(' ')) ends[ends.length - 1] = i + 1;
      else {
        norm += ' ';
        ends.push(i + 1);
      }
      continue;
    }
    norm += APOSTROPHES.includes(c) ? "'" : c.toLowerCase();
    while (ends.length < norm.length) ends.push(i + 1);
  }
  for (const phrase of candidates) {
    if (!norm.startsWith(phrase.text)) continue;
    const end = ends[phrase.text.length - 1] ?? 0;
    if (isWordChar(s[end]) || (APOSTROPHES.includes(s[end] ?? '') && isWordChar(s[end + 1]))) continue;
    return { phrase, end };
  }
  return null;
}

/** A label at the start of the line (see above), or null. */
export function readLabel(line: string): Label | null {
  const { s, opener, marked } = openMarks(line);
  const found = phraseAt(s);
  if (!found) return null;
  let after = s.slice(found.end);
  let closed = false;
  const close = (): void => {
    const m = /^\s*[*_]{1,3}/.exec(after);
    if (m) {
      after = after.slice(m[0].length);
      closed = true;
    }
  };
  close();
  const colonAt = /^\s*[:：]/.exec(after);
  // "Title-winning" and "Titel- und Bildrechte" are words: a hyphen separates only with a space on each side.
  const dashAt = colonAt || NEEDS_COLON.has(found.phrase.text) ? null : /^\s*[–—|]|^\s+-{1,2}(?=\s|$)/u.exec(after);
  const sepAt = colonAt ?? dashAt;
  if (sepAt) {
    after = after.slice(sepAt[0].length);
    close();
  }
  let rest = after.trim();
  if (!sepAt) {
    // No colon: a label only if nothing but closing marks follows ("**Article**", "## Titre ##"). "H1" alone may
    // be a headline (a tag name is no word a model writes as a label without its colon).
    if (!/^[*_#\s]*$/.test(rest) || NEEDS_COLON.has(found.phrase.text)) return null;
    rest = '';
  } else if (!closed && opener !== '' && rest.endsWith(opener)) {
    // "**Title: Ferry service resumes**": the emphasis wrapped label and text alike.
    rest = rest.slice(0, -opener.length).trimEnd();
  }
  return { kind: found.phrase.kind, rest, colon: colonAt !== null, dash: dashAt !== null, marked, strong: found.phrase.strong };
}

/** What may still follow a complete phrase while the label is being written: closing marks, a colon or a dash, spaces. */
const LABEL_TAIL = /^[*_]{0,3}\s*(?:[:：–—|]|-{1,2})?\s*[*_]{0,3}\s*$/u;

/**
 * Whether a line still being written could turn out to be a label (of the given kind): "Head", "**Rewritten ar",
 * "Titre ", "Artículo reescrito:". While it could, the line is held back rather than shown and taken away.
 */
export function mayBecomeLabel(line: string, kind?: LabelKind): boolean {
  const { s } = openMarks(line);
  const norm = normalise(s.trimStart()).replace(/^ /, '');
  if (norm === '' || norm.length > LONGEST + 12) return norm === '' && line.trim() !== '';
  for (const phrase of PHRASES) {
    if (kind !== undefined && phrase.kind !== kind) continue;
    if (phrase.text.startsWith(norm)) return true;
    if (norm.startsWith(phrase.text) && LABEL_TAIL.test(norm.slice(phrase.text.length))) return true;
  }
  return false;
}

/** Words a chatty opening line starts with ("Sure!", "Here is…", "Voici…", "Hier ist…", "Aquí tienes…"). */
const OPENERS = [
  'sure',
  'here',
  'certainly',
  'of course',
  'okay',
  'ok',
  'absolutely',
  'alright',
  'all right',
  'below',
  'gerne',
  'gern',
  'hier',
  'natürlich',
  'klar',
  'selbstverständlich',
  'nachfolgend',
  'voici',
  'voilà',
  'voila',
  'bien sûr',
  'bien sur',
  'certainement',
  "d'accord",
  'absolument',
  'ci-dessous',
  'entendu',
  'aquí',
  'aqui',
  'claro',
  'por supuesto',
  'desde luego',
  'de acuerdo',
  'a continuación',
  'a continuacion',
  'perfecto',
];
/** Openers that make a whole line on their own ("Sure!", "Gerne!", "Bien sûr !", "¡Claro!"). */
const ALONE = new Set([
  'sure',
  'certainly',
  'of course',
  'okay',
  'ok',
  'absolutely',
  'alright',
  'all right',
  'gerne',
  'natürlich',
  'klar',
  'selbstverständlich',
  'bien sûr',
  'bien sur',
  'certainement',
  "d'accord",
  'absolument',
  'entendu',
  'claro',
  'por supuesto',
  'desde luego',
  'de acuerdo',
  'perfecto',
]);

/**
 * A chatty line before the answer: an opener word and a colon at the end ("Here is the rewritten article:",
 * "Voici l'article réécrit :", "Hier ist der umgeschriebene Artikel:", "Aquí está el artículo reescrito:"), or an
 * opener alone ("Sure!"). A headline ending in a colon ("Breaking news:") is no preamble.
 */
export function isPreamble(line: string): boolean {
  const s = trimMarks(normalise(line.replace(/^\s*#{1,6}\s+/, '').replace(/\*\*|__/g, '')));
  for (const opener of OPENERS) {
    if (!s.startsWith(opener) || isWordChar(s[opener.length])) continue;
    if (/[:：]$/.test(s)) return true;
    if (ALONE.has(opener) && /^[\s!.,]*$/.test(s.slice(opener.length))) return true;
  }
  return false;
}

/** White space, emphasis marks and Spanish opening marks (¡ ¿) off both ends, in one walk from each end. */
function trimMarks(s: string): string {
  const mark = (c: string | undefined): boolean => c !== undefined && (c === '*' || c === '_' || c === '¡' || c === '¿' || /\s/.test(c));
  let start = 0;
  while (start < s.length && mark(s[start])) start++;
  let end = s.length;
  while (end > start && mark(s[end - 1]) && s[end - 1] !== '¡' && s[end - 1] !== '¿') end--;
  return s.slice(start, end);
}
