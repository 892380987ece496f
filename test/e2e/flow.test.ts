// The happy paths in real Chromium: a real toolbar click, the streamed rewrite, copy to the clipboard,
// a popup closed and reopened mid-stream, stored results, Stop and Regenerate.
import { describe, expect, it } from 'vitest';
import { poll, sleep } from '../support/browser';
import { ANSWER, ARTICLE_TITLE, LONG_ANSWER, OTHER_ANSWER } from './fixtures/index';
import { API_KEY, hasText, lines, useSession } from './fixtures/setup';

const s = useSession();

describe('rewrite flow', () => {
  it('streams the rewrite into the popup and copies headline, article and both', async () => {
    s.server.enqueue({ text: ANSWER.raw, chunkCount: 6, chunkDelayMs: 40 });
    const { popup } = await s.open(s.articleUrl('full'));

    expect(await popup.waitForState('done', 15_000)).toBe('done');
    expect((await popup.text('headline'))?.trim()).toBe(ANSWER.headline);
    expect(lines(await popup.text('article'))).toEqual(ANSWER.paragraphs);
    expect(await popup.eval(`document.querySelector('[data-state]').getAttribute('data-incomplete')`)).not.toBe('true');

    // The request on the wire.
    expect(s.server.chatRequests).toHaveLength(1);
    const req = s.server.chatRequests[0]!;
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.body.stream).toBe(true);
    expect(req.body.model).toBe(s.settings.model);
    expect(req.body.messages).toHaveLength(2);
    expect(req.body.messages?.[0]?.role).toBe('system');
    expect(req.body.messages?.[0]?.content).toContain(s.settings.language);
    expect(req.body.messages?.[1]?.role).toBe('user');
    expect(req.body.messages?.[1]?.content).toMatch(/^Rephrase the title:/);
    expect(req.body.messages?.[1]?.content).toContain(ARTICLE_TITLE);
    expect(req.body.messages?.[1]?.content).toContain('eleven thousand late-night visitors');
    expect(req.body.messages?.[1]?.content).toContain(s.settings.persona);
    const r = await s.server.waitForResponseEnd(0);
    expect(r).toMatchObject({ completed: true, aborted: false });

    // Copy buttons, each read back from the real clipboard.
    await s.ext.writeClipboard('(nothing copied yet)');
    await popup.click('copy-headline');
    await poll(async () => (await s.ext.readClipboard()) !== '(nothing copied yet)', 3000, 'the clipboard to change after copy-headline');
    expect(await s.ext.readClipboard()).toBe(ANSWER.headline);

    await popup.click('copy-article');
    await poll(async () => (await s.ext.readClipboard()) !== ANSWER.headline, 3000, 'the clipboard to change after copy-article');
    expect(await s.ext.readClipboard()).toBe(ANSWER.body);

    await popup.click('copy-all');
    await poll(async () => (await s.ext.readClipboard()) !== ANSWER.body, 3000, 'the clipboard to change after copy-all');
    expect(await s.ext.readClipboard()).toBe(`${ANSWER.headline}\n\n${ANSWER.body}`);
    // Read from inside the popup too: the same text.
    expect(await popup.readClipboard()).toBe(`${ANSWER.headline}\n\n${ANSWER.body}`);
  });

  it('keeps writing when the popup is closed mid-stream, and the reopened popup follows it to the end', async () => {
    s.server.enqueue({ text: LONG_ANSWER.raw, chunkCount: 8, chunkDelayMs: 700 });
    const { page, popup } = await s.open(s.articleUrl('reopen'));
    await popup.waitForState('writing', 10_000);
    await popup.waitFor(hasText('article'), 10_000);
    const before = lines(await popup.text('article')).join(' ');
    await popup.close();

    await s.server.waitForChunks(0, 3, 10_000);
    const again = await s.click(page);
    // Still writing, showing the text so far (at least what the first popup had).
    await again.waitFor(hasText('article'), 3000);
    expect(await again.state()).toBe('writing');
    const during = lines(await again.text('article')).join(' ');
    expect(during.length).toBeGreaterThanOrEqual(before.length);
    expect(LONG_ANSWER.paragraphs.join(' ')).toContain(during.slice(0, 40));

    await again.waitForState('done', 15_000);
    expect((await again.text('headline'))?.trim()).toBe(LONG_ANSWER.headline);
    expect(lines(await again.text('article'))).toEqual(LONG_ANSWER.paragraphs);
    expect(s.server.chatRequests).toHaveLength(1);
    expect(s.server.responses[0]).toMatchObject({ completed: true, aborted: false });
  });

  it('shows the stored result when reopened after done, also from a second tab with the same URL, without a new request', async () => {
    s.server.enqueue({ text: ANSWER.raw, chunkCount: 3 });
    const url = s.articleUrl('stored');
    const { page, popup } = await s.open(url);
    await popup.waitForState('done', 15_000);
    await popup.close();
    expect(s.server.chatRequests).toHaveLength(1);

    const again = await s.click(page);
    await again.waitForState('done', 3000);
    await again.waitFor(hasText('article'), 3000);
    expect((await again.text('headline'))?.trim()).toBe(ANSWER.headline);
    expect(lines(await again.text('article'))).toEqual(ANSWER.paragraphs);
    await again.close();

    const second = await s.ext.openArticle(url);
    const third = await s.click(second);
    await third.waitForState('done', 3000);
    await third.waitFor(hasText('article'), 3000);
    expect((await third.text('headline'))?.trim()).toBe(ANSWER.headline);
    expect(lines(await third.text('article'))).toEqual(ANSWER.paragraphs);

    await sleep(500);
    expect(s.server.chatRequests).toHaveLength(1);
  });

  it('Stop ends the request, keeps the partial text and says it was stopped', async () => {
    s.server.enqueue({ text: LONG_ANSWER.raw, chunkCount: 10, chunkDelayMs: 600 });
    const { popup } = await s.open(s.articleUrl('stop'));
    await popup.waitForState('writing', 10_000);
    await popup.waitFor(hasText('article'), 10_000);
    await popup.click('stop');

    const state = await popup.waitForState(['error', 'done'], 5000);
    const snap = await popup.snapshot();
    const said = [snap.error, snap.notice, await popup.text('progress')].join(' ');
    expect(said, `state ${state}; popup shows ${JSON.stringify(snap)}`).toMatch(/stop/i);
    const kept = lines(snap.article).join(' ');
    expect(kept).not.toBe('');
    expect(LONG_ANSWER.paragraphs.join(' ')).toContain(kept.slice(0, 40));

    const r = await s.server.waitForResponseEnd(0, 5000);
    expect(r.aborted).toBe(true);
    expect(r.completed).toBe(false);
    await sleep(700);
    expect(await popup.state()).toBe(state);
    expect(s.server.chatRequests).toHaveLength(1);
  });

  it('Regenerate sends a second request and shows the new text', async () => {
    s.server.enqueue({ text: ANSWER.raw, chunkCount: 3 }, { text: OTHER_ANSWER.raw, chunkCount: 3, chunkDelayMs: 100 });
    const { popup } = await s.open(s.articleUrl('regen'));
    await popup.waitForState('done', 15_000);
    expect((await popup.text('headline'))?.trim()).toBe(ANSWER.headline);

    await popup.click('regenerate');
    await popup.waitFor(`document.querySelector('[data-testid="headline"]')?.innerText.trim() === ${JSON.stringify(OTHER_ANSWER.headline)}`, 15_000);
    await popup.waitForState('done', 15_000);
    expect(lines(await popup.text('article'))).toEqual(OTHER_ANSWER.paragraphs);
    expect(s.server.chatRequests).toHaveLength(2);
    expect(s.server.chatRequests[1]!.body.messages?.[1]?.content).toMatch(/^Rephrase the title:/);
  });

  it('options: Test connection reaches the endpoint with the key, and reports a dead endpoint differently', async () => {
    const options = await s.ext.openOptions();
    try {
      const status = options.locator('[data-testid="connection-status"]');
      const settled = async () => {
        const t = ((await status.textContent()) ?? '').trim();
        return t !== '' && !/testing/i.test(t) ? t : null;
      };
      await options.locator('[data-testid="base-url"]').fill(s.settings.baseURL);
      await options.locator('[data-testid="model"]').fill(s.settings.model);
      await options.locator('[data-testid="api-key"]').fill(API_KEY);
      await options.locator('[data-testid="test-connection"]').click();
      const ok = await poll(settled, 10_000, 'the connection status');
      expect(s.server.requests.some((r) => r.path.startsWith('/v1/') && r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);

      await options.locator('[data-testid="base-url"]').fill('http://127.0.0.1:9/v1');
      await status.evaluate((el) => {
        el.textContent = '';
      });
      await options.locator('[data-testid="test-connection"]').click();
      const failed = await poll(settled, 15_000, 'the connection status for a dead endpoint');
      expect(failed).not.toBe(ok);
      expect(failed).toContain('127.0.0.1:9');
    } finally {
      await options.close();
    }
  });
});

describe('open in tab', () => {
  it('shows the same job in a tab, with no new request', async () => {
    s.server.enqueue({ text: ANSWER.raw });
    const { popup } = await s.open(s.articleUrl('in-tab'));
    await popup.waitForState('done', 10_000);
    const [tab] = await Promise.all([s.ext.context.waitForEvent('page'), popup.click('open-in-tab')]);
    await tab.waitForLoadState();
    await tab.locator('[data-state=done]').waitFor({ timeout: 10_000 });
    expect((await tab.getByTestId('headline').textContent())?.trim()).toBe(ANSWER.headline);
    expect(lines(await tab.getByTestId('article').innerText())).toEqual(ANSWER.paragraphs);
    expect(await tab.evaluate(() => document.body.classList.contains('in-tab'))).toBe(true);
    expect(s.server.chatRequests).toHaveLength(1);
    await tab.close();
  });
});
