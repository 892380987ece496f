/**
 * Content script, bundled as a classic IIFE script (dist/content.js) and injected on demand by the
 * background with `scripting.executeScript({ files: ['content.js'] })`.
 *
 * It only defines `globalThis.__newsmithExtract()`, which returns the `ExtractResult` (plain,
 * JSON-serialisable data) for the live `document` and `location.href`, and `globalThis.__newsmithRead(n)`, the
 * same with the selection's word count first (no extraction when n or more words are selected). The background
 * then calls one of them, e.g. `scripting.executeScript({ target, func: () => globalThis.__newsmithExtract() })`.
 * No messaging, no storage, no API keys: nothing here talks to the extension.
 *
 * Hidden text (computed style, size, place, contrast, overlays: see src/extract/visible.ts) is judged on the
 * LIVE, laid-out page, but the page is only read: `cloneVisible` clones it and drops what is invisible from the
 * clone. `extractArticle` then also drops markup-hidden elements and runs Readability on that private clone.
 */
import { countWords, type ExtractResult, type TabRead } from '../src/article';
import { extractArticle } from '../src/extract/index';
import { cloneVisible } from '../src/extract/visible';
import { editorSign } from '../src/extract/editor-page';

declare global {
  var __newsmithExtract: (() => ExtractResult) | undefined;
  var __newsmithRead: ((minSelectionWords: number) => TabRead) | undefined;
}

function extractFromLivePage(): ExtractResult {
  try {
    const clone = cloneVisible(document);
    // freshCopy: a second private clone, made only when Readability picked the wrong block (see src/extract/recover.ts).
    return extractArticle(clone, location.href, { inPlace: true, freshCopy: () => cloneVisible(document) });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: 'no-article', detail: `Newsmith could not read this page (${why}).` };
  }
}

/**
 * The popup's first read of the page, in one call: the selected text's word count and, unless at least
 * `minSelectionWords` words are selected (the user is then asked first) or the page looks like an editor (the user
 * is offered their latest rewrite first), the extracted article.
 */
function readPage(minSelectionWords: number): TabRead {
  const selectionWords = countWords(globalThis.getSelection?.()?.toString() ?? '');
  if (selectionWords >= minSelectionWords) return { selectionWords, result: null };
  const editor = editorSign(document, location.href);
  return editor ? { selectionWords, result: null, editor } : { selectionWords, result: extractFromLivePage() };
}

// Injected twice (the user clicks again): keep the first definition.
if (typeof globalThis.__newsmithExtract !== 'function') {
  globalThis.__newsmithExtract = extractFromLivePage;
}
if (typeof globalThis.__newsmithRead !== 'function') {
  globalThis.__newsmithRead = readPage;
}
