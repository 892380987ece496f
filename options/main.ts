/** The settings form. Field checks come from src/settings (the defaults are the schema); saving needs no permission prompt. */

import browser from 'webextension-polyfill';
import { formatPriceLines, parsePriceLines } from '../src/cost';
import { LANGUAGES } from '../src/languages';
import type { RequestOf, ResponseOf } from '../src/messages';
import { PRESETS } from '../src/prompt/presets';
import { availabilityView, languageModelOf, modelOptions, type Availability, type LanguageModelApi } from '../src/llm/on-device';
import { ON_DEVICE_PROVIDER, PROVIDERS, providerFor } from '../src/providers';
import { bindKeys, keyFor } from '../src/key-ring';
import { guideStep, showGuideStep } from './guide';
import { startWpForm } from './wp-site';
import { providerHint as hintOf, providerName } from '../src/provider-words';
import { settingNames } from '../src/setting-words';
import {
  defaults,
  endpointHost,
  endpointOrigin,
  endpointPattern,
  hasWriter,
  isPlainRemoteHttp,
  maskKey,
  parseSettings,
  validateInput,
  type ProviderKind,
  type SettingKey,
  type Settings,
  type UserPreset,
} from '../src/settings';
import { loadSettingsReport, saveSettings } from '../lib/settings-store';
import { localisePage, t } from '../lib/i18n';
import { formatPercent, plural, type MessageKey } from '../src/i18n';

localisePage();

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = byId<HTMLFormElement>('form');

/** Form controls for the settings edited as text. */
const textInputs = {
  apiKey: byId<HTMLInputElement>('api-key'),
  baseURL: byId<HTMLInputElement>('base-url'),
  model: byId<HTMLInputElement>('model'),
  language: byId<HTMLInputElement>('language'),
  persona: byId<HTMLInputElement>('persona'),
  tone: byId<HTMLInputElement>('tone'),
  idleTimeoutSec: byId<HTMLInputElement>('idle-timeout'),
  headlineMaxChars: byId<HTMLInputElement>('headline-max'),
  template: byId<HTMLTextAreaElement>('template'),
  inputBudgetTokens: byId<HTMLInputElement>('input-budget'),
  historyLimit: byId<HTMLInputElement>('history-limit'),
  prices: byId<HTMLTextAreaElement>('prices'),
  maxOutputTokens: byId<HTMLInputElement>('max-output'),
  queueConcurrency: byId<HTMLInputElement>('queue-concurrency'),
  queueBudgetUsd: byId<HTMLInputElement>('queue-budget'),
} satisfies Partial<Record<SettingKey, HTMLInputElement | HTMLTextAreaElement>>;
const seoPack = byId<HTMLInputElement>('seo-pack');
const presetSelect = byId<HTMLSelectElement>('preset');
const presetName = byId<HTMLInputElement>('preset-name');
const keyHelp = byId<HTMLElement>('api-key-help');
const forgetKey = byId<HTMLButtonElement>('forget-key');
const saveStatus = byId<HTMLElement>('save-status');
const connectionStatus = byId<HTMLElement>('connection-status');

let saved: Settings = defaults;
let chosenProvider: ProviderKind = defaults.provider;
let userPresets: UserPreset[] = [];

for (const lang of LANGUAGES) {
  const option = document.createElement('option');
  option.value = lang.name;
  option.label = lang.native === lang.name ? lang.name : `${lang.native} (${lang.name})`;
  byId('languages').append(option);
}

/** The built-in templates' names in the UI language (the English name stays for a preset with no message). */
const PRESET_NAMES: Partial<Record<string, MessageKey>> = {
  default: 'presetDefault',
  'keep-structure': 'presetKeepStructure',
  brief: 'presetBrief',
  audience: 'presetAudience',
};
const builtinName = (p: { id: string; name: string }): string => {
  const key = PRESET_NAMES[p.id];
  return key ? t(key) : p.name;
};

function fillPresets(): void {
  const options = [
    ...PRESETS.map((p) => new Option(builtinName(p), `builtin:${p.id}`)),
    ...userPresets.map((p, i) => new Option(t('optionsMine', p.name), `user:${i}`)),
  ];
  presetSelect.replaceChildren(...options);
}

function presetTemplate(value: string): string | null {
  const [kind, id] = value.split(':');
  if (kind === 'builtin') return PRESETS.find((p) => p.id === id)?.template ?? null;
  return userPresets[Number(id)]?.template ?? null;
}

/** The endpoint's origin as typed in the form now. */
const formOrigin = (): string => endpointOrigin(textInputs.baseURL.value.trim());

/** The key saved for the endpoint in the form (each endpoint has its own), shown masked as the field's placeholder. */
function showSavedKey(): void {
  // A saved key is never put back in the field: only its masked form is shown.
  const key = keyFor(saved, formOrigin());
  textInputs.apiKey.placeholder = key ? t('optionsKeySaved', maskKey(key)) : t('optionsKeyPaste');
  forgetKey.hidden = !(saved.apiKey && saved.apiKeyOrigin === formOrigin());
}

function fill(settings: Settings): void {
  saved = settings;
  chosenProvider = settings.provider;
  userPresets = [...settings.userPresets];
  for (const [key, input] of Object.entries(textInputs)) {
    if (key !== 'apiKey' && key !== 'prices') input.value = String(settings[key as SettingKey]);
  }
  textInputs.prices.value = formatPriceLines(settings.prices);
  seoPack.checked = settings.seoPack;
  fillPresets();
  textInputs.apiKey.value = '';
  showProvider();
}

/** The form as raw input: the key field empty means "keep the saved key". */
function readForm(): Record<SettingKey, unknown> {
  const idle = textInputs.idleTimeoutSec.value;
  const budget = textInputs.inputBudgetTokens.value;
  const historyLimit = textInputs.historyLimit.value;
  const prices = parsePriceLines(textInputs.prices.value);
  return {
    provider: chosenProvider,
    inputBudgetTokens: budget === '' ? NaN : Number(budget),
    historyLimit: historyLimit === '' ? NaN : Number(historyLimit),
    prices: prices.problems.length ? null : prices.prices,
    apiKey: textInputs.apiKey.value.trim() || keyFor(saved, formOrigin()),
    // Bound again by save() (bindKeys): each endpoint gets its own key; another endpoint's only when the user says yes.
    apiKeyOrigin: saved.apiKeyOrigin,
    otherKeys: saved.otherKeys,
    baseURL: textInputs.baseURL.value,
    model: textInputs.model.value,
    language: textInputs.language.value,
    persona: textInputs.persona.value,
    tone: textInputs.tone.value,
    idleTimeoutSec: idle === '' ? NaN : Number(idle),
    template: textInputs.template.value,
    seoPack: seoPack.checked,
    headlineMaxChars: numberField(textInputs.headlineMaxChars),
    userPresets,
    maxOutputTokens: numberField(textInputs.maxOutputTokens),
    queueConcurrency: numberField(textInputs.queueConcurrency),
    queueBudgetUsd: numberField(textInputs.queueBudgetUsd),
  };
}

/** A number field's value; NaN when empty (so the check says what to enter). */
function numberField(input: HTMLInputElement): number {
  return input.value === '' ? NaN : Number(input.value);
}

/** The key in the field now, or '' (the saved one is the background's to add, for its own host only). */
function typedKey(): string {
  return textInputs.apiKey.value.trim();
}

/** Each problem beside its field (aria-invalid, aria-describedby); `focus` moves to the first field with one. */
function showProblems(problems: Partial<Record<SettingKey, string>>, focus = false): void {
  let first: HTMLElement | null = null;
  for (const [key, input] of Object.entries(textInputs) as [SettingKey, HTMLElement][]) {
    const problem = problems[key];
    input.setAttribute('aria-invalid', String(!!problem));
    let note = input.nextElementSibling?.classList.contains('field-error') ? (input.nextElementSibling as HTMLElement) : null;
    if (problem && !note) {
      note = document.createElement('p');
      note.className = 'field-error';
      note.id = `${input.id}-error`;
      input.after(note);
      input.setAttribute('aria-describedby', note.id);
    }
    if (note) note.textContent = problem ?? '';
    // The first in the page's order, which is not the order of textInputs.
    if (problem && (!first || first.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_PRECEDING)) first = input;
  }
  if (focus && first) {
    // The fields may sit in a closed section or under the sticky Save bar: bring the first one to the middle.
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  }
}

function status(el: HTMLElement, ok: boolean, text: string): void {
  el.dataset.ok = String(ok);
  el.textContent = text;
}

const confirmHost = byId<HTMLElement>('confirm-host');
const confirmYes = byId<HTMLButtonElement>('confirm-host-yes');
const permissionStatus = byId<HTMLElement>('permission-status');
const httpWarning = byId<HTMLElement>('http-warning');
interface SaveOptions {
  /** The user said yes to the saved key going to the new endpoint too. */
  confirmed?: boolean;
  /** Ask for the endpoint's host access (Save does; template buttons only when the host changed). */
  askAccess?: boolean;
  /** Forget the saved key of the saved endpoint. */
  forget?: boolean;
}

/** The save that waits for the user's word before the saved key may go to a new destination. */
let pending: { input: Record<SettingKey, unknown>; message: string; options: SaveOptions } | null = null;

/**
 * Endpoints the extension reaches without a host permission: those that answered Test connection from this page, and
 * presets whose server answered the keyless probe made when the preset was chosen (so Save asks for nothing).
 */
const reachable = new Set<string>();
const probing = new Set<string>();

/** Asks the background whether a preset's server answers the extension as it is; sends no key. */
function probePreset(baseURL: string): void {
  const provider = providerFor(baseURL);
  const endpoint = provider && parseSettings({ baseURL: provider.baseURL }).baseURL;
  if (!endpoint || endpoint === defaults.baseURL || reachable.has(endpoint) || probing.has(endpoint)) return;
  probing.add(endpoint);
  const request: RequestOf<'probe-endpoint'> = { type: 'probe-endpoint', baseURL: endpoint };
  void (browser.runtime.sendMessage(request) as Promise<ResponseOf<'probe-endpoint'>>)
    .then(
      (answer) => answer.reachable,
      () => false,
    )
    .then((ok) => {
      probing.delete(endpoint);
      if (ok) reachable.add(endpoint);
      if (parseSettings({ baseURL: textInputs.baseURL.value.trim() }).baseURL !== endpoint) return;
      permissionStatus.dataset.probed = String(ok);
      if (ok) permissionStatus.textContent = t('optionsAccessNotNeeded', endpointHost(endpoint));
    });
}

/**
 * Whether saving would send the saved key to an endpoint that has none of its own: only a hand-typed endpoint (a
 * preset has its own key, or none yet) or a key never bound to an origin asks; a key typed now is meant for the
 * endpoint typed with it.
 */
function savedKeyWouldMove(settings: Settings): boolean {
  if (settings.provider === 'chrome-ai' || typedKey() !== '' || saved.apiKey === '') return false;
  const origin = endpointOrigin(settings.baseURL);
  if (origin === saved.apiKeyOrigin || keyFor(saved, origin) !== '') return false;
  const unbound = saved.apiKeyOrigin === '' || saved.apiKeyOrigin === 'null';
  return unbound || providerFor(settings.baseURL) === undefined;
}

/**
 * The one way settings are saved: Save, saving or deleting a template, forgetting the key, the guide's last step.
 * Each endpoint keeps its own key (bindKeys); a saved key about to meet a new destination (another scheme, host or
 * port) waits for the user's yes. A key is sent nowhere but the origin it was saved or confirmed for.
 */
function save(input: Record<SettingKey, unknown>, message: string, options: SaveOptions = {}): void {
  const { confirmed = false, askAccess = false, forget = false } = options;
  const problems = validateInput(input, t);
  showProblems(problems, true);
  if (Object.keys(problems).length) {
    status(saveStatus, false, t('optionsNotSavedFix'));
    return;
  }
  const settings = parseSettings(input);
  const onDevice = settings.provider === 'chrome-ai';
  const origin = endpointOrigin(settings.baseURL);
  if (!forget && savedKeyWouldMove(settings) && !confirmed) {
    pending = { input, message, options };
    byId('confirm-host-text').textContent = t('optionsConfirmHost', [origin, saved.apiKeyOrigin || endpointOrigin(saved.baseURL)]);
    const plain = byId('confirm-host-http');
    plain.hidden = !isPlainRemoteHttp(settings.baseURL);
    plain.textContent = plain.hidden ? '' : t('optionsPlainHttp', endpointHost(settings.baseURL));
    confirmHost.hidden = false;
    confirmYes.focus();
    status(saveStatus, false, t('optionsNotSavedConfirm'));
    return;
  }
  pending = null;
  confirmHost.hidden = true;
  const keepKeys = onDevice && typedKey() === '' && !forget;
  const bound: Settings = keepKeys
    ? { ...settings, apiKey: saved.apiKey, apiKeyOrigin: saved.apiKeyOrigin, otherKeys: saved.otherKeys }
    : bindKeys(saved, settings, { typed: typedKey(), carry: confirmed, forget });
  const previous = saved;
  // Asked inside the click (browsers require a user gesture) on Save or a new host, unless Test connection already
  // reached the endpoint from here; the save never waits for the answer.
  const newHost = endpointPattern(bound.baseURL) !== endpointPattern(previous.baseURL);
  if (!onDevice && (askAccess || newHost) && !reachable.has(bound.baseURL)) requestHostAccess(bound.baseURL);
  else if (reachable.has(bound.baseURL)) permissionStatus.textContent = t('optionsAccessNotNeeded', endpointHost(bound.baseURL));
  void (async () => {
    try {
      await saveSettings(bound);
      fill(bound);
      status(saveStatus, true, message);
      guide.saved(hasWriter(bound));
      keyHelp.textContent = t(bound.apiKey ? 'optionsKeySavedHelp' : bound.provider === 'chrome-ai' ? 'optionsKeyNotNeeded' : 'optionsNoKeyHelp');
      await giveBackHostAccess(previous.baseURL, bound.baseURL);
    } catch (err) {
      status(saveStatus, false, t('optionsNotSaved', err instanceof Error ? err.message : String(err)));
    }
  })();
}

/**
 * Asks for access to a non-default endpoint's host, so requests to it need no CORS from the server. Called inside
 * the click (browsers require a user gesture), never awaited by saving: the settings are saved whatever the answer.
 */
function requestHostAccess(baseURL: string): void {
  const pattern = endpointPattern(baseURL);
  if (!pattern || baseURL === defaults.baseURL) {
    permissionStatus.textContent = '';
    return;
  }
  const host = endpointHost(baseURL);
  permissionStatus.textContent = t('optionsAskingAccess', host);
  void browser.permissions
    .request({ origins: [pattern] })
    .catch(() => false)
    .then((granted) => {
      permissionStatus.textContent = t(granted ? 'optionsAccessGranted' : 'optionsAccessRefused', host);
    });
}

/** The old endpoint's host access goes back when the endpoint moves to another host, so grants never pile up. */
async function giveBackHostAccess(oldBaseURL: string, newBaseURL: string): Promise<void> {
  const old = endpointPattern(oldBaseURL);
  if (!old || old === endpointPattern(newBaseURL)) return;
  await browser.permissions.remove({ origins: [old] }).catch(() => false);
}

function showHttpWarning(): void {
  const url = textInputs.baseURL.value.trim();
  const warn = chosenProvider !== 'chrome-ai' && isPlainRemoteHttp(url);
  httpWarning.hidden = !warn;
  httpWarning.textContent = warn ? t('optionsPlainHttp', endpointHost(url)) : '';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  save(readForm(), t('optionsSavedAt', new Date().toLocaleTimeString(t.locale)), { askAccess: true });
});

confirmYes.addEventListener('click', () => {
  if (pending) save(pending.input, pending.message, { ...pending.options, confirmed: true });
});
byId('confirm-host-no').addEventListener('click', () => {
  pending = null;
  confirmHost.hidden = true;
  textInputs.baseURL.value = saved.baseURL;
  showProvider();
  status(saveStatus, false, t('optionsEndpointRestored'));
});

byId('load-preset').addEventListener('click', () => {
  const template = presetTemplate(presetSelect.value);
  if (template !== null) textInputs.template.value = template;
});
byId('reset-template').addEventListener('click', () => {
  textInputs.template.value = defaults.template;
});
byId('save-preset').addEventListener('click', () => {
  const name = presetName.value.trim();
  if (!name) return status(saveStatus, false, t('optionsPresetNameFirst'));
  const existing = userPresets.findIndex((p) => p.name === name);
  const preset = { name, template: textInputs.template.value.trim() };
  userPresets = existing >= 0 ? userPresets.map((p, i) => (i === existing ? preset : p)) : [...userPresets, preset];
  save({ ...readForm(), userPresets }, t('optionsPresetSaved', name));
});
byId('delete-preset').addEventListener('click', () => {
  const [kind, id] = presetSelect.value.split(':');
  if (kind !== 'user') return status(saveStatus, false, t('optionsOnlyOwnPresets'));
  userPresets = userPresets.filter((_, i) => i !== Number(id));
  save({ ...readForm(), userPresets }, t('optionsPresetDeleted'));
});

byId('test-connection').addEventListener('click', () => {
  void (async () => {
    const input = readForm();
    if (chosenProvider === 'chrome-ai') {
      status(connectionStatus, true, t('optionsTesting'));
      const request: RequestOf<'test-connection'> = {
        type: 'test-connection',
        settings: { provider: 'chrome-ai', language: String(input.language), apiKey: '', baseURL: saved.baseURL, model: saved.model },
      };
      try {
        const answer = (await browser.runtime.sendMessage(request)) as ResponseOf<'test-connection'>;
        status(connectionStatus, answer.ok, answer.message);
        guide.tested(answer.ok);
      } catch (err) {
        status(connectionStatus, false, t('optionsNoAnswer', err instanceof Error ? err.message : String(err)));
      }
      return;
    }
    const problems = validateInput({ baseURL: input.baseURL, model: input.model, apiKey: input.apiKey }, t);
    showProblems(problems);
    if (Object.keys(problems).length) return status(connectionStatus, false, t('optionsFixFirst'));
    status(connectionStatus, true, t('optionsTesting'));
    const request: RequestOf<'test-connection'> = {
      type: 'test-connection',
      // Only a key typed now: the background adds the saved one for the saved endpoint's host, never for another.
      settings: { apiKey: typedKey(), baseURL: String(input.baseURL), model: String(input.model) },
    };
    try {
      const answer = (await browser.runtime.sendMessage(request)) as ResponseOf<'test-connection'>;
      status(connectionStatus, answer.ok, answer.message);
      if (answer.ok) reachable.add(parseSettings({ baseURL: input.baseURL }).baseURL);
      guide.tested(answer.ok);
    } catch (err) {
      status(connectionStatus, false, t('optionsNoAnswer', err instanceof Error ? err.message : String(err)));
    }
  })();
});

forgetKey.addEventListener('click', () => save({ ...saved, apiKey: '' }, t('optionsKeyRemoved'), { forget: true }));

// Providers: picking one fills the endpoint and a default model; typing a URL shows which one it is. Chrome's
// on-device model is listed with its availability (detected here, live) and hides the key and endpoint fields.
const providerSelect = byId<HTMLSelectElement>('provider');
const providerHint = byId<HTMLElement>('provider-hint');
const onDeviceName = providerName(ON_DEVICE_PROVIDER, t);
const onDeviceOption = new Option(onDeviceName, ON_DEVICE_PROVIDER.id);
providerSelect.replaceChildren(...PROVIDERS.map((p) => new Option(providerName(p, t), p.id)), onDeviceOption, new Option(t('optionsCustomProvider'), 'custom'));
function showProvider(): void {
  showHttpWarning();
  showSavedKey();
  const onDevice = chosenProvider === 'chrome-ai';
  byId('endpoint-fields').hidden = onDevice;
  byId('on-device').hidden = !onDevice;
  if (onDevice) {
    providerSelect.value = ON_DEVICE_PROVIDER.id;
    providerHint.textContent = hintOf(ON_DEVICE_PROVIDER, t);
    return;
  }
  const provider = providerFor(textInputs.baseURL.value.trim());
  if (provider) probePreset(provider.baseURL);
  providerSelect.value = provider?.id ?? 'custom';
  providerHint.textContent = provider ? hintOf(provider, t) : t('optionsCustomHint');
}
providerSelect.addEventListener('change', () => {
  chosenProvider = providerSelect.value === ON_DEVICE_PROVIDER.id ? 'chrome-ai' : 'openai-compatible';
  const provider = PROVIDERS.find((p) => p.id === providerSelect.value);
  if (provider) {
    textInputs.baseURL.value = provider.baseURL;
    textInputs.model.value = provider.model;
  }
  showProvider();
  guide.changed(true);
  void showOnDevice();
});

/** Chrome's Prompt API in this page, where the browser has it. */
const languageModel = (): LanguageModelApi | null => languageModelOf(globalThis);

const onDeviceStatus = byId<HTMLElement>('on-device-status');
const downloadButton = byId<HTMLButtonElement>('download-model');
const downloadProgress = byId<HTMLProgressElement>('download-progress');
let downloading = false;

/** Detects the on-device model's state now and shows it in the list and under it. */
async function showOnDevice(): Promise<void> {
  const api = languageModel();
  let state: Availability | 'missing' = 'missing';
  if (api) state = await api.availability(modelOptions(textInputs.language.value)).catch((): Availability => 'unavailable');
  const view = availabilityView(state);
  onDeviceOption.textContent = t('optionsOnDeviceOption', [onDeviceName, t(view.label)]);
  // A saved choice stays visible even when the model went away, so the page says why it will not write.
  onDeviceOption.disabled = !view.selectable && chosenProvider !== 'chrome-ai';
  onDeviceStatus.dataset.state = state;
  if (!downloading) onDeviceStatus.textContent = t(view.message);
  downloadButton.hidden = !view.canDownload;
  downloadButton.disabled = downloading;
}

// The download needs a user gesture, so it starts here, in the click, never in the background.
downloadButton.addEventListener('click', () => {
  const api = languageModel();
  if (!api || downloading) return;
  downloading = true;
  downloadButton.disabled = true;
  downloadProgress.hidden = false;
  downloadProgress.value = 0;
  onDeviceStatus.textContent = t('optionsDownloadingPercent', formatPercent(0, t.locale));
  api
    .create({
      ...modelOptions(textInputs.language.value),
      monitor(m) {
        m.addEventListener('downloadprogress', (e) => {
          const share = e.total ? e.loaded / e.total : e.loaded;
          downloadProgress.value = share;
          onDeviceStatus.textContent = t('optionsDownloadingPercent', formatPercent(Math.round(share * 100) / 100, t.locale));
        });
      },
    })
    .then(
      (session) => {
        session.destroy();
        downloading = false;
        downloadProgress.hidden = true;
        return showOnDevice();
      },
      (err: unknown) => {
        downloading = false;
        downloadProgress.hidden = true;
        void showOnDevice().then(() => {
          onDeviceStatus.textContent = t('optionsDownloadFailed', err instanceof Error ? err.message : String(err));
        });
      },
    );
});
textInputs.language.addEventListener('change', () => void showOnDevice());
window.addEventListener('focus', () => void showOnDevice());
textInputs.baseURL.addEventListener('input', () => {
  showProvider();
  guide.changed(false);
});
textInputs.apiKey.addEventListener('input', () => guide.changed(true));

byId('load-models').addEventListener('click', () => {
  void (async () => {
    const input = readForm();
    const modelsStatus = byId<HTMLElement>('models-status');
    modelsStatus.textContent = t('optionsLoadingModels');
    const request: RequestOf<'list-models'> = { type: 'list-models', settings: { apiKey: typedKey(), baseURL: String(input.baseURL) } };
    try {
      const answer = (await browser.runtime.sendMessage(request)) as ResponseOf<'list-models'>;
      if (!answer.ok) {
        modelsStatus.textContent = answer.message;
        return;
      }
      byId('models').replaceChildren(...answer.models.map((id) => new Option(id, id)));
      modelsStatus.textContent = answer.models.length ? plural(t, 'optionsModelsLoaded', answer.models.length) : t('optionsNoModels');
    } catch (err) {
      modelsStatus.textContent = t('optionsNoAnswer', err instanceof Error ? err.message : String(err));
    }
  })();
});

/** The first-run guide (see ./guide.ts): shown while nothing can write, until its last step has saved the settings. */
const guide = (() => {
  const root = byId<HTMLElement>('guide');
  let active = false;
  let providerChosen = false;
  let tested = false;
  const refresh = (): void => {
    if (!active) return;
    const hasKey = chosenProvider === 'chrome-ai' || typedKey() !== '' || keyFor(saved, formOrigin()) !== '';
    const step = guideStep({ providerChosen, hasKey, tested });
    showGuideStep(root, step === 'done' ? 'test' : step);
    if (step !== 'done') return;
    active = false;
    // A test that worked from this page shows the endpoint needs no host permission, so saving asks for none.
    save(readForm(), t('optionsSavedAt', new Date().toLocaleTimeString(t.locale)));
  };
  return {
    start(show: boolean): void {
      active = show;
      root.hidden = !show;
      refresh();
    },
    /** The form changed: a test no longer counts; `chose` when the change says the provider is picked. */
    changed(chose: boolean): void {
      providerChosen ||= chose;
      tested = false;
      refresh();
    },
    tested(ok: boolean): void {
      providerChosen = true;
      tested = ok;
      refresh();
    },
    /** Settings that can write were saved (by Save too): the guide is done. */
    saved(canWrite: boolean): void {
      if (root.hidden || !canWrite) return;
      active = false;
      showGuideStep(root, 'done');
      byId('guide-done').textContent = t('guideDone');
    },
  };
})();

void loadSettingsReport().then(async ({ settings, reset }) => {
  fill(settings);
  guide.start(!hasWriter(settings));
  await showOnDevice();
  const notice = byId<HTMLElement>('settings-notice');
  notice.hidden = reset.length === 0;
  notice.textContent = reset.length ? t('optionsSettingsReset', settingNames(reset, t)) : '';
  byId<HTMLFieldSetElement>('form-body').disabled = false;
  form.dataset.ready = 'true';
});
// The model endpoint's host access is kept when the WordPress site on the same origin is removed.
startWpForm(() => endpointOrigin(saved.baseURL));
