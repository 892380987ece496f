// Rewriting the selected text: chosen in the popup when the page has a selection, or from the context menu.
import { describe, expect, it } from 'vitest';
import { ARTICLE_TITLE } from './fixtures/index';
import { useSession } from './fixtures/setup';

const s = useSession();

/** Selects the text of the article's 2nd and 3rd paragraphs; returns it. */
async function selectParagraphs(page: import('playwright-core').Page): Promise<string> {
  return page.evaluate(() => {
    const ps = document.querySelectorAll('article p');
    const range = document.createRange();
    range.setStartBefore(ps[1]!);
    range.setEndAfter(ps[2]!);
    const sel = getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return sel.toString();
  });
}

describe('rewrite the selection', () => {
  it('asks whether to rewrite the selection or the article, and sends only the selection under the page title', async () => {
    const page = await s.ext.openArticle(s.articleUrl('selection'));
    const selected = await selectParagraphs(page);
    expect(selected.split(/\s+/).length).toBeGreaterThan(20);
    const popup = await s.click(page);
    await popup.waitFor(`!document.querySelector('[data-testid=choose]').hidden`, 10_000);
    expect(await popup.text('choose-text')).toMatch(/selected \d+ words/);
    expect(s.server.chatRequests).toHaveLength(0);

    s.server.enqueue({ text: '# Selection Rewritten\n\nOnly the chosen part.' });
    await popup.click('rewrite-selection');
    await popup.waitForState('done', 10_000);
    expect(await popup.text('headline')).toBe('Selection Rewritten');
    const user = String(s.server.chatRequests[0]!.body.messages?.[1]?.content);
    expect(user.startsWith(`Rephrase the title:${ARTICLE_TITLE}`)).toBe(true);
    const firstSelected = selected.trim().split('\n')[0]!.trim();
    expect(user).toContain(firstSelected.slice(0, 60));
    const lastParagraph = (await page.evaluate(() => [...document.querySelectorAll('article p')].at(-1)!.textContent ?? '')).trim();
    expect(user).not.toContain(lastParagraph.slice(0, 60));

    // Reopening the popup on that tab shows the selection's rewrite, with no new request.
    await popup.close();
    const again = await s.click(page);
    await again.waitForState('done', 10_000);
    expect(await again.text('headline')).toBe('Selection Rewritten');
    expect(s.server.chatRequests).toHaveLength(1);
  });

  it('"Rewrite the whole article" with a selection rewrites the article', async () => {
    const page = await s.ext.openArticle(s.articleUrl('selection-article'));
    await selectParagraphs(page);
    const popup = await s.click(page);
    await popup.waitFor(`!document.querySelector('[data-testid=choose]').hidden`, 10_000);
    s.server.enqueue({ text: '# Whole Article\n\nAll of it.' });
    await popup.click('rewrite-article');
    await popup.waitForState('done', 10_000);
    const user = String(s.server.chatRequests[0]!.body.messages?.[1]?.content);
    const lastParagraph = (await page.evaluate(() => [...document.querySelectorAll('article p')].at(-1)!.textContent ?? '')).trim();
    expect(user).toContain(lastParagraph.slice(0, 60));
  });
});

/** The bits of the extension API the menu test calls inside the service worker. */
interface WorkerChrome {
  tabs: { query(q: { url: string }): Promise<unknown[]> };
  contextMenus: { onClicked: { dispatch(info: unknown, tab: unknown): void } };
}

describe('context menu', () => {
  /**
   * Fires the context menu's click event in the worker, as the browser does for a real menu click. The real click
   * also grants activeTab; here the toolbar click before it did (its popup only offered the choice, so no job ran).
   */
  async function menuClick(page: import('playwright-core').Page, menuItemId: string, selectionText?: string): Promise<void> {
    const popup = await s.click(page);
    await popup.waitFor(`!document.querySelector('[data-testid=choose]').hidden`, 10_000);
    await popup.close();
    const worker = s.ext.context.serviceWorkers()[0]!;
    const url = page.url();
    await worker.evaluate(
      async ({ menuItemId, selectionText, url }) => {
        const api = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
        const [tab] = await api.tabs.query({ url: url.split('#')[0]! });
        api.contextMenus.onClicked.dispatch({ menuItemId, selectionText, pageUrl: url, editable: false }, tab);
      },
      { menuItemId, selectionText, url },
    );
  }

  it('"Rewrite selection" rewrites the selected text, and the popup then shows it', async () => {
    const page = await s.ext.openArticle(s.articleUrl('menu-selection'));
    const selected = await selectParagraphs(page);
    s.server.enqueue({ text: '# From The Menu\n\nSelected part rewritten.' });
    await menuClick(page, 'newsmith-rewrite-selection', selected);
    await s.server.waitForChatRequests(1, 10_000);
    const user = String(s.server.chatRequests[0]!.body.messages?.[1]?.content);
    const lastParagraph = (await page.evaluate(() => [...document.querySelectorAll('article p')].at(-1)!.textContent ?? '')).trim();
    expect(user).not.toContain(lastParagraph.slice(0, 60));
    await s.server.waitForResponseEnd(0);
    const popup = await s.click(page);
    await popup.waitForState('done', 10_000);
    expect(await popup.text('headline')).toBe('From The Menu');
    expect(s.server.chatRequests).toHaveLength(1);
  });

  it('"Rewrite this article" rewrites the whole article', async () => {
    const page = await s.ext.openArticle(s.articleUrl('menu-page'));
    await selectParagraphs(page);
    s.server.enqueue({ text: '# Whole Page From The Menu\n\nAll of it.' });
    await menuClick(page, 'newsmith-rewrite-page');
    await s.server.waitForChatRequests(1, 10_000);
    const user = String(s.server.chatRequests[0]!.body.messages?.[1]?.content);
    const lastParagraph = (await page.evaluate(() => [...document.querySelectorAll('article p')].at(-1)!.textContent ?? '')).trim();
    expect(user).toContain(lastParagraph.slice(0, 60));
  });
});
