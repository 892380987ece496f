import { describe, expect, it } from 'vitest';
import { bindKeys, keyFor } from '../../src/key-ring';
import { defaults, MAX_OTHER_KEYS, parseSettings, toStored, withholdUnconfirmedKey, type Settings } from '../../src/settings';

const OPENAI = 'https://api.openai.com/v1';
const GROQ = 'https://api.groq.com/openai/v1';
const LOCAL = 'http://localhost:11434/v1';
const withKey = (baseURL: string, apiKey: string, otherKeys: Record<string, string> = {}): Settings => ({
  ...defaults,
  baseURL,
  apiKey,
  apiKeyOrigin: new URL(baseURL).origin,
  otherKeys,
});

describe('one key per endpoint', () => {
  it('switching provider keeps the old key for its own origin and gives the new one its own key or none', () => {
    const saved = withKey(OPENAI, 'sk-openai');
    const toGroq = bindKeys(saved, { ...saved, baseURL: GROQ }, { typed: '' });
    expect(toGroq.apiKey).toBe('');
    expect(toGroq.apiKeyOrigin).toBe('');
    expect(toGroq.otherKeys).toEqual({ 'https://api.openai.com': 'sk-openai' });

    const groqKeyed = bindKeys(toGroq, { ...toGroq }, { typed: 'gsk-groq' });
    expect(groqKeyed).toMatchObject({ apiKey: 'gsk-groq', apiKeyOrigin: 'https://api.groq.com', otherKeys: { 'https://api.openai.com': 'sk-openai' } });

    const back = bindKeys(groqKeyed, { ...groqKeyed, baseURL: OPENAI }, { typed: '' });
    expect(back).toMatchObject({ apiKey: 'sk-openai', apiKeyOrigin: 'https://api.openai.com', otherKeys: { 'https://api.groq.com': 'gsk-groq' } });
  });

  it('a key goes to another endpoint only when the user said yes, and stays with its own too', () => {
    const saved = withKey(OPENAI, 'sk-openai');
    const carried = bindKeys(saved, { ...saved, baseURL: 'https://proxy.example.com/v1' }, { typed: '', carry: true });
    expect(carried).toMatchObject({ apiKey: 'sk-openai', apiKeyOrigin: 'https://proxy.example.com', otherKeys: { 'https://api.openai.com': 'sk-openai' } });
  });

  it('the ring keeps at most MAX_OTHER_KEYS keys, dropping the oldest, so it always reads back', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_OTHER_KEYS }, (_, i) => [`https://h${i}.example`, `k${i}`]));
    const saved = withKey(OPENAI, 'sk-openai', many);
    const next = bindKeys(saved, { ...saved, baseURL: GROQ }, { typed: 'gsk' });
    expect(Object.keys(next.otherKeys)).toHaveLength(MAX_OTHER_KEYS);
    expect(next.otherKeys['https://h0.example']).toBeUndefined();
    expect(next.otherKeys['https://api.openai.com']).toBe('sk-openai');
    expect(parseSettings(next).otherKeys).toEqual(next.otherKeys);
  });

  it('forgetting removes only the key of the endpoint in use', () => {
    const saved = withKey(GROQ, 'gsk-groq', { 'https://api.openai.com': 'sk-openai' });
    const forgot = bindKeys(saved, { ...saved }, { typed: '', forget: true });
    expect(forgot).toMatchObject({ apiKey: '', apiKeyOrigin: '', otherKeys: { 'https://api.openai.com': 'sk-openai' } });
  });

  it('keyFor answers only for the origin a key is bound to; an unconfirmed key counts for none', () => {
    const saved = withKey(LOCAL, 'any', { 'https://api.openai.com': 'sk-openai' });
    expect(keyFor(saved, 'http://localhost:11434')).toBe('any');
    expect(keyFor(saved, 'https://api.openai.com')).toBe('sk-openai');
    expect(keyFor(saved, 'http://localhost:1234')).toBe('');
    expect(keyFor({ ...saved, apiKeyOrigin: 'null' }, 'http://localhost:11434')).toBe('');
  });

  it('the other keys are secret: stored locally, never synced, never in the settings a request uses, checked on read', () => {
    const saved = withKey(GROQ, 'gsk-groq', { 'https://api.openai.com': 'sk-openai' });
    const { local, sync } = toStored(saved);
    expect(local.otherKeys).toEqual({ 'https://api.openai.com': 'sk-openai' });
    expect(JSON.stringify(sync)).not.toContain('sk-openai');
    expect(withholdUnconfirmedKey(saved).otherKeys).toEqual({});
    expect(JSON.stringify(withholdUnconfirmedKey(saved))).not.toContain('sk-openai');
    expect(parseSettings({ otherKeys: { 'not an origin': 'k' } }).otherKeys).toEqual({});
    expect(parseSettings({ otherKeys: { 'https://api.openai.com/v1': 'k' } }).otherKeys).toEqual({});
    expect(parseSettings({ otherKeys: { 'https://api.openai.com': 'has space' } }).otherKeys).toEqual({});
    expect(parseSettings({ otherKeys: { 'https://api.openai.com': 'sk-1' } }).otherKeys).toEqual({ 'https://api.openai.com': 'sk-1' });
  });
});
