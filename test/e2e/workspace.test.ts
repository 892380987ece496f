// The editor's workspace, for real: the side panel stays on the job it was opened for while the user works in other
// tabs; a toolbar click on a CMS tab offers the latest rewrite and sends nothing; Copy for CMS puts every field on
// the clipboard, as rich text and plain text, and each field has its own shortcut.
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { saveOptions, useSession } from './fixtures/setup';
import { openPanel } from './fixtures/workspace';
import { articleHtml } from './fixtures';

const s = useSession();

const ANSWER_A = {
  text: '# Ferry Timetable Approved\n\nThe council approved the new ferry timetable on Monday.\n\n---\nMeta description: Harbour City approves a new ferry timetable.\nSlug: ferry-timetable-approved\nKeywords: ferry, timetable, Harbour City',
};
const ANSWER_B = { text: '# Library Opens at Night\n\nThe night reading room opens on Friday.' };

/** A CMS screen: a title field and a large rich-text editor, as a news desk's tools have. */
const CMS_PAGE = `<!doctype html><html lang="en"><head><title>Edit post ‹ Desk</title></head><body>
<h1>Edit post</h1>
<form><label>Title <input name="title" style="width:600px"></label>
<div contenteditable="true" style="width:700px;min-height:320px;border:1px solid #999">Start writing or paste here…</div>
<button type="submit">Publish</button></form></body></html>`;
/** An article with readers' comments: its comment box is no editor. */
const COMMENTED = articleHtml.replace(
  '</body>',
  `<section id="comments"><h2>Comments</h2><form action="/wp-comments-post.php"><textarea name="comment" style="width:640px;height:180px"></textarea>
<input name="author"><input name="email" type="email"><input name="url"><button>Post comment</button></form></section></body>`,
);

const headlineIs = (h: string) => `document.querySelector('[data-testid="headline"]')?.innerText.trim() === ${JSON.stringify(h)}`;

async function clipboardItem(): Promise<{ types: string[]; html: string; plain: string }> {
  const page = s.ext.context.pages().find((p) => p.url().endsWith('/manifest.json'))!;
  return page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const html = item!.types.includes('text/html') ? await (await item!.getType('text/html')).text() : '';
    return { types: [...item!.types], html, plain: await (await item!.getType('text/plain')).text() };
  });
}

describe('no surprise spending on an editor tab', () => {
  it('a click on a CMS tab offers the latest rewrite first and sends nothing; Show it, Copy for CMS and the field shortcuts copy it', async () => {
    await saveOptions(s, { 'seo-pack': true, 'input-budget': 12000 });
    s.server.addPage('cms', CMS_PAGE);
    s.server.enqueue(ANSWER_A);
    const { popup: first } = await s.open(s.articleUrl('workspace-a'));
    await first.waitForState('done', 15_000);
    expect(s.server.chatRequests).toHaveLength(1);

    const cms = await s.ext.openArticle(s.server.pageUrl('cms'));
    const popup = await s.click(cms);
    await popup.waitForState('offer', 10_000);
    expect(await popup.text('offer-text')).toMatch(/looks like an editor \(it has a text editor\).*Nothing was sent/);
    expect(await popup.text('offer-latest-headline')).toBe('Your latest rewrite: Ferry Timetable Approved');
    expect(await popup.visible('offer-rewrite')).toBe(true);
    expect(await popup.visible('actions')).toBe(false);
    expect(s.server.chatRequests).toHaveLength(1);

    await popup.click('offer-latest');
    await popup.waitFor(headlineIs('Ferry Timetable Approved'), 10_000);
    await popup.waitForState('done', 5000);
    // A rewrite of another page: nothing here would rewrite the CMS tab.
    expect(await popup.visible('regenerate')).toBe(false);
    expect(s.server.chatRequests).toHaveLength(1);

    await popup.click('copy-cms');
    await popup.waitFor(`/for your CMS/.test(document.querySelector('[data-testid=copy-status]').textContent)`, 3000);
    const got = await clipboardItem();
    expect(got.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    expect(got.plain).toBe(
      'Headline:\nFerry Timetable Approved\n\nArticle:\nThe council approved the new ferry timetable on Monday.\n\n' +
        'Meta description:\nHarbour City approves a new ferry timetable.\n\nURL slug:\nferry-timetable-approved\n\nKeywords:\nferry, timetable, Harbour City',
    );
    expect(got.html).toContain('<p><strong>Headline:</strong></p>\n<h1>Ferry Timetable Approved</h1>');
    expect(got.html).toContain('<p><strong>URL slug:</strong> ferry-timetable-approved</p>');
    expect(got.html).toContain('<p><strong>Keywords:</strong> ferry, timetable, Harbour City</p>');
    expect(got.html).not.toMatch(/<script|on\w+=/);

    // Each field's own shortcut (Alt and a letter), and each button says its shortcut.
    for (const [code, want] of [
      ['KeyS', 'ferry-timetable-approved'],
      ['KeyH', 'Ferry Timetable Approved'],
      ['KeyK', 'ferry, timetable, Harbour City'],
    ] as const) {
      await s.ext.writeClipboard('before');
      await popup.eval(`document.dispatchEvent(new KeyboardEvent('keydown', { code: ${JSON.stringify(code)}, altKey: true, bubbles: true }))`);
      await poll(async () => (await s.ext.readClipboard()) === want, 3000, `${code} copies ${want}`);
    }
    expect(await popup.eval(`document.querySelector('[data-testid=copy-slug]').getAttribute('aria-keyshortcuts')`)).toBe('Alt+S');
    expect(await popup.eval(`document.querySelector('[data-testid=copy-cms]').getAttribute('aria-keyshortcuts')`)).toBe('Alt+C');
    expect(s.server.chatRequests).toHaveLength(1);
  });

  it('a CMS admin address is enough; Rewrite this page then rewrites it, on the click only', async () => {
    s.server.addPage('wp-admin', articleHtml);
    s.server.enqueue(ANSWER_B);
    const page = await s.ext.openArticle(s.server.pageUrl('wp-admin'));
    const popup = await s.click(page);
    await popup.waitForState('offer', 10_000);
    expect(await popup.text('offer-text')).toMatch(/\(a CMS admin page\)/);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.server.chatRequests).toHaveLength(0);
    await popup.click('offer-rewrite');
    await popup.waitForState('done', 15_000);
    expect(await popup.text('headline')).toBe('Library Opens at Night');
    expect(s.server.chatRequests).toHaveLength(1);
  });

  it('a page with no article while the page just rewritten is open in another tab offers that rewrite; without it, the usual refusal', async () => {
    s.server.enqueue(ANSWER_B);
    const { page: source, popup: first } = await s.open(s.articleUrl('workspace-open-beside'));
    await first.waitForState('done', 15_000);
    const before = s.server.chatRequests.length;
    await first.close();

    const { page: other, popup } = await s.open(s.noArticleUrl());
    await popup.waitForState('offer', 10_000);
    expect(await popup.text('offer-text')).toMatch(/no article, and the page you rewrote is open in another tab.*Nothing was sent/);
    expect(await popup.text('offer-latest-headline')).toBe('Your latest rewrite: Library Opens at Night');
    expect(s.server.chatRequests).toHaveLength(before);
    await popup.close();

    // The rewritten page gone from its tab: a page with no article says so, as always.
    await source.goto(s.noArticleUrl());
    const again = await s.click(other);
    await again.waitForState('error', 10_000);
    expect(await again.text('error')).toMatch(/no article/i);
    expect(s.server.chatRequests).toHaveLength(before);
  });

  it('an article with a comment box is no editor: one click rewrites it', async () => {
    s.server.addPage('commented', COMMENTED);
    s.server.enqueue(ANSWER_B);
    const { popup } = await s.open(s.server.pageUrl('commented'));
    await popup.waitForState('done', 15_000);
    expect(s.server.chatRequests).toHaveLength(1);
  });
});

describe('side panel', () => {
  it('opens from the popup on its tab’s job, stays on it across tab switches with no request, and lists the recent rewrites', async () => {
    s.server.enqueue(ANSWER_A, ANSWER_B);
    const { popup } = await s.open(s.articleUrl('panel-a'));
    await popup.waitForState('done', 15_000);
    expect(await popup.visible('open-panel')).toBe(true);
    const panel = await openPanel(s, popup);
    await panel.waitFor(`document.querySelector('[data-testid=panel]')?.dataset.state === 'done'`, 10_000);
    expect(await panel.text('headline')).toBe('Ferry Timetable Approved');
    expect(s.server.chatRequests).toHaveLength(1);

    // Another tab, rewritten from its own popup: the panel stays on the first job.
    const { popup: other } = await s.open(s.articleUrl('panel-b'));
    await other.waitForState('done', 15_000);
    expect(s.server.chatRequests).toHaveLength(2);
    await other.close();
    const blank = await s.ext.openArticle(s.server.pageUrl('cms'));
    await blank.bringToFront();
    await new Promise((r) => setTimeout(r, 500));
    expect(await panel.text('headline')).toBe('Ferry Timetable Approved');
    expect(await panel.visible('open-panel')).toBe(false);
    expect(s.server.chatRequests).toHaveLength(2);

    // The list has both rewrites, newest first; picking one shows it, with no request.
    await panel.waitFor(`document.querySelectorAll('[data-testid=recent-item]').length >= 2`, 5000);
    const listed = await panel.eval<string[]>(`[...document.querySelectorAll('[data-testid=recent-item] button')].map((b) => b.textContent)`);
    expect(listed.slice(0, 2)).toEqual(['Library Opens at Night', 'Ferry Timetable Approved']);
    await panel.eval(`document.querySelector('[data-testid=recent-item] button').click()`);
    await panel.waitFor(headlineIs('Library Opens at Night'), 5000);
    expect(await panel.visible('regenerate')).toBe(false);
    expect(s.server.chatRequests).toHaveLength(2);
  });
});
