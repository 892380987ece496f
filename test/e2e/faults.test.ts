// Faults a writer meets, in real Chromium: nothing lost, nothing billed twice, every stop explained.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type Session } from './fixtures/setup';

let s: Session;

beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});
afterEach(async () => {
  await s.cleanup();
});

const PARTIAL = '# Library Keeps Night Room\n\nThe council voted to keep the reading room open';
const REST = ' until 2 a.m. every night.\n\nStaff will be hired.';

describe('incomplete answers', () => {
  it.each([
    ['ends without [DONE]', { cutAfter: 3, extra: ['never sent'] }],
    ['stops at the length limit', { finishReason: 'length' as const, extra: [] }],
  ])('a stream that %s is marked incomplete and Continue finishes it from the partial text', async (_name, { extra, ...plan }) => {
    s.server.enqueue({ chunks: [PARTIAL.slice(0, 20), PARTIAL.slice(20, 50), PARTIAL.slice(50), ...extra], ...plan });
    const { popup } = await s.open(s.articleUrl(`continue-${_name.length}`));
    await popup.waitForState('error', 15_000);
    expect(await popup.eval(`document.querySelector('[data-state]').dataset.incomplete`)).toBe('true');
    expect(await popup.text('error')).toMatch(/incomplete/i);
    expect(await popup.visible('continue')).toBe(true);

    s.server.enqueue({ text: REST, chunkCount: 2 });
    await popup.click('continue');
    await popup.waitForState('done', 15_000);
    expect(s.server.chatRequests).toHaveLength(2);
    const messages = s.server.chatRequests[1]!.body.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[2]?.content).toBe(PARTIAL);
    expect(messages[3]?.content).toMatch(/Continue it exactly where it stops/);
    expect(await popup.text('headline')).toBe('Library Keeps Night Room');
    expect(await popup.text('article')).toContain('The council voted to keep the reading room open until 2 a.m. every night.');
    expect(await popup.text('article')).toContain('Staff will be hired.');
    expect(await popup.visible('continue')).toBe(false);
  });
});
