/**
 * scripts/vite-readability-safe.mjs outside the extension: the Readability every unit test (and so the CLI's code)
 * runs is the patched one the extension ships; the patch changes no extraction (every fixture page, and the shared
 * corpus when it is there, extracted with the patched and with the unpatched Readability give the same result);
 * its helper parses like linkedom's `innerHTML` setter; the CLI bundle carries it; the patched packages are pinned.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import Readability from '@mozilla/readability/Readability.js';
import { extractFromHtml } from '../../src/extract/node';
// @ts-expect-error: a plain .mjs build script, no types
import { HELPER, REPLACEMENTS } from '../../scripts/vite-readability-safe.mjs';
// @ts-expect-error: a plain .mjs build script, no types
import { buildForNode } from '../../cli/build.mjs';
import { countingHelperParses, expectSameExtraction, FAKE_URL, fixturePages, PAGES, ROOT, Unpatched } from '../support/readability-twins';
import { TRICKY_MARKUP } from '../support/tricky-markup';

const replacements = REPLACEMENTS as [string, string][];

/** The source of the two methods the patch changes (private, so not in the package's types). */
function source(R: typeof Readability): string {
  const proto = R.prototype as unknown as Record<'_grabArticle' | '_unwrapNoscriptImages', () => unknown>;
  return `${proto._grabArticle}\n${proto._unwrapNoscriptImages}`;
}

describe('the Readability under vitest is the patched one', () => {
  it('its source has the helper calls and neither innerHTML assignment; the published file has both', () => {
    const patched = source(Readability);
    const published = source(Unpatched);
    for (const [from, to] of replacements) {
      expect(patched).toContain(to);
      expect(patched).not.toContain(from);
      expect(published).toContain(from);
    }
  });

  it("the extractor calls the helper: the retry path parses through linkedom's DOMParser", () => {
    // A page too short for Readability's first pass: it restores the body (page.innerHTML = pageCacheHtml) and retries.
    const html =
      '<!doctype html><html><head><title>Short</title></head><body><div class="comment"><p>Only a few words here, and a <a href="/x">link</a>.</p></div></body></html>';
    const { parses } = countingHelperParses(() => extractFromHtml(html, FAKE_URL, { minWords: 0 }));
    expect(parses).toBeGreaterThan(0);
  });
});

describe('patched and unpatched Readability give the same extraction', () => {
  it('on every fixture page (test/fixtures/pages; the shared corpus: test/slow/readability-patch-corpus.test.ts)', async () => {
    const pages = fixturePages();
    expect(pages.length).toBeGreaterThanOrEqual(20);
    const exercised = await expectSameExtraction(pages);
    // Not a vacuous comparison: on some of these pages Readability retried, or read a <noscript> image, through the helper.
    expect(exercised).toBeGreaterThan(0);
  }, 120_000);
});

describe('the helper on linkedom', () => {
  const setInert = new Function(`${HELPER}\nreturn __newsmithSetInertHTML;`)() as (target: Element, html: string) => void;

  /** Every node in document order, with its owner-independent shape. */
  function shape(n: Node): string[] {
    const out: string[] = [];
    const walk = (x: Node): void => {
      if (x.nodeType === 1) {
        const el = x as Element;
        out.push(`<${el.tagName} ${el.namespaceURI} ${[...el.attributes].map((a) => `${a.name}=${a.value}`).join(' ')}>`);
      } else out.push(`#${x.nodeType} ${x.nodeValue ?? ''}`);
      for (let c = x.firstChild; c; c = c.nextSibling) walk(c);
    };
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    return out;
  }

  /** `html` set on a <div> of a fresh linkedom page, once by the `innerHTML` setter and once by the helper. */
  function both(html: string, page = '<!doctype html><html><head></head><body></body></html>'): [string[], string[]] {
    const a = (parseHTML(page) as unknown as { document: Document }).document;
    const b = (parseHTML(page) as unknown as { document: Document }).document;
    const ta = a.createElement('div');
    const tb = b.createElement('div');
    ta.append(a.createTextNode('old'));
    tb.append(b.createTextNode('old'));
    // eslint-disable-next-line no-restricted-properties -- the setter the helper stands in for, as the reference
    ta.innerHTML = html;
    setInert(tb, html);
    return [shape(ta), shape(tb)];
  }

  it('builds the tree the innerHTML setter builds: tricky markup, a quirks-mode page', () => {
    for (const html of TRICKY_MARKUP) {
      const [setter, helper] = both(html);
      expect(helper, html).toEqual(setter);
      const [qSetter, qHelper] = both(html, '<html><head></head><body></body></html>');
      expect(qHelper, `${html} (quirks)`).toEqual(qSetter);
    }
  });

  it("builds the tree the setter builds from each fixture page's body, and replaces the old children", () => {
    for (const p of fixturePages()) {
      const body = (parseHTML(p.html) as unknown as { document: Document }).document.body;
      // eslint-disable-next-line no-restricted-properties -- the body serialised, as Readability's pageCacheHtml is
      const [setter, helper] = both(body ? body.innerHTML : '');
      expect(helper, p.name).toEqual(setter);
      expect(helper[0], p.name).not.toBe('#3 old');
    }
  }, 60_000);

  it('refuses a document with a window once it runs in a browser (a `window` global)', () => {
    const inBrowser = new Function('window', `${HELPER}\nreturn __newsmithSetInertHTML;`)({}) as typeof setInert;
    const { document } = parseHTML('<!doctype html><html><body><p>x</p></body></html>') as unknown as { document: Document };
    expect(() => inBrowser(document.body, '<img src=x onerror=alert(1)>')).toThrow(/detached copy/);
    expect(shape(document.body)).toEqual(['<P http://www.w3.org/1999/xhtml >', '#3 x']);
  });

  it('says so when the document has no DOMParser (one linkedom made by cloning), instead of guessing', () => {
    const { document } = parseHTML('<!doctype html><html><body><p>x</p></body></html>') as unknown as { document: Document };
    const clone = document.cloneNode(true) as Document;
    // A clone's own nodes keep the original as their ownerDocument; one it creates is its own.
    expect(() => setInert(clone.createElement('div'), '<p>y</p>')).toThrow(/no DOMParser/);
    const inClone = clone.body.firstElementChild as Element;
    setInert(inClone, '<b>y</b>');
    expect(shape(inClone)).toEqual(['<B http://www.w3.org/1999/xhtml >', '#3 y']);
  });
});

describe('the CLI bundle', () => {
  // Inside the repository, so that the bundle's external imports (linkedom, openai) resolve.
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'newsmith-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles the patched Readability and extracts with it', async () => {
    const file = (await buildForNode('cli/main.ts', dir, 'newsmith.mjs')) as string;
    const code = readFileSync(file, 'utf8');
    for (const [from, to] of replacements) {
      expect(code).toContain(to);
      expect(code).not.toContain(from);
    }
    expect(code).toContain('function __newsmithSetInertHTML(');
    expect(code).not.toMatch(/from\s+["']@mozilla\/readability/);
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { main } = await import(${JSON.stringify(file)}); process.exitCode = await main(['extract', '--json', ${JSON.stringify(join(PAGES, 'cruft-news.html'))}]);`,
      ],
      { encoding: 'utf8', cwd: ROOT },
    );
    expect(JSON.parse(out)).toMatchObject({ title: 'Lisbon Port Opens Bidding for Offshore Wind Terminal' });
  }, 60_000);
});

describe('patched dependencies are pinned', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
  };
  // @mozilla/readability: scripts/vite-readability-safe.mjs; openai: scripts/vite-openai-slim.mjs.
  for (const name of ['@mozilla/readability', 'openai']) {
    it(`${name}: an exact version in package.json, the one package-lock.json installs`, () => {
      const spec = pkg.dependencies[name] ?? '';
      expect(spec).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock.packages['']?.dependencies?.[name]).toBe(spec);
      expect(lock.packages[`node_modules/${name}`]?.version).toBe(spec);
    });
  }
});
