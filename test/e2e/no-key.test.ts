// Without an API key: the popup asks for one, offers the options page and a prompt to paste by hand.
import { describe, expect, it } from 'vitest';
import { poll, sleep } from '../support/browser';
import { renderTemplate, SYSTEM_TEMPLATE } from '../../src/prompt/index';
import { defaults } from '../../src/settings';
import { ARTICLE_TITLE } from './fixtures/index';
import { useSession } from './fixtures/setup';

const s = useSession({ configure: false });

describe('no API key', () => {
  it('shows needs-key, copies the prompt, opens the options, and calls nobody', async () => {
    const { popup } = await s.open(s.articleUrl('nokey'));
    await popup.waitForState('needs-key', 10_000);
    expect(await popup.visible('open-options')).toBe(true);
    expect(await popup.visible('copy-prompt')).toBe(true);

    await s.ext.writeClipboard('(nothing copied yet)');
    await popup.waitFor(`!document.querySelector('[data-testid="copy-prompt"]').disabled`, 5000);
    await popup.click('copy-prompt');
    await poll(async () => (await s.ext.readClipboard()) !== '(nothing copied yet)', 3000, 'the prompt on the clipboard');
    const prompt = await s.ext.readClipboard();
    const system = renderTemplate(SYSTEM_TEMPLATE, { language: defaults.language, headlineMaxChars: String(defaults.headlineMaxChars) });
    expect(prompt.startsWith(system)).toBe(true);
    expect(prompt).toContain('Rephrase the title:');
    expect(prompt).toContain(ARTICLE_TITLE);

    const opened = s.ext.context.waitForEvent('page', { timeout: 5000 });
    await popup.click('open-options').catch(() => {
      /* the popup may close as the options tab opens */
    });
    const options = await opened;
    await options.waitForLoadState();
    expect(options.url()).toBe(s.ext.optionsUrl);
    await options.close();

    await sleep(300);
    expect(s.server.chatRequests).toHaveLength(0);
    expect(s.server.preflights).toHaveLength(0);
  });
});
