// The browser stops the extension's service worker while a rewrite streams: the popup must say the job was
// interrupted, keep the text so far, offer Regenerate, and never send the request again on its own.
import { describe, expect, it } from 'vitest';
import { sleep } from '../support/browser';
import { LONG_ANSWER } from './fixtures/index';
import { hasText, lines, textMatches, useSession } from './fixtures/setup';

const s = useSession();

describe('service worker stopped mid-job', () => {
  it('shows interrupted with the partial text and Regenerate, and does not re-bill', async () => {
    s.server.enqueue({ text: LONG_ANSWER.raw, chunkCount: 12, chunkDelayMs: 700 });
    const { popup } = await s.open(s.articleUrl('worker-stop'));
    await popup.waitForState('writing', 10_000);
    await popup.waitFor(hasText('article'), 10_000);
    await s.server.waitForChunks(0, 2, 10_000);

    await s.ext.stopWorker();

    await popup.waitForState('error', 5000);
    await popup.waitFor(textMatches('error', /interrupted/), 2000);
    const kept = lines(await popup.text('article')).join(' ');
    expect(kept).not.toBe('');
    expect(LONG_ANSWER.paragraphs.join(' ')).toContain(kept.slice(0, 40));
    expect(await popup.visible('regenerate')).toBe(true);

    // No automatic retry: give a restarted worker time to misbehave.
    await sleep(2500);
    expect(s.server.chatRequests).toHaveLength(1);
    expect(await popup.state()).toBe('error');
    const r = s.server.responses[0]!;
    expect(r.completed).toBe(false);
  });
});
