import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countWords, type Article, type ExtractResult } from '../../src/article';
import { LINK_LIST_DETAIL, NO_ARTICLE_DETAIL, extractArticle } from '../../src/extract/index';
import { extractFromHtml, parseHtmlDocument } from '../../src/extract/node';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const PAGES = join(FIXTURES, 'pages');
const FAKE_URL = 'http://fakehost/test/page.html';

function page(name: string): string {
  const file = join(PAGES, name);
  return file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
}

function article(r: ExtractResult): Article {
  if (!r.ok) throw new Error(`expected an article, got ${r.reason}: ${r.detail}`);
  return r.article;
}

/** Quotes and whitespace as the WCXB ground truth writes them. */
function norm(s: string): string {
  return s
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Every element with its attributes and every text node, in document order. */
function snapshot(d: Document): string[] {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === 3) out.push(`#text ${n.nodeValue ?? ''}`);
    else if (n.nodeType === 1) {
      const el = n as Element;
      out.push(`<${el.tagName} ${[...el.attributes].map((a) => `${a.name}=${a.value}`).join(' ')}>`);
    }
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(d);
  return out;
}

interface WcxbExpectation {
  url: string;
  title: string;
  firstParagraph: string | null;
  lastParagraph: string;
  paragraphs: string[];
  minParagraphRecall: number;
}

const expectations = JSON.parse(readFileSync(join(FIXTURES, 'extract-expectations.json'), 'utf8')) as {
  pages: Record<string, WcxbExpectation>;
};

describe('WCXB news pages (ground truth)', () => {
  for (const [id, e] of Object.entries(expectations.pages)) {
    describe(id, () => {
      const html = page(`${id}.html.gz`);
      const a = article(extractFromHtml(html, e.url));
      const blocks = a.blocks.map((b) => norm(b.text));
      const titleTag = norm(/<title[^>]*>([^<]*)/i.exec(html)?.[1] ?? '');

      it('contains the first and last ground-truth paragraphs', () => {
        if (e.firstParagraph) expect(blocks.some((b) => b.includes(e.firstParagraph as string))).toBe(true);
        expect(blocks.some((b) => b.includes(e.lastParagraph))).toBe(true);
      });

      it('finds the ground-truth paragraphs, each starting inside a block', () => {
        const found = e.paragraphs.filter((p) => blocks.some((b) => b.includes(p)));
        expect(found.length / e.paragraphs.length).toBeGreaterThanOrEqual(e.minParagraphRecall);
      });

      it('keeps paragraphs apart: no block runs one ground-truth paragraph into the next', () => {
        for (let i = 0; i + 1 < e.paragraphs.length; i++) {
          const next = e.paragraphs[i + 1] as string;
          const nextStart = next.split(' ').slice(0, 4).join(' ');
          for (const b of blocks) {
            const at = b.indexOf(nextStart);
            // If the next paragraph starts mid-block, it must be because the ground truth splits where the page doesn't (a <br>), never a glued "word.Next".
            if (at > 0) expect(b[at - 1], `glued before "${nextStart}"`).toBe(' ');
          }
        }
        for (const b of blocks) expect(b).not.toMatch(/\p{Ll}{3}[.!?]\p{Lu}\p{Ll}{2,}/u);
      });

      it('has a title without the " | Site" suffix of <title>', () => {
        expect(a.title).toBe(e.title);
        expect(a.title).not.toMatch(/\s[|\-–—]\s*(?:NPR|SecurityWeek|ABC7 New York|The Guardian|Slashdot)$/);
        expect(titleTag.length).toBeGreaterThan(a.title.length);
      });

      it('reports consistent text, word count and URL', () => {
        expect(a.text).toBe(a.blocks.map((b) => b.text).join('\n\n'));
        expect(a.wordCount).toBe(countWords(a.text));
        expect(a.wordCount).toBeGreaterThan(80);
        expect(a.url).toMatch(/^https:\/\//);
      });
    });
  }

  it('reads metadata the pages state (NPR: site, lang, ISO time, canonical URL)', () => {
    const e = expectations.pages['wcxb-0161'] as WcxbExpectation;
    const a = article(extractFromHtml(page('wcxb-0161.html.gz'), `${e.url}?utm_source=test`));
    expect(a.siteName).toBe('NPR');
    expect(a.lang).toBe('en');
    expect(a.publishedTime).toBe('2023-10-17T18:01:33-04:00');
    expect(a.url).toBe(e.url);
  });
});

describe('mozilla/readability test pages (expected metadata)', () => {
  interface Meta {
    title: string;
    byline: string | null;
    lang?: string;
    siteName: string | null;
    publishedTime: string | null;
  }
  const meta = (name: string): Meta => JSON.parse(page(`readability-${name}.expected-metadata.json`)) as Meta;

  it('bbc-1: title, byline, site, lang and published time as Readability expects', () => {
    const a = article(extractFromHtml(page('readability-bbc-1.html.gz'), FAKE_URL));
    const m = meta('bbc-1');
    expect(a.title).toBe(m.title);
    expect(a.byline).toBe(m.byline);
    expect(a.siteName).toBe(m.siteName);
    expect(a.lang).toBe(m.lang);
    expect(a.publishedTime).toBe(m.publishedTime);
    expect(a.url).toBe('http://www.bbc.com/news/world-us-canada-33646704'); // its canonical link
  });

  it('lemonde-1 (fr) and heise (de): title, byline, site, lang', () => {
    for (const name of ['lemonde-1', 'heise']) {
      const a = article(extractFromHtml(page(`readability-${name}.html.gz`), FAKE_URL));
      const m = meta(name);
      expect(a.title, name).toBe(m.title);
      expect(a.byline, name).toBe(m.byline);
      expect(a.siteName, name).toBe(m.siteName);
      expect(a.lang, name).toBe(m.lang);
      expect(a.wordCount, name).toBeGreaterThan(200);
    }
  });

  it('hidden-nodes: display:none and hidden paragraphs are not extracted', () => {
    const a = article(extractFromHtml(page('readability-hidden-nodes.html.gz'), FAKE_URL));
    expect(a.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(1);
  });

  it('visibility-hidden: the visibility:hidden block is dropped, leaving too little to rewrite', () => {
    const r = extractFromHtml(page('readability-visibility-hidden.html.gz'), FAKE_URL);
    expect(r).toMatchObject({ ok: false, reason: 'too-short' });
    const all = article(extractFromHtml(page('readability-visibility-hidden.html.gz'), FAKE_URL, { minWords: 0 }));
    expect(all.text).toContain('Tempor incididunt');
    expect(all.text).not.toContain('Lorem ipsum dolor sit amet, consectetur');
  });

  it('remove-aria-hidden: aria-hidden text is gone', () => {
    const a = article(extractFromHtml(page('readability-remove-aria-hidden.html.gz'), FAKE_URL, { minWords: 0 }));
    expect(a.text).toContain('Lorem ipsum dolor sit amet');
    expect(a.text).not.toContain('WRONG');
  });
});

describe('cruft-news.html (the junk from the prompt example, inside the article body)', () => {
  const url = 'https://harbourledger.example/business/lisbon?utm_source=feed';
  const a = article(extractFromHtml(page('cruft-news.html'), url));

  it.each([
    ['Read Also teaser', 'Read Also'],
    ['Related Article teaser', 'Related Article'],
    ['Related Post label', 'Related Post'],
    ['READ MORE teaser', 'READ MORE'],
    ['German teaser', 'Lesen Sie auch'],
    ['byline tag', 'byline-quincy'],
    ['copyright line', 'All rights reserved'],
    ['copyright sign', 'ⓒ'],
    ['wire trailer', 'Editing by'],
    ['newsletter prompt', 'newsletter'],
    ['follow-us prompt', 'Follow us'],
    ['share row', 'Share on Facebook'],
    ['share list', 'Share this article'],
    ['ad label', 'Advertisement'],
    ['by-line', 'By Marta Quintela'],
    ['hidden prompt injection (display:none, hidden, aria-hidden, display:none !important, visibility:collapse)', 'gnore'],
    ['hidden "system prompt" request', 'system prompt'],
    ['hidden "new instructions"', 'cryptocurrency'],
  ])('drops the %s', (_what, needle) => {
    expect(a.text).not.toContain(needle);
  });

  it('keeps the dateline, the real paragraphs, the quote, and a sentence that merely says "read more" and "related"', () => {
    expect(a.blocks[0]?.text).toMatch(/^LISBON \(Harbour Ledger\) - The Port of Lisbon on Tuesday/);
    expect(a.text).toContain('Bids are due by the end of May');
    expect(a.text).toContain('What we lacked was a quay that could carry the weight.”');
    expect(a.text).toContain('anyone who wants to read more about the tender');
    expect(a.text).toContain('revive an area that has lost most of its industry');
    expect(a.blocks).toContainEqual({ kind: 'quote', text: expect.stringContaining('Viana do Castelo') });
    // <br><br> split one <p> into two paragraphs.
    expect(a.blocks.map((b) => b.text)).toContain(
      'The government has set aside public money to cover part of the cost of the quay, and the European Investment Bank is considering a loan, according to a ministry statement.',
    );
    expect(a.blocks).toHaveLength(8);
  });

  it('does not start with the repeated headline', () => {
    expect(a.blocks[0]?.text).not.toBe('Lisbon Port Opens Bidding for Offshore Wind Terminal');
  });

  it('has the metadata: title without suffix, byline from the body, site, lang, ISO time, canonical URL', () => {
    expect(a.title).toBe('Lisbon Port Opens Bidding for Offshore Wind Terminal');
    expect(a.byline).toBe('Marta Quintela');
    expect(a.siteName).toBe('Harbour Ledger');
    expect(a.lang).toBe('en-GB');
    expect(a.publishedTime).toBe('2024-02-07T09:30:00+00:00');
    expect(a.url).toBe('https://harbourledger.example/business/lisbon-port-wind-terminal');
  });

  it('is JSON-serialisable as is', () => {
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('never modifies the document it is given', () => {
    const d = parseHtmlDocument(page('cruft-news.html'), url);
    const before = snapshot(d);
    article(extractArticle(d, url));
    expect(snapshot(d)).toEqual(before);
  });
});

describe('streamed-article.html (streamed server rendering: the story arrives in hidden segments after "Loading…" placeholders)', () => {
  const a = article(extractFromHtml(page('streamed-article.html'), 'https://kuestenbote.example/wirtschaft/faehre'));

  it('puts every segment in its placeholder, in the story order, nested ones too', () => {
    const text = a.text;
    const order = ['Eine neue Fährlinie soll ab Mai', 'Die Fahrt dauert etwa vierzehn Stunden', 'Mehr Platz für Lastwagen', 'Der Hafen Kiel baut dafür'].map(
      (s) => text.indexOf(s),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('drops the loading fallbacks', () => {
    expect(a.text).not.toContain('Loading');
  });
});

describe('social-embeds.html (embedded posts as their markup reads before the network script runs)', () => {
  const a = article(extractFromHtml(page('social-embeds.html'), 'https://riversidecourier.example/sport/marathon'));

  it.each([
    ['tweet text', 'Big news for race day'],
    ['tweet picture link', 'pic.twitter.com'],
    ['tweet author, handle and date', '@CityMarathon'],
    ['tweet date', 'March 5, 2026'],
    ['Instagram label (de)', 'Ein Beitrag geteilt von'],
    ['Instagram handle', '@laufclubnord'],
    ['TikTok caption (fr)', 'on teste le pont ferroviaire'],
    ['TikTok sound', '♬'],
    ['unmarked post text (es)', '¡Nos vemos en la nueva salida!'],
    ['unmarked post handle and date', '6 de marzo de 2026'],
    ['YouTube label', 'Watch on YouTube'],
  ])('drops the %s', (_what, needle) => {
    expect(a.text).not.toContain(needle);
  });

  it('keeps the story, its quotes and a quoted passage in a blockquote', () => {
    expect(a.text).toContain('About eighteen thousand runners are registered');
    expect(a.text).toContain('“We looked at five options');
    expect(a.blocks).toContainEqual({ kind: 'quote', text: expect.stringContaining('Le nouveau parcours est plus rapide') });
    expect(a.text).toContain('the traditional start will return');
    expect(a.blocks).toHaveLength(6);
  });
});

describe('newsletter-box.html (sign-up boxes in the story, in four languages, once their form is gone)', () => {
  const a = article(extractFromHtml(page('newsletter-box.html'), 'https://leveilleur.example/nantes/bus-hydrogene'));

  it.each([
    ['box title', 'Morning Briefing'],
    ['pitch (en)', 'in your inbox'],
    ['consent line (en)', 'By signing up'],
    ['pitch (de)', 'kostenlos abonnieren'],
    ['consent line (de)', 'Mit der Anmeldung'],
    ['label', 'Newsletter'],
    ['pitch (es)', 'en tu correo'],
    ['consent line (es)', 'Al suscribirte'],
    ['pitch (fr)', 'boîte mail'],
    ['consent line (fr)', 'En vous inscrivant'],
  ])('drops the %s', (_what, needle) => {
    expect(a.text).not.toContain(needle);
  });

  it('keeps every paragraph of the story', () => {
    expect(a.blocks).toHaveLength(6);
    expect(a.text).toContain('« Nous voulons comparer ces bus');
    expect(a.text).toContain('Les usagers pourront donner leur avis');
  });
});

describe('slideshow-below-story.html (a slideshow of long captions inside the story region outweighs the story)', () => {
  const a = article(extractFromHtml(page('slideshow-below-story.html'), 'https://northgatepost.example/council/night-buses'));

  it('extracts the story, from its lead to its end, without the slideshow', () => {
    expect(a.blocks[0]?.text).toMatch(/^Northgate will run night buses/);
    expect(a.text).toContain('the routes could change if some buses run nearly empty');
    expect(a.text).not.toContain('Radfahrer');
    expect(a.text).not.toContain('Bild 1');
  });
});

describe('standfirst-small-gallery.html (the lead stands apart from a story whose region holds a small photo strip)', () => {
  const url = 'https://eastbaycourier.example/harbour/ferry';

  it('makes no rerun without the slideshows when Readability’s pick is not slideshow text', () => {
    let recovery = '';
    const a = article(extractFromHtml(page('standfirst-small-gallery.html'), url, { onRecovery: (w) => (recovery = w) }));
    expect(recovery).toBe('none');
    expect(a.blocks[0]?.text).toMatch(/^The second boat, bought second-hand/);
    expect(a.text).toContain('whether the second boat should also run at weekends');
  });

  it('still reruns when the pick is the slideshow (slideshow-below-story.html)', () => {
    let recovery = '';
    extractFromHtml(page('slideshow-below-story.html'), 'https://northgatepost.example/council/night-buses', { onRecovery: (w) => (recovery = w) });
    expect(recovery).toBe('recovered');
  });
});

describe('correction-notes.html (corrections and editor’s notes, in four languages)', () => {
  const a = article(extractFromHtml(page('correction-notes.html'), 'https://diariodelturia.example/puerto/cruceros'));

  it.each([
    ['Spanish correction', 'Corrección:'],
    ['editor’s note', 'Editor’s note'],
    ['"an earlier version of this article"', 'misstated the number of berths'],
    ['German editor’s note', 'Anmerkung der Redaktion'],
    ['French amendment line', 'Cet article a été modifié'],
  ])('drops the %s', (_what, needle) => {
    expect(a.text).not.toContain(needle);
  });

  it('keeps the story and the quotes that mention an earlier version', () => {
    expect(a.blocks[0]?.text).toMatch(/^El puerto de Valencia ampliará/);
    expect(a.text).toContain('“Una versión anterior del proyecto no preveía conexión eléctrica');
    expect(a.blocks).toContainEqual({ kind: 'quote', text: expect.stringContaining('An earlier version of the plan') });
    expect(a.blocks).toHaveLength(5);
  });
});

describe('author-bio.html (an author box at the end of the story)', () => {
  const a = article(extractFromHtml(page('author-bio.html'), 'https://weserblick.example/stadt/strassenbahn'));

  it('drops the box title and the bio, keeps the story and a source described by her role', () => {
    expect(a.text).not.toContain('Über die Autorin');
    expect(a.text).not.toContain('Lena Hoffmann ist Redakteurin');
    expect(a.text).toContain('Anna Berger ist Fahrgastsprecherin');
    expect(a.text).toContain('durch Elektrobusse ersetzen');
    expect(a.blocks).toHaveLength(4);
  });
});

describe('popular-lists.html ("most read" and "recommended" lists in the story, in four languages)', () => {
  const a = article(extractFromHtml(page('popular-lists.html'), 'https://harbourledger.example/city/night-ferry'));

  it.each([
    ['list title (en)', 'Most read'],
    ['teaser (en)', 'Bridge closure moves to next week'],
    ['teaser time', '5 hours ago'],
    ['list title (de)', 'Meistgelesen'],
    ['teaser (de)', 'Fischmarkt bekommt neue Öffnungszeiten'],
    ['list title (fr)', 'Les plus lus'],
    ['teaser (fr)', 'Fermeture du pont'],
    ['list title (es)', 'Te puede interesar'],
    ['teaser (es)', 'El mercado de pescado'],
  ])('drops the %s', (_what, needle) => {
    expect(a.text).not.toContain(needle);
  });

  it('keeps the story, its own list of facts and its list of sources', () => {
    expect(a.text).toContain('The north pier waiting room stays open');
    expect(a.text).toContain('The crew of the winning boat had trained since January');
    expect(a.text).toContain('a grant from the regional transport fund');
    expect(a.text).toContain('Port authority, summer timetable report');
    expect(a.text).toContain('Council transport committee, minutes');
    expect(a.blocks).toHaveLength(12);
  });
});

describe('live-blog.html (a live blog’s navigation and controls)', () => {
  const a = article(extractFromHtml(page('live-blog.html'), 'https://harbourledger.example/live/storm-elin'));

  it.each([
    ['live label', 'Live updates'],
    ['jump list title', 'Key events'],
    ['jump list entry', 'Ferry operator cancels the evening crossings'],
    ['key events toggle', 'Show key events only'],
    ['pinned-post label', 'Pinned post'],
    ['refresh control (de)', 'aktualisieren'],
    ['update control (fr)', 'Mise à jour'],
    ['timeline entry', '09:30 Weather service raises'],
    ['more control (es)', 'Ver más'],
    ['more control (en)', 'Show more updates'],
  ])('drops the %s', (_what, needle) => {
    expect(a.text).not.toContain(needle);
  });

  it('keeps the key points summary and every post', () => {
    expect(a.blocks[0]).toEqual({ kind: 'heading', text: 'Key points' });
    expect(a.text).toContain('All ferry crossings are cancelled until Thursday morning.');
    expect(a.text).toContain('The coast road was closed after a landslide near the lighthouse car park.');
    expect(a.text).toContain('The council said the buses');
    expect(a.blocks).toHaveLength(8);
  });
});

describe('split-story.html (a story split into sibling boxes, each too deep for Readability to join to the one it picked)', () => {
  const a = article(extractFromHtml(page('split-story.html'), 'https://greenacre.example/guides/easier-garden'));

  it('extracts every box of the story, in order, without the side column and the footer', () => {
    expect(a.blocks[0]).toEqual({ kind: 'heading', text: 'Start with a plan' });
    expect(a.text).toContain('Most problems in a new garden come from the soil');
    expect(a.text.indexOf('Group plants by what they need')).toBeGreaterThan(a.text.indexOf('Leaf mould'));
    expect(a.text).toMatch(/before you take them away\.$/);
    expect(a.text).not.toContain('written by a small team of gardeners');
    expect(a.text).not.toContain('12 Market Street');
    expect(a.blocks).toHaveLength(18);
  });
});

describe('story-twice.html (the story rendered twice in the page, a screen and a print version)', () => {
  const a = article(extractFromHtml(page('story-twice.html'), 'https://riversidecourier.example/city/pools'));

  it('keeps one copy of each paragraph, in order', () => {
    expect(a.blocks).toHaveLength(4);
    expect(a.text.match(/The city will open three new public swimming pools/g)).toHaveLength(1);
    expect(a.text).toMatch(/so that it can stay open in winter\.$/);
  });
});

describe('pages without an article', () => {
  it('a list of links is not an article', () => {
    const r = extractFromHtml(page('link-list.html'), 'https://harbourledger.example/business');
    expect(r).toEqual({ ok: false, reason: 'no-article', detail: LINK_LIST_DETAIL });
  });

  it('an empty page: no article, with a sentence saying so', () => {
    const r = extractFromHtml('<!DOCTYPE html><html><head><title>Empty</title></head><body></body></html>', FAKE_URL);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([NO_ARTICLE_DETAIL, 'This page has only 0 words of article text, too little to rewrite.']).toContain(r.detail);
  });

  it('a short notice is too short, and the detail gives the word count', () => {
    const html =
      '<html><body><article><h1>Closed</h1><p>The office is closed on Monday for the public holiday. We reopen on Tuesday at nine in the morning.</p></article></body></html>';
    const r = extractFromHtml(html, FAKE_URL);
    expect(r).toEqual({ ok: false, reason: 'too-short', detail: 'This page has only 19 words of article text, too little to rewrite.', words: 19 });
  });
});
