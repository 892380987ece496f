// What the user sees beyond the rewrite itself, in real Chromium: clean extraction (no cruft, no hidden text in the
// prompt), the checks under the rewrite, the SEO pack, rich-text copy, and long articles written in sections.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { CRUFT, EXAMPLE_TITLE, exampleHtml, exampleParagraphs, HIDDEN_INJECTION } from './fixtures/example-article';
import { saveOptions, type Session, startSession } from './fixtures/setup';

let s: Session;

beforeAll(async () => {
  s = await startSession();
  s.server.addPage('example', exampleHtml);
  s.server.addPage('long', longPage(40));
});
afterAll(async () => {
  await s?.close();
});
afterEach(async () => {
  await s.cleanup();
  await saveOptions(s, { 'seo-pack': false, 'input-budget': 12000 });
});

function longPage(paragraphs: number): string {
  const ps = Array.from(
    { length: paragraphs },
    (_, i) =>
      `<p>Paragraph ${i + 1}: the harbour commission heard evidence on berth ${i + 1}, where dredging work, tide tables and a budget of ${(i + 1) * 1000} pounds were debated at length by members and residents.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><title>Harbour Commission Hears Evidence | Gazette</title></head><body><article><h1>Harbour Commission Hears Evidence</h1>${ps}</article></body></html>`;
}

describe('extraction in the page', () => {
  it('sends the example article without its cruft or hidden text, and marks it as data', async () => {
    s.server.enqueue({ text: '# Meta Bans Khamenei Accounts\n\nShort rewrite.' });
    const { popup } = await s.open(s.server.pageUrl('example', { t: 'cruft' }));
    await popup.waitForState('done', 15_000);
    const [system, user] = s.server.chatRequests[0]!.body.messages as { content: string }[];
    expect(user!.content.startsWith(`Rephrase the title:${EXAMPLE_TITLE}\n\n`)).toBe(true);
    for (const junk of CRUFT) expect(user!.content, junk).not.toContain(junk);
    expect(user!.content).not.toContain(HIDDEN_INJECTION);
    expect(user!.content).not.toContain('reveal your instructions');
    expect(user!.content).toContain('Meta has confirmed the termination of Ayatollah Ali Khamenei');
    expect(user!.content).toContain('Iran bans Instagram and Facebook');
    expect(system!.content).toMatch(/material to rewrite, NOT instructions/);
  });
});

describe('checks under the rewrite', () => {
  it('shows facts kept and the changed figure, and marks copied runs', async () => {
    // A rewrite that copies one sentence word for word and changes "five million" into "six million".
    const copied = exampleParagraphs.find((p) => p.startsWith('The US considers Hamas'))!;
    const answer = [
      '# Meta Removes Khamenei Accounts Over Hamas Support',
      '',
      'Meta has shut down the Instagram and Facebook accounts of Ayatollah Ali Khamenei, citing his praise for Hamas after the October 7 attack on Israel.',
      '',
      "Khamenei, Iran's Supreme Leader for 35 years, had six million Instagram followers.",
      '',
      copied,
    ].join('\n');
    s.server.enqueue({ text: answer, chunkCount: 5 });
    const { popup } = await s.open(s.server.pageUrl('example', { t: 'checks' }));
    await popup.waitForState('done', 15_000);
    await popup.waitFor(`document.querySelector('[data-testid=checks]:not([hidden])')`, 5000);
    expect(await popup.text('facts-summary')).toMatch(/Facts kept: \d+ of \d+/);
    expect(await popup.text('facts-missing')).toMatch(/five million/i);
    expect(await popup.text('facts-added')).toMatch(/six million/i);
    expect(await popup.text('originality')).toMatch(/Copied: [\d.]+% .*longest \d+ words/);
    const marked = (await popup.eval(`[...document.querySelectorAll('[data-testid=copied-run]')].map(m => m.textContent).join(' ')`)) as string;
    expect(marked).toContain('Iranians use VPNs to access restricted websites');
    expect(await popup.text('seo-figures')).toMatch(/Headline \d+ characters .* reading ease/);
  });
});

describe('SEO pack and copy formats', () => {
  it('asks for the SEO extras only when switched on, shows each with a copy button', async () => {
    await saveOptions(s, { 'seo-pack': true, 'input-budget': 12000 });
    s.server.enqueue({
      text: '# Night Library Stays Open\n\nThe room stays open.\n\n---\nMeta description: The Harbour City night reading room becomes permanent.\nSlug: harbour-city-night-library\nKeywords: library, Harbour City, night reading',
    });
    const { popup } = await s.open(s.articleUrl('seo'));
    await popup.waitForState('done', 15_000);
    expect(s.server.chatRequests[0]!.body.messages?.[0]?.content).toContain('Meta description:');
    expect(await popup.text('article')).not.toContain('Slug');
    expect(await popup.text('seo-slug')).toContain('harbour-city-night-library');
    await popup.click('copy-slug');
    await poll(async () => (await s.ext.readClipboard()) === 'harbour-city-night-library', 3000, 'the slug on the clipboard');
    await popup.click('copy-keywords');
    await poll(async () => (await s.ext.readClipboard()) === 'library, Harbour City, night reading', 3000, 'the keywords on the clipboard');
  });

  it('copies rich text as text/html and text/plain together', async () => {
    s.server.enqueue({ text: '# Rich Headline\n\nFirst <b>para</b> & more.\n\n## A subhead\n\nSecond para.' });
    const { popup } = await s.open(s.articleUrl('rich'));
    await popup.waitForState('done', 15_000);
    await popup.eval(`(() => { const f = document.querySelector('[data-testid=format]'); f.value = 'rich'; f.dispatchEvent(new Event('change')); })()`);
    await popup.click('copy-all');
    await popup.waitFor(`/rich text/.test(document.querySelector('[data-testid=copy-status]').textContent)`, 3000);
    const page = s.ext.context.pages().find((p) => p.url().endsWith('/manifest.json'))!;
    const got = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return { types: item!.types, html: await (await item!.getType('text/html')).text(), plain: await (await item!.getType('text/plain')).text() };
    });
    expect(got.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    expect(got.html).toContain('<h1>Rich Headline</h1>');
    expect(got.html).toContain('<h2>A subhead</h2>');
    expect(got.html).toContain('First &lt;b&gt;para&lt;/b&gt; &amp; more.');
    expect(got.html).not.toMatch(/<b>|<script|on\w+=/);
    expect(got.plain).toBe('Rich Headline\n\nFirst <b>para</b> & more.\n\nA subhead\n\nSecond para.');
  });
});

describe('long articles', () => {
  it('writes a text over the input budget in sections, in order, with one headline', async () => {
    await saveOptions(s, { 'seo-pack': false, 'input-budget': 1000 });
    s.server.setHandler((req, i) => {
      const user = String(req.body.messages?.[1]?.content);
      const from = /Paragraph (\d+):/.exec(user)?.[1];
      const body = `Rewritten section ${i + 1}, from paragraph ${from}.`;
      return { text: i === 0 ? `# One Headline\n\n${body}` : body, chunkCount: 3, chunkDelayMs: 30 };
    });
    const { popup } = await s.open(s.server.pageUrl('long', { t: 'sections' }));
    await popup.waitForState('done', 30_000);
    const n = s.server.chatRequests.length;
    expect(n).toBeGreaterThan(1);
    const article = (await popup.text('article')) ?? '';
    const order = [...article.matchAll(/Rewritten section (\d+), from paragraph (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(order.map(([k]) => k)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const starts = order.map(([, p]) => p!);
    expect(starts[0]).toBe(1);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(await popup.text('headline')).toBe('One Headline');
    expect(article).not.toContain('# ');
    // Every paragraph of the page went into exactly one request, and later requests carry the story so far.
    const sent = s.server.chatRequests.map((r) => String(r.body.messages?.[1]?.content));
    for (let p = 1; p <= 40; p++) expect(sent.filter((u) => u.includes(`Paragraph ${p}:`)).length, `paragraph ${p}`).toBe(1);
    expect(sent[1]).toContain('Headline of the rewritten article: One Headline');
    expect(sent[1]).toContain('Rewritten section 1, from paragraph 1.');
    expect(await popup.text('estimate')).toMatch(new RegExp(`in ${n} sections`));
  });
});
