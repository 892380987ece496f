import { describe, expect, it } from 'vitest';
import { migrate, SETTINGS_VERSION } from '../../src/settings-migrations';
import { invalidStoredKeys, keyWithheld, parseSettings, withholdUnconfirmedKey } from '../../src/settings';

describe('settings migrations', () => {
  it('moves a key found in sync storage to local storage', () => {
    const out = migrate({ local: {}, sync: { apiKey: 'sk-old', persona: 'Jo' } }, 0);
    expect(out.sync).toEqual({ persona: 'Jo' });
    expect(out.local).toEqual({ apiKey: 'sk-old', apiKeyOrigin: 'https://api.openai.com' });
  });

  it('keeps a local key over a stale synced one', () => {
    const out = migrate({ local: { apiKey: 'sk-new' }, sync: { apiKey: 'sk-old' } }, 0);
    expect(out.local.apiKey).toBe('sk-new');
    expect(out.sync).toEqual({});
  });

  it('renames old keys, then the settings read as usual', () => {
    const out = migrate({ local: {}, sync: { endpoint: 'http://localhost:11434/v1', writer: 'Jo Writer' } }, 0);
    expect(out.sync).toEqual({ persona: 'Jo Writer' });
    expect(out.local).toEqual({ baseURL: 'http://localhost:11434/v1' });
    expect(parseSettings({ ...out.sync, ...out.local })).toMatchObject({ baseURL: 'http://localhost:11434/v1', persona: 'Jo Writer' });
  });

  it('runs only the steps after the stored version', () => {
    const areas = { local: {}, sync: { apiKey: 'sk-x', endpoint: 'http://a.example/v1' } };
    expect(migrate(areas, SETTINGS_VERSION)).toEqual(areas);
    expect(migrate(areas, 2).sync).toEqual(areas.sync);
    expect(migrate(areas, 1)).toEqual({ local: { baseURL: 'http://a.example/v1' }, sync: { apiKey: 'sk-x' } });
  });

  it('moves the connection out of sync, beside the key; a synced endpoint is not bound to the key', () => {
    const out = migrate(
      { local: { apiKey: 'sk-here' }, sync: { baseURL: 'http://192.168.1.20:8080/v1', model: 'llama3.1', provider: 'openai-compatible', persona: 'Jo' } },
      2,
    );
    expect(out.sync).toEqual({ persona: 'Jo' });
    expect(out.local).toEqual({ apiKey: 'sk-here', baseURL: 'http://192.168.1.20:8080/v1', model: 'llama3.1', provider: 'openai-compatible' });
    // Not bound: the first use asks (the popup says so, the options page asks on Save).
    const settings = withholdUnconfirmedKey(parseSettings(out.local));
    expect(settings.apiKey).toBe('');
    expect(keyWithheld(settings)).toBe(true);
  });

  it('binds a key used with the default endpoint to its origin, so nothing changes for that user', () => {
    const out = migrate({ local: { apiKey: 'sk-here' }, sync: { model: 'gpt-4.1' } }, 2);
    expect(out.local).toEqual({ apiKey: 'sk-here', model: 'gpt-4.1', apiKeyOrigin: 'https://api.openai.com' });
    expect(withholdUnconfirmedKey(parseSettings(out.local)).apiKey).toBe('sk-here');
  });

  it('keeps what this device already holds over what sync says', () => {
    const out = migrate(
      { local: { apiKey: 'sk-here', apiKeyOrigin: 'http://127.0.0.1:1234', baseURL: 'http://127.0.0.1:1234/v1' }, sync: { baseURL: 'http://evil.example/v1' } },
      2,
    );
    expect(out.local.baseURL).toBe('http://127.0.0.1:1234/v1');
    expect(out.local.apiKeyOrigin).toBe('http://127.0.0.1:1234');
    expect(out.sync).toEqual({});
  });
});

describe('corrupted settings are reported', () => {
  it('names the fields that fell back to defaults', () => {
    expect(invalidStoredKeys({ model: 7, baseURL: 'nope', persona: 'Ok Name', unknown: 1 })).toEqual(['baseURL', 'model']);
    expect(invalidStoredKeys(null)).toEqual([]);
  });
});
