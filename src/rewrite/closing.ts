/**
 * Closing chatter: a paragraph after the article where the model speaks to the user instead of writing the story
 * ("Let me know if you'd like any changes!", "I hope this helps.", "Ich hoffe, das hilft!", "N'hésitez pas à me
 * demander…", "¿Quieres que lo ajuste?", "Would you like a shorter version?", "I kept all the quotes."), in the
 * four UI languages. Read as a class, not a list of sentences: the model offers something to the user, hopes its
 * text serves, asks the user a question about the text, or says what it did to the text. A paragraph with a quotation
 * or an attribution ("Let me know if you see him," she said.) is the article's, and so is a long one.
 */

/** Longer than this, a paragraph is the article's: chatter is a sentence or two. */
const MAX_CHARS = 400;

/** A letter or digit: what a word is made of (for word edges in the patterns below). */
const W = '[\\p{L}\\p{N}]';
/** Alternatives (one string per language, each `a|b|c`) as whole words or phrases, in a lower-cased paragraph. */
const words = (...alternatives: string[]): RegExp => new RegExp(`(?<!${W})(?:${alternatives.join('|')})(?!${W})`, 'u');

/** Quotation marks (not apostrophes): a paragraph quoting someone is the article's. */
const QUOTE = /["“”„«»‹›]/u;
/** Attribution and sourcing words: a paragraph reporting what someone said is the article's. */
const ATTRIBUTION = words(
  'said|says|told|asked|added|according to',
  'sagte|sagt|erklärte|fragte|betonte|laut',
  'a déclaré|a dit|a-t-il|a-t-elle|dit-il|dit-elle|a affirmé|selon',
  'dijo|afirmó|explicó|preguntó|señaló|según',
);

/** The model offering something to the user: enough on its own. */
const OFFER = words(
  "let me know|feel free|want me to|shall i|should i|i can (?:also )?(?:make|adjust|write|shorten|expand|change|rewrite|provide|add|tweak|do|suggest)|i(?:'d| would) be (?:happy|glad)|i'm (?:happy|glad) to|happy to help|anything else|just ask|don't hesitate|at your (?:disposal|service)",
  'lass(?:t|en sie)? (?:es )?mich wissen|(?:sag|sagt|sagen sie|gib|geben sie) (?:mir )?(?:gerne |einfach )?bescheid|melde dich|melden sie sich|soll(?:te)? ich|dass ich|ich kann (?:gerne |gern |auch )*(?:eine|einen|den|die|das|es)|zögern sie nicht|zögere nicht',
  "n'hésite(?:z)? pas|fai(?:te)?s-moi savoir|di(?:te)?s-moi|(?:voulez|souhaitez|aimeriez)-vous que je|à (?:votre|ta) disposition|(?:veux|souhaites|aimerais)-tu que je|je peux (?:aussi |également )?(?:le |la |les |vous |te )?(?:raccourcir|adapter|modifier|réécrire|proposer|ajouter|reformuler)",
  'av[íi]same|dime si|d[ée]jame saber|no dude(?:s)? en|a (?:tu|su) disposici[óo]n|(?:quieres|quiere|deseas|desea|prefieres|prefiere|necesitas|necesita) que (?:lo |la |le |te )?(?:ajuste|cambie|haga|acorte|modifique|reescriba|a[ñn]ada|prepare|adapte)|(?:te|le) gustar[íi]a que|puedo (?:tambi[ée]n )?(?:ajustar|cambiar|acortar|modificar|reescribir|a[ñn]adir|adaptar)',
);

/** An offer or a question that is the model's only when it is about the text (or names the model): "Would you like…". */
const ASK = words(
  "would you like|you(?:'d| would) like|do you want|if you (?:need|want|prefer|have any)|(?:happy|glad) to",
  'möchtest du|möchten sie|willst du|gerne? \\p{L}+ ich|zur verfügung|wollen sie|wünschen sie|wünschst du|(?:wenn|falls) (?:du|sie) (?:noch |weitere )?(?:möchtest|möchten|wünschst|wünschen|willst|wollen|brauchst|benötigen)',
  'souhaitez-vous|voulez-vous|aimeriez-vous|veux-tu|si vous (?:souhaitez|voulez|préférez|avez besoin)|si tu (?:souhaites|veux|préfères)',
  'quieres|deseas|desea|prefieres|(?:te|le) gustar[íi]a|si (?:necesitas|quieres|deseas|prefieres|necesita|quiere|desea)',
);

/** The model hoping its text serves the user, and what it hopes the text does. */
const HOPE = words('i hope (?:this|that|it|you|the)|^hope (?:this|that|it)', 'ich hoffe|hoffentlich', "j'espère|espérant", 'espero|ojalá');
const SERVES = words(
  'helps?|useful|meets|works|suits',
  'hilft|weiterhilft|nützlich|gefällt|entspricht|passt',
  'aide|convien(?:t|ne)|utile|plaise|plaît|répond',
  'sirva|sirve|ayude|útil|guste|gusta|corresponda',
);

/** The model saying what it did to the text: a first person and an editing verb. */
const DID = words(
  "i(?:'ve| have)? (?:kept|rewrote|rewritten|rephrased|reworded|shortened|tightened|condensed|changed|made|removed|added|restructured|preserved|retained|adjusted|tried|aimed|focused|used|avoided|included|omitted|simplified|cut|trimmed)",
  'ich habe',
  "j'ai",
  '(?:yo )?he (?:mantenido|reescrito|acortado|cambiado|eliminado|a[ñn]adido|reformulado|conservado|adaptado|intentado|simplificado|respetado|incluido|usado)',
);

/** Words about the text itself: what the model's remarks are about, and news paragraphs rarely name. */
const TEXT = words(
  'article|text|version|rewrite|draft|headline|title|lead|paragraphs?|quotes?|figures|facts|details|tone|wording|source|changes|adjustments|edits|length|style|seo|keywords',
  'artikel|fassung|entwurf|überschrift|titel|absatz|absätze|zitate?|zahlen|fakten|ton|formulierung(?:en)?|quelle|änderungen|anpassungen|länge|stil',
  'texte|réécriture|titre|paragraphes?|citations?|chiffres|faits|détails|formulation|modifications|ajustements|changements|longueur',
  'art[íi]culo|texto|versi[óo]n|titular|t[íi]tulo|p[áa]rrafos?|citas?|cifras|hechos|detalles|tono|fuente|cambios|ajustes|modificaciones|extensi[óo]n|estilo|noticia',
);

/** The model speaking as "I" or "me" (a question about the text with it is the model's). */
const ME = new RegExp(`${words('i|me|ich|mich|mir|je|moi|yo|m[íi]').source}|(?<!${W})[jm]'(?=\\p{L})`, 'u');
/** The user addressed. */
const YOU = words('you|your', 'du|dich|dir|dein\\p{L}*|ihnen', 'vous|votre|vos|tu|toi|te', 'ti|usted|tú');

/** A paragraph as the patterns read it: markup off, lower case, apostrophes as ', white space single, ¿ ¡ gone. */
function plainOf(paragraph: string): string {
  return paragraph
    .replace(/^\s*(?:#{1,6}\s+|>\s*)/, '')
    .replace(/\*\*|__|[*_]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/[¿¡]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Whether a paragraph is the model talking to the user rather than the article's text (see above). */
export function isClosingChatter(paragraph: string): boolean {
  const s = plainOf(paragraph);
  if (s === '' || s.length > MAX_CHARS || QUOTE.test(paragraph) || ATTRIBUTION.test(s)) return false;
  if (OFFER.test(s)) return true;
  if (HOPE.test(s) && (SERVES.test(s) || YOU.test(s) || TEXT.test(s))) return true;
  if (DID.test(s) && TEXT.test(s)) return true;
  if (ASK.test(s) && (TEXT.test(s) || ME.test(s))) return true;
  // A question to the user about the text: "¿Prefieres un tono más formal?", "Is the length right for you?"
  return /\?\s*$/.test(s) && YOU.test(s) && TEXT.test(s);
}

/**
 * How closing chatter begins, in the four languages: a paragraph still being written that starts so (or may still
 * become such a start) is held back while the answer streams, until it is whole and can be judged.
 */
const OPENERS: readonly string[] = [
  "i|let me|feel free|would you|do you|want me|shall i|should i|if you|hope|is there|is the|is this|are you|does this|does the|anything else|just ask|don't hesitate|happy to|glad to|can i|could i",
  'ich|lass|lasst|lassen sie|sag|sagen sie|gib|geben sie|melde|melden sie|möchtest|möchten sie|willst|wollen sie|wünschen sie|soll ich|sollte ich|wenn du|wenn sie|falls du|falls sie|hoffentlich|zögern|zögere|gerne|gern|brauchst',
  "je|j'|n'hésitez|n'hésite|faites-moi|fais-moi|dites-moi|dis-moi|si vous|si tu|voulez-vous|souhaitez-vous|aimeriez-vous|veux-tu|espérant",
  'espero|ojalá|quedo|avísame|avisame|dime|déjame|dejame|no dudes|si necesitas|si quieres|si deseas|si prefieres|quieres|deseas|prefieres|te gustaría|le gustaría|puedo|yo he|he mantenido|he reescrito|he acortado|he cambiado|he conservado|he intentado|he eliminado|he añadido|he adaptado|he respetado',
]
  .join('|')
  .split('|');
const LETTER = /[\p{L}\p{N}]/u;
const NOT_PROSE = /^\s*(?:#|>|[-+*](?:\s|$)|\d+[.)])/;

/** Whether a paragraph still being written starts like closing chatter, or may still ("Let m", "¿Quie", "N'hés"). */
export function startsLikeClosing(paragraph: string): boolean {
  // A question in Spanish opens with ¿: a question to the user may follow.
  if (/^[\s*_]*¿/.test(paragraph)) return true;
  // A quotation, a heading, a list or a block quote is the article's.
  if (QUOTE.test(paragraph.trimStart()[0] ?? '') || NOT_PROSE.test(paragraph)) return false;
  const s = plainOf(paragraph);
  // Only marks so far ("**", "_"): emphasis may open a closing line.
  if (s === '') return paragraph.trim() !== '';
  // An opener ends at a word's end ("Letters" is no "let"), or in an apostrophe ("J'espère").
  return OPENERS.some((o) => o.startsWith(s) || (s.startsWith(o) && (o.endsWith("'") || !LETTER.test(s[o.length] ?? ''))));
}
