// The readability-safe helper (scripts/vite-readability-safe.mjs) in real Chromium: it refuses every document with a
// browsing context (the page, a frame) and, on inert ones (a cloneNode(true) copy, as the extractor makes, a DOMParser
// or createHTMLDocument document), builds exactly the tree the innerHTML setter builds, in standards and quirks mode
// and in an XML document. The same checks on linkedom are in test/unit/readability-patch.test.ts.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from '../support/browser';
// @ts-expect-error: a plain .mjs build script, no types
import { HELPER } from '../../scripts/vite-readability-safe.mjs';
import { TRICKY_MARKUP } from '../support/tricky-markup';

const SAMPLES = [
  ...TRICKY_MARKUP,
  // Whole-document markup too: a browser's setter meets these in a body.
  '<title>t</title><meta charset=utf-8><link rel=x href=y><head><body class=b><html lang=x>text',
  '<table><tr><td>a<p>b</table>c',
];

interface PageResult {
  refusedLive: string;
  refusedFrame: string;
  liveUntouched: boolean;
  views: Record<string, boolean>;
  mismatches: string[];
  compared: number;
}

/** Runs in the page: `helperSource` defines __newsmithSetInertHTML; compares it with the setter on inert documents. */
function inPage([helperSource, samples]: [string, string[]]): PageResult {
  const setInert = new Function(`${helperSource}\nreturn __newsmithSetInertHTML;`)() as (target: Element, html: string) => void;
  const refusal = (target: Element): string => {
    try {
      setInert(target, '<img src=x>');
      return 'not refused';
    } catch (e) {
      return (e as Error).message;
    }
  };
  const serialize = (n: Node): string => new XMLSerializer().serializeToString(n);
  const before = serialize(document.body);
  const refusedLive = refusal(document.body);
  const frame = document.querySelector('iframe') as HTMLIFrameElement;
  const refusedFrame = refusal((frame.contentDocument as Document).body);
  const liveUntouched = serialize(document.body) === before;

  // Inert documents of each kind, each as a pair: one for the setter (the reference), one for the helper.
  const kinds: Record<string, () => { doc: Document; target: () => Element }> = {
    clone: () => {
      const doc = document.cloneNode(true) as Document;
      return { doc, target: () => doc.body };
    },
    cloneDiv: () => {
      const doc = document.cloneNode(true) as Document;
      return { doc, target: () => doc.body.appendChild(doc.createElement('div')) };
    },
    domParser: () => {
      const doc = new DOMParser().parseFromString('<!doctype html><p>old</p>', 'text/html');
      return { doc, target: () => doc.body };
    },
    domParserQuirks: () => {
      const doc = new DOMParser().parseFromString('<p>old</p>', 'text/html');
      return { doc, target: () => doc.body };
    },
    createHTMLDocument: () => {
      const doc = document.implementation.createHTMLDocument('x');
      return { doc, target: () => doc.body };
    },
    xml: () => {
      const doc = new DOMParser().parseFromString('<root xmlns="http://www.w3.org/1999/xhtml"><div>old</div></root>', 'application/xml');
      return { doc, target: () => doc.documentElement.firstElementChild as Element };
    },
  };
  const views: Record<string, boolean> = {};
  const mismatches: string[] = [];
  let compared = 0;
  for (const [kind, make] of Object.entries(kinds)) {
    views[kind] = make().doc.defaultView === null;
    for (const html of samples) {
      const a = make();
      const b = make();
      const ta = a.target();
      const tb = b.target();
      if (kind === 'xml') {
        // The XML setter throws on markup that is not well-formed; the helper must then throw too.
        let setterError = '';
        try {
          ta.innerHTML = html; // eslint-disable-line no-restricted-properties -- the reference
        } catch (e) {
          setterError = (e as Error).name;
        }
        let helperError = '';
        try {
          setInert(tb, html);
        } catch (e) {
          helperError = (e as Error).name || 'Error';
        }
        if (Boolean(setterError) !== Boolean(helperError)) mismatches.push(`${kind}: ${html}: setter ${setterError || 'ok'}, helper ${helperError || 'ok'}`);
        if (setterError || helperError) continue;
      } else {
        ta.innerHTML = html; // eslint-disable-line no-restricted-properties -- the reference
        setInert(tb, html);
      }
      compared++;
      const sa = serialize(a.doc);
      const sb = serialize(b.doc);
      if (sa !== sb || a.doc.compatMode !== b.doc.compatMode) mismatches.push(`${kind}: ${html}\n  setter ${sa}\n  helper ${sb}`);
    }
  }
  return { refusedLive, refusedFrame, liveUntouched, views, mismatches, compared };
}

describe.skipIf(!existsSync(CHROMIUM))('the readability-safe helper in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage();
  });
  afterAll(async () => browser?.close());

  for (const mode of ['standards', 'quirks'] as const) {
    it(`refuses the page and a frame, and matches the innerHTML setter on inert documents (${mode} mode page)`, async () => {
      const doctype = mode === 'standards' ? '<!doctype html>' : '';
      await page.setContent(`${doctype}<html><head><title>t</title></head><body><p>live</p><iframe srcdoc="<p>frame</p>"></iframe></body></html>`);
      await page.waitForFunction(() => document.querySelector('iframe')?.contentDocument?.body?.textContent === 'frame');
      expect(await page.evaluate(() => document.compatMode)).toBe(mode === 'standards' ? 'CSS1Compat' : 'BackCompat');
      const r = await page.evaluate(inPage, [HELPER as string, SAMPLES] as [string, string[]]);
      expect(r.refusedLive).toMatch(/detached copy/);
      expect(r.refusedFrame).toMatch(/detached copy/);
      expect(r.liveUntouched).toBe(true);
      // Every inert kind really has no window in Chromium (so the helper's live test lets it through).
      expect(r.views).toEqual({ clone: true, cloneDiv: true, domParser: true, domParserQuirks: true, createHTMLDocument: true, xml: true });
      expect(r.mismatches).toEqual([]);
      expect(r.compared).toBeGreaterThan(SAMPLES.length * 5);
    });
  }
});
