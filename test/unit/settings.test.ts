import { describe, expect, it } from 'vitest';
import { defaults, maskKey, parseSettings, toStored, validateInput } from '../../src/settings';
import { english } from '../../src/i18n-en';

describe('settings: the defaults are the schema', () => {
  it('reads nothing stored as the defaults', () => {
    expect(parseSettings(undefined)).toEqual(defaults);
    expect(parseSettings({})).toEqual(defaults);
    expect(parseSettings('garbage')).toEqual(defaults);
  });

  it('keeps valid stored values and trims them', () => {
    const s = parseSettings({ model: '  llama3.1:8b ', baseURL: 'http://127.0.0.1:11434/v1/', language: 'Deutsch', apiKey: ' sk-abc123 ' });
    expect(s.model).toBe('llama3.1:8b');
    expect(s.baseURL).toBe('http://127.0.0.1:11434/v1');
    expect(s.language).toBe('Deutsch');
    expect(s.apiKey).toBe('sk-abc123');
    expect(s.persona).toBe(defaults.persona);
  });

  it('falls back per field on wonky stored values, leaving the good ones', () => {
    const s = parseSettings({
      model: 42,
      baseURL: 'javascript:alert(1)',
      language: '   ',
      persona: 'Ada Writer',
      idleTimeoutSec: -5,
      apiKey: 'has spaces inside',
      unknownKey: 'ignored',
    });
    expect(s).toEqual({ ...defaults, persona: 'Ada Writer' });
    expect(s).not.toHaveProperty('unknownKey');
  });

  it('rejects non-http endpoints and odd timeouts', () => {
    expect(parseSettings({ baseURL: 'ftp://x/v1' }).baseURL).toBe(defaults.baseURL);
    expect(parseSettings({ baseURL: 'not a url' }).baseURL).toBe(defaults.baseURL);
    expect(parseSettings({ idleTimeoutSec: 30.5 }).idleTimeoutSec).toBe(defaults.idleTimeoutSec);
    expect(parseSettings({ idleTimeoutSec: 45 }).idleTimeoutSec).toBe(45);
  });

  it('stores only what differs from the defaults, and the key never in the synced part', () => {
    const { local, sync } = toStored({ ...defaults, apiKey: 'sk-secret', model: 'gpt-4.1' });
    expect(local).toEqual({ apiKey: 'sk-secret' });
    expect(sync).toEqual({ model: 'gpt-4.1' });
    expect(JSON.stringify(sync)).not.toContain('sk-secret');
    expect(toStored(defaults)).toEqual({ local: {}, sync: {} });
  });

  it('explains bad form input field by field', () => {
    const problems = validateInput({ baseURL: 'localhost:11434', model: '', language: 'English' }, english);
    expect(Object.keys(problems).sort()).toEqual(['baseURL', 'model']);
    expect(problems.baseURL).toMatch(/http/);
  });

  it('masks the key for display', () => {
    expect(maskKey('sk-proj-abcdefghijklmnop')).toBe('sk-…mnop');
    expect(maskKey('')).toBe('');
    expect(maskKey('short')).not.toContain('short');
  });
});
