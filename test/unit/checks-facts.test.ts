import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFacts, listFacts, type Fact, type FactsReport } from '../../src/checks/facts';
import { rewriteText } from '../../src/checks/index';
import { splitAnswer } from '../../src/rewrite/split';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/checks/${name}`, import.meta.url), 'utf8');

/** A model answer as the product checks it: split into headline and body, then headline + plain body. */
function asChecked(answer: string): string {
  const { headline, body } = splitAnswer(answer, { final: true });
  return rewriteText(headline, body);
}

const SETS = {
  meta: { source: fixture('meta-source.txt'), clean: fixture('meta-clean.md') },
  council: { source: fixture('council-source.txt'), clean: fixture('council-clean.md') },
  quake: { source: fixture('quake-source.txt'), clean: fixture('quake-clean.md') },
} as const;
type SetName = keyof typeof SETS;

const brief = (facts: readonly Fact[]): string[] => facts.map((f) => `${f.kind}:${f.value ?? f.text}`);

describe('checkFacts: what it collects from the example article', () => {
  const facts = listFacts(SETS.meta.source);
  const has = (kind: Fact['kind'], text: string, value?: string): void => {
    const hit = facts.find((f) => f.kind === kind && f.text === text);
    expect(hit, `${kind} ${text}`).toBeDefined();
    if (value !== undefined) expect(hit?.value).toBe(value);
  };

  it('numbers with what they count', () => {
    has('number', '27,000 Palestinians', '27000');
    has('number', '11 Iranian cyber-enabled influence operations', '11');
    has('number', '35 years', '35');
    has('number', 'five million Instagram followers', '5000000');
  });

  it('dates, as ISO 8601 with unknown parts left out', () => {
    has('date', 'October 7', '--10-07');
    has('date', 'October 2023', '2023-10');
    has('date', 'December 2023', '2023-12');
    has('date', '2021', '2021');
    has('date', 'November', '--11');
  });

  it('names of people, organisations and places; not headings, sentence starters or months', () => {
    for (const name of [
      'Ayatollah Ali Khamenei',
      'Meta',
      'Supreme Leader',
      'Gaza Strip',
      'Middle East',
      'Mahsa Amini',
      'Hezbollah',
      'CNN',
      'AP News',
      'United Nations',
      'X',
      'YouTube',
    ]) {
      has('name', name);
    }
    const names = facts.filter((f) => f.kind === 'name').map((f) => f.text);
    for (const wrong of ['Denouncing', 'Terrorism', 'Violence', 'Growing', 'Cyberattacks', 'Removes', 'Despite', 'Early', 'The', 'October', 'Following']) {
      expect(
        names.some((n) => n.split(' ').includes(wrong)),
        wrong,
      ).toBe(false);
    }
  });

  it('quotations in curly quotes', () => {
    has('quote', 'government-aligned actors');
    expect(facts.filter((f) => f.kind === 'quote')).toHaveLength(3);
  });
});

describe('checkFacts: normalised forms', () => {
  const same: Array<[string, string]> = [
    ['27,000 people died.', 'Some 27000 people died.'],
    ['27,000 people died.', 'About 27 thousand people died.'],
    ['27,000 people died.', 'About 27k people died.'],
    ['27,000 people died.', 'About 27\u202F000 people died.'],
    ['27,000 people died.', 'About 27\u00A0000 people died.'],
    ['It has five million followers.', 'It has 5 million followers.'],
    ['It has five million followers.', 'It has 5,000,000 followers.'],
    ['It cost $5m.', 'It cost 5 million dollars.'],
    ['It cost $5 million.', 'It cost US$5,000,000.'],
    ['Prices rose 15%.', 'Prices rose 15 percent.'],
    ['Prices rose 15%.', 'Prices rose 15 per cent.'],
    ['Twenty-seven were hurt.', 'In all, 27 were hurt.'],
    ['It happened on Oct. 7.', 'It happened on October 7.'],
    ['It happened on October 7.', 'It happened on 7 October.'],
    ['It happened on October 7.', 'It happened on the 7th of October.'],
    ['It happened on October 7, 2023.', 'It happened on 2023-10-07.'],
    ['It happened on October 7.', 'It happened on October 7, 2023.'],
    ['The vote was held on 10/7/2023.', 'The vote was held on July 10, 2023.'],
    ['Talks began in London with US officials.', 'Talks began in London with officials from the United States.'],
    ['Talks began in London with US officials.', 'Talks began in London with American officials.'],
    ['He met Iranian officials.', 'He met officials from Iran.'],
    ['The quake struck at 03:14.', 'The quake struck at 3:14.'],
  ];
  for (const [source, rewrite] of same) {
    it(`${JSON.stringify(source)} ≈ ${JSON.stringify(rewrite)}`, () => {
      const r = checkFacts(source, rewrite);
      expect({ missing: brief(r.missing), added: brief(r.added) }).toEqual({ missing: [], added: [] });
    });
  }

  it('a different figure is both missing and added', () => {
    const r = checkFacts('27,000 people died.', 'Some 72,000 people died.');
    expect(brief(r.missing)).toEqual(['number:27000']);
    expect(brief(r.added)).toEqual(['number:72000']);
  });

  it('a quote turned into reported speech is fine; a quote changed inside quotation marks is not', () => {
    const source = 'Smith said: "We will rebuild every school by the end of the year."';
    expect(checkFacts(source, 'Smith said that every school would be rebuilt before the year is out.').missing).toEqual([]);
    expect(checkFacts(source, 'Smith promised to "rebuild every school" this year.').missing).toEqual([]);
    const changed = checkFacts(source, 'Smith said: "We will rebuild most schools by the end of the year."');
    expect(brief(changed.missing)).toEqual(['quote:We will rebuild every school by the end of the year.']);
  });

  it('an invented quotation is reported as added', () => {
    const r = checkFacts('Smith opened the school on Monday.', 'Smith opened the school, saying "this is a great day for everyone".');
    expect(brief(r.added)).toEqual(['quote:this is a great day for everyone']);
  });
});

describe('checkFacts: clean rewrites raise no false alarm', () => {
  for (const name of Object.keys(SETS) as SetName[]) {
    it(name, () => {
      const { source, clean } = SETS[name];
      const r = checkFacts(source, asChecked(clean));
      expect({ missing: brief(r.missing), added: brief(r.added) }).toEqual({ missing: [], added: [] });
      expect(r.kept).toBe(r.total);
      expect(r.total).toBeGreaterThan(10);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Planted errors: each row changes one clean rewrite and names the finding it must produce.

interface Planted {
  set: SetName;
  what: string;
  /** [find, replace] pairs applied to the clean rewrite; every find must occur. */
  edits: Array<[string, string]>;
  expect: { list: 'missing' | 'added'; kind: Fact['kind']; match: string };
}

const PLANTED: Planted[] = [
  // The example article (Meta / Khamenei)
  { set: 'meta', what: 'changed death toll', edits: [['27 thousand', '72 thousand']], expect: { list: 'missing', kind: 'number', match: '27000' } },
  { set: 'meta', what: 'changed years in office', edits: [['thirty-five years', 'thirty years']], expect: { list: 'missing', kind: 'number', match: '35' } },
  {
    set: 'meta',
    what: 'changed follower count',
    edits: [['5,000,000 followers', '5,000 followers']],
    expect: { list: 'missing', kind: 'number', match: '5000000' },
  },
  { set: 'meta', what: 'changed operation count', edits: [['eleven Iranian', 'twelve Iranian']], expect: { list: 'added', kind: 'number', match: '12' } },
  { set: 'meta', what: 'changed year', edits: [['whereas in 2021', 'whereas in 2020']], expect: { list: 'added', kind: 'date', match: '2020' } },
  { set: 'meta', what: 'changed month and year', edits: [['early Dec. 2023', 'early Dec. 2022']], expect: { list: 'missing', kind: 'date', match: '2023-12' } },
  {
    set: 'meta',
    what: 'changed day',
    edits: [['after the Oct. 7 attack', 'after the Oct. 8 attack']],
    expect: { list: 'added', kind: 'date', match: '--10-08' },
  },
  {
    set: 'meta',
    what: 'dropped Mahsa Amini',
    edits: [['after Mahsa Amini died in Iran', 'after a young woman died in Iran']],
    expect: { list: 'missing', kind: 'name', match: 'Mahsa Amini' },
  },
  {
    set: 'meta',
    what: 'dropped CNN',
    edits: [['on average, CNN reported', 'on average, a news report said']],
    expect: { list: 'missing', kind: 'name', match: 'CNN' },
  },
  {
    set: 'meta',
    what: 'dropped Hezbollah',
    edits: [['such as Hezbollah in Lebanon', 'such as armed groups in Lebanon']],
    expect: { list: 'missing', kind: 'name', match: 'Hezbollah' },
  },
  {
    set: 'meta',
    what: 'invented figure',
    edits: [['did not respond right away.', 'did not respond right away. Meta said it removed 4,500 accounts in total.']],
    expect: { list: 'added', kind: 'number', match: '4500' },
  },
  {
    set: 'meta',
    what: 'invented percentage',
    edits: [['but they grew more successful', 'but they grew 40% more successful']],
    expect: { list: 'added', kind: 'percent', match: '40%' },
  },
  {
    set: 'meta',
    what: 'invented spokesperson',
    edits: [['According to AP News, the decision', 'According to AP News and spokesman Andy Stone, the decision']],
    expect: { list: 'added', kind: 'name', match: 'Andy Stone' },
  },
  {
    set: 'meta',
    what: 'altered quote',
    edits: [
      [
        '“we do not allow organizations or individuals that proclaim a violent mission or are engaged in violence to have a presence on our platforms,”',
        '“we never allow organizations or individuals that proclaim a violent mission to be present on our platforms,”',
      ],
    ],
    expect: { list: 'missing', kind: 'quote', match: 'In an effort to prevent' },
  },
  // Council
  {
    set: 'council',
    what: 'changed budget',
    edits: [
      ['worth $4,200,000', 'worth $2,400,000'],
      ['$4.2m Plan', '$2.4m Plan'],
    ],
    expect: { list: 'missing', kind: 'money', match: 'USD 4200000' },
  },
  { set: 'council', what: 'changed percentage', edits: [['38 per cent', '83 per cent']], expect: { list: 'missing', kind: 'percent', match: '38%' } },
  { set: 'council', what: 'changed start date', edits: [['March 3, 2025', 'March 13, 2025']], expect: { list: 'missing', kind: 'date', match: '2025-03-03' } },
  {
    set: 'council',
    what: 'dropped Shelbyville',
    edits: [['that neighbouring Shelbyville should share', 'that neighbouring towns should share']],
    expect: { list: 'missing', kind: 'name', match: 'Shelbyville' },
  },
  {
    set: 'council',
    what: 'changed mayor surname',
    edits: [
      ['Mayor Linda Okafor', 'Mayor Linda Okoro'],
      ['Okafor argued', 'Okoro argued'],
    ],
    expect: { list: 'added', kind: 'name', match: 'Okoro' },
  },
  {
    set: 'council',
    what: 'invented jobs figure',
    edits: [['adds three new pumping stations.', 'adds three new pumping stations and 40 jobs.']],
    expect: { list: 'added', kind: 'number', match: '40' },
  },
  {
    set: 'council',
    what: 'quote put back in changed',
    edits: [
      [
        'Okafor argued that the town could not go on paying for the clean-up after each storm,',
        '“We can no longer keep paying to clean up after each storm,” Okafor argued,',
      ],
    ],
    expect: { list: 'missing', kind: 'quote', match: 'We cannot keep paying' },
  },
  // Earthquake
  {
    set: 'quake',
    what: 'changed death toll',
    edits: [['At least four people died', 'At least fourteen people died']],
    expect: { list: 'missing', kind: 'number', match: '4' },
  },
  {
    set: 'quake',
    what: 'changed injured count',
    edits: [['and 112 were hurt', 'and 121 were hurt']],
    expect: { list: 'missing', kind: 'number', match: '112' },
  },
  { set: 'quake', what: 'changed historic magnitude', edits: [['magnitude 8.8', 'magnitude 8.3']], expect: { list: 'missing', kind: 'number', match: '8.8' } },
  { set: 'quake', what: 'changed historic toll', edits: [['over 500 people', 'over 5,000 people']], expect: { list: 'missing', kind: 'number', match: '500' } },
  {
    set: 'quake',
    what: 'changed share of network',
    edits: [['roughly 15 percent', 'roughly 50 percent']],
    expect: { list: 'missing', kind: 'percent', match: '15%' },
  },
  { set: 'quake', what: 'changed visit date', edits: [['On January 14,', 'On January 4,']], expect: { list: 'missing', kind: 'date', match: '--01-14' } },
  {
    set: 'quake',
    what: 'dropped the president',
    edits: [
      ['President Gabriel Boric travelled', 'the president travelled'],
      ['Boric told reporters', 'he told reporters'],
    ],
    expect: { list: 'missing', kind: 'name', match: 'Boric' },
  },
  {
    set: 'quake',
    what: 'invented minister',
    edits: [['Speaking in Antofagasta,', 'Speaking in Antofagasta with minister Carolina Toha,']],
    expect: { list: 'added', kind: 'name', match: 'Carolina Toha' },
  },
  {
    set: 'quake',
    what: 'invented aftershocks',
    edits: [['suffered damage.', 'suffered damage, and 23 aftershocks followed.']],
    expect: { list: 'added', kind: 'number', match: '23' },
  },
  {
    set: 'quake',
    what: 'quote put back in changed',
    edits: [
      [
        'Boric told reporters that hospitals were running, roads were open and help was on its way.',
        'Boric told reporters: "The hospitals are working, the roads are closed, and help is arriving."',
      ],
    ],
    expect: { list: 'missing', kind: 'quote', match: 'the roads are open' },
  },
];

function plant(p: Planted): string {
  let text = SETS[p.set].clean;
  for (const [find, replace] of p.edits) {
    if (!text.includes(find)) throw new Error(`planted error "${p.what}": ${JSON.stringify(find)} is not in the clean rewrite`);
    text = text.split(find).join(replace);
  }
  return text;
}

function found(p: Planted, r: FactsReport): boolean {
  return r[p.expect.list].some((f) => f.kind === p.expect.kind && (f.value === p.expect.match || f.text.includes(p.expect.match)));
}

describe('checkFacts: planted errors', () => {
  it('has at least 20 planted errors of every sort', () => {
    expect(PLANTED.length).toBeGreaterThanOrEqual(20);
    for (const kind of ['number', 'percent', 'money', 'date', 'name', 'quote'] as const) {
      expect(
        PLANTED.some((p) => p.expect.kind === kind),
        kind,
      ).toBe(true);
    }
    expect(PLANTED.some((p) => p.expect.list === 'added')).toBe(true);
  });

  const results = PLANTED.map((p) => ({ p, r: checkFacts(SETS[p.set].source, asChecked(plant(p))) }));

  for (const { p, r } of results) {
    it(`${p.set}: ${p.what} → ${p.expect.list} ${p.expect.kind} ${p.expect.match}`, () => {
      expect(found(p, r), JSON.stringify({ missing: brief(r.missing), added: brief(r.added) })).toBe(true);
    });
  }

  it('finds at least 95% of them', () => {
    const hits = results.filter(({ p, r }) => found(p, r)).length;
    const rate = hits / results.length;
    console.log(`planted errors found: ${hits}/${results.length} (${(rate * 100).toFixed(1)}%)`);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
