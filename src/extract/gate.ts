import { collapseWhitespace } from './blocks';
import { stripInvisible } from './invisible';

/**
 * Where the story stops at a gate. A paywall-looking element alone says nothing: many sites ship every full article
 * with a "paywall" placeholder, a subscribe promo or a class name on the wrapper. What tells that text is missing is
 * a gate *at the end of the story*: after the story's last paragraph, with no story text after it, a box that says
 * "subscribe to continue reading" (a gate phrase) or a "show more" / "continue reading" control, or at least an
 * element named like a paywall (which then needs the text itself to stop mid-story; see `./warnings.ts`).
 */

/**
 * Paywall and login-wall phrasings (en/de/fr/es, and it/pt), as gates and "continue reading" prompts put them.
 * "Already a subscriber? Sign in" is not one: subscribe banners on full articles say it too.
 */
export const GATE_TEXT = new RegExp(
  [
    // en
    String.raw`\b(?:subscribe|sign in|sign up|log in|login|register|join|create (?:a|an|your) (?:free )?account)\b[^.!?]{0,60}\bto (?:continue|keep|start|finish) reading\b`,
    String.raw`\b(?:subscribe|sign in|sign up|log in|login|register|join)\b[^.!?]{0,40}\bto (?:read|access|unlock|view) (?:the (?:full|rest|whole|entire)|this (?:full )?(?:article|story|post))`,
    String.raw`\bto (?:read|access|continue|view|unlock) (?:the (?:full|rest|whole|entire)|this)\b[^.!?]{0,40}\b(?:subscri|sign in|log in|register|members?\b|account)`,
    String.raw`\b(?:continue|keep) reading (?:with|for) (?:a|an|your)\b[^.!?]{0,30}\b(?:subscription|account|membership)\b`,
    String.raw`\bthis (?:article|story|content|post|piece) is (?:only |exclusively )?(?:available|reserved|exclusive|for) (?:to |for )?(?:paid |paying |our )?(?:subscribers|members)\b`,
    String.raw`\b(?:for )?(?:subscribers|members) only\b`,
    String.raw`\bunlock (?:this|the full|the rest of this) (?:article|story|post)\b`,
    String.raw`\b(?:you(?:'|’)ve|you have) (?:reached|used) (?:your|all of your|the) (?:limit|free (?:articles?|stories)|monthly)\b`,
    // de
    String.raw`\bweiterlesen mit\b|\b(?:nur|exklusiv) für (?:abonnenten|abonnent\*innen|abonnentinnen|mitglieder|abo-?kunden)\b`,
    String.raw`\b(?:abonnieren|abo abschließen|registrieren|anmelden|einloggen)\b[^.!?]{0,40}\b(?:weiterlesen|weiter lesen|lesen sie weiter)\b`,
    String.raw`\bum (?:den|diesen) (?:ganzen |vollständigen |kompletten )?(?:artikel|beitrag|text) (?:weiter |vollständig )?zu lesen\b`,
    String.raw`\b(?:dieser|der) (?:artikel|beitrag|inhalt) ist (?:nur |exklusiv )?(?:für|abonnenten)`,
    // fr
    String.raw`\bréservée?s? (?:aux|à nos) (?:abonnés|abonné·e·s|membres)\b|\bil vous reste \d+(?:[.,]\d+)?\s?% de (?:l.|cet )article\b`,
    String.raw`\b(?:abonnez-vous|inscrivez-vous|connectez-vous|identifiez-vous)\b[^.!?]{0,40}\b(?:lire la suite|poursuivre (?:la|votre) lecture|continuer (?:à|de) lire|lire l.article)\b`,
    String.raw`\bpour (?:lire|découvrir|consulter) (?:la suite|l.intégralité|cet article en entier)\b`,
    // es
    String.raw`\bexclusivos? para (?:suscriptores|socios|abonados|assinantes)\b|\briservato agli abbonati\b`,
    String.raw`\b(?:suscríbete|suscribirse|regístrate|registrarse|inicia sesión|hazte suscriptor)\b[^.!?]{0,40}\b(?:seguir|continuar) leyendo\b`,
    String.raw`\bpara (?:seguir|continuar) leyendo\b|\bpara leer (?:el artículo completo|la noticia completa|más)\b`,
    String.raw`\b(?:este|el) (?:contenido|artículo) es (?:solo |sólo |exclusivo )?para (?:suscriptores|abonados|socios)\b`,
  ].join('|'),
  // Not 'u': these phrasings have no astral characters, and without it V8 runs this test many times faster (it runs
  // on every paragraph at the end of the page).
  'i',
);

/**
 * The part of a gate's wording that says *this* article goes on behind it ("to continue reading", "the rest of this
 * article", "Il vous reste 68% de cet article", "weiterlesen", "para seguir leyendo"), as a generic promo ("Subscribe
 * to our newsletter", a "subscribers only" badge on another story's teaser) does not.
 */
export const CONTINUES_TEXT = new RegExp(
  [
    // en
    String.raw`\b(?:continue|keep|finish) reading\b|\b(?:the )?(?:rest|remainder) of (?:this|the) (?:article|story|post)\b`,
    String.raw`\b(?:read|access|unlock|view) (?:the (?:full|whole|entire)|this (?:full )?)(?:article|story|post)\b`,
    String.raw`\bthis (?:article|story|content|post|piece) is (?:only |exclusively )?(?:available|reserved|exclusive|for)\b`,
    // de
    String.raw`\bweiter ?lesen\b|\blesen sie weiter\b|\b(?:den|diesen) (?:ganzen |vollständigen |kompletten )?(?:artikel|beitrag|text) (?:weiter |vollständig )?zu lesen\b|\b(?:dieser|der) (?:artikel|beitrag|inhalt) ist (?:nur|exklusiv)\b`,
    // fr
    String.raw`\bla suite\b|\bil vous reste \d+(?:[.,]\d+)?\s?% de\b|\bpoursuivre (?:la|votre) lecture\b|\bcontinuer (?:à|de) lire\b|\bl.intégralité\b|\bcet article est réservé\b`,
    // es
    String.raw`\b(?:seguir|continuar) leyendo\b|\b(?:el artículo|la noticia) complet[ao]\b|\b(?:este|el) (?:contenido|artículo) es (?:solo |sólo )?(?:exclusivo )?para\b`,
  ].join('|'),
  'i',
);

/** The whole text of a "show more" / "continue reading" control (a button or link that loads the rest of the story). */
export const MORE_PROMPT =
  /^(?:(?:read|show|see|view|load) (?:more|the (?:full|whole|entire|rest of the) (?:article|story|post|text)|full (?:article|story))|continue reading|keep reading|(?:artikel |beitrag )?weiterlesen|weiter lesen|mehr (?:anzeigen|lesen)|(?:ganzen |vollständigen )?artikel (?:anzeigen|lesen)|lire la suite|la suite|voir (?:plus|la suite)|afficher (?:plus|la suite)|lire l.article(?: complet)?|leer (?:más|el artículo completo|la noticia completa)|seguir leyendo|continuar leyendo|ver (?:más|la noticia completa)|mostrar más)\s*[…›»→>+.:]*$/iu;

/** Class or id names of paywall overlays and truncation gates. */
export const PAYWALL_NAME = /paywall|pay-wall|regwall|subscriber-only|subscription-wall|metered-?content|premium-gate/i;

/** A paragraph this long is story text (shorter ones may be captions, buttons or gate lines). */
const STORY_PARAGRAPH_CHARS = 60;
/** A gate box's text is short: longer text is story, comments or another article. */
const GATE_MAX_CHARS = 500;
/** Raw text (whitespace not collapsed) longer than this is not a gate box's. */
const RAW_MAX_CHARS = 4 * GATE_MAX_CHARS;
/** Elements looked at after the story's last paragraph: the gate stands right there, not a page later. */
const MAX_STEPS = 80;
/** Past `MAX_TAIL_CHARS` the gate must stand closer to the paragraph it follows (which keeps the longer walk cheap). */
const LONG_TAIL_STEPS = 12;
/** Containers holding more child elements than this are not read whole (their children are read one by one). */
const MAX_CHILDREN = 8;
/** Containers after which the story is over for sure. */
const PAST_STORY =
  /(?:^|\s)(?:comments?|comment[-_]?(?:list|area|section|thread)|disqus[-_]thread|respond|site[-_]footer|related|related[-_](?:posts|articles|stories|content)|recommended)(?=\s|$)/i;

/**
 * What stands after the story's last paragraph: a gate phrase or "show more" control, a paywall-named element after a
 * paragraph cut mid-sentence, only a paywall-named element, or nothing.
 */
export type GateAtEnd = 'prompt' | 'cut' | 'named' | 'none';

/** The element after `el` in document order, skipping `el`'s own subtree (null at the end of `root`). */
function after(el: Element, root: Element): Element | null {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
    const next = e.nextElementSibling;
    if (next) return next;
  }
  return null;
}

/** The next element in document order, into `el`'s subtree first. */
function next(el: Element, root: Element): Element | null {
  return el.firstElementChild ?? after(el, root);
}

/**
 * A control that acts on the page (a button, or a link that goes nowhere): "Read more" as a heading over related
 * stories, or as a link to another page, is everywhere on full articles; as a button it loads the rest of this one.
 */
function isControl(el: Element): boolean {
  for (let e: Element | null = el, up = 0; e && up < 3; e = e.parentElement, up++) {
    if (e.tagName === 'BUTTON' || e.getAttribute('role') === 'button' || e.hasAttribute('aria-expanded') || e.hasAttribute('aria-controls')) return true;
    if (e.tagName === 'A') {
      const href = (e.getAttribute('href') ?? '').trim();
      return href === '' || href.startsWith('#') || /^javascript:/i.test(href);
    }
  }
  return false;
}

function labelOf(el: Element): string {
  return `${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''}`;
}

/** The element is a container the story is over at (comments, a site footer, related stories): one of its id or class tokens says so. */
const pastStoryOf = (el: Element): boolean => el.tagName === 'FOOTER' || PAST_STORY.test(labelOf(el));

/** `pastStoryOf` per element during one `gateAfterStory`: the story's paragraphs share their ancestors. */
let pastMemo: Map<Element, boolean> | null = null;
function pastStory(el: Element): boolean {
  if (pastMemo === null) return pastStoryOf(el);
  let v = pastMemo.get(el);
  if (v === undefined) {
    v = pastStoryOf(el);
    pastMemo.set(el, v);
  }
  return v;
}

/**
 * What one `gateAfterStory` run reads of an element, read once: the walk after each paragraph of story meets the next
 * one again. The page does not change during the run.
 */
interface ElementReading {
  /** `textContent`. */
  raw: string;
  /** `raw`, whitespace collapsed and invisible code points stripped; undefined until asked. */
  text?: string;
  /** The text is a gate phrase (`GATE_TEXT`, tested on texts of `GATE_MAX_CHARS` at most); undefined until asked. */
  gate?: boolean;
  /** `isStoryParagraph` of the element with this text; undefined until asked. */
  story?: boolean;
}
let readings: Map<Element, ElementReading> | null = null;

function readingOf(el: Element): ElementReading {
  let r = readings?.get(el);
  if (r === undefined) {
    r = { raw: el.textContent ?? '' };
    readings?.set(el, r);
  }
  return r;
}

function textOf(r: ElementReading): string {
  r.text ??= collapseWhitespace(stripInvisible(r.raw));
  return r.text;
}

/** The reading's text is a gate's own line ("Subscribe to keep reading, from £1 a week"). */
function isGateText(r: ElementReading): boolean {
  const text = textOf(r);
  r.gate ??= text.length <= GATE_MAX_CHARS && GATE_TEXT.test(text);
  return r.gate;
}

/** A paragraph of story: story-sized, not a gate's own line, not inside comments, footers or related lists of `scope`. */
function isStoryParagraph(p: Element, text: string, scope: Element): boolean {
  // A gate's own line ("Subscribe to keep reading, from £1 a week") is not story.
  if (text.length < STORY_PARAGRAPH_CHARS || (text.length <= GATE_MAX_CHARS && GATE_TEXT.test(text))) return false;
  return outsidePastStory(p, scope);
}

/** `isStoryParagraph` of a paragraph by its reading (the scope is the same for the whole run). */
function isStoryReading(p: Element, r: ElementReading, scope: Element): boolean {
  r.story ??= textOf(r).length >= STORY_PARAGRAPH_CHARS && !isGateText(r) && outsidePastStory(p, scope);
  return r.story;
}

function outsidePastStory(p: Element, scope: Element): boolean {
  for (let e: Element | null = p; e && e !== scope; e = e.parentElement) if (pastStory(e)) return false;
  return true;
}

/** Ends as a sentence does: a full stop (or "…"), "!" or "?", maybe inside quotes or brackets. */
const SENTENCE_END = /[.!?]["'”’»)\]]*\s*$/u;

/**
 * What stands between the story paragraph `last` and the next one (or the end of the story): a gate phrase or
 * "show more" control, only a paywall-named element, or nothing.
 */
function gateAfter(last: Element, body: Element, scope: Element, namedGate: boolean, maxSteps = MAX_STEPS): { kind: GateAtEnd; el: Element | null } {
  let found: { kind: GateAtEnd; el: Element | null } = NONE;
  let el = after(last, body);
  for (let steps = 0; el && steps < maxSteps; steps++) {
    const name = el.tagName;
    if (name === 'SCRIPT' || name === 'STYLE' || name === 'TEMPLATE' || name === 'NOSCRIPT') {
      el = after(el, body);
      continue;
    }
    const label = labelOf(el);
    if (name === 'FOOTER' || PAST_STORY.test(label)) break;
    const named = namedGate && PAYWALL_NAME.test(label);
    const reads = el.childElementCount <= MAX_CHILDREN || named;
    const r = reads ? readingOf(el) : null;
    const raw = r?.raw ?? '';
    // Far longer than a gate box even with its whitespace collapsed: story, or a container read child by child.
    if (raw.length > RAW_MAX_CHARS) {
      if (name === 'P' && isStoryParagraph(el, raw, scope)) return found;
    } else if (r) {
      const text = textOf(r);
      if (text.length <= GATE_MAX_CHARS && (isGateText(r) || (MORE_PROMPT.test(text) && isControl(el)))) return { kind: 'prompt', el };
      if (named && found.kind === 'none') found = { kind: 'named', el };
      // The next paragraph of story: what stands after it is its own end's business.
      if (name === 'P' && isStoryReading(el, r, scope)) return found;
    }
    el = next(el, body);
  }
  return found;
}

const NONE = { kind: 'none' as const, el: null };

/**
 * `later` goes on with the story of `p`: it is in `p`'s container, or both are wrapped alone in like wrappers side
 * by side (some sites wrap each paragraph in its own `<div class="paragraph">`).
 */
function sameStory(p: Element, later: Element): boolean {
  const a = p.parentElement;
  const b = later.parentElement;
  if (!a || !b) return false;
  if (a.contains(later)) return true;
  return a.childElementCount === 1 && b.childElementCount === 1 && a.tagName === b.tagName && labelOf(a) === labelOf(b) && a.parentElement === b.parentElement;
}

/** Story text after a gate, outside the gated paragraph's own container, at most this long: a bio, a sign-off, a note. */
export const MAX_TAIL_CHARS = 1500;

/**
 * Past `MAX_TAIL_CHARS`, a gate still counts up to this much story text before it when its own words say the article
 * continues behind it (`CONTINUES_TEXT`): product tables, a FAQ or a long "latest news" list may follow the gate.
 */
export const MAX_CONTINUES_TAIL_CHARS = 8000;

/** Containers whose gate-looking text is the site's, not the story's: navigation, the page header, a sidebar. */
const SITE_FURNITURE = /^(?:NAV|HEADER|ASIDE|FOOTER)$/;

/** The gate `el` says the story goes on behind it, and stands outside the site's navigation, header and sidebars. */
function continuesGate(el: Element | null): boolean {
  if (!el) return false;
  const text = collapseWhitespace(stripInvisible(el.textContent ?? ''));
  if (!CONTINUES_TEXT.test(text) || !GATE_TEXT.test(text)) return false;
  for (let e: Element | null = el; e; e = e.parentElement) if (SITE_FURNITURE.test(e.tagName)) return false;
  return true;
}

/** What stands after the story, the element that told, and the text of the story paragraph it follows. */
export interface StoryGate {
  kind: GateAtEnd;
  el: Element | null;
  /** The paragraph the gate follows, whitespace collapsed ('' when none). */
  after: string;
}

/**
 * The gate counts only when the paragraph it follows is in the extracted `text`: a "show more" under a sidebar's
 * description or a paywall box after another story is not this story's end.
 */
export function gateOfText(gate: StoryGate, text: string): GateAtEnd {
  if (gate.kind === 'none') return 'none';
  return text.replace(/\s+/gu, ' ').includes(gate.after.slice(0, 40)) ? gate.kind : 'none';
}

/**
 * What stands right after the story's last paragraph: in `region` (the page's marked story) when there is one,
 * else in the whole `body`; `namedGate` says the page has a paywall-named element at all. The story's paragraphs are read from the end:
 * the gate may stand after the last of them, or before a short tail that is not more of the gated story (an author
 * bio, a newsletter box, a "latest news" list: paragraphs outside the container of the paragraph the gate follows,
 * `MAX_TAIL_CHARS` at most, or `MAX_CONTINUES_TAIL_CHARS` before a gate that says the article continues). A gate
 * with more of its own container's story after it is a promo in the story.
 */
export function gateAfterStory(body: Element, region: Element | null, namedGate: boolean): StoryGate {
  pastMemo = new Map();
  readings = new Map();
  try {
    return storyGate(body, region, namedGate);
  } finally {
    pastMemo = null;
    readings = null;
  }
}

/** `gateAfterStory` itself, run with the ancestors' verdicts remembered. */
function storyGate(body: Element, region: Element | null, namedGate: boolean): StoryGate {
  const scope = region ?? body;
  const ps = scope.getElementsByTagName('p');
  const tail: Element[] = [];
  let tailChars = 0;
  for (let i = ps.length - 1; i >= 0 && tailChars <= MAX_CONTINUES_TAIL_CHARS; i--) {
    const p = ps[i] as Element;
    const r = readingOf(p);
    if (r.raw.length < STORY_PARAGRAPH_CHARS) continue; // shorter still with its whitespace collapsed
    if (!isStoryReading(p, r, scope)) continue;
    const text = textOf(r);
    const long = tailChars > MAX_TAIL_CHARS;
    const found = gateAfter(p, body, scope, namedGate && !long, long ? LONG_TAIL_STEPS : MAX_STEPS);
    const counts = found.kind === 'prompt' ? !long || continuesGate(found.el) : found.kind === 'named' && !long;
    if (counts) {
      // More of this paragraph's own story after the gate: a promo in the story, and what stands earlier is too.
      if (tail.some((t) => sameStory(p, t))) return { ...NONE, after: '' };
      if (found.kind === 'prompt') return { ...found, after: text };
      // A paywall-named element right after a paragraph cut mid-sentence: the rest of it is behind the gate.
      return { kind: SENTENCE_END.test(text) ? 'named' : 'cut', el: found.el, after: text };
    }
    tail.push(p);
    tailChars += text.length;
  }
  return { ...NONE, after: '' };
}
