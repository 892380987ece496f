/** What a rewrite will cost, from a price table the user can edit (US dollars per million tokens). */

import type { Translate } from './i18n';

export interface Price {
  input: number;
  output: number;
}

export type PriceTable = Record<string, Price>;

/** Prices as published when this was written; the options page lets the user correct them. */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
};

/** The price for a model: an exact entry, else the longest entry the model name starts with ("gpt-4o-2024-08-06"). */
export function priceFor(model: string, prices: PriceTable): Price | null {
  if (prices[model]) return prices[model];
  const prefix = Object.keys(prices)
    .filter((name) => model.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? (prices[prefix] ?? null) : null;
}

export interface Estimate {
  inputTokens: number;
  /** A rewrite is about as long as its source. */
  outputTokens: number;
  /** US dollars, or null when the model has no price in the table (a local model, say). */
  cost: number | null;
  sections: number;
  /** inputTokens was counted by the provider's own tokenizer (exact), not estimated. Absent on older jobs. */
  counted?: boolean;
}

export function estimateCost(model: string, inputTokens: number, outputTokens: number, prices: PriceTable): number | null {
  const price = priceFor(model, prices);
  if (!price) return null;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}

export function formatCost(cost: number | null, t: Translate): string {
  if (cost === null) return t('costUnknown');
  if (cost === 0) return t('costFree');
  const dollars = (n: number) => n.toLocaleString(t.locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return cost < 0.01 ? t('costUnder', dollars(0.01)) : t('costAbout', dollars(cost));
}

/** Parses the options page's price lines: "model = input, output" per line. Bad lines are reported by number. */
export function parsePriceLines(text: string): { prices: PriceTable; problems: string[] } {
  const prices: PriceTable = {};
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^([^=]+?)\s*=\s*([\d.]+)\s*,\s*([\d.]+)$/.exec(line);
    const input = m ? Number(m[2]) : NaN;
    const output = m ? Number(m[3]) : NaN;
    if (!m || !Number.isFinite(input) || !Number.isFinite(output)) problems.push(`Line ${i + 1} is not "model = input price, output price".`);
    else prices[(m[1] as string).trim()] = { input, output };
  });
  return { prices, problems };
}

export function formatPriceLines(prices: PriceTable): string {
  return Object.entries(prices)
    .map(([model, p]) => `${model} = ${p.input}, ${p.output}`)
    .join('\n');
}
