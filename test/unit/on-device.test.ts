import { describe, expect, it } from 'vitest';
import { StreamAbort } from '../../src/llm/errors';
import {
  availabilityView,
  describeOnDeviceError,
  languageModelOf,
  modelOptions,
  OnDeviceTooLong,
  OnDeviceUnready,
  onDevicePromptLimit,
  onDeviceState,
  promptLimitFor,
  streamOnDevice,
  type LanguageModelApi,
} from '../../src/llm/on-device';
import { ON_DEVICE_MODEL, transportFor } from '../../src/llm/transport';
import { english } from '../../src/i18n-en';
import deCatalog from '../../_locales/de/messages.json';
import frCatalog from '../../_locales/fr/messages.json';
import { catalogTranslator, say, type Catalog } from '../../src/i18n';
import { modelLabel } from '../../src/provider-words';
import type { ChatMessage } from '../../src/prompt';
import { defaults, hasWriter, isValidSetting, parseSettings } from '../../src/settings';
import { installLanguageModelStandIn, type StandInConfig, type StandInRecord } from '../support/language-model-stand-in';

const ANSWER = '# A headline\n\nFirst paragraph of the rewrite.\n\nSecond paragraph.';
const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You are a writer. Respond only in English.' },
  { role: 'user', content: 'Rephrase the title: Something happened\n\nThe article text.' },
];

/** The stand-in installed on a fresh object, as it is in the browser's contexts in e2e. */
function standIn(config: Partial<StandInConfig> = {}): { api: LanguageModelApi; record: StandInRecord } {
  const target: Record<string, unknown> = {};
  installLanguageModelStandIn({ availability: 'available', answer: ANSWER, delayMs: 1, ...config }, target);
  const { record } = target.__languageModelStandIn as { record: StandInRecord };
  return { api: target.LanguageModel as LanguageModelApi, record };
}

function run(api: LanguageModelApi | null, over: Partial<Parameters<typeof streamOnDevice>[0]> = {}) {
  const deltas: string[] = [];
  const notices: (string | null)[] = [];
  const controller = new AbortController();
  const result = streamOnDevice({
    api,
    language: 'English',
    messages: MESSAGES,
    idleTimeoutMs: 5_000,
    signal: controller.signal,
    onDelta: (t) => deltas.push(t),
    onNotice: (n) => notices.push(n && say(english, n)),
    ...over,
  });
  return { result, deltas, notices, controller };
}

describe('on-device model: options and states', () => {
  it('declares the output language by its code, and English input for the instructions', () => {
    expect(modelOptions('Spanish')).toEqual({
      expectedInputs: [{ type: 'text', languages: ['en', 'es'] }],
      expectedOutputs: [{ type: 'text', languages: ['es'] }],
    });
    expect(modelOptions('english').expectedOutputs).toEqual([{ type: 'text', languages: ['en'] }]);
    // Not in the table: not declared, so availability() cannot refuse it; the model says so while writing.
    expect(modelOptions('Hungarian')).toEqual({ expectedInputs: [{ type: 'text', languages: ['en'] }], expectedOutputs: [{ type: 'text' }] });
  });

  it('has words, a label and the right buttons for each availability', () => {
    expect(availabilityView('available')).toMatchObject({ selectable: true, canDownload: false });
    expect(english(availabilityView('available').label)).toBe('ready');
    expect(availabilityView('downloadable')).toMatchObject({ selectable: true, canDownload: true });
    expect(availabilityView('downloading')).toMatchObject({ selectable: true, canDownload: true });
    expect(availabilityView('unavailable')).toMatchObject({ selectable: false, canDownload: false });
    expect(english(availabilityView('missing').message)).toMatch(/Chrome 138/);
  });

  it('finds the API in a scope only when it has both static methods', () => {
    expect(languageModelOf({})).toBeNull();
    expect(languageModelOf({ LanguageModel: { availability: () => 'available' } })).toBeNull();
    const api = standIn().api;
    expect(languageModelOf({ LanguageModel: api })).toBe(api);
  });

  it('reads the state, with "missing" where the browser has no Prompt API and a language it refuses as unavailable', async () => {
    expect(await onDeviceState(null, 'English')).toBe('missing');
    expect(await onDeviceState(standIn({ availability: 'downloadable' }).api, 'English')).toBe('downloadable');
    expect(await onDeviceState(standIn({ languages: ['en', 'es'] }).api, 'Japanese')).toBe('unavailable');
  });

  it('plans prompts to a share of the window, under either name of it', async () => {
    expect(promptLimitFor(6144)).toBe(2764);
    expect(promptLimitFor(undefined)).toBeNull();
    expect(promptLimitFor(Infinity)).toBeNull();
    const current = standIn({ contextWindow: 10_000 });
    expect(await onDevicePromptLimit(current.api, 'English', new AbortController().signal)).toBe(4500);
    expect(current.record.destroyed).toBe(current.record.created);
    expect(await onDevicePromptLimit(standIn({ contextWindow: 10_000, legacyNames: true }).api, 'English', new AbortController().signal)).toBe(4500);
  });
});

describe('on-device model: streaming', () => {
  it('opens the session with the instructions, prompts the last message and passes each piece on as it comes', async () => {
    const { api, record } = standIn({ chunkChars: 7 });
    const { result, deltas, notices } = run(api);
    expect(await result).toEqual({ finishReason: 'stop' });
    expect(deltas.join('')).toBe(ANSWER);
    expect(deltas.length).toBe(Math.ceil(ANSWER.length / 7));
    expect(record.prompts).toHaveLength(1);
    expect(record.prompts[0]!.initialPrompts).toEqual([MESSAGES[0]]);
    expect(record.prompts[0]!.input).toEqual([MESSAGES[1]]);
    expect(record.prompts[0]!.expectedOutputs).toEqual([{ type: 'text', languages: ['en'] }]);
    expect(notices[0]).toMatch(/on-device/);
    expect(notices.at(-1)).toBeNull();
    expect(record.destroyed).toBe(1);
  });

  it('refuses a prompt longer than the window before streaming anything, with the sizes', async () => {
    for (const legacyNames of [false, true]) {
      const { api, record } = standIn({ contextWindow: 30, legacyNames });
      const { result, deltas } = run(api);
      const err = await result.catch((e: unknown) => e);
      expect(err, `legacyNames ${legacyNames}`).toBeInstanceOf(OnDeviceTooLong);
      expect(record.prompts).toHaveLength(0);
      expect(deltas).toEqual([]);
      const words = describeOnDeviceError(err, { language: 'English' }, english);
      expect(words.code).toBe('too-long');
      expect(words.message).toMatch(/too long for Chrome's on-device model \(≈ \d+ tokens; it takes \d+\)/);
      expect(words.message).toMatch(/sections|another provider/);
      expect(record.destroyed).toBe(1);
    }
  });

  it("words the API's own QuotaExceededError the same way", () => {
    const words = describeOnDeviceError(new DOMException('too large', 'QuotaExceededError'), { language: 'English' }, english);
    expect(words.code).toBe('too-long');
    expect(words.message).toMatch(/too long for Chrome's on-device model\. /);
  });

  it('never starts a download itself: a model not yet downloaded, or none, fails with words before any prompt', async () => {
    for (const [availability, code] of [
      ['downloadable', 'on-device-download'],
      ['downloading', 'on-device-download'],
      ['unavailable', 'on-device-unavailable'],
    ] as const) {
      const { api, record } = standIn({ availability });
      const err = await run(api).result.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OnDeviceUnready);
      expect(record.created).toBe(0);
      expect(describeOnDeviceError(err, { language: 'English' }, english).code).toBe(code);
    }
    const missing = await run(null).result.catch((e: unknown) => e);
    expect(describeOnDeviceError(missing, { language: 'English' }, english)).toMatchObject({
      code: 'on-device-unavailable',
      message: expect.stringMatching(/Chrome 138/),
    });
    expect(describeOnDeviceError(new OnDeviceUnready('downloadable'), { language: 'English' }, english).message).toMatch(/Download the model/);
  });

  it('stops on the signal with our reason, mid-stream, and frees the session', async () => {
    const { api, record } = standIn({ chunkChars: 2, delayMs: 5 });
    const { result, deltas, controller } = run(api, {
      onDelta: (t) => {
        deltas.push(t);
        if (deltas.length === 3) controller.abort(new StreamAbort('stopped'));
      },
    });
    const err = await result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamAbort);
    expect((err as StreamAbort).why).toBe('stopped');
    expect(deltas.join('').length).toBeLessThan(ANSWER.length);
    expect(record.aborted).toBe(1);
    expect(record.destroyed).toBe(1);
    expect(describeOnDeviceError(err, { language: 'English' }, english).code).toBe('stopped');
  });

  it('gives up when the model sends nothing for the idle timeout', async () => {
    const { api } = standIn({ delayMs: 200 });
    const err = await run(api, { idleTimeoutMs: 50 }).result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamAbort);
    expect((err as StreamAbort).why).toBe('idle-timeout');
    expect(describeOnDeviceError(err, { language: 'English' }, english).code).toBe('timeout');
  });

  it('words a refused language and an unknown failure', () => {
    expect(describeOnDeviceError(new DOMException('no', 'NotSupportedError'), { language: 'Hungarian' }, english).message).toMatch(/does not write Hungarian/);
    expect(describeOnDeviceError(new DOMException('no gesture', 'NotAllowedError'), { language: 'English' }, english).code).toBe('on-device-download');
    const unknown = describeOnDeviceError(new Error('engine crashed'), { language: 'English' }, english);
    expect(unknown).toMatchObject({ code: 'unknown', message: expect.stringContaining('engine crashed') });
  });
});

describe('on-device model: settings and transport', () => {
  it('is a provider setting that needs no key', () => {
    expect(defaults.provider).toBe('openai-compatible');
    expect(isValidSetting('provider', 'chrome-ai')).toBe(true);
    expect(isValidSetting('provider', 'gemini')).toBe(false);
    expect(parseSettings({ provider: 'nope' }).provider).toBe('openai-compatible');
    expect(hasWriter({ provider: 'chrome-ai', apiKey: '' })).toBe(true);
    expect(hasWriter({ provider: 'openai-compatible', apiKey: '' })).toBe(false);
    expect(hasWriter({ provider: 'openai-compatible', apiKey: 'sk-x' })).toBe(true);
  });

  it('picks the on-device transport for chrome-ai (free, its own model name) and streams through it', async () => {
    const { api, record } = standIn();
    const t = transportFor({ ...defaults, provider: 'chrome-ai' }, { languageModel: api, t: english });
    expect(t.model).toBe(ON_DEVICE_MODEL);
    expect(t.free).toBe(true);
    const deltas: string[] = [];
    await t.stream({ messages: MESSAGES, idleTimeoutMs: 5_000, signal: new AbortController().signal, onDelta: (d) => deltas.push(d), onNotice: () => {} });
    expect(deltas.join('')).toBe(ANSWER);
    expect(record.prompts).toHaveLength(1);
    const endpoint = transportFor({ ...defaults, apiKey: 'sk-test' }, { languageModel: api, t: english });
    expect(endpoint.model).toBe(defaults.model);
    expect(endpoint.free).toBe(false);
    expect(await endpoint.promptLimit(new AbortController().signal)).toBeNull();
  });
});

describe('on-device model: words in the UI language', () => {
  const de = catalogTranslator(deCatalog as Catalog, 'de');
  const fr = catalogTranslator(frCatalog as Catalog, 'fr');

  it('words its failures, states and notice from the catalogs (German Sie, French no-break spaces)', async () => {
    expect(describeOnDeviceError(new OnDeviceUnready('downloadable'), { language: 'Deutsch' }, de).message).toMatch(
      /^Chrome hat sein integriertes Modell noch nicht heruntergeladen\. Öffnen Sie/,
    );
    expect(describeOnDeviceError(new OnDeviceTooLong(9000, 2764), { language: 'Deutsch' }, de).message).toContain('(≈ 9.000 Tokens; es nimmt 2.764 an)');
    expect(describeOnDeviceError(new DOMException('no', 'NotSupportedError'), { language: 'Klingonisch' }, de).message).toContain('„Klingonisch“');
    expect(describeOnDeviceError(new StreamAbort('stopped'), { language: 'Deutsch' }, de).message).toMatch(/^Gestoppt\./);
    expect(describeOnDeviceError(new Error('boom'), { language: 'Français' }, fr).message).toBe(
      'Le modèle intégré de Chrome a échoué\u00a0: boom. Cliquez sur Régénérer pour réessayer, ou choisissez un autre fournisseur.',
    );
    expect(de(availabilityView('downloadable').message)).toContain('„Modell herunterladen“');
    expect(fr(availabilityView('available').label)).toBe('prête');
    const notices: (string | null)[] = [];
    await run(standIn().api, { onNotice: (n) => notices.push(n && say(de, n)) }).result;
    expect(notices[0]).toBe('Das integrierte Modell von Chrome wird gestartet …');
  });

  it('names the on-device model by its product name in the history', () => {
    expect(modelLabel(ON_DEVICE_MODEL, english)).toBe('Chrome built-in AI (on-device)');
    expect(modelLabel(ON_DEVICE_MODEL, de)).toBe('Integrierte KI von Chrome (auf dem Gerät)');
    expect(modelLabel('gpt-4o-mini', de)).toBe('gpt-4o-mini');
  });
});
