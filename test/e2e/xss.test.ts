// The XSS corpus (test/fixtures/xss-payloads.ts) in a page title, in the article body (as text the page shows,
// and as real markup the page's own CSP keeps inert) and in the model's streamed answer, through the real toolbar
// click. Then the popup, every copy format, the history page and the options page are checked: nothing ran
// (window.__xss, document.title), nothing was fetched (no request to the server's /beacon…), no unexpected
// element exists, and the payloads are shown as literal text. Last, the extension pages' CSP is shown to block a
// remote image, with a control proving the beacon would have been seen.
import { parseHTML } from 'linkedom';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEACON, escapeHtml, xssPayloads, type XssPayload } from '../fixtures/xss-payloads';
import type { Popup } from '../support/browser';
import { startSession, type Session } from './fixtures/setup';

let s: Session;
let payloads: XssPayload[];
let popup: Popup;
let pageUrl: string;

const TITLE_WORDS = 'Harbour Council Hears Residents on Dredging Plan';

/** Requests that reached the server for a beacon, described for a failure message. */
function beacons(): string[] {
  return s.server.requests.filter((r) => r.path.includes(BEACON)).map((r) => `${r.method} ${r.url} (referer ${r.headers.referer ?? 'none'})`);
}

/**
 * The test page. Its own CSP (a meta tag, first in <head>) stops the page from running or fetching anything, so the
 * raw markup copies can sit in the article: only the extension could then make them run or fetch.
 */
function xssPage(list: XssPayload[]): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  const title = `${TITLE_WORDS} ${list.map((p) => p.text.replace(/\n/g, ' ')).join(' ')}`;
  const prose = [
    'The harbour council heard evidence on Tuesday from forty residents about the plan to dredge the eastern channel, a project that would cost the town about 2.4 million pounds over three years.',
    'Supporters said deeper berths would bring larger fishing boats back to the quay and keep the boatyard open, while opponents warned that the work would disturb seagrass beds used by young fish.',
    'The harbour master, Elaine Rowe, told members that silt had raised the channel floor by almost a metre since 2015 and that two trawlers had run aground there last winter.',
    'A marine survey commissioned by the council found that dredging in late autumn would do the least harm, and recommended that the spoil be used to rebuild the eroded dunes north of the town.',
    'Several residents read out comments left on the council website during the consultation. They are printed below exactly as they were submitted, including the markup some readers typed.',
  ];
  const asText = list.map((p) => `<p>Comment ${p.id} as submitted: ${escapeHtml(p.text)}</p>`);
  const asMarkup = list.filter((p) => !p.navigates).map((p) => `<div class="comment">Raw comment ${p.id}: ${p.text}</div>`);
  return `<!doctype html>
<html lang="en"><head>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
</head><body>
<article>
<h1>${escapeHtml(title)}</h1>
${prose.map((p) => `<p>${p}</p>`).join('\n')}
${asText.join('\n')}
${prose
  .slice(0, 2)
  .map((p) => `<p>${p.replace('Tuesday', 'Wednesday')}</p>`)
  .join('\n')}
${asMarkup.join('\n')}
</article>
</body></html>`;
}

/** The model's answer: payloads in the headline, in a subheading, in bold, in every paragraph and in the SEO block. */
function xssAnswer(list: XssPayload[]): string {
  const p = (id: number) => list.find((x) => x.id === id)!.text;
  const scriptish = list.filter((x) => x.runsScript && !x.text.includes('\n'));
  return [
    `# Residents Split Over Dredging Plan ${p(6)} ${p(3)}`,
    '',
    'The harbour council listened to forty residents on Tuesday as it weighed a 2.4 million pound plan to deepen the eastern channel.',
    '',
    ...list.flatMap((x) => [`Comment ${x.id} (${x.name}) read: ${x.text}`, '']),
    `## What happens next ${p(9)}`,
    '',
    `Members will vote next month. **${p(7)}** and *${p(2)}* were read into the record.`,
    '',
    '---',
    `Meta description: ${scriptish[0]!.text} Residents split over the harbour dredging plan.`,
    `Slug: ${p(2)}`,
    `Keywords: ${scriptish
      .slice(1, 4)
      .map((x) => x.text.replace(/,/g, ' '))
      .join(', ')}`,
  ].join('\n');
}

/**
 * Runs in a page: every element under `[data-testid=<id>]` must have one of the allowed tags; nowhere in the
 * document may an element carry an event-handler attribute or a javascript:/data: URL, nor be a script that is not
 * the extension's own, an image that is not the extension's, or a frame, object, embed, svg, math, base, refresh, ….
 * Returns the problems found.
 */
function inspectExpr(allowed: Record<string, string[]>, forbidden: string): string {
  return `(() => {
    const allowed = ${JSON.stringify(allowed)};
    const bad = [];
    for (const [id, tags] of Object.entries(allowed)) {
      const root = document.querySelector('[data-testid="' + id + '"]');
      if (!root) { bad.push('missing [data-testid=' + id + ']'); continue; }
      for (const el of root.querySelectorAll('*')) if (!tags.includes(el.localName)) bad.push(id + ' holds <' + el.localName + '>');
    }
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push('<' + el.localName + '> has ' + a.name);
        if (/(^|:)(href|src|action|formaction|data|poster|background|srcdoc|srcset)$/i.test(a.name) && /^\\s*(javascript|data:text|vbscript)/i.test(a.value)) bad.push('<' + el.localName + '> ' + a.name + '=' + a.value.slice(0, 40));
      }
    }
    for (const el of document.querySelectorAll(${JSON.stringify(forbidden)})) bad.push('forbidden <' + el.localName + '>');
    for (const sc of document.scripts) if (!sc.src || !sc.src.startsWith(location.origin + '/')) bad.push('script ' + (sc.src || sc.textContent.slice(0, 40)));
    for (const img of document.images) if (!img.src.startsWith(location.origin + '/') && !img.src.startsWith('data:image/png')) bad.push('img ' + img.src.slice(0, 60));
    for (const l of document.querySelectorAll('link')) if (!l.href.startsWith(location.origin + '/')) bad.push('link ' + l.href);
    return bad;
  })()`;
}

const FORBIDDEN = 'iframe, frame, object, embed, svg, math, video, audio, source, base, style, noscript, meta[http-equiv], template, textarea, marquee';

const SCRIPT_STATE = `({ xss: typeof window.__xss === 'undefined' ? null : String(window.__xss), title: document.title })`;

async function extPage(path: string): Promise<Page> {
  const page = await s.ext.context.newPage();
  await page.goto(`${s.ext.origin}/${path}`);
  return page;
}

beforeAll(async () => {
  s = await startSession();
  payloads = xssPayloads(s.server.origin);
  s.server.addPage('xss', xssPage(payloads));
  // The SEO pack on: its meta description, slug and keywords are model text shown in their own panel.
  const options = await s.ext.openOptions();
  await options.locator('form[data-ready=true]').waitFor();
  await options.getByTestId('seo-pack').setChecked(true);
  await options.getByTestId('save').click();
  await options.locator('[data-testid=save-status][data-ok=true]').waitFor();
  await options.close();

  s.server.enqueue({ text: xssAnswer(payloads), chunkCount: 25, chunkDelayMs: 15 });
  pageUrl = s.server.pageUrl('xss', { t: 'corpus' });
  const opened = await s.open(pageUrl);
  popup = opened.popup;
  // CSP violations in the popup from now on: none may happen before the test's own probe.
  await popup.eval(
    `(() => { window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); })()`,
  );
  await popup.waitFor(
    `['done', 'error'].includes(document.querySelector('[data-state]')?.getAttribute('data-state')) || !document.querySelector('[data-testid=confirm-box]').hidden`,
    30_000,
  );
  if (await popup.visible('confirm')) await popup.click('confirm');
  await popup.waitForState(['done', 'error'], 30_000);
}, 90_000);

afterAll(async () => {
  await s?.close();
});

describe('the XSS corpus in the title, the article and the answer', () => {
  it('has at least 20 payloads, with one beacon id each', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(20);
    expect(new Set(payloads.map((p) => p.id)).size).toBe(payloads.length);
    // Each payload that could run or fetch names its own id in a beacon URL (in base64 for the obfuscated ones).
    for (const p of payloads.filter((x) => x.runsScript || x.fetches)) {
      const decoded = [...p.text.matchAll(/[A-Za-z0-9+/]{24,}={0,2}/g)].map((m) => Buffer.from(m[0], 'base64').toString('utf8'));
      expect([p.text, ...decoded].join(' '), p.name).toMatch(new RegExp(`${BEACON}(?:\\.png)?(?:\\?id=|/)${p.id}(?!\\d)`));
    }
  });

  it('reaches the model as text: the title and the body payloads are in the prompt, literally', async () => {
    expect(await popup.state()).toBe('done');
    const user = String(s.server.chatRequests[0]!.body.messages![1]!.content);
    // The title the extractor kept (it trims what looks like a site name): still payloads, as text.
    const title = /^Rephrase the title:(.*)$/m.exec(user)?.[1] ?? '';
    expect(title).toContain('<script>');
    expect(title).toContain(`/${BEACON}`);
    expect(await popup.text('source')).toBe(title);
    // The HTML-escaped copies were shown by the page as text, so the extractor reads them as text.
    const reached = payloads.filter((p) => !p.text.includes('\n') && user.includes(p.text));
    expect(reached.length, `payloads found in the prompt: ${reached.map((p) => p.id).join(', ')}`).toBeGreaterThanOrEqual(20);
    expect(user).toContain('<script>');
  });

  it('popup: shows every payload as literal text, and nothing ran or was fetched', async () => {
    // The checks view is loaded once the rewrite is checked: wait for it, and open every "and N more" (the findings
    // behind them hold model text too).
    await popup.waitFor(`document.querySelector('[data-testid=checks]:not([hidden])')`, 5000);
    await popup.eval(`document.querySelectorAll('[data-testid=findings-more]').forEach((d) => { d.open = true; })`);
    const article = (await popup.text('article')) ?? '';
    const headline = (await popup.text('headline')) ?? '';
    const source = (await popup.text('source')) ?? '';
    expect(headline).toContain('<img src=');
    expect(headline).toContain('</title><script>');
    expect(article).toContain('<script>window.__xss=1;');
    expect(article).toContain('onerror=');
    expect(article).toContain('{{constructor.constructor(');
    expect(source).toContain('</script>');
    expect(source).toContain('<img src=');
    const shownLiterally = payloads.filter((p) => !p.text.includes('\n') && article.includes(`read: ${p.text}`));
    expect(shownLiterally.length, `payloads shown literally: ${shownLiterally.map((p) => p.id).join(', ')}`).toBeGreaterThanOrEqual(20);

    expect(await popup.eval(SCRIPT_STATE)).toEqual({ xss: null, title: 'Newsmith' });
    const problems = await popup.eval<string[]>(
      inspectExpr(
        {
          article: ['p', 'h2', 'mark'],
          headline: [],
          source: [],
          error: [],
          notice: [],
          progress: [],
          estimate: [],
          warnings: ['li'],
          checks: ['h2', 'h3', 'p', 'div', 'section', 'ul', 'li', 'span', 'mark', 'details', 'summary', 'button'],
          'seo-extras': ['div', 'strong', 'span', 'button'],
        },
        `${FORBIDDEN}, form, input, details:not([data-testid=findings-more])`,
      ),
    );
    expect(problems).toEqual([]);
    expect(await popup.eval('window.__violations')).toEqual([]);
    expect(beacons()).toEqual([]);
  });

  it('every copy format is text only: plain and Markdown keep the payloads inert, rich text has no markup of theirs', async () => {
    const helper = s.ext.context.pages().find((p) => p.url().endsWith('/manifest.json'))!;
    const copies: Record<string, { plain: string; html: string | null }> = {};
    for (const format of ['plain', 'markdown', 'rich']) {
      await s.ext.writeClipboard('(nothing copied yet)');
      await popup.eval(
        `(() => { const f = document.querySelector('[data-testid=format]'); f.value = ${JSON.stringify(format)}; f.dispatchEvent(new Event('change')); })()`,
      );
      await popup.click('copy-all');
      copies[format] = await (async () => {
        for (let i = 0; i < 50; i++) {
          // The copy can land between read() and getType() ("Clipboard data has changed"): read again then.
          const got = await helper
            .evaluate(async () => {
              const [item] = await navigator.clipboard.read();
              const read = async (t: string) => (item!.types.includes(t) ? await (await item!.getType(t)).text() : null);
              return { plain: (await read('text/plain')) ?? '', html: await read('text/html') };
            })
            .catch(() => null);
          if (got && got.plain !== '(nothing copied yet)') return got;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`nothing was copied in the ${format} format`);
      })();
    }
    await popup.eval(`(() => { const f = document.querySelector('[data-testid=format]'); f.value = 'plain'; f.dispatchEvent(new Event('change')); })()`);

    // Plain text: the payloads as typed.
    expect(copies.plain!.plain).toContain('<script>window.__xss=1;');
    expect(copies.plain!.html).toBeNull();
    // Markdown: raw HTML escaped, no image to fetch, no javascript: link.
    const md = copies.markdown!.plain;
    expect(md).toContain('\\<script>');
    expect(md).not.toMatch(/(^|[^\\])<(script|img|svg|iframe|a |a>|object|embed|math|style|meta|base|link|form|details|input|video)/im);
    expect(md).not.toMatch(/!\[[^\]]*\]\(/);
    expect(md).not.toMatch(/\]\(\s*javascript:/i);
    expect(md).not.toMatch(/^\s*\[[^\]]+\]:\s*\S/m);
    // Rich: text/html with only the product's own tags, none with an attribute; the payloads are its text.
    const rich = copies.rich!;
    expect(rich.html).not.toBeNull();
    const { document } = parseHTML(`<!doctype html><html><body>${rich.html}</body></html>`);
    const tags = new Set<string>();
    const attributes: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      tags.add(el.localName);
      for (const a of Array.from(el.attributes)) attributes.push(`${el.localName} ${a.name}`);
    }
    expect([...tags].filter((t) => !['h1', 'h2', 'p', 'ul', 'li', 'blockquote', 'strong', 'em'].includes(t))).toEqual([]);
    expect(attributes).toEqual([]);
    expect(document.body.textContent).toContain('<script>window.__xss=1;');
    expect(rich.plain).toContain('<script>window.__xss=1;');

    expect(await popup.eval(SCRIPT_STATE)).toEqual({ xss: null, title: 'Newsmith' });
    expect(beacons()).toEqual([]);
  });

  it("the popup's CSP blocks a remote image that test code inserts", async () => {
    const probe = `${s.server.origin}/${BEACON}/csp-probe.png`;
    const result = await popup.eval<string>(`(async () => {
      const img = document.createElement('img');
      const settled = new Promise((resolve) => {
        img.addEventListener('load', () => resolve('load'));
        img.addEventListener('error', () => resolve('error'));
        setTimeout(() => resolve('timeout'), 3000);
      });
      img.src = ${JSON.stringify(probe)};
      document.body.append(img);
      return settled;
    })()`);
    expect(result).toBe('error');
    const violations = await popup.eval<string[]>('window.__violations');
    expect(violations.some((v) => v.startsWith('img-src') && v.includes('csp-probe'))).toBe(true);
    expect(beacons()).toEqual([]);
  });

  it('history page: the rewrite is listed as text, nothing ran or was fetched', async () => {
    const page = await extPage('history/index.html');
    try {
      await page.locator('[data-testid=entry]').first().waitFor();
      const entries = (await page.locator('[data-testid=entries]').textContent()) ?? '';
      expect(entries).toContain('<script>window.__xss=1;');
      expect(entries).toContain('<img src=');
      const problems = await page.evaluate(
        inspectExpr({ entries: ['li', 'ol', 'h2', 'p', 'a', 'details', 'summary', 'div', 'button'], count: [], quota: [] }, `${FORBIDDEN}, form`),
      );
      expect(problems).toEqual([]);
      const links = await page.locator('[data-testid=entries] a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of links) expect(href).toMatch(/^https?:\/\//);
      expect(await page.evaluate(SCRIPT_STATE)).toEqual({ xss: null, title: 'Newsmith history' });
      // Open every entry's text, the way a reader would: still nothing runs.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await new Promise((r) => setTimeout(r, 300));
      expect(await page.evaluate(SCRIPT_STATE)).toEqual({ xss: null, title: 'Newsmith history' });
    } finally {
      await page.close();
    }
    expect(beacons()).toEqual([]);
  });

  it('options page: nothing ran or was fetched', async () => {
    const page = await extPage('options/index.html');
    try {
      await page.locator('form[data-ready=true]').waitFor();
      const state = (await page.evaluate(SCRIPT_STATE)) as { xss: string | null; title: string };
      expect(state.xss).toBeNull();
      expect(state.title).not.toBe('XSS');
      // The options form has its own textareas (prompt template, prices): the rest is forbidden there too.
      expect(await page.evaluate(inspectExpr({}, FORBIDDEN.replace(', textarea', '')))).toEqual([]);
    } finally {
      await page.close();
    }
    expect(beacons()).toEqual([]);
  });

  it('control: the same image probe on an ordinary page does reach the server, so the checks above can see a fetch', async () => {
    const page = await s.ext.openArticle(s.articleUrl('xss-control'));
    try {
      const probe = `${s.server.origin}/${BEACON}/control.png`;
      await page.evaluate((src) => {
        const img = document.createElement('img');
        img.src = src;
        document.body.append(img);
      }, probe);
      await s.server.waitFor(() => beacons().length > 0, 5000, 'the control beacon');
      expect(beacons()).toEqual([expect.stringContaining('/beacon/control.png')]);
    } finally {
      await page.close();
    }
  });
});
