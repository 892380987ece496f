/** The job store and the settings store on an in-memory browser storage: real reads and writes, no stubs. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, type FakeBrowser } from '../support/fake-browser';
import { english } from '../../src/i18n-en';

let fake: FakeBrowser;
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_t, prop) => (fake as unknown as Record<string | symbol, unknown>)[prop] }),
}));

const store = await import('../../lib/job-store');
const settingsStore = await import('../../lib/settings-store');
const { newJob } = await import('../../src/job');
const { defaults } = await import('../../src/settings');

beforeEach(() => {
  fake = fakeBrowser();
});

function job(n: number, over: Partial<ReturnType<typeof newJob>> = {}) {
  return { ...newJob(`id${n}`, `https://n.example/${n}`, `https://n.example/${n}`, 'm', 1000 + n), state: 'done' as const, text: `# H${n}\n\nBody ${n}.`, ...over };
}

describe('job store', () => {
  it('keeps the newest entries up to the history size, dropping the oldest first', async () => {
    for (let n = 1; n <= 13; n++) {
      await store.saveJob(job(n));
      await store.indexJob(job(n), 10);
    }
    const kept = await store.listJobs();
    expect(kept.map((j) => j.id)).toEqual(['id13', 'id12', 'id11', 'id10', 'id9', 'id8', 'id7', 'id6', 'id5', 'id4']);
    expect(await store.loadJob('https://n.example/1')).toBeNull();
    expect(Object.keys(fake.storage.local.dump()).filter((k) => k.startsWith('job:'))).toHaveLength(10);
  });

  it('marks jobs left running by a dead worker as interrupted, keeping their text, and leaves the rest', async () => {
    const running = job(1, { state: 'writing', text: '# H\n\nHalf a' });
    const done = job(2);
    for (const j of [running, done]) {
      await store.saveJob(j);
      await store.indexJob(j, 200);
    }
    expect(await store.recoverInterrupted(5000, english)).toBe(1);
    const after = await store.loadJob(running.key);
    expect(after?.state).toBe('error');
    expect(after?.error?.code).toBe('interrupted');
    expect(after?.text).toBe('# H\n\nHalf a');
    expect((await store.loadJob(done.key))?.state).toBe('done');
    expect(await store.recoverInterrupted(6000, english)).toBe(0);
  });

  it('deletes entries and their index lines', async () => {
    for (const n of [1, 2]) {
      await store.saveJob(job(n));
      await store.indexJob(job(n), 200);
    }
    await store.deleteJobs([job(1).key]);
    expect((await store.listJobs()).map((j) => j.id)).toEqual(['id2']);
  });

  it('lists the good records next to malformed ones, counting those skipped and those repaired', async () => {
    const { toEntry } = await import('../../src/history');
    for (const n of [1, 2]) {
      await store.saveJob(job(n));
      await store.indexJob(job(n), 200);
    }
    const bad: Record<string, unknown> = {
      'https://bad.example/date': { ...job(3), key: 'https://bad.example/date', createdAt: 'not a date', updatedAt: 'nor this' },
      'https://bad.example/checks': { ...job(4), key: 'https://bad.example/checks', checks: { facts: { kept: 1 } } },
      'https://bad.example/text': { ...job(5), key: 'https://bad.example/text', text: undefined },
      'https://bad.example/not-an-object': 'garbage',
      'https://bad.example/null': null,
    };
    const index = (await fake.storage.local.get('jobIndex')).jobIndex as Record<string, number>;
    for (const [key, value] of Object.entries(bad)) {
      index[key] = 'soon' as unknown as number; // a broken index line too
      fake.storage.local.plant(`job:${key}`, value);
    }
    fake.storage.local.plant('jobIndex', index);
    const read = await store.readJobs();
    expect(read.skipped).toBe(3);
    expect(read.repaired).toBe(2);
    expect(read.jobs.map((j) => j.key)).toEqual(['https://bad.example/checks', 'https://n.example/2', 'https://n.example/1', 'https://bad.example/date']);
    // What the history page does with them: every entry is made, none throws.
    const entries = (await store.listJobs()).map(toEntry);
    expect(entries.map((e) => e.date)).toEqual(['1970-01-01T00:00:01.004Z', '1970-01-01T00:00:01.002Z', '1970-01-01T00:00:01.001Z', '']);
    expect(entries[0]?.checks).toBeNull();
    // The popup's read of one page is as careful.
    expect((await store.loadJob('https://bad.example/checks'))?.checks).toBeNull();
    expect(await store.loadJob('https://bad.example/text')).toBeNull();
  });

  it('keeps a running job\'s source in session storage only, and drops it', async () => {
    const { articleFromText } = await import('../../src/article');
    const article = articleFromText('T', 'One paragraph.\n\nTwo paragraph.', 'https://n.example/a');
    await store.saveSource('j1', article);
    expect(fake.storage.local.dump()).toEqual({});
    expect((await store.loadSource('j1'))?.text).toBe('One paragraph.\n\nTwo paragraph.');
    await store.dropSource('j1');
    expect(await store.loadSource('j1')).toBeNull();
  });
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
