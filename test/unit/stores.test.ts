/** The settings store on an in-memory browser storage: real reads and writes, no stubs. (The version store: version-store.test.ts.) */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, type FakeBrowser } from '../support/fake-browser';

let fake: FakeBrowser;
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, prop) => (fake as unknown as Record<string | symbol, unknown>)[prop] }),
}));

const settingsStore = await import('../../lib/settings-store');
const { defaults } = await import('../../src/settings');

beforeEach(() => {
  fake = fakeBrowser();
});

describe('settings store', () => {
  it('keeps the key and its connection local and the rest synced, storing only what differs from the defaults', async () => {
    const bound = { ...defaults, apiKey: 'sk-local-only', apiKeyOrigin: 'https://api.openai.com' };
    await settingsStore.saveSettings({ ...bound, model: 'gpt-4.1', persona: 'Jo Writer' });
    expect(fake.storage.local.dump()).toEqual({ apiKey: 'sk-local-only', apiKeyOrigin: 'https://api.openai.com', model: 'gpt-4.1' });
    expect(fake.storage.sync.dump()).toEqual({ persona: 'Jo Writer' });
    expect(await settingsStore.loadSettings()).toEqual({ ...bound, model: 'gpt-4.1', persona: 'Jo Writer' });
    // Back to the default: the stored value goes, so a later change of default reaches this user.
    await settingsStore.saveSettings(bound);
    expect(fake.storage.sync.dump()).toEqual({});
  });

  it('never reads the connection from sync, and withholds a key not confirmed for the endpoint', async () => {
    await fake.storage.local.set({ apiKey: 'sk-here', apiKeyOrigin: 'https://api.openai.com' });
    await fake.storage.sync.set({ baseURL: 'http://192.168.1.20:8080/v1', provider: 'openai-compatible', model: 'lan-model' });
    const s = await settingsStore.loadSettings();
    expect(s.baseURL).toBe(defaults.baseURL);
    expect(s.model).toBe(defaults.model);
    expect(s.apiKey).toBe('sk-here');
    await fake.storage.local.set({ baseURL: 'http://api.openai.com/v1' });
    expect((await settingsStore.loadSettings()).apiKey).toBe('');
    // The options page sees the stored key (masked), to ask the user about it.
    expect((await settingsStore.loadSettingsReport()).settings.apiKey).toBe('sk-here');
  });

  it('purges a key, and a connection it could meet, that an older build left in sync storage', async () => {
    await fake.storage.sync.set({ apiKey: 'sk-leaked', baseURL: 'http://192.168.1.20/v1' });
    await settingsStore.saveSettings({ ...defaults, apiKey: 'sk-new' });
    expect(fake.storage.sync.dump()).toEqual({});
  });

  it('migrates old stored settings once, on install or update', async () => {
    await fake.storage.sync.set({ apiKey: 'sk-old', endpoint: 'http://localhost:11434/v1' });
    await settingsStore.migrateStoredSettings();
    expect(fake.storage.sync.dump()).toEqual({});
    expect(fake.storage.local.dump()).toMatchObject({ apiKey: 'sk-old', baseURL: 'http://localhost:11434/v1', settingsVersion: 3 });
    // The endpoint came through sync: the key waits for the user's confirmation before it goes there.
    const s = await settingsStore.loadSettings();
    expect(s.apiKey).toBe('');
    expect(s.baseURL).toBe('http://localhost:11434/v1');
    expect((await settingsStore.loadSettingsReport()).settings.apiKey).toBe('sk-old');
  });

  it('reports unreadable stored fields and reads the rest', async () => {
    await fake.storage.sync.set({ idleTimeoutSec: 'soon', persona: 'Kept Name' });
    await fake.storage.local.set({ model: 42 });
    const { settings, reset } = await settingsStore.loadSettingsReport();
    expect(reset).toEqual(['model', 'idleTimeoutSec']);
    expect(settings.model).toBe(defaults.model);
    expect(settings.persona).toBe('Kept Name');
  });
});
