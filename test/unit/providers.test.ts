import { describe, expect, it } from 'vitest';
import { isReasoningModel, PROVIDERS, providerFor } from '../../src/providers';
import { isValidSetting } from '../../src/settings';

describe('provider presets', () => {
  it('each has a valid endpoint, a model and a hint, and is found again by its URL', () => {
    expect(PROVIDERS.map((p) => p.id)).toEqual(
      expect.arrayContaining(['openai', 'openrouter', 'groq', 'mistral', 'deepseek', 'together', 'ollama', 'lmstudio']),
    );
    for (const p of PROVIDERS) {
      expect(isValidSetting('baseURL', p.baseURL), p.id).toBe(true);
      expect(isValidSetting('model', p.model), p.id).toBe(true);
      expect(p.hint.length).toBeGreaterThan(10);
      expect(providerFor(`${p.baseURL}/`)?.id).toBe(p.id);
    }
    expect(PROVIDERS.find((p) => p.id === 'ollama')?.hint).toContain('OLLAMA_ORIGINS');
    expect(providerFor('https://my.proxy.example/v1')).toBeUndefined();
  });

  it('knows reasoning models', () => {
    expect(isReasoningModel('o3-mini')).toBe(true);
    expect(isReasoningModel('openai/o1')).toBe(true);
    expect(isReasoningModel('gpt-5-mini')).toBe(true);
    expect(isReasoningModel('gpt-4o-mini')).toBe(false);
    expect(isReasoningModel('llama3.1')).toBe(false);
  });
});
