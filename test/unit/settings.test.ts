import { describe, expect, it } from 'vitest';
import {
  defaults,
  endpointOrigin,
  isLoopback,
  isPlainRemoteHttp,
  keyConfirmed,
  keyWithheld,
  maskKey,
  parseSettings,
  toStored,
  validateInput,
  withholdUnconfirmedKey,
} from '../../src/settings';
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

  it('stores only what differs from the defaults, and the key and the connection it goes with never in the synced part', () => {
    const { local, sync } = toStored({
      ...defaults,
      apiKey: 'sk-secret',
      apiKeyOrigin: 'https://api.example.com',
      baseURL: 'https://api.example.com/v1',
      model: 'gpt-4.1',
      persona: 'Jo',
    });
    expect(local).toEqual({ apiKey: 'sk-secret', apiKeyOrigin: 'https://api.example.com', baseURL: 'https://api.example.com/v1', model: 'gpt-4.1' });
    expect(sync).toEqual({ persona: 'Jo' });
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

describe('settings: the key goes only where the user said', () => {
  it('refuses an endpoint with credentials in it, with its own message', () => {
    for (const url of ['https://user:pass@api.example.com/v1', 'https://user@api.example.com/v1', 'http://:pw@127.0.0.1:8080/v1']) {
      expect(parseSettings({ baseURL: url }).baseURL, url).toBe(defaults.baseURL);
      expect(validateInput({ baseURL: url }, english).baseURL, url).toMatch(/user name and password/);
    }
    expect(validateInput({ baseURL: 'https://api.example.com/v1' }, english)).toEqual({});
    expect(validateInput({ baseURL: 'nope' }, english).baseURL).toMatch(/full http/);
  });

  it('counts scheme and port in the destination', () => {
    expect(endpointOrigin('https://api.example.com/v1')).toBe('https://api.example.com');
    expect(endpointOrigin('http://api.example.com/v1')).toBe('http://api.example.com');
    expect(endpointOrigin('https://api.example.com:8443/v1')).toBe('https://api.example.com:8443');
    expect(endpointOrigin('https://api.example.com:443/v1')).toBe('https://api.example.com');
  });

  it('warns about plain HTTP for any host that is not this computer', () => {
    for (const url of ['http://localhost:11434/v1', 'http://127.0.0.1:1234/v1', 'http://127.8.9.10/v1', 'http://[::1]:8080/v1', 'http://ollama.localhost/v1']) {
      expect(isLoopback(url), url).toBe(true);
      expect(isPlainRemoteHttp(url), url).toBe(false);
    }
    for (const url of [
      'http://192.168.1.20:8080/v1',
      'http://10.0.0.2/v1',
      'http://api.example.com/v1',
      'http://127.0.0.1.example.com/v1',
      'http://localhost.example.com/v1',
    ]) {
      expect(isPlainRemoteHttp(url), url).toBe(true);
    }
    expect(isPlainRemoteHttp('https://192.168.1.20/v1')).toBe(false);
  });

  it('withholds a key that was not confirmed for the endpoint origin', () => {
    const bound = { ...defaults, apiKey: 'sk-1', apiKeyOrigin: 'https://api.openai.com' };
    expect(keyConfirmed(bound)).toBe(true);
    expect(withholdUnconfirmedKey(bound)).toBe(bound);
    for (const baseURL of ['http://api.openai.com/v1', 'https://api.openai.com:8443/v1', 'http://192.168.1.20/v1']) {
      const moved = { ...bound, baseURL };
      expect(keyConfirmed(moved), baseURL).toBe(false);
      const usable = withholdUnconfirmedKey(moved);
      expect(usable.apiKey).toBe('');
      expect(keyWithheld(usable)).toBe(true);
    }
    // A key from before keys were bound (no origin) is withheld too, until the user confirms it.
    expect(keyWithheld(withholdUnconfirmedKey({ ...defaults, apiKey: 'sk-1' }))).toBe(true);
    // No key, nothing withheld; the on-device model sends no key anywhere.
    expect(keyWithheld(withholdUnconfirmedKey(defaults))).toBe(false);
    expect(withholdUnconfirmedKey({ ...defaults, provider: 'chrome-ai', apiKey: 'sk-1' }).apiKey).toBe('sk-1');
    expect(parseSettings({ apiKeyOrigin: 'https://api.example.com/v1' }).apiKeyOrigin).toBe('');
  });
});

describe('settings: the headline limit', () => {
  it("defaults to the checks' limit, keeps a whole number from 20 to 300, falls back otherwise", () => {
    expect(defaults.headlineMaxChars).toBe(60);
    expect(parseSettings({ headlineMaxChars: 72 }).headlineMaxChars).toBe(72);
    for (const bad of [19, 301, 55.5, '70', null]) expect(parseSettings({ headlineMaxChars: bad }).headlineMaxChars).toBe(60);
    expect(validateInput({ headlineMaxChars: 5 }, english).headlineMaxChars).toBe('Enter a whole number of characters from 20 to 300.');
  });
});
