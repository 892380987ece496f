// axe-core inside the real extension pages in Chromium: run in both colour schemes, with a report that names each
// violation's rule, impact and nodes (for contrast, the colours and ratio), so a fix can be made in the product page.
// axe's source is evaluated through CDP (the pages' CSP, `script-src 'self'`, would block an injected <script>).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Popup } from './browser';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

/** One axe violation, reduced to what a fix needs. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

// Runs in the page: the default rule set (WCAG A/AA and best practices) on the whole document. For a contrast
// failure the node also names its colours and ratio, so the report says what to change.
const RUN_AXE = `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map((n) => {
    const d = (n.any || []).map((c) => c.data).find((x) => x && x.contrastRatio);
    const target = n.target.join(' ');
    return d ? target + ' [' + d.fgColor + ' on ' + d.bgColor + ': ' + d.contrastRatio + ':1, needs ' + d.expectedContrastRatio + ']' : target;
  }),
})))`;

type Scheme = 'light' | 'dark';
const SCHEMES: Scheme[] = ['light', 'dark'];

function report(where: string, violations: Violation[]): string {
  if (!violations.length) return `${where}: no violations`;
  return [
    `${where}: ${violations.length} axe violation(s)`,
    ...violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    - ${n}`).join('\n')}`),
  ].join('\n');
}

async function axePopup(popup: Popup): Promise<Violation[]> {
  if (!(await popup.eval<boolean>(`typeof window.axe === 'object'`))) await popup.eval(`${AXE_SOURCE};0`);
  return popup.eval<Violation[]>(RUN_AXE, 30_000);
}

async function axePage(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(`typeof window.axe === 'object'`))) await page.evaluate(`${AXE_SOURCE};0`);
  return (await page.evaluate(RUN_AXE)) as Violation[];
}

/** Sets the popup's colour scheme (CDP Emulation on its target) and lets the styles apply. */
async function popupScheme(popup: Popup, scheme: Scheme): Promise<void> {
  await popup.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
  await popup.waitFor(`matchMedia('(prefers-color-scheme: ${scheme})').matches`, 3000);
}

/** axe on the popup in both schemes; returns one report line per scheme that failed. */
export async function checkPopup(popup: Popup, state: string): Promise<Record<Scheme, Violation[]>> {
  const out = {} as Record<Scheme, Violation[]>;
  for (const scheme of SCHEMES) {
    await popupScheme(popup, scheme);
    out[scheme] = await axePopup(popup);
  }
  // The state must not have moved on while axe ran (e.g. writing → done).
  expect(await popup.state(), `the popup left the ${state} state during the check`).toBe(state);
  return out;
}

export async function checkPage(page: Page): Promise<Record<Scheme, Violation[]>> {
  const out = {} as Record<Scheme, Violation[]>;
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    out[scheme] = await axePage(page);
  }
  return out;
}

export function expectClean(where: string, results: Record<Scheme, Violation[]>): void {
  // Strict on purpose: any violation, of any impact, in either scheme fails, with the full list in the message.
  const message = SCHEMES.map((scheme) => report(`${where} (${scheme})`, results[scheme])).join('\n');
  expect(results, message).toEqual({ light: [], dark: [] });
}
