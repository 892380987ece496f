// Truncated pages made from the shared corpus at bench time (nothing of the corpus is written to the repository):
// each page keeps the first paragraphs of its story, loses the rest, and gets a gate the way real sites ship one.
//
// The story's paragraphs are the page's <p> elements whose text is in the page's ground truth. A page needs at
// least MIN_STORY of them (so that what is cut is really story). The kinds of truncation, in turn:
//   gate-named     a "paywall"-named box with a gate phrase right after the teaser
//   gate-plain     the same box with a neutral class name
//   show-more      the rest is gone (loaded by script on the live site) and a "show more" button follows
//   hidden-rest    the rest is in the page but hidden (display:none), with a "read more" link that goes nowhere
//   cut-mid        the last kept paragraph is cut mid-sentence and an empty paywall placeholder follows
//   gate-after     the gate box comes after the story's container, as an overlay's markup often does
// The gate's language turns over en/de/fr/es independently of the kind.

/** Gate phrasings, in the four UI languages, as paywalls word them (each box has a title, an offer and a login line). */
const GATES = {
  en: [
    ['Subscribe to continue reading', 'Get unlimited access for $1 a week. Cancel anytime.', 'Already a subscriber? Sign in'],
    ['This article is for subscribers only', 'Join today and read every story on the site.', 'Already have an account? Log in'],
    ['You have reached your free article limit', 'Register or subscribe to keep reading.', 'Sign in'],
    ['Create a free account to read the full story', 'It only takes a minute.', 'Already registered? Log in'],
  ],
  de: [
    ['Jetzt abonnieren und weiterlesen', 'Alle Artikel für 9,99 € im Monat, monatlich kündbar.', 'Sie sind bereits Abonnent? Anmelden'],
    ['Dieser Artikel ist nur für Abonnenten verfügbar', 'Testen Sie unser Digitalabo einen Monat gratis.', 'Schon registriert? Einloggen'],
    ['Weiterlesen mit Plus', 'Unabhängiger Journalismus für 1 € im ersten Monat.', 'Bereits Plus-Leser? Hier anmelden'],
  ],
  fr: [
    ['La suite de cet article est réservée aux abonnés', 'Abonnez-vous dès 1 € le premier mois.', 'Déjà abonné ? Se connecter'],
    ['Il vous reste 68% de cet article à lire', 'Abonnez-vous pour lire la suite.', 'Déjà abonné ? Connectez-vous'],
    ['Cet article est réservé aux abonnés', 'Profitez de tous nos contenus sans limite.', 'Je me connecte'],
  ],
  es: [
    ['Este contenido es exclusivo para suscriptores', 'Suscríbete por 1 € al mes y lee sin límites.', '¿Ya eres suscriptor? Inicia sesión'],
    ['Suscríbete para seguir leyendo', 'Accede a todas las noticias desde 1,99 € al mes.', '¿Ya tienes cuenta? Entra'],
    ['Para seguir leyendo, hazte suscriptor', 'Periodismo independiente, cancela cuando quieras.', 'Iniciar sesión'],
  ],
};
/** "Show more" controls, in the four languages. */
const MORE = {
  en: ['Read more', 'Show more', 'Continue reading', 'Read the full article'],
  de: ['Weiterlesen', 'Mehr anzeigen', 'Artikel weiterlesen'],
  fr: ['Lire la suite', 'Voir plus', 'Afficher la suite'],
  es: ['Leer más', 'Seguir leyendo', 'Ver más'],
};
const LANGS = ['en', 'de', 'fr', 'es'];
export const KINDS = ['gate-named', 'gate-plain', 'show-more', 'hidden-rest', 'cut-mid', 'gate-after'];
/** A page needs this many story paragraphs: a teaser of two or three, and enough cut after it. */
const MIN_STORY = 6;
const MIN_PARAGRAPH_CHARS = 80;

const norm = (s) => s.replace(/\s+/g, ' ').trim();

function gateBox(doc, lang, n, cls) {
  const [title, offer, login] = GATES[lang][n % GATES[lang].length];
  const box = doc.createElement('div');
  box.setAttribute('class', cls);
  const h = doc.createElement('h3');
  h.textContent = title;
  const p = doc.createElement('p');
  p.textContent = offer;
  const a = doc.createElement('a');
  a.setAttribute('href', '/login');
  a.textContent = login;
  box.append(h, p, a);
  return box;
}

function moreButton(doc, lang, n, asLink) {
  const label = MORE[lang][n % MORE[lang].length];
  const el = doc.createElement(asLink ? 'a' : 'button');
  if (asLink) el.setAttribute('href', '#');
  else el.setAttribute('type', 'button');
  el.setAttribute('class', 'btn-more');
  el.textContent = label;
  return el;
}

/** The text of `text` cut about halfway, at a word boundary, mid-sentence. */
function cutMid(text) {
  const at = text.lastIndexOf(' ', Math.floor(text.length * 0.55));
  return text.slice(0, at > 20 ? at : Math.floor(text.length / 2)).replace(/[\s,;.:!?]+$/u, '');
}

/**
 * Truncated variants of corpus pages. `pages`: [{ id, url, html }]; `gt`: the ground truth by id; `parseHTML`:
 * linkedom's. Returns [{ id, kind, lang, url, html }], one per page that has a story long enough to cut.
 */
export function truncatedPages(pages, gt, parseHTML) {
  const out = [];
  let n = 0;
  for (const page of pages) {
    const truth = norm(gt[page.id]?.articleBody ?? '');
    if (!truth) continue;
    const { document: doc } = parseHTML(page.html);
    const story = [...doc.querySelectorAll('p')].filter((p) => {
      const t = norm(p.textContent ?? '');
      return t.length >= MIN_PARAGRAPH_CHARS && truth.includes(t.slice(0, 60));
    });
    if (story.length < MIN_STORY) continue;
    const kind = KINDS[n % KINDS.length];
    const lang = LANGS[Math.floor(n / KINDS.length) % LANGS.length];
    const keep = 2 + (n % 2);
    n += 1;
    const last = story[keep - 1];
    const rest = story.slice(keep);
    // What follows the teaser in its container goes with the rest of the story.
    const after = [];
    for (let s = last.nextSibling; s; s = s.nextSibling) after.push(s);
    if (kind === 'hidden-rest') {
      const hidden = doc.createElement('div');
      hidden.setAttribute('style', 'display:none');
      hidden.setAttribute('class', 'article-rest');
      for (const s of after) hidden.append(s);
      for (const p of rest) if (!hidden.contains(p)) hidden.append(p);
      last.after(hidden);
      hidden.after(moreButton(doc, lang, n, true));
    } else {
      for (const s of after) s.remove();
      for (const p of rest) p.remove();
      if (kind === 'gate-named') last.after(gateBox(doc, lang, n, 'paywall paywall--inline'));
      else if (kind === 'gate-plain') last.after(gateBox(doc, lang, n, 'c-offer-box'));
      else if (kind === 'show-more') last.after(moreButton(doc, lang, n, false));
      else if (kind === 'cut-mid') {
        last.textContent = cutMid(norm(last.textContent ?? ''));
        const holder = doc.createElement('div');
        holder.setAttribute('class', 'paywall-placeholder');
        holder.setAttribute('id', 'piano-inline');
        last.after(holder);
      } else {
        // gate-after: the box follows the story's container (the teaser's parent), outside it.
        const container = last.parentElement ?? last;
        container.after(gateBox(doc, lang, n, 'gate-overlay'));
      }
    }
    out.push({ id: `${page.id}~${kind}`, kind, lang, url: page.url, html: doc.toString() });
  }
  return out;
}
