/** Runs the content script in a tab on demand (activeTab + scripting) and returns what it extracted. */

import browser from 'webextension-polyfill';
import type { ExtractResult, TabRead } from '../src/article';
import { t } from '../lib/i18n';

export class TabUnreadable extends Error {}

/** Browser refusals, turned into words a writer understands. */
function explain(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  if (/gallery|webstore|chrome:\/\/|edge:\/\/|about:|cannot be scripted|restricted/i.test(raw)) {
    return t('readClosedPage');
  }
  if (/permission|Cannot access/i.test(raw)) {
    return t('readNoAccessYet');
  }
  if (/No tab with id|closed/i.test(raw)) return t('readTabClosed');
  return t('readFailed', raw.slice(0, 160));
}

function isExtractResult(value: unknown): value is ExtractResult {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return !!v.article && typeof (v.article as Record<string, unknown>).text === 'string';
  return v.ok === false && typeof v.detail === 'string';
}

/** Puts the content script in the tab (idempotent: a second injection keeps the first definitions). */
export async function injectContentScript(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
}

/** Injects the content script (or waits for an injection already under way), then calls one of its functions in the page. */
async function callContentScript(tabId: number, func: (min: number) => unknown, min: number, injected?: Promise<void>): Promise<unknown> {
  await (injected ?? injectContentScript(tabId));
  const [injection] = await browser.scripting.executeScript({ target: { tabId }, func, args: [min] });
  return injection?.result;
}

type ContentGlobals = { __newsmithExtract?: () => unknown; __newsmithRead?: (min: number) => unknown };

export async function extractFromTab(tabId: number): Promise<ExtractResult> {
  try {
    const result = await callContentScript(tabId, () => (globalThis as unknown as ContentGlobals).__newsmithExtract?.(), 0);
    if (!isExtractResult(result)) throw new Error('The page gave no readable answer.');
    return result;
  } catch (err) {
    throw new TabUnreadable(explain(err));
  }
}

/**
 * A click's read of the tab, in the same one call as an extraction: the selection's word count and, unless at
 * least `minSelectionWords` words are selected (the user is asked first), the article (content/index.ts).
 */
export async function readTab(tabId: number, minSelectionWords: number, injected?: Promise<void>): Promise<TabRead> {
  try {
    const read = (await callContentScript(tabId, (min) => (globalThis as unknown as ContentGlobals).__newsmithRead?.(min), minSelectionWords, injected)) as
      Partial<TabRead> | undefined;
    if (typeof read?.selectionWords !== 'number' || (read.result != null && !isExtractResult(read.result)))
      throw new Error('The page gave no readable answer.');
    const editor = read.editor === 'cms-admin' || read.editor === 'editable' || read.editor === 'form' ? read.editor : undefined;
    if (read.result == null && read.selectionWords < minSelectionWords && !editor) throw new Error('The page gave no readable answer.');
    return { selectionWords: read.selectionWords, result: read.result ?? null, ...(editor && read.result == null ? { editor } : {}) };
  } catch (err) {
    throw new TabUnreadable(explain(err));
  }
}

/** The text selected in the tab (top frame), or '' when none or the page cannot be scripted. */
export async function selectionInTab(tabId: number): Promise<string> {
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, func: () => globalThis.getSelection?.()?.toString() ?? '' });
    return typeof injection?.result === 'string' ? injection.result : '';
  } catch {
    return '';
  }
}
