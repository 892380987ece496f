// What the popup says when things go wrong: HTTP errors from the endpoint, an endpoint that is down,
// a stream cut short, pages that cannot be read or hold no article.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sleep } from '../support/browser';
import { plans } from '../support/llm-server';
import { ANSWER, LONG_ANSWER } from './fixtures/index';
import { API_KEY, hasText, lines, textMatches, useSession } from './fixtures/setup';

const s = useSession();

/** A port on 127.0.0.1 that nothing listens on. */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function errorText(popup: { text(id: string): Promise<string | null> }): Promise<string> {
  return ((await popup.text('error')) ?? '').trim();
}

describe('errors from the endpoint', () => {
  it('401: says the API key was refused, without showing the key', async () => {
    s.server.enqueue(plans.unauthorized());
    const { popup } = await s.open(s.articleUrl('401'));
    await popup.waitForState('error', 10_000);
    const err = await errorText(popup);
    expect(err).toMatch(/API key/i);
    expect(err).not.toContain(API_KEY);
    expect(s.server.chatRequests).toHaveLength(1);
  });

  it('404 for the model: names the model', async () => {
    const model = 'gpt-imaginary-9';
    await s.ext.configure({ ...s.settings, model });
    try {
      s.server.enqueue(plans.modelNotFound(model));
      const { popup } = await s.open(s.articleUrl('404'));
      await popup.waitForState('error', 10_000);
      const err = await errorText(popup);
      expect(err).toMatch(/model/i);
      expect(err).toContain(model);
      expect(s.server.chatRequests[0]?.body.model).toBe(model);
    } finally {
      await s.ext.configure(s.settings);
    }
  });

  it('429 then 200: shows a rate-limit notice while retrying, then the rewrite', async () => {
    s.server.enqueue(plans.rateLimited(2), { text: ANSWER.raw, chunkCount: 3 });
    const { popup } = await s.open(s.articleUrl('429'));
    await popup.waitFor(textMatches('notice', /rate/), 4000);
    expect(await popup.state()).toBe('writing');
    await popup.waitForState('done', 15_000);
    expect((await popup.text('headline'))?.trim()).toBe(ANSWER.headline);
    expect(lines(await popup.text('article'))).toEqual(ANSWER.paragraphs);
    expect(s.server.chatRequests).toHaveLength(2);
    // The SDK honoured retry-after: 2 s.
    expect(s.server.chatRequests[1]!.time - s.server.chatRequests[0]!.time).toBeGreaterThanOrEqual(1800);
  });

  it('persistent 429: gives up after the retries with a rate-limit error', async () => {
    s.server.setHandler(() => plans.rateLimited(1));
    const { popup } = await s.open(s.articleUrl('429-always'));
    await popup.waitForState('error', 15_000);
    expect(await errorText(popup)).toMatch(/rate limit/i);
    expect(s.server.chatRequests).toHaveLength(3);
  });

  it('500 with an HTML body: retried, then a short server error without the HTML', async () => {
    s.server.setHandler(() => plans.serverErrorHtml(500));
    const { popup } = await s.open(s.articleUrl('500'));
    await popup.waitForState('error', 15_000);
    const err = await errorText(popup);
    expect(err).toMatch(/server/i);
    expect(err).not.toMatch(/<html/i);
    expect(err).not.toMatch(/nginx|<center>/i);
    expect(err.length).toBeLessThan(400);
    expect(s.server.chatRequests.length).toBeGreaterThanOrEqual(2);
  });

  it('endpoint down: an error naming the URL within 15 s', async () => {
    const port = await deadPort();
    await s.ext.configure({ ...s.settings, baseURL: `http://127.0.0.1:${port}/v1` });
    try {
      const t0 = Date.now();
      const { popup } = await s.open(s.articleUrl('down'));
      await popup.waitForState('error', 15_000);
      expect(Date.now() - t0).toBeLessThan(15_000);
      const err = await errorText(popup);
      expect(err).toContain(`127.0.0.1:${port}`);
      // Nothing listens there: that is said first, with no CORS advice to send the user after the wrong fix.
      expect(err).toMatch(/^Nothing is listening at http:\/\/127\.0\.0\.1:\d+\/v1/);
      expect(err).not.toMatch(/CORS|OLLAMA_ORIGINS/);
      // The fixes beside it: the options (the address) and Retry; no copy buttons, nothing was written.
      expect(await popup.visible('error-options')).toBe(true);
      expect(await popup.visible('error-retry')).toBe(true);
      expect(await popup.visible('copy-all')).toBe(false);
      expect(s.server.chatRequests).toHaveLength(0);
    } finally {
      await s.ext.configure(s.settings);
    }
  });

  it('a refused key: Open options beside the message, no Retry; the options open from it', async () => {
    s.server.enqueue(plans.unauthorized());
    const { popup } = await s.open(s.articleUrl('401-fix'));
    await popup.waitForState('error', 10_000);
    expect(await popup.visible('error-options')).toBe(true);
    expect(await popup.visible('error-retry')).toBe(false);
    const [options] = await Promise.all([s.ext.context.waitForEvent('page'), popup.click('error-options')]);
    await options.waitForLoadState();
    expect(options.url()).toContain('/options/index.html');
    await options.close();
  });

  it('a server error: Retry beside it sends the rewrite again, once', async () => {
    // Down for every try the SDK makes, then back.
    s.server.setHandler(() => plans.serverErrorHtml(503));
    const { popup } = await s.open(s.articleUrl('503-retry'));
    await popup.waitForState('error', 15_000);
    const before = s.server.chatRequests.length;
    s.server.setHandler(() => plans.stream(ANSWER.raw));
    await popup.click('error-retry');
    await popup.waitForState('done', 15_000);
    expect(s.server.chatRequests.length).toBe(before + 1);
    expect(await popup.visible('error-fix')).toBe(false);
  });
});

describe('streams cut short', () => {
  it('a stream that ends before [DONE]: error, incomplete, partial text kept', async () => {
    const chunks = [`# ${LONG_ANSWER.headline}\n\n`, `${LONG_ANSWER.paragraphs[0]}\n\n`, `${LONG_ANSWER.paragraphs[1]}\n\n`, `${LONG_ANSWER.paragraphs[2]}`];
    s.server.enqueue({ chunks, cutAfter: 3, chunkDelayMs: 50 });
    const { popup } = await s.open(s.articleUrl('cut'));
    await popup.waitForState('error', 10_000);
    expect(await popup.eval(`document.querySelector('[data-state]').getAttribute('data-incomplete')`)).toBe('true');
    expect(await errorText(popup)).toMatch(/incomplete|cut off/i);
    await popup.waitFor(hasText('article'), 3000);
    const kept = lines(await popup.text('article'));
    expect(kept).toContain(LONG_ANSWER.paragraphs[0]);
    expect(kept.join(' ')).toContain(LONG_ANSWER.paragraphs[1]!.slice(0, 30));
    expect(kept.join(' ')).not.toContain(LONG_ANSWER.paragraphs[2]!.slice(0, 30));
    expect(s.server.chatRequests).toHaveLength(1);
  });

  it('a connection dropped mid-stream: error, incomplete, partial text kept', async () => {
    const chunks = [`# ${LONG_ANSWER.headline}\n\n`, `${LONG_ANSWER.paragraphs[0]}\n\n`, `${LONG_ANSWER.paragraphs[1]}`];
    s.server.enqueue({ chunks, cutAfter: 2, cutMode: 'destroy', chunkDelayMs: 50 });
    const { popup } = await s.open(s.articleUrl('dropped'));
    await popup.waitForState('error', 10_000);
    expect(await popup.eval(`document.querySelector('[data-state]').getAttribute('data-incomplete')`)).toBe('true');
    expect(await errorText(popup)).toMatch(/incomplete|cut off/i);
    await popup.waitFor(hasText('article'), 3000);
    expect(lines(await popup.text('article')).join(' ')).toContain(LONG_ANSWER.paragraphs[0]!.slice(0, 30));
  });
});

describe('pages that cannot be rewritten', () => {
  it('chrome:// page: cannot read it, no request', async () => {
    const page = await s.ext.context.newPage();
    await page.goto('chrome://version');
    const popup = await s.click(page);
    await popup.waitForState('error', 10_000);
    expect(await errorText(popup)).toMatch(/cannot read/i);
    await sleep(500);
    expect(s.server.chatRequests).toHaveLength(0);
    await page.close();
  });

  it('page with no article: says so, no request', async () => {
    const { popup } = await s.open(s.noArticleUrl());
    await popup.waitForState('error', 10_000);
    expect(await errorText(popup)).toMatch(/no article/i);
    await sleep(500);
    expect(s.server.chatRequests).toHaveLength(0);
  });
});
