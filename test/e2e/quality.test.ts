// What the user sees beyond the rewrite itself, in real Chromium: clean extraction (no cruft, no hidden text in the
// prompt), the checks under the rewrite, the SEO pack, rich-text copy, and long articles written in sections.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { CRUFT, EXAMPLE_TITLE, exampleHtml, exampleParagraphs, HIDDEN_INJECTION } from './fixtures/example-article';
import { saveOptions, type Session, startSession } from './fixtures/setup';

let s: Session;

beforeAll(async () => {
  s = await startSession();
  s.server.addPage('example', exampleHtml);
  s.server.addPage('long', longPage(40));
  s.server.addPage('codes', codesPage(30));
});
afterAll(async () => {
  await s?.close();
});
afterEach(async () => {
  await s.cleanup();
  await saveOptions(s, { 'seo-pack': false, 'input-budget': 12000, model: s.settings.model });
});

function longPage(paragraphs: number): string {
  const ps = Array.from(
    { length: paragraphs },
    (_, i) =>
      `<p>Paragraph ${i + 1}: the harbour commission heard evidence on berth ${i + 1}, where dredging work, tide tables and a budget of ${(i + 1) * 1000} pounds were debated at length by members and residents.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><title>Harbour Commission Hears Evidence | Gazette</title></head><body><article><h1>Harbour Commission Hears Evidence</h1>${ps}</article></body></html>`;
}

/** 12 hex digits: text the token estimate undercounts badly (o200k takes ~1.7× the estimate on such a page). */
function reference(i: number, j: number): string {
  let x = (i * 7919 + j * 104729) >>> 0;
  let out = '';
  for (let k = 0; k < 12; k++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += '0123456789abcdef'[(x >>> 16) & 15];
  }
  return out;
}

function codesPage(paragraphs: number): string {
  const ps = Array.from(
    { length: paragraphs },
    (_, i) =>
      `<p>Filing ${i + 1}: the registry listed the shipments under the references ${[0, 1, 2, 3, 4, 5].map((j) => reference(i, j)).join(', ')}, which the court asked the customs office to check again.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><title>Court Orders Customs Review | Gazette</title></head><body><article><h1>Court Orders Customs Review</h1>${ps}</article></body></html>`;
}

/** What OpenAI's counter (and the local server's stand-in) counts for a chat request's messages. */
function o200kPromptTokens(messages: unknown): number {
  return (messages as { content: string }[]).reduce((sum, m) => sum + 4 + countTokens(m.content), 3);
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
  it('shows facts kept and the changed figure, and marks the passage copied whole', async () => {
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
    // The changed figure is the first group: both sentences side by side, the source's and the rewrite's.
    await popup.eval(`document.querySelectorAll('[data-testid=findings-more] summary').forEach((s) => s.click())`);
    const groups = await popup.eval<[string, string][]>(
      `[...document.querySelectorAll('[data-testid=findings-group]')].map((g) => [g.dataset.group, g.textContent])`,
    );
    expect(groups[0]?.[0]).toBe('figure');
    expect(groups[0]?.[1]).toMatch(/five million/i);
    expect(groups[0]?.[1]).toMatch(/six million/i);
    expect(await popup.text('checks-summary')).toMatch(/^\d+ to check · 1 changed figure/);
    expect(await popup.text('originality')).toMatch(/Copied: [\d.]+% .*longest \d+ words/);
    const marked = (await popup.eval(`[...document.querySelectorAll('[data-testid=copied-run]')].map(m => m.textContent).join(' ')`)) as string;
    expect(marked).toContain('Iranians use VPNs to access restricted websites');
    // Only the passage copied whole is marked, not the phrases the other sentences keep from the source.
    const pieces = await popup.eval<string[]>(`[...document.querySelectorAll('[data-testid=copied-run]')].map((m) => m.textContent)`);
    for (const piece of pieces) expect(copied, piece).toContain(piece);
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
    await popup.waitFor(`document.querySelector('[data-testid=seo-extras]:not([hidden])')`, 5000);
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

describe('tokens before sending', () => {
  it("shows an OpenAI model's prompt size as counted by the API, not estimated", async () => {
    await saveOptions(s, { model: 'gpt-4o-mini' });
    s.server.enqueue({ text: '# Meta Bans Khamenei Accounts\n\nShort rewrite.', delayMs: 1_500 });
    const { popup } = await s.open(s.server.pageUrl('example', { t: 'count' }));
    await popup.waitForState('done', 15_000);
    expect(s.server.tokenCounts).toHaveLength(1);
    const counted = s.server.tokenCounts[0]!;
    // The count is of the very messages the rewrite sent.
    expect(counted).toBe(o200kPromptTokens(s.server.chatRequests[0]!.body.messages));
    expect(await popup.text('estimate')).toMatch(new RegExp(`^${counted.toLocaleString('en-US')} tokens in \\(counted by the API\\)`));
  });

  it('estimates for other models and never asks their endpoint for a count', async () => {
    s.server.enqueue({ text: '# Meta Bans Khamenei Accounts\n\nShort rewrite.' });
    const { popup } = await s.open(s.server.pageUrl('example', { t: 'estimate' }));
    await popup.waitForState('done', 15_000);
    expect(s.server.requests.filter((r) => r.path.endsWith('/responses/input_tokens'))).toHaveLength(0);
    expect(await popup.text('estimate')).toMatch(/^≈ [\d,]+ tokens in,/);
  });

  it('splits a prompt the estimate thought would fit when the exact count says it does not', async () => {
    // The page is full of hex references: the estimate says ~1,480 tokens, the real tokenizer ~2,500; budget 2,000.
    await saveOptions(s, { model: 'gpt-4o-mini', 'input-budget': 2000 });
    s.server.setHandler((_req, i) => ({ text: i === 0 ? '# Customs Review Ordered\n\nPart one.' : 'Part two.' }));
    const { popup } = await s.open(s.server.pageUrl('codes', { t: 'split' }));
    await popup.waitForState('done', 30_000);
    const counts = s.server.tokenCounts;
    expect(counts).toHaveLength(1);
    expect(counts[0]!).toBeGreaterThan(2000);
    const first = s.server.requests.findIndex((r) => r.path.endsWith('/chat/completions'));
    const count = s.server.requests.findIndex((r) => r.path.endsWith('/responses/input_tokens'));
    expect(count).toBeLessThan(first);
    const sent = s.server.chatRequests;
    expect(sent.length).toBeGreaterThan(1);
    for (const r of sent) expect(o200kPromptTokens(r.body.messages)).toBeLessThanOrEqual(2000);
    // Every filing went out, once.
    const users = sent.map((r) => String(r.body.messages?.[1]?.content));
    for (let f = 1; f <= 30; f++) expect(users.filter((u) => u.includes(`Filing ${f}:`)).length, `filing ${f}`).toBe(1);
    expect(await popup.text('estimate')).toMatch(new RegExp(`in ${sent.length} sections`));
  });

  // Last in the file: the worker remembers for its lifetime that this endpoint has no counter.
  it('asks an endpoint without a counter once, then estimates', async () => {
    await saveOptions(s, { model: 'gpt-4o-mini' });
    s.server.tokenCounter = false;
    for (const t of ['none-1', 'none-2']) {
      s.server.enqueue({ text: '# Meta Bans Khamenei Accounts\n\nShort rewrite.', delayMs: 500 });
      const { popup } = await s.open(s.server.pageUrl('example', { t }));
      await popup.waitForState('done', 15_000);
      expect(await popup.text('estimate')).toMatch(/^≈ [\d,]+ tokens in,/);
    }
    expect(s.server.tokenCounts).toEqual([null]);
    expect(s.server.chatRequests).toHaveLength(2);
  });
});
