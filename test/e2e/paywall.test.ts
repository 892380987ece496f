// Paywall furniture in the built extension: a full article with a subscribe promo and a paywall placeholder goes
// out in one click; a gated teaser stops before sending and shows what was found (start, end, length), with no
// spinner, no Stop and no request to the model until "Rewrite anyway"; its Cancel ends it with nothing sent.
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { useSession } from './fixtures/setup';

const s = useSession();

const para = (i: number) =>
  `<p>Paragraph ${i} of the harbour report: the port authority said container traffic rose again this quarter, with rail freight up by a fifth and the new quay nearly full.</p>`;

describe('paywall signals', () => {
  it('a full article with a paywall promo box and a placeholder: one click, no stop, the request is sent', async () => {
    const html = `<!doctype html><html><head><title>Harbour Traffic Rises</title></head><body><article><h1>Harbour Traffic Rises</h1><div class="article-body">${[1, 2, 3].map(para).join('')}<aside class="paywall-promo"><p>Support local journalism. Subscribe today from £1 a week.</p></aside>${[4, 5, 6].map(para).join('')}<p>The authority will publish its yearly figures in March.</p></div></article><div id="paywall" class="paywall-overlay"></div></body></html>`;
    s.server.addPage('promo', html);
    s.server.enqueue({ text: '# Harbour Traffic Rises\n\nThe port had a busy quarter.' });
    const { popup } = await s.open(s.server.pageUrl('promo'));
    await popup.waitForState('done', 20_000);
    expect(s.server.chatRequests).toHaveLength(1);
    expect(await popup.visible('confirm-box')).toBe(false);
  }, 60_000);

  it('a gated teaser: the stop, with the start, the end and the length of the text, and nothing sent until Rewrite anyway', async () => {
    const html = `<!doctype html><html><head><title>Harbour Fees Rise</title></head><body><article><h1>Harbour Fees Rise</h1><div class="article-body">${[1, 2, 3, 4].map(para).join('')}<p>The last paragraph of the teaser ends here, before the gate.</p></div><div class="offer"><h3>Subscribe to continue reading</h3><a href="/login">Sign in</a></div></article></body></html>`;
    s.server.addPage('teaser', html);
    const { popup } = await s.open(s.server.pageUrl('teaser'));
    await popup.waitFor(`!document.querySelector('[data-testid=confirm-box]').hidden`, 20_000);
    expect(await popup.visible('confirm-preview')).toBe(true);
    expect(await popup.text('preview-start')).toMatch(/^Paragraph 1 of the harbour report/);
    expect(await popup.text('preview-end')).toMatch(/ends here, before the gate\.$/);
    expect(await popup.text('preview-length')).toMatch(/\b1\d\d words\b/);
    const shown = await popup.eval<{ busy: string | null; spinner: string }>(`(() => ({
      busy: document.getElementById('app').getAttribute('aria-busy'),
      spinner: getComputedStyle(document.querySelector('.progress'), '::before').content,
    }))()`);
    expect(shown).toEqual({ busy: 'false', spinner: 'none' });
    // Nothing runs while it waits: no Stop, the confirmation's own Rewrite anyway and Cancel instead.
    expect(await popup.visible('stop')).toBe(false);
    expect(await popup.visible('confirm')).toBe(true);
    expect(await popup.visible('cancel')).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(s.server.requests.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
    s.server.enqueue({ text: '# Harbour Fees Rise\n\nBody.' });
    await popup.click('confirm');
    await popup.waitForState('done', 20_000);
    expect(s.server.chatRequests).toHaveLength(1);
  }, 60_000);

  it('a gated teaser, cancelled: the job ends saying nothing was sent, Regenerate offered, and no request at all', async () => {
    const html = `<!doctype html><html><head><title>Harbour Dues Rise</title></head><body><article><h1>Harbour Dues Rise</h1><div class="article-body">${[1, 2, 3, 4].map(para).join('')}<p>The last paragraph of the teaser ends here, before the gate.</p></div><div class="offer"><h3>Subscribe to continue reading</h3><a href="/login">Sign in</a></div></article></body></html>`;
    s.server.addPage('teaser-cancel', html);
    const url = s.server.pageUrl('teaser-cancel');
    const { popup } = await s.open(url);
    // The toolbar badge on the page's tab: "?" while it waits, none once cancelled (nothing to look at).
    const badge = () =>
      popup.eval<string>(`chrome.tabs.query({}).then((tabs) => chrome.action.getBadgeText({ tabId: tabs.find((t) => t.url === ${JSON.stringify(url)}).id }))`);
    await popup.waitFor(`!document.querySelector('[data-testid=confirm-box]').hidden`, 20_000);
    expect(await popup.visible('confirm-preview')).toBe(true);
    expect(await popup.visible('stop')).toBe(false);
    await poll(async () => (await badge()) === '?', 5000, 'the waiting badge');
    await popup.click('cancel');
    await popup.waitForState('error', 10_000);
    await poll(async () => (await badge()) === '', 5000, 'the badge cleared after Cancel');
    expect(await popup.text('error')).toMatch(/cancelled\. nothing was sent/i);
    expect(await popup.visible('confirm-box')).toBe(false);
    expect(await popup.visible('regenerate')).toBe(true);
    expect(await popup.text('progress')).toBe('');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(s.server.requests.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
  }, 60_000);
});
