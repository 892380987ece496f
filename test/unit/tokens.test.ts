import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '../../src/extract/node';
import { estimateTokens } from '../../src/tokens';

const here = (p: string) => new URL(`../fixtures/${p}`, import.meta.url);

function fixtureTexts(): string[] {
  const texts = [readFileSync(here('prompt-example.txt'), 'utf8')];
  for (const name of ['wcxb-0031', 'wcxb-0078', 'wcxb-0161', 'wcxb-0396', 'wcxb-4370']) {
    const html = gunzipSync(readFileSync(here(`pages/${name}.html.gz`))).toString('utf8');
    const r = extractFromHtml(html, 'https://example.com/a');
    if (r.ok) texts.push(r.article.text);
  }
  return texts;
}

describe('estimateTokens against the real o200k tokenizer', () => {
  it('is within 15% on real English articles', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const text of texts) {
      const ratio = estimateTokens(text) / encode(text).length;
      expect(ratio, text.slice(0, 60)).toBeGreaterThan(0.85);
      expect(ratio, text.slice(0, 60)).toBeLessThan(1.15);
    }
  });

  it('counts CJK by character and is not fooled into zero by scripts without spaces', () => {
    const zh = '中华人民共和国国务院今天发布了新的经济政策。';
    expect(estimateTokens(zh)).toBeGreaterThanOrEqual(encode(zh).length * 0.7);
    expect(estimateTokens('')).toBe(0);
  });

  it('grows with the text', () => {
    const t = 'The central bank raised interest rates by half a point on Tuesday. ';
    expect(estimateTokens(t.repeat(100))).toBeGreaterThan(estimateTokens(t.repeat(10)) * 9);
  });
});
