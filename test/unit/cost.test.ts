import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, estimateCost, formatCost, formatPriceLines, parsePriceLines, priceFor } from '../../src/cost';
import { english } from '../../src/i18n-en';

describe('cost', () => {
  it('prices by exact model name, else by the longest matching prefix', () => {
    expect(priceFor('gpt-4o-mini', DEFAULT_PRICES)).toEqual({ input: 0.15, output: 0.6 });
    expect(priceFor('gpt-4o-mini-2024-07-18', DEFAULT_PRICES)).toEqual({ input: 0.15, output: 0.6 });
    expect(priceFor('gpt-4o-2024-08-06', DEFAULT_PRICES)).toEqual({ input: 2.5, output: 10 });
    expect(priceFor('llama3.1:8b', DEFAULT_PRICES)).toBeNull();
  });

  it('computes dollars from tokens', () => {
    expect(estimateCost('gpt-4o', 1_000_000, 500_000, DEFAULT_PRICES)).toBeCloseTo(7.5);
    expect(estimateCost('local', 1000, 1000, DEFAULT_PRICES)).toBeNull();
    expect(formatCost(null, english)).toMatch(/unknown/);
    expect(formatCost(0.001, english)).toBe('under $0.01');
    expect(formatCost(0, english)).toBe('free');
    expect(formatCost(1.234, english)).toBe('about $1.23');
  });

  it('round-trips the editable price lines and names bad lines', () => {
    expect(parsePriceLines(formatPriceLines(DEFAULT_PRICES))).toEqual({ prices: DEFAULT_PRICES, problems: [] });
    const r = parsePriceLines('# comment\nmy-model = 1, 2\nbroken line\n');
    expect(r.prices).toEqual({ 'my-model': { input: 1, output: 2 } });
    expect(r.problems).toEqual(['Line 3 is not "model = input price, output price".']);
  });
});
