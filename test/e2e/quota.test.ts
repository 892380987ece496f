// The quota watched: past 80% of what the browser allows, the history page and the popup say so before writes fail.
// The browser's estimate is made to say 85% (an init script in these pages: a real disk near its quota cannot be
// made on a test machine); below 80% nothing is shown.
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { useSession } from './fixtures/setup';

const s = useSession();

/** Makes navigator.storage.estimate() report `usage` of a 100 MB quota in the pages opened after it. */
async function estimateSays(usage: number): Promise<void> {
  await s.ext.context.addInitScript((usage: number) => {
    const quota = 100 * 1024 * 1024;
    Object.defineProperty(navigator.storage, 'estimate', { value: async () => ({ usage: usage * quota, quota }) });
  }, usage);
}

describe('quota notice', () => {
  it('the history page and the popup warn past 80% of the quota, and not below', async () => {
    const calm = await s.ext.context.newPage();
    await calm.goto(`${s.ext.origin}/history/index.html`);
    await calm.getByTestId('count').waitFor();
    await poll(async () => ((await calm.getByTestId('count').textContent()) ?? '') !== '', 5000, 'the history loaded');
    expect(await calm.getByTestId('quota').isVisible()).toBe(false);
    await calm.close();

    await estimateSays(0.85);
    const history = await s.ext.context.newPage();
    await history.goto(`${s.ext.origin}/history/index.html`);
    const notice = history.getByTestId('quota');
    await poll(async () => notice.isVisible(), 5000, 'the quota notice on the history page');
    expect(await notice.textContent()).toMatch(/^The history uses 85\.0 MB of the browser's 100\.0 MB/);

    // The popup (opened in a tab: the same page) says it too.
    const popup = await s.ext.context.newPage();
    await popup.goto(`${s.ext.origin}/popup/index.html?tab=999999`);
    const popupNotice = popup.getByTestId('quota');
    await poll(async () => popupNotice.isVisible(), 5000, 'the quota notice in the popup');
    expect(await popupNotice.textContent()).toMatch(/85\.0 MB of the browser's 100\.0 MB/);
    await history.close();
    await popup.close();
  });
});
