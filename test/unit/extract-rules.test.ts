import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { blocksToText, countWords, type Block, type BlockKind } from '../../src/article';
import { extractFromHtml } from '../../src/extract/node';
import {
  CLEANUP_RULES,
  adLabel,
  authorBio,
  byLine,
  bylineTag,
  cleanBlocks,
  copyright,
  correctionNote,
  disclosureNote,
  furnitureClass,
  liveNav,
  newsletterBox,
  popularList,
  printEditionNote,
  promoLine,
  promoList,
  repeatedBlock,
  repeatsByline,
  repeatsTitle,
  reportingCredits,
  shareRow,
  socialPost,
  subscribePrompt,
  supportPrompt,
  tagsLine,
  tooShort,
  type CleanupRule,
  type DroppedBlock,
  type RuleContext,
} from '../../src/extract/rules';

const p = (text: string, kind: BlockKind = 'paragraph'): Block => ({ kind, text });

/** A hand-made context: no `wordCounts` (rules count neighbours themselves); `words` is the tested block's. */
function ctx(over: Partial<RuleContext> = {}, block?: Block): RuleContext {
  const blocks = over.blocks ?? (block ? [block] : []);
  const tested = block ?? blocks[over.index ?? 0];
  const words = countWords(tested?.text ?? '');
  return { blocks, index: 0, keptIndex: 0, title: 'Some headline about ports', byline: null, siteName: null, words, ...over };
}

/** Asserts the rule drops every `drop` text and keeps every `keep` text (as paragraphs unless given as blocks). */
function check(rule: CleanupRule, drop: Array<string | Block>, keep: Array<string | Block>, over: Partial<RuleContext> = {}): void {
  for (const d of drop) {
    const b = typeof d === 'string' ? p(d) : d;
    expect(rule.test(b, ctx(over, b)), `${rule.name} should drop: ${b.text}`).toBe(true);
  }
  for (const k of keep) {
    const b = typeof k === 'string' ? p(k) : k;
    expect(rule.test(b, ctx(over, b)), `${rule.name} should keep: ${b.text}`).toBe(false);
  }
}

const REAL_SENTENCE =
  'The port said on Tuesday that readers who want to read more about the tender can consult its website, which also lists related documents.';

describe('cleanup rules', () => {
  it('every rule has a unique name, documented in its definition', () => {
    const names = CLEANUP_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    const source = readFileSync(new URL('../../src/extract/rules.ts', import.meta.url), 'utf8');
    for (const name of names) expect(source, name).toMatch(new RegExp(`\\*/\\nexport const \\w+ = defineRule\\(\\{\\n  name: '${name}',`));
  });

  it('promo-line drops teaser lines in several languages', () => {
    check(
      promoLine,
      [
        'Read Also: Sports Betting on X: Elon Musk’s Platform Partners with BetMGM',
        'Related Article: Biden Administration and Tech Giants Unveil AISIC',
        'Related Post',
        'READ MORE',
        'READ MORE Europe’s ports race to handle giant turbines',
        'Read more: How the deal was done',
        'Related: Tutoring may not improve attendance',
        'Also read | Ten things to know about the budget',
        'See also: The history of GIFs',
        'Lesen Sie auch: Windkraft auf See wächst langsamer',
        'Lire aussi : La réforme des retraites adoptée',
        'Leia também: Governo anuncia novo pacote',
        'Lee también: El Gobierno aprueba el presupuesto',
        'Leggi anche: Il governo approva la manovra',
        p('Related Articles', 'heading'),
      ],
      [
        REAL_SENTENCE,
        'Related efforts in Congress have stalled for months.',
        'Also: how much time do you spend debugging generated code? That is hidden slowness.',
        p('Recommended settings for older phones', 'heading'),
        'More — and worse — was to come for the club in the second half.',
        `Read more than ${'twenty '.repeat(30)}pages before deciding.`,
      ],
    );
  });

  it('promo-list drops the links under a "Related" heading, not ordinary lists', () => {
    const blocks = [p('Related stories', 'heading'), p('Porto shipyard wins contract', 'list-item'), p('Grid deal signed', 'list-item')];
    expect(promoList.test(blocks[2] as Block, ctx({ blocks, index: 2 }))).toBe(true);
    const normal = [p('What you need', 'heading'), p('A passport', 'list-item'), p('Two photos', 'list-item')];
    expect(promoList.test(normal[2] as Block, ctx({ blocks: normal, index: 2 }))).toBe(false);
    // The heading itself is promo-line's job, not promo-list's.
    expect(promoList.test(blocks[0] as Block, ctx({ blocks, index: 0 }))).toBe(false);
  });

  it('byline-tag drops CMS byline tags', () => {
    check(bylineTag, ['byline-quincy', 'byline_jane-doe', 'author-marta'], ['byline', 'The byline-quincy tag appeared at the end of the story.', 'quincy']);
  });

  it('by-line drops short "By Name" credits but not sentences starting with "By"', () => {
    check(
      byLine,
      [
        'By Jane Doe',
        'By Hilary Russ, Reuters',
        'BY JEFFREY SPARSHOTT',
        'By Sari Horwitz and Ellen Nakashima',
        'Written by Marta Quintela',
        'Par Martin Untersinger',
      ],
      [
        'By the end of the day, markets had closed lower.',
        'By Monday the storm had passed.',
        'By 2030 Portugal wants ten gigawatts of offshore wind.',
        'LONDON (Reuters) - By far the largest bank said profits rose.',
      ],
    );
  });

  it('repeats-byline drops a block that only repeats the byline', () => {
    check(repeatsByline, ['Marta Quintela', 'By Marta Quintela'], ['Marta Quintela said the port had no comment.'], { byline: 'Marta Quintela' });
    check(repeatsByline, [], ['Marta Quintela'], { byline: null });
  });

  it('copyright drops copyright and all-rights-reserved lines only', () => {
    check(
      copyright,
      [
        'ⓒ 2024 TECHTIMES.com All rights reserved. Do not reproduce without permission.',
        '© 2012 CBS Interactive Inc. All Rights Reserved.',
        'Copyright 2012 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
        'Copyright © 2023 NPR. All rights reserved.',
        '(c) 2024 Harbour Ledger',
      ],
      [
        'Copyright holders argue that training models on their work without a licence is infringement.',
        '(c) the applicant must show that the permit was obtained lawfully.',
        `The publisher said all rights reserved by the original authors would be respected, and ${'the court agreed with it at length '.repeat(3)}in a ruling on Friday.`,
      ],
    );
  });

  it('reporting-credits drops wire trailers', () => {
    check(
      reportingCredits,
      [
        '(Reporting by Khaled Yacoub Oweies in Amman; Editing by Angus MacSwan)',
        'Reporting by Marta Quintela; Editing by Paul Dressler',
        'Yan Zhang contributed to this story.',
        'The Associated Press contributed to this report.',
      ],
      [
        'Reporting by journalists in the region has been restricted since the war began, the union said in a statement on Monday.',
        'Editors said the report was thorough.',
        'Two colleagues contributed to this report, which took a year to complete and cost the paper more than it earned.',
      ],
    );
  });

  it('subscribe-prompt drops newsletter / follow prompts, not sentences about subscribers', () => {
    check(
      subscribePrompt,
      [
        'Sign up for our newsletter',
        'Subscribe now',
        'SUBSCRIBE TO OUR NEWSLETTER',
        'Follow us on X and LinkedIn',
        'Follow AP on Facebook, X, Instagram, YouTube and TikTok',
        'Get the business news delivered to your inbox every morning.',
        'Download our app',
      ],
      [
        'Subscribers to the service complained that prices rose twice in a year.',
        'Musk urged fans to follow him on X.',
        p('Register for Gifts', 'heading'),
        'Join online communities: engage in discussions and give advice within online groups, then introduce yourself as a consultant to the members who ask.',
      ],
    );
  });

  it('share-row drops share buttons', () => {
    check(
      shareRow,
      ['Share this article', 'Share on Facebook', 'Share', 'Facebook Twitter Email', 'SMS Facebook Twitter Email'],
      ['Facebook shares fell 3% on Tuesday.', 'Share prices fell sharply.', 'Twitter'],
    );
  });

  it('ad-label drops advertisement markers', () => {
    check(
      adLabel,
      [
        'Advertisement',
        'ADVERTISEMENT',
        'Story continues below advertisement',
        'Continue reading the main story',
        'Leave a comment',
        'Post a Comment',
        'Get the Flash Player to see this player.',
      ],
      ['Advertisement spending rose 4% last year, the agency said.', 'Leave a comment for the council by Friday.'],
    );
  });

  it('too-short drops empty and one-word paragraphs, not headings, list items or labels', () => {
    check(tooShort, ['Source', '>>', '•', '7'], ['Pros:', 'Why?', p('Conclusion', 'heading'), p('Salt', 'list-item'), 'Two words']);
  });

  it('rules written in lower case match accented capitals and all-caps lines (the patterns run without the u flag)', () => {
    check(copyright, ['© 2024 LE MONDE. TOUS DROITS RÉSERVÉS.', '© 2024 El País. Todos Los Derechos Reservados.'], [REAL_SENTENCE]);
    check(promoLine, ['À LIRE AUSSI : La réforme des retraites', 'LEER MÁS: El puerto amplía su terminal', 'LEIA TAMBÉM: Porto cresce'], [REAL_SENTENCE]);
    check(subscribePrompt, ['SUSCRÍBETE a nuestro boletín', 'ABONNEZ-VOUS à la newsletter'], [REAL_SENTENCE]);
    check(tagsLine, ['SCHLAGWÖRTER: Hafen, Hamburg', 'ÉTIQUETTES : port, Marseille'], [REAL_SENTENCE]);
  });

  it('repeats-title drops only a LEADING block equal to the title', () => {
    const title = 'Lisbon Port Opens Bidding for Offshore Wind Terminal';
    const b = p('Lisbon port opens bidding for offshore wind terminal.');
    expect(repeatsTitle.test(b, ctx({ title, keptIndex: 0 }, b))).toBe(true);
    expect(repeatsTitle.test(b, ctx({ title, keptIndex: 3 }, b))).toBe(false);
    const other = p('Lisbon port opens bidding for offshore wind terminal, officials said on Tuesday.');
    expect(repeatsTitle.test(other, ctx({ title, keptIndex: 0 }, other))).toBe(false);
  });

  it('no rule drops a dateline paragraph', () => {
    const dateline = p('LONDON (Reuters) - Britain’s economy grew faster than expected in the third quarter, official data showed on Friday.');
    const short = p('LONDON (Reuters) -');
    for (const r of CLEANUP_RULES) {
      expect(r.test(dateline, ctx({}, dateline)), r.name).toBe(false);
      expect(r.test(short, ctx({}, short)), r.name).toBe(false);
    }
  });

  it('cleanBlocks keeps order and reports which rule dropped what', () => {
    const blocks = [p('Port bids open'), p('By Jane Doe'), p('LISBON - The port opened bids.'), p('Read Also: Another story'), p('It closes in May.')];
    const out = cleanBlocks(blocks, { title: 'Port bids open', byline: null, siteName: null });
    expect(out.blocks.map((b) => b.text)).toEqual(['LISBON - The port opened bids.', 'It closes in May.']);
    expect(out.dropped.map((d) => d.rule)).toEqual(['repeats-title', 'by-line', 'promo-line']);
  });

  it('cleanBlocks counts the kept words as countWords counts the joined text (CJK and apostrophes too)', () => {
    const blocks = [
      p('東京で新しい港が開いた。'),
      p('Read Also: Another story'),
      p('The port’s new quay, 1,200 m long, opens in May.'),
      p('Сегодня порт открыл новый причал.'),
      p('港口今天开放了。Officials said so.'),
    ];
    const out = cleanBlocks(blocks, { title: 'Port', byline: null, siteName: null });
    expect(out.blocks).toHaveLength(4);
    expect(out.wordCount).toBe(countWords(blocksToText(out.blocks)));
  });

  it('a rule is not asked about blocks longer than its maxWords, and refuses them when asked directly', () => {
    const asked: string[] = [];
    const spy: CleanupRule = { name: 'spy', maxWords: 3, test: (b) => (asked.push(b.text), false) };
    cleanBlocks([p('one two three'), p('one two three four'), p('five')], { title: '', byline: null, siteName: null }, { rules: [spy] });
    expect(asked).toEqual(['one two three', 'five']);
    const long = `Copyright 2024 Example News. ${'More words about the port and its new quay. '.repeat(6)}`;
    expect(countWords(long)).toBeGreaterThan(copyright.maxWords);
    expect(copyright.test(p(long), ctx({}, p(long)))).toBe(false);
    expect(copyright.test(p('Copyright 2024 Example News.'), ctx({}, p('Copyright 2024 Example News.')))).toBe(true);
  });
});

describe('link-list rule (runs of short all-link blocks)', () => {
  it('drops a run of three or more short linked lines, keeps a single linked line and linked headings', async () => {
    const { linkList } = await import('../../src/extract/rules');
    const blocks: Block[] = [
      p('The council voted on Tuesday to repair the harbour wall before the winter storms arrive.'),
      p('Designing 007: a look at Bond\u2019s luxurious life', 'list-item'),
      p('Five ways to ruin your startup\u2019s pitch', 'list-item'),
      p('Pilots wanted for giant robot', 'list-item'),
      p('Read the full council report (PDF)'),
      p('Most popular', 'heading'),
    ];
    const linkShares = [0, 1, 1, 0.95, 1, 1];
    const dropped = blocks.map((b, index) => linkList.test(b, ctx({ blocks, index, linkShares }, b)));
    expect(dropped).toEqual([false, true, true, true, true, false]);
    const single = [blocks[0] as Block, blocks[4] as Block, blocks[0] as Block];
    expect(single.map((b, index) => linkList.test(b, ctx({ blocks: single, index, linkShares: [0, 1, 0] }, b)))).toEqual([false, false, false]);
  });
});

describe('furniture-class rule (captions, author boxes, comments… named by tag, class or id)', () => {
  const fixture = (name: string): string => gunzipSync(readFileSync(new URL(`../fixtures/pages/${name}.html.gz`, import.meta.url))).toString('utf8');
  function dropsOf(html: string, url = 'https://news.example/a'): { text: string; dropped: DroppedBlock[] } {
    let dropped: DroppedBlock[] = [];
    const r = extractFromHtml(html, url, { minWords: 0, onDropped: (d) => (dropped = d) });
    if (!r.ok) throw new Error(r.detail);
    return { text: r.article.text, dropped };
  }
  const story = (n: number): string =>
    Array.from(
      { length: n },
      (_, i) =>
        `<p>Paragraph ${i}: the harbour board said on Tuesday that the sea wall needs repairs before the winter storms, and that the work will take six weeks.</p>`,
    ).join('');

  it('real pages: an author box (wcxb-0500) and photo credits in figcaptions (wcxb-0334)', () => {
    const bio = dropsOf(fixture('wcxb-0500'), 'https://www.talkandroid.com/519086-best-smart-home-lamps');
    expect(bio.dropped.filter((d) => d.rule === 'furniture-class').map((d) => d.block.text)).toContainEqual(
      expect.stringMatching(/^Irene is an experienced writer/),
    );
    expect(bio.text).toContain('Android phones have snuck into ecosystems far beyond simple messaging and apps.');
    const credits = dropsOf(fixture('wcxb-0334'), 'https://upgradedpoints.com/travel/car-rentals/best-car-rental-companies/');
    expect(credits.dropped.filter((d) => d.rule === 'furniture-class').map((d) => d.block.text)).toContain('Image Credit: Alamo');
    expect(credits.text).toContain('When it comes to renting a car, it can be daunting to choose which company to use.');
  });

  it('drops figcaptions, wp-caption text, author bios and disclosures inside the article', () => {
    const html = `<html><body><article><h1>Harbour wall</h1>${story(4)}
      <figure><img src="a.jpg"><figcaption>The harbour wall at low tide. (Jane Roe/Harbour Ledger)</figcaption></figure>
      <div class="wp-caption"><img src="b.jpg"><p class="wp-caption-text">Workers on the pier.</p></div>${story(3)}
      <p class="bio">Jane Roe covers ports and shipping for the Harbour Ledger. She lives in Lisbon.</p>
      <p class="post-disclosure">We may earn a commission when you buy through links on our site.</p>
      <p class="latest">Most read this week: the winter ferry timetable and harbour parking fees</p></article></body></html>`;
    const { text, dropped } = dropsOf(html);
    expect(dropped.filter((d) => d.rule === 'furniture-class').map((d) => d.block.text)).toEqual([
      'The harbour wall at low tide. (Jane Roe/Harbour Ledger)',
      'Workers on the pier.',
      'Jane Roe covers ports and shipping for the Harbour Ledger. She lives in Lisbon.',
      'We may earn a commission when you buy through links on our site.',
      'Most read this week: the winter ferry timetable and harbour parking fees',
    ]);
    expect(text).toContain('Paragraph 2: the harbour board said');
  });

  it('keeps a furniture-named element that holds most of the article, and names that are not furniture', () => {
    // Some templates wrap the whole story in an oddly named element: then it is the story.
    const wrapped = dropsOf(`<html><body><div class="comment-body post">${story(6)}</div></body></html>`);
    expect(wrapped.dropped.filter((d) => d.rule === 'furniture-class')).toEqual([]);
    expect(wrapped.text).toContain('Paragraph 5:');
    // Names match as whole parts ("biography" is not "bio"); "newsletter" is no furniture name (it holds story text as often as not).
    const named = dropsOf(
      `<html><body><article>${story(4)}<p class="biography newsletter-note">The port authority said the related repairs would start in May.</p></article></body></html>`,
    );
    expect(named.text).toContain('The port authority said the related repairs would start in May.');
    expect(furnitureClass.test(p('x'), ctx({ furniture: [{ role: 'caption', share: 0.6 }] }, p('x')))).toBe(false);
    expect(furnitureClass.test(p('x'), ctx({ furniture: [{ role: 'caption', share: 0.1 }] }, p('x')))).toBe(true);
    expect(furnitureClass.test(p('x'), ctx({}, p('x')))).toBe(false);
  });
});

describe('boilerplate notes (print edition, disclosures, support prompts, tag lines, teasers)', () => {
  const fixture = (name: string): string => gunzipSync(readFileSync(new URL(`../fixtures/pages/${name}.html.gz`, import.meta.url))).toString('utf8');
  function droppedBy(name: string, url: string, rule: string): string[] {
    let dropped: DroppedBlock[] = [];
    extractFromHtml(fixture(name), url, { minWords: 0, onDropped: (d) => (dropped = d) });
    return dropped.filter((d) => d.rule === rule).map((d) => d.block.text);
  }

  it('print-edition-note: "appeared in print" and "also appeared in the … issue" notes, not sentences about print', () => {
    expect(droppedBy('wcxb-4184', 'https://www.consumerreports.org/cars/car-maintenance/a/', 'print-edition-note')).toEqual([
      'Editor\u2019s Note: This article also appeared in the May/June 2024 issue of Consumer Reports magazine.',
    ]);
    check(
      printEditionNote,
      [
        'A version of this article appeared in print on 11/08/2012, on page B9 of the New York edition with the headline: Photos by iPhone.',
        'This story originally appeared in the March issue of Harbour Monthly.',
      ],
      [
        'The report appeared in print on Monday, the council said, and the harbour board will reply next week.',
        'This article is about the March issue of bonds by the port authority.',
      ],
    );
  });

  it("disclosure-note: affiliate and informational-only disclosures in the site's own voice", () => {
    expect(droppedBy('wcxb-0500', 'https://www.talkandroid.com/519086-best-smart-home-lamps', 'disclosure-note')).toEqual([
      expect.stringMatching(/^Editorial Note: Talk Android may contain affiliate links/),
    ]);
    check(
      disclosureNote,
      [
        'Disclosure: some of my posts contain affiliate links.',
        'While each product featured is independently selected by our editors, we may include paid promotion. If you buy something through our links, we may earn commission.',
        'The Motley Fool has a disclosure policy.',
        'Disclaimer: This article is intended for educational and informational purposes only and is not a substitute for medical advice.',
        'As an Amazon Associate I earn from qualifying purchases.',
        'By providing information about events on this site, Example.com shall not be deemed to endorse or guarantee them.',
        // The same, with the cue words in capitals.
        'WE MAY EARN A COMMISSION if you buy through our links.',
        'This post is FOR INFORMATIONAL PURPOSES ONLY and this article is not advice.',
        'Our picks are INDEPENDENTLY SELECTED BY OUR EDITORS.',
      ],
      [
        'The contract says the port shall not be deemed liable for storm damage, the council said.',
        // Reporting about commissions and affiliate links, not the site's own disclosure.
        'Our agents earn a 3% commission on each sale, the broker told us on Tuesday.',
        'The regulator said influencers must label affiliate links clearly from next year.',
        REAL_SENTENCE,
      ],
    );
  });

  it('support-prompt: donation appeals, republish boxes, "fill out the form", "tell us on Facebook"', () => {
    const url = 'https://hechingerreport.org/proof-points-tutoring/';
    expect(droppedBy('wcxb-0174', url, 'support-prompt')).toEqual([
      expect.stringMatching(/please consider pitching in what you can/),
      'Republish our articles for free, online or in print, under a Creative Commons license.',
    ]);
    expect(droppedBy('wcxb-0031', 'https://abc7ny.com/a', 'support-prompt')).toEqual([expect.stringMatching(/^Fill out the form below/)]);
    check(
      supportPrompt,
      ['Do you think Mariah will be a better judge than Steven Tyler? Tell us on Facebook!'],
      [
        'Volunteers support the harbour museum, and the council said it would donate the old crane.',
        'The form asks residents to fill out the form below the line, the council said.',
        'Residents can tell us on Facebook, the mayor joked, but the vote is final.',
      ],
    );
  });

  it('tags-line: "Tags: …", "| Categories: …", "Posted in: …" lines, not sentences mentioning tags', () => {
    expect(droppedBy('wcxb-4239', 'https://ambientairsolutions.com/smart-thermostat/', 'tags-line')).toEqual([
      expect.stringMatching(/^Tags: Helena, smart thermostat/),
    ]);
    check(
      tagsLine,
      ['Published: November 1st, 2012 | Tags:', 'Posted in: Fantasy |', 'Filed under: Ports, Shipping'],
      ['Price tags: the harbour board says fees will rise by 4% next year, and the port will publish them in May.', REAL_SENTENCE],
    );
  });

  it('teasers ending in their link label, and "download the app" prompts', () => {
    check(
      promoLine,
      [
        'Miley Cyrus Engaged: Marriage Before 25 a Bad Decision? Watch Video',
        'Will iPad lovers give Windows 8 tablets a chance? That\u2019s the question we asked for t\u2026 Read More...',
      ],
      ['The harbour board published the video on Tuesday, and residents can watch the video on its website.', REAL_SENTENCE],
    );
    check(
      subscribePrompt,
      [
        'CNET On The Go. Download the native CNET app for the platform of your choice.',
        // The patterns scanned anywhere in a block only run when a cue word is there: any case, mid-block.
        'Don\u2019t miss a story: SUBSCRIBE TO OUR daily NEWSLETTER.',
        'More from the harbour, DELIVERED STRAIGHT TO YOUR INBOX.',
        'Want more? FOLLOW US ON Instagram.',
      ],
      [
        'Residents can download the council\u2019s parking app, which the harbour board paid for, from next week onwards; the council said fees would not change for now.',
      ],
    );
  });
});

describe('image-credit rule', () => {
  it('drops credit lines and captions that end with an agency photo credit; keeps sentences about photos and credit', async () => {
    const { imageCredit } = await import('../../src/extract/rules');
    check(
      imageCredit,
      [
        'Photo: Reuters',
        'Photo by Dean Takahashi/VentureBeat',
        'Image credit: © Depositphotos.com/AndrewLozovyi',
        'Photo Credit: Shutterstock.com',
        'Foto: dpa',
        "Jamaica's Usain Bolt crosses the finish line to win the men's 200-meter final, London, Thursday, Aug. 9, 2012. (AP Photo/David J. Phillip)",
        'Rescue workers search the rubble in Kathmandu. (Photo: Reuters)',
      ],
      [
        'Pictures by local residents showed the damage to the harbour wall.',
        'Credit card fees rose 3% last year, the regulator said.',
        'Photos of the flooded quay spread on social media on Tuesday, and the council answered within the hour.',
        'The photographer said the agency paid for the pictures (AP sent two more).',
        REAL_SENTENCE,
      ],
    );
  });

  it('is one of the cleanup rules', () => {
    expect(CLEANUP_RULES.map((r) => r.name)).toContain('image-credit');
  });
});

describe('furniture names', () => {
  it('match whole name parts, and run-together byline names', async () => {
    const { furnitureRole } = await import('../../src/extract/blocks');
    const { document } = (await import('linkedom')).parseHTML('<html><body></body></html>') as unknown as { document: Document };
    const el = (cls: string, tag = 'div'): Element => {
      const e = document.createElement(tag);
      e.setAttribute('class', cls);
      return e;
    };
    expect(furnitureRole(el('wp-caption alignright'))).toBe('caption');
    expect(furnitureRole(el('nodeByline'))).toBe('author');
    expect(furnitureRole(el('latest-stories'))).toBe('page');
    expect(furnitureRole(el('x', 'figcaption'))).toBe('caption');
    expect(furnitureRole(el('biography authority captionless'))).toBe(null);
    expect(furnitureRole(el('article-body'))).toBe(null);
  });
});

describe('social-post rule (embedded posts without their script)', () => {
  const test = (rule: CleanupRule, blocks: Block[], index: number): boolean => rule.test(blocks[index] as Block, ctx({ blocks, index }));

  it.each([
    '— Jane Doe (@janedoe) March 5, 2026',
    '— Le Monde (@lemondefr) 5 mars 2026',
    '— Tagesschau (@tagesschau) 5. März 2026',
    'A post shared by Jane Doe (@janedoe)',
    'Una publicación compartida de Club (@club)',
    'View this post on Instagram',
    'Watch on YouTube',
    '@runner92 New route test ♬ original sound - runner92',
    'Race day! pic.twitter.com/abc123',
  ])('drops %s', (text) => {
    expect(test(socialPost, [p(text)], 0)).toBe(true);
  });

  it('drops a quote followed by its post line, keeps a quote that is the story’s', () => {
    const blocks = [p('See you at the new start!', 'quote'), p('— Club (@club) 6 March 2026', 'quote'), p('“It is faster,” the coach said.', 'quote')];
    expect(test(socialPost, blocks, 0)).toBe(true);
    expect(test(socialPost, blocks, 2)).toBe(false);
  });

  it('keeps a sentence that names a handle', () => {
    expect(test(socialPost, [p('The mayor wrote on X (@mayor) that the bridge would reopen in May.')], 0)).toBe(false);
  });
});

describe('newsletter-box rule (sign-up boxes once the form is gone)', () => {
  const test = (blocks: Block[], index: number): boolean => newsletterBox.test(blocks[index] as Block, ctx({ blocks, index }));

  it('drops the title, the pitch and the consent line of a box', () => {
    const blocks = [p('Morning Briefing'), p('The day’s top stories in your inbox.'), p('By signing up you agree to our Privacy Policy.')];
    expect([0, 1, 2].map((i) => test(blocks, i))).toEqual([true, true, true]);
  });

  it('drops a pitch with a call to action, in other languages too', () => {
    expect(test([p('Unser Newsletter: jeden Freitag das Wichtigste. Jetzt kostenlos abonnieren!')], 0)).toBe(true);
    expect(test([p('La lettre du soir dans votre boîte mail. Inscrivez-vous !')], 0)).toBe(true);
  });

  it('keeps sentences that talk about newsletters', () => {
    expect(test([p('I also identified 28 newsletters, a small subset of the newsletters I subscribe to, as the test set.')], 0)).toBe(false);
    expect(test([p('Monitor trends: follow relevant news sources and subscribe to industry newsletters.')], 0)).toBe(false);
    expect(test([p('Scam emails kept arriving in her inbox for weeks.'), p('Police said the sender used a fake address.')], 0)).toBe(false);
  });
});

describe('correction-note rule', () => {
  const drops = (text: string, kind: BlockKind = 'paragraph'): boolean => correctionNote.test(p(text, kind), ctx({}, p(text, kind)));

  it.each([
    'Correction: An earlier story gave the wrong date.',
    'Clarification: The mayor spoke on Monday.',
    'An earlier version of this article misstated the cost.',
    'This story has been updated with a statement from the police.',
    'Korrektur: Der Termin ist am Freitag.',
    'Dieser Artikel wurde nachträglich korrigiert.',
    'Rectificatif : le maire s’appelle Jean Dupont.',
    'Une précédente version de cet article indiquait un mauvais chiffre.',
    'Fe de erratas: la cifra es de 34 millones.',
    'Este artículo fue corregido el 5 de marzo.',
    'Editor’s note: This story has been updated to include a statement.',
  ])('drops %s', (text) => {
    expect(drops(text)).toBe(true);
  });

  it('keeps a quote and a sentence that mention a correction', () => {
    expect(drops('“An earlier version of the plan had no shore power,” he said.')).toBe(false);
    expect(drops('The ministry said the correction of the figures would take weeks.')).toBe(false);
    expect(drops('Corrections officers went on strike on Monday.')).toBe(false);
    expect(drops('Editor’s Note: This map features the top restaurants each month, as chosen by our editors.')).toBe(false);
    expect(drops('Editor’s Note: This map features the top restaurants, as chosen by our editors. It is updated monthly.')).toBe(false);
  });
});

describe('author-bio rule', () => {
  const story = p('The council will vote on the plan next month, officials said.');
  const drops = (text: string, atEnd = true): boolean => {
    const title = p('About the author');
    const blocks = atEnd ? [story, story, story, title, p(text)] : [story, title, p(text), story, story, story, story];
    const index = atEnd ? 4 : 2;
    return authorBio.test(blocks[index] as Block, ctx({ blocks, index, keptIndex: index }));
  };

  it.each([
    'About the author',
    'Jane Doe is a senior reporter at the Harbour Ledger covering transport.',
    'Marie Curie est journaliste au service économie.',
    'Carlos Ruiz es corresponsal en Bruselas desde 2019.',
    'Lena Hoffmann ist Redakteurin im Ressort Stadt.',
  ])('drops %s at the end of the article', (text) => {
    expect(drops(text)).toBe(true);
  });

  it('keeps a bio-like sentence in the middle of the story or without a box title, and a source’s role', () => {
    expect(drops('Jane Doe is a senior reporter at the Harbour Ledger covering transport.', false)).toBe(false);
    const closing = [story, story, p('Jane Doe is a senior editor at Health, specialising in skincare.')];
    expect(authorBio.test(closing[2] as Block, ctx({ blocks: closing, index: 2, keptIndex: 2 }))).toBe(false);
    expect(drops('Anna Berger ist Fahrgastsprecherin des Verbands Pro Bahn.')).toBe(false);
  });
});

describe('popular-list rule ("most read" / "recommended" / "related" lists)', () => {
  const story = p(
    'The council will vote on the plan next month, officials said, after a consultation that ran all summer and drew more than two thousand replies from residents of the harbour district.',
  );
  /** Each block with its link share: [text, share, kind?]. */
  const drops = (rows: [string, number, BlockKind?][]): boolean[] => {
    const blocks = rows.map(([text, , kind]) => p(text, kind));
    const linkShares = rows.map(([, share]) => share);
    return blocks.map((b, index) => popularList.test(b, ctx({ blocks, index, keptIndex: index, linkShares })));
  };

  it.each(['Most read', 'Most popular', 'Recommended for you', 'Related stories', 'Meistgelesen', 'Les plus lus', 'Lo más leído', 'Te puede interesar:'])(
    'drops the title %s and the linked teasers under it',
    (title) => {
      expect(
        drops([
          [story.text, 0],
          [title, 0, 'heading'],
          ['Bridge closure moves to next week', 1],
          ['2 hours ago', 0],
          ['Fish market hours change', 1],
        ]),
      ).toEqual([false, true, true, true, true]);
    },
  );

  it('drops the deks between linked headlines, keeps the story paragraph after the list', () => {
    const dek = 'The Chinese currently stand second in the overall medals table, and first in gold medals, but you would never know it…';
    expect(
      drops([
        ['Recent posts', 0, 'heading'],
        ['China’s Olympic debate', 1],
        [dek, 0],
        ['Indonesia exhumes the past', 1],
        [dek.replace('Chinese', 'Korean'), 0],
        [story.text, 0],
      ]),
    ).toEqual([true, true, true, true, false, false]);
  });

  it('drops a title that ends the article or stands over another one', () => {
    expect(
      drops([
        [story.text, 0],
        ['Most popular', 0],
      ]),
    ).toEqual([false, true]);
    expect(
      drops([
        [story.text, 0],
        ['Most popular', 0],
        ['Most read', 0],
        [story.text, 0],
      ]),
    ).toEqual([false, true, false, false]);
  });

  it('keeps a title over the story’s own list, a list of sources, and a linked section heading', () => {
    expect(
      drops([
        [story.text, 0],
        ['Popular Red Wines', 0, 'heading'],
        ['Merlot – fruity, spicy', 0, 'list-item'],
        ['Pinot noir – delicate', 0, 'list-item'],
      ]),
    ).toEqual([false, false, false, false]);
    expect(
      drops([
        [story.text, 0],
        ['Sources', 0, 'heading'],
        ['Port authority report (PDF)', 1],
        ['Council minutes', 1],
      ]),
    ).toEqual([false, false, false, false]);
    expect(
      drops([
        ['Related stories', 0, 'heading'],
        ['How the plan began', 1, 'heading'],
        [story.text, 0],
      ]),
    ).toEqual([false, false, false]);
  });
});

describe('live-nav rule (a live blog’s navigation)', () => {
  const story = p(
    'The coast road was closed after a landslide near the lighthouse car park, police said on Tuesday, and drivers were asked to use the inland route until the wind drops.',
  );
  const drops = (rows: [string, number, BlockKind?][]): boolean[] => {
    const blocks = rows.map(([text, , kind]) => p(text, kind));
    const linkShares = rows.map(([, share]) => share);
    return blocks.map((b, index) => liveNav.test(b, ctx({ blocks, index, keptIndex: index, linkShares })));
  };

  it.each([
    'Show more updates',
    'Load more',
    'Live',
    '3 new posts',
    'Pinned post',
    'Aktualisieren',
    'Weitere Beiträge laden',
    'Mise à jour',
    'Voir plus',
    'Ver más',
    'Volver arriba',
  ])('drops the control %s', (text) => {
    expect(
      drops([
        [story.text, 0],
        [text, 0],
        [story.text, 0],
      ]),
    ).toEqual([false, true, false]);
  });

  it('drops a linked "Key events" list and a linked timeline, keeps key points that are not links', () => {
    expect(
      drops([
        ['Key events', 0, 'heading'],
        ['Coast road closed', 1],
        ['Ferries cancelled', 1],
        [story.text, 0],
      ]),
    ).toEqual([true, true, true, false]);
    expect(
      drops([
        [story.text, 0],
        ['14:32 Coast road closed', 1],
        ['13:05 Ferries cancelled', 1],
      ]),
    ).toEqual([false, true, true]);
    expect(
      drops([
        ['Key points', 0, 'heading'],
        ['All ferries are cancelled.', 0, 'list-item'],
        ['The coast road is closed.', 0, 'list-item'],
        [story.text, 0],
      ]),
    ).toEqual([false, false, false, false]);
  });

  it('keeps a sentence that starts with a time, and a line that mentions an update', () => {
    expect(
      drops([
        [story.text, 0],
        ['14:32 The mayor said the road would reopen on Friday.', 0],
        [story.text, 0],
      ]),
    ).toEqual([false, false, false]);
    expect(
      drops([
        [story.text, 0],
        ['Mise à jour de la carte des routes fermées à 15 heures.', 0],
        [story.text, 0],
      ]),
    ).toEqual([false, false, false]);
  });
});

describe('repeated-block rule', () => {
  const drops = (texts: string[]): boolean[] => {
    const blocks = texts.map((t) => p(t));
    return blocks.map((b, index) => repeatedBlock.test(b, ctx({ blocks, index, keptIndex: index })));
  };
  const line = 'The pools will cost about twelve million euros together, the department said on Thursday after the vote.';

  it('drops a later copy of a block, keeps the first and short refrains', () => {
    expect(drops([line, 'Lessons for schools will be free this year.', line])).toEqual([false, false, true]);
    expect(drops(['Pros', 'Light and cheap.', 'Pros', 'Heavy and dear.'])).toEqual([false, false, false, false]);
    const item = (t: string): Block => p(t, 'list-item');
    const items = [item(line), item(line)];
    expect(items.map((b, index) => repeatedBlock.test(b, ctx({ blocks: items, index, keptIndex: index })))).toEqual([false, false]);
  });
});
