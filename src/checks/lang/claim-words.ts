/**
 * The shape of one language's word lists for the claims check (src/checks/claims.ts; ./claims-by-lang.ts looks
 * them up).
 * Entries are lower case; an entry with spaces is a phrase matched word by word ("according to", "ne pas").
 */

export interface ClaimWords {
  /** Articles, pronouns, prepositions, auxiliaries: left out when sentences are matched. */
  functionWords: ReadonlySet<string>;
  /** Words and phrases that negate a statement (including verbs that deny or refuse). */
  negators: readonly string[];
  /** Words whose meaning carries a negation (declined, avoided, lacked, absence, excluded): never a new negation on
   * their own, but a negation said with them is not lost, and a "not" beside them is not new. */
  negativeWords: readonly string[];
  /** Phrases after which a negator does not negate the claim ("or not", "no more than", "ne … que" is "only"). */
  notNegating: readonly string[];
  /** Prefixes that turn a word into its opposite (un-, in-, dés-): "insuficiente" for "suficiente" flips the claim. */
  negPrefixes: readonly string[];
  /** Verbs that deny a claim, and verbs that admit one: "denies the charges" turned into "admits them" is a negation flipped. */
  denials: readonly string[];
  admissions: readonly string[];
  /** "since" and "last": "none since 2012" is "the last one in 2012", the negation is said another way. */
  since: readonly string[];
  last: readonly string[];
  /** Words that bound a figure wherever they stand (maximum, minimum, exceeded, dépassait, höchstens). */
  bounds: readonly string[];
  /** Verbs of belief or accusation (believes, cree, wirft vor): a claim put in someone's mouth, as weak as a modal. */
  opinion: readonly string[];
  /** The negators that negate a whole clause (not, nicht, ne, no), unlike "no details" or "kein Kommentar". */
  clausalNegators: readonly string[];
  /** Hedges: words that make a statement less than certain (allegedly, may, angeblich, aurait, podría). */
  hedges: readonly string[];
  /** Hedges that are also the tense of reported speech ("a annoncé qu'une enquête serait ouverte"): no hedge after a
   * verb of saying in the same sentence. */
  conditionals: readonly string[];
  /** Modals that hedge as reported speech ("soll … haben") and otherwise state a plan ("soll … werden"). */
  reportive: readonly string[];
  /** The words after a reportive modal that make it reported speech. */
  reportiveAfter: readonly string[];
  /** Modals that hedge only sometimes ("could be seen" is no hedge): they count when a certain word replaces them. */
  weakHedges: readonly string[];
  /** Words that state something as certain (will, certainly): shown as what replaced a hedge. */
  boosters: readonly string[];
  /** Words before a figure that make it approximate (about, rund, environ, unos). */
  approx: readonly string[];
  /** Attribution cues followed by who is credited (according to, laut, selon, según). */
  creditAfter: readonly string[];
  /** Attribution cues preceded by who is credited (zufolge). */
  creditBefore: readonly string[];
  /** Verbs of saying: who is credited is their subject (before, or after them when inverted). */
  sayVerbs: readonly string[];
  /** Phrases of a summing-up or connecting line, which states no claim of its own (highlights, bleibt abzuwarten). */
  generic: readonly string[];
  /** Adverbs, quantifiers, connectives and modals that add no claim of their own (already, several, bereits, plusieurs, dû);
   * an entry of two words is matched with the word before ("en cambio"). Invented claims (../invented.ts) leave them out. */
  fillers: ReadonlySet<string>;
  /** Who-words too vague to compare (officials, he, sources). */
  vague: ReadonlySet<string>;
  /** Unit words and symbols → one canonical unit. */
  units: ReadonlyMap<string, string>;
  /** Words that make a figure a rate when a time unit follows them ("per", "a", "pro", "im", "par", "al"). */
  perWords: readonly string[];
  /** Weekdays → 1 (Monday) … 7. */
  weekdays: ReadonlyMap<string, number>;
  /** Months → 1 … 12. */
  months: ReadonlyMap<string, number>;
  /** Number words → value. */
  numberWords: ReadonlyMap<string, number>;
  /** Scale words after a figure → factor (million, Millionen, millions, millones). */
  scales: ReadonlyMap<string, number>;
  /** True where "1,5" is one and a half and "1.500" is fifteen hundred. */
  decimalComma: boolean;
}

/** Units shared by all four languages (symbols and abbreviations). */
export const UNIT_SYMBOLS: ReadonlyArray<[string, string]> = [
  ['km', 'km'],
  ['kms', 'km'],
  ['mi', 'mi'],
  ['kg', 'kg'],
  ['kgs', 'kg'],
  ['lb', 'lb'],
  ['lbs', 'lb'],
  ['°c', '°C'],
  ['°f', '°F'],
  ['ft', 'ft'],
  ['ha', 'ha'],
  ['mph', 'mph'],
  ['km/h', 'km/h'],
  ['kmh', 'km/h'],
  ['gal', 'gal'],
  ['km²', 'km2'],
  ['km2', 'km2'],
  ['m²', 'm2'],
  ['mi²', 'mi2'],
];
