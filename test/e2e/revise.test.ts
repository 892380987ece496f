// Targeted revisions in the built extension: a rewrite with copied sentences shows the copied warning, and Rewrite the
// marked passages makes a second version that differs only in those sentences; a headline over the limit offers
// Shorten the headline, with the same result. The first version stays in the page's history; reopening sends nothing.
import { describe, expect, it } from 'vitest';
import { saveOptions, useSession } from './fixtures/setup';

const s = useSession();

const COPIED_A = 'Emergency crews pumped water out of flooded basements until the early hours of the morning while volunteers handed out sandbags.';
const COPIED_B = 'The river rose by almost two metres in less than a day, the highest level recorded since the old stone bridge was rebuilt.';
const NEW_A = 'Rescue teams drained flooded cellars through the night as helpers gave out sandbags.';
const NEW_B = 'Within a day the river climbed nearly two metres, its highest mark since the stone bridge was rebuilt.';

const PARAGRAPHS = [
  'Heavy rain flooded dozens of streets in the old town overnight, forcing the council to close three schools on Thursday.',
  COPIED_A,
  COPIED_B,
  'Shopkeepers along the market square spent the morning sweeping mud from their floors and counting the cost of the damage.',
  'The mayor told reporters that every damaged road would be repaired before the winter and that families would get help with their bills.',
  'Forecasters expect more rain at the weekend, although they say the worst of the storm has now moved east towards the coast.',
];

function page(title: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}

const BODY = [
  'Storms soaked the old town overnight and the council shut three schools on Thursday.',
  `Many families moved their furniture upstairs. ${COPIED_A}`,
  `Roads turned into streams. ${COPIED_B}`,
  'Traders cleaned mud from their shops while the mayor promised road repairs before winter and help with bills.',
].join('\n\n');

describe('targeted revisions', () => {
  it('Rewrite the marked passages: a second version differing only there; the first stays', async () => {
    s.server.addPage('copied', page('Floods Close Three Schools'));
    s.server.enqueue({ text: `# Floods Shut Three Schools\n\n${BODY}`, chunkCount: 4 });
    const { page: tab, popup } = await s.open(s.server.pageUrl('copied', { case: 'passages' }));
    await popup.waitForState('done', 20_000);
    await popup.waitFor(`!!document.querySelector('[data-testid=revise-passages]')`, 10_000);
    expect(await popup.eval<string>(`document.querySelector('[data-testid=originality]').className`)).toBe('bad');
    const before = (await popup.text('article')) ?? '';
    expect(before).toContain(COPIED_A);

    s.server.enqueue({ text: `1. ${NEW_A}\n2. ${NEW_B}` });
    await popup.click('revise-passages');
    await popup.waitFor(`document.querySelector('[data-testid=version]')?.textContent === '2 of 2'`, 15_000);
    await popup.waitForState('done', 15_000);
    await popup.waitFor(`document.querySelector('[data-testid=article]')?.innerText.includes(${JSON.stringify(NEW_A)})`, 15_000);
    const after = await popup.text('article');
    expect(after).toBe(before.replace(COPIED_A, NEW_A).replace(COPIED_B, NEW_B));
    expect(await popup.text('headline')).toBe('Floods Shut Three Schools');
    expect(await popup.eval<boolean>(`!document.querySelector('[data-testid=revise-passages]')`)).toBe(true);
    expect(await popup.eval<string>(`document.querySelector('[data-testid=originality]').className`)).toBe('');
    // One request for the revision, with the marked sentences in it.
    expect(s.server.chatRequests).toHaveLength(2);
    const user = s.server.chatRequests[1]!.body.messages!.find((m) => m.role === 'user')!.content;
    expect(user).toContain(`1. ${COPIED_A.slice(0, -1)}`);
    expect(user).toContain(`2. ${COPIED_B.slice(0, -1)}`);

    // The first version is still there, as it was.
    await popup.click('version-prev');
    await popup.waitFor(`document.querySelector('[data-testid=version]')?.textContent === '1 of 2'`, 10_000);
    expect(await popup.text('article')).toBe(before);

    // Reopened: the newest version shown, no request made.
    const again = await s.click(tab);
    await again.waitForState('done', 10_000);
    expect(await again.text('version')).toBe('2 of 2');
    expect(s.server.chatRequests).toHaveLength(2);
  }, 90_000);

  it('Shorten the headline: a second version with only a shorter headline; the first stays', async () => {
    s.server.addPage('long-headline', page('Floods Close Three Schools'));
    const long = 'Floods Close Three Schools in the Old Town After a Night of Heavy Rain and Rising Rivers';
    const prose = 'Storms soaked the old town overnight and the council shut three schools.\n\nTraders cleaned mud from their shops on Friday.';
    s.server.enqueue({ text: `# ${long}\n\n${prose}`, chunkCount: 3 });
    const { popup } = await s.open(s.server.pageUrl('long-headline', { case: 'headline' }));
    await popup.waitForState('done', 20_000);
    await popup.waitFor(`!!document.querySelector('[data-testid=shorten-headline]')`, 10_000);
    const before = (await popup.text('article')) ?? '';

    s.server.enqueue({ text: '# Floods Shut Three Old Town Schools' });
    await popup.click('shorten-headline');
    await popup.waitFor(`document.querySelector('[data-testid=version]')?.textContent === '2 of 2'`, 15_000);
    await popup.waitForState('done', 15_000);
    await popup.waitFor(`document.querySelector('[data-testid=headline]')?.textContent === 'Floods Shut Three Old Town Schools'`, 15_000);
    expect(await popup.text('article')).toBe(before);
    await popup.waitFor(`!document.querySelector('[data-testid=shorten-headline]')`, 10_000);
    expect(s.server.chatRequests).toHaveLength(2);
    expect(s.server.chatRequests[1]!.body.messages!.find((m) => m.role === 'system')!.content).toContain('at most 60 characters');

    await popup.click('version-prev');
    await popup.waitFor(`document.querySelector('[data-testid=version]')?.textContent === '1 of 2'`, 10_000);
    expect(await popup.text('headline')).toBe(long);
  }, 90_000);

  it('the headline limit set on the options page is what the prompt asks for and the checks apply', async () => {
    const options = await s.ext.openOptions();
    await options.locator('form[data-ready=true]').waitFor();
    expect(await options.getByTestId('headline-max').inputValue()).toBe('60');
    expect(await options.locator('label[for=headline-max]').textContent()).toMatch(/Longest headline \(characters\)/);
    await options.close();
    await saveOptions(s, { 'headline-max': 100 });
    try {
      s.server.addPage('limit', page('Floods Close Three Schools'));
      const long = 'Floods Close Three Schools in the Old Town After a Night of Heavy Rain and Rising Rivers';
      s.server.enqueue({ text: `# ${long}\n\nStorms soaked the old town overnight and the council shut three schools.`, chunkCount: 2 });
      const { popup } = await s.open(s.server.pageUrl('limit', { case: 'limit' }));
      await popup.waitForState('done', 20_000);
      await popup.waitFor(`!!document.querySelector('[data-testid=seo-figures]')`, 10_000);
      expect(await popup.eval<string>(`document.querySelector('[data-testid=seo-figures]').className`)).toBe('');
      expect(await popup.eval<boolean>(`!document.querySelector('[data-testid=shorten-headline]')`)).toBe(true);
      const system = s.server.chatRequests[0]!.body.messages!.find((m) => m.role === 'system')!.content;
      expect(system).toContain('at most 100 characters');
    } finally {
      await saveOptions(s, { 'headline-max': 60 });
    }
  }, 90_000);
});
