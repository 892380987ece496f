/** Runs the content script in a tab on demand (activeTab + scripting) and returns what it extracted. */

import browser from 'webextension-polyfill';
import type { ExtractResult } from '../src/article';
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

export async function extractFromTab(tabId: number): Promise<ExtractResult> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
    const [injection] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => (globalThis as unknown as { __newsmithExtract?: () => unknown }).__newsmithExtract?.(),
    });
    const result: unknown = injection?.result;
    if (!isExtractResult(result)) throw new Error('The page gave no readable answer.');
    return result;
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
