import { describe, expect, it } from 'vitest';
import { migrate, SETTINGS_VERSION } from '../../src/settings-migrations';
import { invalidStoredKeys, parseSettings } from '../../src/settings';

describe('settings migrations', () => {
  it('moves a key found in sync storage to local storage', () => {
    const out = migrate({ local: {}, sync: { apiKey: 'sk-old', model: 'gpt-4o' } }, 0);
    expect(out.sync).toEqual({ model: 'gpt-4o' });
    expect(out.local).toEqual({ apiKey: 'sk-old' });
  });

  it('keeps a local key over a stale synced one', () => {
    const out = migrate({ local: { apiKey: 'sk-new' }, sync: { apiKey: 'sk-old' } }, 0);
    expect(out.local.apiKey).toBe('sk-new');
    expect(out.sync).toEqual({});
  });

  it('renames old keys, then the settings read as usual', () => {
    const out = migrate({ local: {}, sync: { endpoint: 'http://localhost:11434/v1', writer: 'Jo Writer' } }, 0);
    expect(out.sync).toEqual({ baseURL: 'http://localhost:11434/v1', persona: 'Jo Writer' });
    expect(parseSettings(out.sync)).toMatchObject({ baseURL: 'http://localhost:11434/v1', persona: 'Jo Writer' });
  });

  it('runs only the steps after the stored version', () => {
    const areas = { local: {}, sync: { apiKey: 'sk-x', endpoint: 'http://a.example/v1' } };
    expect(migrate(areas, SETTINGS_VERSION)).toEqual(areas);
    expect(migrate(areas, 1).sync).toEqual({ apiKey: 'sk-x', baseURL: 'http://a.example/v1' });
  });
});

describe('corrupted settings are reported', () => {
  it('names the fields that fell back to defaults', () => {
    expect(invalidStoredKeys({ model: 7, baseURL: 'nope', persona: 'Ok Name', unknown: 1 })).toEqual(['baseURL', 'model']);
    expect(invalidStoredKeys(null)).toEqual([]);
  });
});
