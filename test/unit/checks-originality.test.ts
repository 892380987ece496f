import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks';
import { checkOriginality } from '../../src/checks/originality';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/checks/${name}`, import.meta.url), 'utf8');

/** The run a test expects: `text` found in `rewrite` (the n-th time), with its offsets. */
function runOf(rewrite: string, text: string, nth = 0): { start: number; end: number; text: string } {
  let start = -1;
  for (let k = 0; k <= nth; k++) start = rewrite.indexOf(text, start + 1);
  if (start < 0) throw new Error(`${JSON.stringify(text)} is not in the rewrite`);
  return { start, end: start + text.length, text };
}

const SOURCE =
  'The quick brown fox jumps over the lazy dog near the river bank today. ' +
  'Farmers in the valley say the harvest came three weeks early this season. ' +
  'The minister said: “We will rebuild every single school in the region by next year.” Critics doubted it.';

describe('checkOriginality: copied runs', () => {
  it('finds one copied passage with its exact offsets', () => {
    const rewrite = 'Yesterday, the quick brown fox jumps over the lazy dog, witnesses said.';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([runOf(rewrite, 'the quick brown fox jumps over the lazy dog')]);
    expect(r.longestRun).toBe(9);
    expect(r.copiedShare).toBeCloseTo(9 / 12, 10);
  });

  it('does not count an overlap of 5 words, and does count it when minRun is 5', () => {
    const rewrite = 'A small brown fox jumps over the fence, and a tired dog sleeps.';
    expect(checkOriginality(SOURCE, rewrite)).toMatchObject({ copiedShare: 0, longestRun: 0, runs: [] });
    const five = checkOriginality(SOURCE, rewrite, { minRun: 5 });
    expect(five.runs).toEqual([runOf(rewrite, 'brown fox jumps over the')]);
  });

  it('a 6-word overlap is the smallest run counted', () => {
    const rewrite = 'Look: brown fox jumps over the lazy cat.';
    expect(checkOriginality(SOURCE, rewrite).runs).toEqual([runOf(rewrite, 'brown fox jumps over the lazy')]);
  });

  it('counts copies that differ only in punctuation, case, hyphens and apostrophes', () => {
    const rewrite = 'THE Quick, brown-fox jumps: over the LAZY dog!';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([runOf(rewrite, 'THE Quick, brown-fox jumps: over the LAZY dog')]);
    expect(r.copiedShare).toBe(1);

    const apostrophes = checkOriginality(
      'Iran’s mission to the United Nations has yet to respond.',
      "We hear Iran's mission to the United Nations has yet to respond.",
    );
    expect(apostrophes.longestRun).toBe(9); // "United Nations" is one token
  });

  it('finds two separate copied passages as two runs', () => {
    const rewrite =
      'Reports say the quick brown fox jumps over the lazy dog. Elsewhere, ' +
      'farmers in the valley say the harvest came three weeks early, a surprise to many.';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([
      runOf(rewrite, 'the quick brown fox jumps over the lazy dog'),
      runOf(rewrite, 'farmers in the valley say the harvest came three weeks early'),
    ]);
    expect(r.longestRun).toBe(11);
    expect(r.copiedShare).toBeCloseTo(20 / 27, 10);
  });

  it('keeps two copies that merely touch as two runs', () => {
    const rewrite = 'the quick brown fox jumps over farmers in the valley say the';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([runOf(rewrite, 'the quick brown fox jumps over'), runOf(rewrite, 'farmers in the valley say the')]);
    expect(r.copiedShare).toBe(1);
  });

  it('leaves a verbatim quotation out of the copied share', () => {
    const rewrite = 'According to the minister, “We will rebuild every single school in the region by next year.” Nobody believes him.';
    expect(checkOriginality(SOURCE, rewrite)).toMatchObject({ copiedShare: 0, longestRun: 0, runs: [] });
    // The same words without quotation marks are copied prose.
    const unquoted = 'According to the minister, we will rebuild every single school in the region by next year. Nobody believes him.';
    const r = checkOriginality(SOURCE, unquoted);
    expect(r.runs).toEqual([runOf(unquoted, 'we will rebuild every single school in the region by next year')]);
  });

  it('stops a run at a quotation and counts the copied prose around it', () => {
    const rewrite = 'The minister said: “We will rebuild every single school in the region by next year.” Critics doubted it.';
    const r = checkOriginality(SOURCE, rewrite);
    // "The minister said" + quote boundary: the prose before and after the quote is too short to be a run.
    expect(r.runs).toEqual([]);
  });

  it('counts copied words inside quotation marks that do not quote the source', () => {
    const rewrite = 'He called it “the quick brown fox jumps over the lazy dog” moment, then left.';
    const r = checkOriginality(SOURCE, rewrite);
    expect(r.runs).toEqual([]); // a verbatim quote of source text is excluded…
    const changed = 'He called it “the quick brown fox jumps over the lazy cat” moment, then left.';
    expect(checkOriginality(SOURCE, changed).runs).toEqual([runOf(changed, 'the quick brown fox jumps over the lazy')]); // …a changed one is not
  });

  it('a full copy scores all but its short sentences, an empty rewrite 0', () => {
    const r = checkOriginality(SOURCE, SOURCE.replace(/[“”]/g, ''));
    // One run per sentence; "Critics doubted it." is too short to be one.
    expect(r.runs.map((x) => x.text)).toEqual([
      'The quick brown fox jumps over the lazy dog near the river bank today',
      'Farmers in the valley say the harvest came three weeks early this season',
      'The minister said: We will rebuild every single school in the region by next year',
    ]);
    expect(r.copiedShare).toBeCloseTo(42 / 45, 10);
    expect(r.warn).toBe(true);
    expect(checkOriginality(SOURCE, '')).toEqual({ copiedShare: 0, longestRun: 0, runs: [], passages: [], warn: false });
    expect(checkOriginality('', 'Some words of a rewrite that stand here alone.').copiedShare).toBe(0);
  });

  it('the hand-written rewrite of the example article is original; the article itself is not', () => {
    const source = fixture('meta-source.txt');
    const clean = checkOriginality(source, fixture('meta-clean.md'));
    expect(clean.copiedShare).toBeLessThan(0.05);
    const copy = checkOriginality(source, source);
    expect(copy.copiedShare).toBeGreaterThan(0.85);
    expect(clean.warn).toBe(false);
    expect(copy.warn).toBe(true);
  });
});

describe('checkOriginality: what is not copying', () => {
  const source =
    'The Federal Motor Carrier Safety Administration said on Monday that the company is under investigation. ' +
    'Officials from the Department of Health and Human Services will visit the site next week.\n\n' +
    'Residents gathered near the old harbour to watch the boats come in at dawn.';

  it('a multi-word name is one token: a name with a few words around it is no run', () => {
    // 4 tokens around the name: "according to the [name], the" is no run of 6.
    const rewrite = 'According to the Federal Motor Carrier Safety Administration, the firm faces a federal inquiry.';
    expect(checkOriginality(source, rewrite).runs).toEqual([]);
    // The same words as ordinary words in both texts are six copied words.
    const plain = (t: string) => t.replace('Federal Motor Carrier Safety Administration', 'federal motor carrier safety administration');
    expect(checkOriginality(plain(source), plain(rewrite)).runs).toEqual([runOf(plain(rewrite), 'the federal motor carrier safety administration')]);
  });

  it('a copied sentence that holds a name is still one run, the name counting once', () => {
    const rewrite = 'Officials from the Department of Health and Human Services will visit the site next week, she said.';
    const r = checkOriginality(source, rewrite);
    expect(r.runs).toEqual([runOf(rewrite, 'Officials from the Department of Health and Human Services will visit the site next week')]);
    expect(r.longestRun).toBe(10);
  });

  it('hyphenated names and names with do, de, van are one token', () => {
    const src = 'Viana do Castelo and the Wi-Fi Alliance signed the deal on a rainy day in spring.';
    expect(checkOriginality(src, 'Late in spring, Viana do Castelo and the Wi-Fi Alliance reached a deal.').runs).toEqual([]);
  });

  it('a run never crosses a sentence break, in the rewrite or in the source', () => {
    // Five words end one source sentence and two start the next: the rewrite's one sentence is no copy of either.
    const rewrite = 'The company is under investigation officials from the department say.';
    expect(checkOriginality(source, rewrite).runs).toEqual([]);
    // The rewrite's own sentence break stops a run, as a paragraph break does.
    const broken = 'They watch the boats come in. At dawn residents gathered near the old harbour to watch.';
    const r = checkOriginality(source, broken);
    expect(r.runs).toEqual([runOf(broken, 'residents gathered near the old harbour to watch')]);
    const paragraphs = 'Residents gathered near the old\n\nharbour to watch the boats come in at dawn.';
    expect(checkOriginality(source, paragraphs).runs).toEqual([runOf(paragraphs, 'harbour to watch the boats come in at dawn')]);
  });

  it('a full stop after Mr. or an initial does not end the sentence', () => {
    const src = 'Mr. J. Smith told reporters the bridge would close for repairs in March.';
    const rewrite = 'Mr. J. Smith told reporters the bridge would close for repairs in March.';
    expect(checkOriginality(src, rewrite).runs).toHaveLength(1);
  });

  it('a verbatim quote left open at the end of a paragraph (news style) is a quote', () => {
    const src = 'The agency said, "The company is under investigation and will answer for every single complaint.\n\nMore follows.';
    const rewrite = 'In a statement the agency said, "The company is under investigation and will answer for every single complaint.\n\nMore later.';
    expect(checkOriginality(src, rewrite).runs).toEqual([]);
  });

  it('a web address is one token, however many words its path holds', () => {
    const src = 'Details are at www.example.com/planting-and-watering-wisdom-from-a-new-book for readers.';
    const rewrite = 'Listen to the podcast at www.example.com/planting-and-watering-wisdom-from-a-new-book today.';
    expect(checkOriginality(src, rewrite).runs).toEqual([]);
  });

  it('a byline or credit line (title case, no full stop) is never a passage to rewrite', () => {
    const src = 'Shelia R. Cotten, Distinguished Professor of Sociology, Anthropology and Criminal Justice and Communication, Clemson University';
    const r = checkOriginality(src, `The study is new.\n\n${src}`);
    expect(r.runs).toHaveLength(1); // copied, and counted in the share…
    expect(r.passages).toEqual([]); // …but not marked for rewriting
  });

  it('French and German quotation marks keep a verbatim quote out', () => {
    const src = 'Le ministre a déclaré : « Nous allons reconstruire toutes les écoles de la région » hier soir.';
    expect(checkOriginality(src, 'Selon lui, « Nous allons reconstruire toutes les écoles de la région ».').runs).toEqual([]);
    const de = 'Der Minister sagte: „Wir werden jede einzelne Schule in der Region wieder aufbauen“ am Montag.';
    expect(checkOriginality(de, 'Er versprach: „Wir werden jede einzelne Schule in der Region wieder aufbauen“.').runs).toEqual([]);
  });
});

describe('checkOriginality: passages and the warning', () => {
  const source =
    'Heavy rain flooded dozens of streets in the old town overnight, forcing the council to close three schools. ' +
    'Emergency crews pumped water from basements until the early hours of the morning while volunteers handed out sandbags. ' +
    'The river rose by almost two metres in less than a day, the highest level recorded since the bridge was rebuilt.';
  const own = 'Storms hit the town. Many families spent the night moving furniture upstairs.';

  it('a sentence copied nearly whole is a passage; a kept phrase is not', () => {
    const phrase = `${own} The council shut three schools after heavy rain flooded dozens of streets in the old town.`;
    const r = checkOriginality(source, phrase);
    expect(r.runs).toEqual([runOf(phrase, 'heavy rain flooded dozens of streets in the old town')]);
    expect(r.passages).toEqual([]);
    const copied = `${own} Emergency crews pumped water from basements until the early hours of the morning while volunteers handed out sandbags.`;
    const c = checkOriginality(source, copied);
    expect(c.passages).toEqual([
      runOf(copied, 'Emergency crews pumped water from basements until the early hours of the morning while volunteers handed out sandbags'),
    ]);
    expect(c.warn).toBe(false); // one sentence: marked, no warning
  });

  it('two copied sentences warn', () => {
    const copied =
      'Emergency crews pumped water from basements until the early hours of the morning while volunteers handed out sandbags. ' +
      `${own} The river rose by almost two metres in less than a day, the highest level recorded since the bridge was rebuilt.`;
    const r = checkOriginality(source, copied);
    expect(r.passages).toHaveLength(2);
    expect(r.warn).toBe(true);
  });

  it('a long rewrite stitched from kept phrases warns, marking the sentences made mostly of runs', () => {
    // Ten source sentences of 20 words; each rewritten sentence keeps two stretches of 8 and 10 words around new words.
    const words = (k: number) => Array.from({ length: 20 }, (_, i) => `word${k}x${i}`);
    const src = Array.from({ length: 10 }, (_, k) => `${words(k).join(' ')}.`).join(' ');
    const stitch = (k: number) => `${[...words(k).slice(0, 8), 'and', 'then', 'also', 'again', ...words(k).slice(10)].join(' ')}.`;
    const own = (k: number) => `${Array.from({ length: 20 }, (_, i) => `own${k}y${i}`).join(' ')}.`;
    const stitched = checkOriginality(src, Array.from({ length: 10 }, (_, k) => stitch(k)).join(' '));
    expect(stitched.longestRun).toBe(10); // no sentence copied whole…
    expect(stitched.copiedShare).toBeGreaterThan(0.35);
    expect(stitched.warn).toBe(true); // …but most of the article is kept phrases
    expect(stitched.passages).toHaveLength(10);
    // Two such sentences among original ones: a small share, no sentence copied whole, no warning.
    const mostlyOwn = checkOriginality(src, Array.from({ length: 10 }, (_, k) => (k < 2 ? stitch(k) : own(k))).join(' '));
    expect(mostlyOwn.copiedShare).toBeLessThan(0.35);
    expect(mostlyOwn).toMatchObject({ warn: false, passages: [] });
  });

  it('the findings list the passages when the check warns, and no kept phrase', () => {
    const copied =
      'Emergency crews pumped water from basements until the early hours of the morning while volunteers handed out sandbags. ' +
      `${own} The river rose by almost two metres in less than a day, the highest level recorded since the bridge was rebuilt.`;
    const warned = runChecks({ source, headline: 'Floods', body: copied });
    expect(warned.findings.filter((f) => f.kind === 'copied').map((f) => f.rewrite)).toEqual(warned.originality.passages);
    const phrase = `${own} The council shut three schools after heavy rain flooded dozens of streets in the old town.`;
    const quiet = runChecks({ source, headline: 'Floods', body: phrase });
    expect(quiet.originality.runs).toHaveLength(1);
    expect(quiet.findings.filter((f) => f.kind === 'copied')).toEqual([]);
  });
});
