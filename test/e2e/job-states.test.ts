// The job core's states in the built extension: a job waiting for the user's word is never shown as running (popup
// and history), has no Stop, and its confirmation's Cancel ends it; a rewrite stopped mid-stream stays a version of its own when Regenerate adds the
// next, with its text and Continue.
import { describe, expect, it } from 'vitest';
import { poll, sleep } from '../support/browser';
import { useSession } from './fixtures/setup';

const s = useSession();

const GATED = (title: string) => {
  const paras = Array.from(
    { length: 8 },
    (_, i) =>
      `<p>Paragraph ${i + 1} of the ferry report: the operator said crossings rose again this quarter, with car traffic up by a fifth and foot passengers steady.</p>`,
  );
  return `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${paras.join('')}<p>Subscribe to continue reading.</p></article></body></html>`;
};

describe('job states', () => {
  it('a job waiting for confirmation: not busy, no spinner, no Stop, no "running" in History; Cancel ends it with nothing sent', async () => {
    s.server.addPage('waiting', GATED('Ferry Crossings Rise'));
    const { page, popup } = await s.open(s.server.pageUrl('waiting'));
    await popup.waitFor(`!document.querySelector('[data-testid=confirm-box]').hidden`, 15_000);
    const shown = await popup.eval<{ state: string; busy: string | null; spinner: string }>(`(() => {
      const app = document.getElementById('app');
      return { state: app.dataset.state, busy: app.getAttribute('aria-busy'), spinner: getComputedStyle(document.querySelector('.progress'), '::before').content };
    })()`);
    expect(shown).toEqual({ state: 'awaiting-confirmation', busy: 'false', spinner: 'none' });
    expect(await popup.visible('stop')).toBe(false);
    expect(await popup.visible('cancel')).toBe(true);
    expect(await popup.visible('regenerate')).toBe(false);
    expect(await popup.text('progress')).not.toMatch(/reading|writing|words/i);

    // Another tab closes the popup; the job goes on waiting (in the worker, or in storage if the browser stops it).
    const history = await s.ext.context.newPage();
    await history.goto(`${s.ext.origin}/history/index.html`);
    const entry = history.locator('[data-testid=entry]').filter({ hasText: 'Ferry Crossings Rise' });
    await poll(async () => (await entry.count()) === 1, 5000, 'the waiting job in History');
    expect(await entry.getAttribute('data-status')).toBe('awaiting');
    expect(await entry.locator('.meta').first().textContent()).toMatch(/waiting for your OK \(nothing sent\)/);
    expect(await entry.locator('.meta').first().textContent()).not.toMatch(/running/);

    // Reopened, the popup shows the same waiting job; Cancel ends it, says nothing was sent, and offers Regenerate.
    const again = await s.click(page);
    await again.waitFor(`!document.querySelector('[data-testid=confirm-box]').hidden`, 10_000);
    await again.click('cancel');
    await again.waitForState('error', 10_000);
    expect(await again.text('error')).toMatch(/cancelled\. nothing was sent/i);
    expect(await again.visible('confirm-box')).toBe(false);
    expect(await again.visible('continue')).toBe(false);
    expect(await again.visible('regenerate')).toBe(true);
    await history.reload();
    await poll(async () => (await entry.getAttribute('data-status')) === 'stopped', 5000, 'History to show it stopped');
    expect(s.server.requests.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
    await history.close();
  });

  it('a waiting job needs no worker: the browser stops it, the confirmation stays, and Rewrite anyway sends once', async () => {
    s.server.addPage('waiting-worker', GATED('Ferry Fares Rise'));
    const { popup } = await s.open(s.server.pageUrl('waiting-worker'));
    await popup.waitFor(`!document.querySelector('[data-testid=confirm-box]').hidden`, 15_000);
    await s.ext.stopWorker();
    // The popup reconnects to a new worker, which finds the job still waiting in storage.
    await sleep(2500);
    expect(await popup.state()).toBe('awaiting-confirmation');
    expect(await popup.visible('confirm-box')).toBe(true);
    expect(await popup.visible('stop')).toBe(false);
    expect(s.server.requests.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
    s.server.enqueue({ text: '# Ferry Fares Rise\n\nFares rose again this quarter.' });
    await popup.click('confirm');
    await popup.waitForState('done', 20_000);
    expect(await popup.text('headline')).toBe('Ferry Fares Rise');
    expect(s.server.chatRequests).toHaveLength(1);
  }, 60_000);

  it('a waiting job the worker left behind: Cancel ends it, not sent', async () => {
    s.server.addPage('waiting-worker-cancel', GATED('Ferry Dues Rise'));
    const { popup } = await s.open(s.server.pageUrl('waiting-worker-cancel'));
    await popup.waitFor(`!document.querySelector('[data-testid=confirm-box]').hidden`, 15_000);
    await s.ext.stopWorker();
    await sleep(2500);
    await popup.click('cancel');
    await popup.waitForState('error', 10_000);
    expect(await popup.text('error')).toMatch(/cancelled\. nothing was sent/i);
    expect(await popup.visible('regenerate')).toBe(true);
    expect(s.server.requests.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
  }, 60_000);

  it('Stop mid-stream, then Regenerate: the stopped rewrite stays a version with its text and Continue, the new one is the newest', async () => {
    s.server.enqueue(
      { chunks: ['# First Take\n\n', 'The first rewrite had', ' begun', ' and more.'], chunkDelayMs: [50, 10_000, 10_000] },
      { text: '# Second Take\n\nThe second rewrite finished.', chunkCount: 3 },
    );
    const { popup } = await s.open(s.articleUrl('regenerate-mid-stream'));
    await popup.waitFor(`document.querySelector('[data-testid=article]')?.innerText.includes('The first rewrite had')`, 15_000);
    // Regenerate is not offered while writing: Stop first, as a user would.
    expect(await popup.visible('regenerate')).toBe(false);
    await popup.click('stop');
    await popup.waitForState('error', 10_000);
    await popup.click('regenerate');
    await popup.waitForState('done', 15_000);
    expect(await popup.text('headline')).toBe('Second Take');
    expect(await popup.text('version')).toBe('2 of 2');
    await popup.click('version-prev');
    await popup.waitFor(`document.querySelector('[data-testid=version]')?.textContent === '1 of 2'`, 10_000);
    expect(await popup.text('headline')).toBe('First Take');
    expect(await popup.text('article')).toContain('The first rewrite had');
    expect(await popup.visible('continue')).toBe(true);
    expect(s.server.chatRequests).toHaveLength(2);
  }, 60_000);
});
