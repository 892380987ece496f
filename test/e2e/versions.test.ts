// Versions, for real: Regenerate keeps every rewrite of the page; the popup says which one is on screen and switches
// between them without a request; History lists them all; a worker restart loses none.
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { useSession } from './fixtures/setup';
import type { Popup } from '../support/browser';

const s = useSession();

const ANSWERS = [
  { headline: 'Council Approves Ferry Timetable', body: 'The council approved the new ferry timetable on Monday.' },
  { headline: 'New Ferry Timetable Gets the Nod', body: 'On Monday the council said yes to the ferry timetable.' },
  { headline: 'Ferries Run to a New Timetable', body: 'A new ferry timetable was approved by the council.' },
];
const raw = (a: (typeof ANSWERS)[number]) => `# ${a.headline}\n\n${a.body}`;
const headlineIs = (h: string) => `document.querySelector('[data-testid="headline"]')?.innerText.trim() === ${JSON.stringify(h)}`;
const versionIs = (v: string) => `document.querySelector('[data-testid="version"]')?.textContent === ${JSON.stringify(v)}`;

async function shows(popup: Popup, n: number, of: number): Promise<void> {
  const a = ANSWERS[n - 1]!;
  await popup.waitFor(`${versionIs(`${n} of ${of}`)} && ${headlineIs(a.headline)}`, 10_000);
  expect((await popup.text('article'))?.trim()).toBe(a.body);
}

describe('versions', () => {
  it('Regenerate twice keeps all three; prev/next switch with no request; History lists three; a worker restart keeps them', async () => {
    s.server.enqueue(...ANSWERS.map((a) => ({ text: raw(a), chunkCount: 3 })));
    const { page, popup } = await s.open(s.articleUrl('versions'));
    await popup.waitForState('done', 15_000);
    // One version: no switcher.
    expect(await popup.visible('versions')).toBe(false);
    for (const n of [2, 3]) {
      await popup.click('regenerate');
      await popup.waitFor(headlineIs(ANSWERS[n - 1]!.headline), 15_000);
      await popup.waitForState('done', 15_000);
    }
    await shows(popup, 3, 3);
    expect(s.server.chatRequests).toHaveLength(3);

    await popup.click('version-prev');
    await shows(popup, 2, 3);
    await popup.click('version-prev');
    await shows(popup, 1, 3);
    expect(await popup.eval<boolean>(`document.querySelector('[data-testid="version-prev"]').disabled`)).toBe(true);
    // Copy acts on the version on screen.
    await popup.click('copy-all');
    await poll(async () => (await s.ext.readClipboard()).startsWith(`${ANSWERS[0]!.headline}\n\n`), 3000, 'the first version on the clipboard');
    await popup.click('version-next');
    await shows(popup, 2, 3);
    expect(s.server.chatRequests).toHaveLength(3);

    // History: three versions of this page, grouped together, each with its model, date, state and checks.
    const history = await s.ext.context.newPage();
    await history.goto(`${s.ext.origin}/history/index.html`);
    const group = history.locator('[data-testid=page]').filter({ hasText: ANSWERS[0]!.headline });
    await poll(async () => (await group.locator('[data-testid=entry]').count()) === 3, 5000, 'three versions in one group');
    const entries = group.locator('[data-testid=entry]');
    expect(await entries.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.version))).toEqual(['3/3', '2/3', '1/3']);
    for (const [i, a] of [...ANSWERS].reverse().entries()) {
      const entry = entries.nth(i);
      expect(await entry.locator('h2').textContent()).toBe(a.headline);
      expect(await entry.getAttribute('data-status')).toBe('done');
      expect(await entry.locator('.meta').first().textContent()).toMatch(new RegExp(`· ${s.settings.model} · done · version ${3 - i} of 3$`));
      expect(await entry.getByTestId('entry-checks').textContent()).toMatch(/facts kept/);
    }
    await popup.close();

    // The worker dies; the reopened popup shows the newest, and every earlier one, with no request.
    await s.ext.stopWorker();
    const again = await s.click(page);
    await again.waitForState('done', 10_000);
    await shows(again, 3, 3);
    await again.click('version-prev');
    await shows(again, 2, 3);
    await again.click('version-prev');
    await shows(again, 1, 3);
    expect(s.server.chatRequests).toHaveLength(3);

    // Delete one version in History, then undo: it is back, with nothing else touched.
    await entries.nth(1).getByTestId('entry-delete').click();
    await poll(async () => (await entries.count()) === 2, 3000, 'the version to go');
    expect(await history.getByTestId('undo-bar').isVisible()).toBe(true);
    await history.getByTestId('undo').click();
    await poll(async () => (await entries.count()) === 3, 3000, 'the version back');
    expect(await entries.nth(1).locator('h2').textContent()).toBe(ANSWERS[1]!.headline);
    await history.close();
  }, 90_000);
});
