// A hostile endpoint, in real Chromium: an endless SSE line and answer text that is not a string end the rewrite as
// a malformed stream with the text so far kept; the output cap from the options page goes out with each request, an
// answer that reaches it is incomplete, and Continue finishes it under the same cap.
import { describe, expect, it } from 'vitest';
import { contentChunk } from '../support/llm-server';
import { lines, saveOptions, useSession } from './fixtures/setup';

const s = useSession();

describe('hostile streams', () => {
  it('an SSE line that never ends: "malformed stream" soon, the text so far kept and continuable', async () => {
    s.server.enqueue({
      chunks: ['# Night Room Stays Open\n\n', 'The council voted to keep it.', 'never sent'],
      endlessLine: { after: 1, bytes: 8 * 1024 * 1024 },
    });
    const started = Date.now();
    const { popup } = await s.open(s.articleUrl('endless-line'));
    await popup.waitForState('error', 20_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await popup.text('error')).toMatch(/malformed stream/);
    expect(await popup.text('headline')).toBe('Night Room Stays Open');
    expect(lines(await popup.text('article'))).toEqual(['The council voted to keep it.']);
    expect(await popup.eval(`document.querySelector('[data-state]').dataset.incomplete`)).toBe('true');
    expect(await popup.visible('continue')).toBe(true);
  });

  it('delta.content that is an object: "malformed stream", never "[object Object]"', async () => {
    s.server.enqueue({ chunks: ['# Night Room Stays Open\n\n', 'Kept text.'], rawAfter: { index: 1, text: contentChunk({ evil: true }) } });
    const { popup } = await s.open(s.articleUrl('object-content'));
    await popup.waitForState('error', 15_000);
    expect(await popup.text('error')).toMatch(/malformed stream \(a piece of the answer that is not text\)/);
    expect(lines(await popup.text('article'))).toEqual(['Kept text.']);
    expect(await popup.text('article')).not.toContain('[object');
  });
});

describe('a ceiling on spend', () => {
  it('the cap from the options page is sent; an answer that reaches it is incomplete; Continue finishes it', async () => {
    await saveOptions(s, { 'max-output': 100 });
    try {
      const words = Array.from({ length: 140 }, (_, i) => `w${i + 1} `);
      s.server.enqueue({ chunks: ['# Capped Story\n\n', ...words], honourCap: true });
      const { popup } = await s.open(s.articleUrl('capped'));
      await popup.waitForState('error', 15_000);
      const first = s.server.chatRequests[0]!.body;
      // A local endpoint takes max_tokens; the short article's estimate is over 100, so the user's maximum decides.
      expect(first.max_tokens).toBe(100);
      expect(first.max_completion_tokens).toBeUndefined();
      expect(await popup.text('error')).toMatch(/length limit/);
      expect(await popup.eval(`document.querySelector('[data-state]').dataset.incomplete`)).toBe('true');
      expect(await popup.visible('continue')).toBe(true);
      expect(await popup.text('article')).toContain('w99');
      expect(await popup.text('article')).not.toContain('w100');

      s.server.enqueue({ chunks: words.slice(99), honourCap: true });
      await popup.click('continue');
      await popup.waitForState('done', 15_000);
      expect(s.server.chatRequests).toHaveLength(2);
      expect(s.server.chatRequests[1]!.body.max_tokens).toBe(100);
      expect(s.server.chatRequests[1]!.body.messages?.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
      expect(await popup.text('headline')).toBe('Capped Story');
      expect(await popup.text('article')).toContain('w99 w100');
      expect(await popup.text('article')).toContain('w140');
    } finally {
      await saveOptions(s, { 'max-output': 16000 });
    }
  });
});
