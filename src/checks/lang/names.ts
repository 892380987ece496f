/**
 * What each language needs to tell names from other capitalised words: its function words (never names, even
 * capitalised), the lower-case words that join the parts of one name ("Viana do Castelo", "Mohammed bin Salman"),
 * titles that announce a name ("Kanzler", "Frau"), and, for German, which capitalises every noun, the determiners
 * a common noun stands after and the endings only common nouns have.
 */

import type { CheckLang } from './index';
import { ALL_MONTHS, ALL_WEEKDAYS } from './dates';
import { wordSet as set } from './word-set';

/** Words that end the "what it counts" phrase after a figure ("27,000 people in Gaza" → "27,000 people"). */
export const UNIT_STOP: Readonly<Record<CheckLang, ReadonlySet<string>>> = {
  en: set(
    'a an the and or but of in on at to from for with by since than as that which who is are was were has have had',
    'will would per over under after before during into its their his her this these those while according said says ago',
  ),
  de: set(
    'der die das den dem des ein eine einer einem einen eines und oder aber in im an am auf aus bei mit nach seit von vom',
    'zu zum zur für gegen um über unter vor hinter ist sind war waren hat haben hatte hatten wird werden wurde wurden',
    'sei seien als wie dass die sich laut pro je sagte sagten davon darunter dafür',
  ),
  fr: set(
    "le la les l' l’ un une des du de d' d’ et ou mais en dans sur sous à au aux avec par pour chez depuis selon",
    'est sont était étaient a ont avait avaient sera seront que qui dont ce cette ces son sa ses leur leurs il elle ils',
    'elles contre après avant pendant',
  ),
  es: set(
    'el la los las lo un una unos unas del de y o pero en con por para desde hasta sin sobre según entre a al',
    'es son era eran fue fueron ha han había habían será serán que quien cuyo este esta estos estas su sus tras antes',
    'después durante contra',
  ),
};

const EN_FUNCTION = set(
  'i we you he she it they me him them my our your there here what when where why how whose whom all any some no not',
  'yes if so yet then also however meanwhile despite following such many most more other another each every both',
  'either neither only even still now today yesterday tomorrow mr mrs ms dr prof sir read related do does did be been',
  'being can could should may might must shall let just very much like unlike although though because until unless',
  'whether about above below between among through without within against toward towards upon via ok okay oh',
);
const DE_FUNCTION = set(
  'ich du er sie es wir ihr mich mir dich dir ihn ihm uns euch ihnen sich mein meine dein deine sein seine ihre unser',
  'unsere euer eure dieser diese dieses diesem diesen jener jene jenes welcher welche welches jeder jede jedes alle',
  'allen aller viele vielen einige manche kein keine keinen keinem keiner nicht nichts auch noch schon nur sehr doch',
  'ja nein wenn weil ob obwohl damit denn sondern sowie bis durch ohne zwischen neben trotz während wegen statt',
  'hier dort da dann danach heute gestern morgen jetzt nun so wo wann warum wie was wer wem wen wessen kann könnte',
  'können muss müssen soll sollen sollte will wollen darf dürfen mag möchte man dazu dabei davon darauf daran',
  'darum deshalb deswegen außerdem zudem jedoch allerdings bereits etwa rund fast knapp mehr weniger ebenfalls',
  'herr frau herrn dr prof',
);
const FR_FUNCTION = set(
  'je tu il elle nous vous ils elles on me te se lui leur eux moi toi mon ma mes ton ta tes notre nos votre vos',
  'ce cet cette ces celui celle ceux celles qui que quoi dont où quand comment pourquoi si ne pas plus ni non oui',
  'mais ou donc or car aussi déjà encore toujours jamais très tout tous toute toutes autre autres même chaque',
  "plusieurs quelques certains certaines aujourd'hui aujourd’hui hier demain ici là alors ainsi puis enfin cependant",
  'pourtant toutefois néanmoins entre vers sans parmi lors dès peut doit selon environ près quelque m mme mlle',
  'monsieur madame',
  // common nouns French style capitalises: "le chef de l'État"
  'état',
);
const ES_FUNCTION = set(
  'yo tú él ella nosotros nosotras vosotros ellos ellas usted ustedes me te se nos os le les lo mi mis tu tus nuestro',
  'nuestra nuestros nuestras ese esa esos esas aquel aquella aquellos aquellas esto eso quien quienes cual cuales',
  'cuando donde como porque si no ni sí ya también tampoco muy más menos todo toda todos todas otro otra otros otras',
  'cada algunos algunas varios varias mismo misma hoy ayer mañana aquí allí ahí entonces luego así aunque sino pues',
  'sin embargo hacia mediante cerca casi unos sr sra srta don doña señor señora',
  // common nouns Spanish style capitalises: "el Gobierno", "el Estado", "el Ejecutivo"
  'gobierno estado ejecutivo',
);

/** Capitalised, these are still never names: function words, number words, months and weekdays of the language. */
export function functionWords(lang: CheckLang, numberWords: Iterable<string>): ReadonlySet<string> {
  const own = { en: EN_FUNCTION, de: DE_FUNCTION, fr: FR_FUNCTION, es: ES_FUNCTION }[lang];
  return new Set([...UNIT_STOP[lang], ...own, ...numberWords, ...ALL_MONTHS, ...ALL_WEEKDAYS]);
}

/** Lower-case words that may join the parts of a name: "University of Oxford", "Viana do Castelo", "bin Salman". */
export const CONNECTORS: ReadonlySet<string> = set('of for de du des da do dos das del della di der van von al el bin bint ibn la le y');

/** Prefixes glued by a hyphen to an Arabic surname: "al-Assad", "el-Sisi". The word is a name when a capital follows. */
export const NAME_PREFIXES: ReadonlySet<string> = set('al el ad as ash at az ar an ul');

/** German words that announce a name after them (titles, offices, "Herr"/"Frau"). Lower case. */
export const DE_TITLES: ReadonlySet<string> = set(
  'herr herrn frau dr prof kanzler kanzlerin bundeskanzler bundeskanzlerin minister ministerin präsident präsidentin',
  'bundespräsident ministerpräsident ministerpräsidentin bürgermeister bürgermeisterin oberbürgermeister papst',
  'könig königin prinz prinzessin fürst senator senatorin abgeordnete abgeordneter trainer coach sprecher sprecherin',
  'chef chefin vorsitzende vorsitzender kommissar kommissarin general generalin stadt firma konzern partei verein',
  'landkreis gemeinde bundesland hauptstadt',
);
/** Endings of German words that name an office: "Außenminister", "Regierungssprecher", "Parteichef". */
export const DE_TITLE_ENDINGS: readonly string[] = [
  'minister',
  'ministerin',
  'präsident',
  'präsidentin',
  'sprecher',
  'sprecherin',
  'chef',
  'chefin',
  'meister',
  'meisterin',
];

/** Prepositions of place a town or country stands after without an article ("in Berlin", "aus Paris"). */
export const DE_PLACE_PREPOSITIONS: ReadonlySet<string> = set('in aus nach bei');

/** German determiners, prepositions fused with articles, and quantifiers a common noun stands after. */
export const DE_DETERMINERS: ReadonlySet<string> = set(
  'der die das den dem des ein eine einer einem einen eines kein keine keiner keinem keinen keines im am ins ans zum',
  'zur vom beim mein meine meinem meinen meiner sein seine seinem seinen seiner seines ihr ihre ihrem ihren ihrer',
  'ihres unser unsere unserem unseren unserer euer eure dieser diese dieses diesem diesen jeder jede jedes jedem',
  'jeden welche welcher welches alle allen aller viele vielen vieler einige einigen mehrere mehreren manche wenige',
  'wenigen beide beiden solche solchen',
);
/** Endings only German common nouns (and a few adjectives) have; a word with one is no name by itself. */
export const DE_NOUN_ENDINGS: readonly string[] = [
  'ung',
  'ungen',
  'heit',
  'heiten',
  'keit',
  'keiten',
  'schaft',
  'schaften',
  'tion',
  'tionen',
  'ität',
  'itäten',
  'ismus',
  'ment',
  'mente',
  'nis',
  'nisse',
  'tum',
  'ling',
  'linge',
  'ei',
  'eien',
  'ur',
  'uren',
  'ik',
  'iken',
  'ie',
  'ien',
  'enz',
  'anz',
  'sion',
  'ist',
  'isten',
  'erin',
  'erinnen',
  'innen',
  'er',
  'ern',
  'en',
  'e',
  'el',
  'eln',
  'ten',
];
