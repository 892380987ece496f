/** The settings form. Field checks come from src/settings (the defaults are the schema); saving needs no permission prompt. */

import browser from 'webextension-polyfill';
import type { RequestOf, ResponseOf } from '../src/messages';
import { maskKey, parseSettings, validateInput, type SettingKey, type Settings } from '../src/settings';
import { loadSettings, saveSettings } from '../lib/settings-store';

const form = document.getElementById('form') as HTMLFormElement;
const field = (id: string) => document.getElementById(id) as HTMLInputElement;
const inputs: { [K in Exclude<SettingKey, 'idleTimeoutSec'>]: HTMLInputElement } & { idleTimeoutSec: HTMLInputElement } = {
  apiKey: field('api-key'),
  baseURL: field('base-url'),
  model: field('model'),
  language: field('language'),
  persona: field('persona'),
  idleTimeoutSec: field('idle-timeout'),
};
const keyHelp = document.getElementById('api-key-help') as HTMLElement;
const forgetKey = document.getElementById('forget-key') as HTMLButtonElement;
const saveStatus = document.getElementById('save-status') as HTMLElement;
const connectionStatus = document.getElementById('connection-status') as HTMLElement;

let saved: Settings;

function showSavedKey(): void {
  // The saved key is never put back in the field: only its masked form is shown.
  inputs.apiKey.value = '';
  inputs.apiKey.placeholder = saved.apiKey ? `Saved: ${maskKey(saved.apiKey)} (leave empty to keep it)` : 'Paste your API key';
  forgetKey.hidden = !saved.apiKey;
}

function fill(settings: Settings): void {
  saved = settings;
  inputs.baseURL.value = settings.baseURL;
  inputs.model.value = settings.model;
  inputs.language.value = settings.language;
  inputs.persona.value = settings.persona;
  inputs.idleTimeoutSec.value = String(settings.idleTimeoutSec);
  showSavedKey();
}

/** The form as raw input: the key field empty means "keep the saved key". */
function readForm(): Record<SettingKey, unknown> {
  return {
    apiKey: inputs.apiKey.value.trim() || saved.apiKey,
    baseURL: inputs.baseURL.value,
    model: inputs.model.value,
    language: inputs.language.value,
    persona: inputs.persona.value,
    idleTimeoutSec: inputs.idleTimeoutSec.value === '' ? NaN : Number(inputs.idleTimeoutSec.value),
  };
}

function showProblems(problems: Partial<Record<SettingKey, string>>): void {
  for (const [key, input] of Object.entries(inputs) as [SettingKey, HTMLInputElement][]) {
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
  }
}

function status(el: HTMLElement, ok: boolean, text: string): void {
  el.dataset.ok = String(ok);
  el.textContent = text;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    const input = readForm();
    const problems = validateInput(input);
    showProblems(problems);
    if (Object.keys(problems).length) {
      status(saveStatus, false, 'Not saved: fix the fields marked above.');
      return;
    }
    try {
      const settings = parseSettings(input);
      await saveSettings(settings);
      fill(settings);
      status(saveStatus, true, `Saved at ${new Date().toLocaleTimeString()}.`);
      keyHelp.textContent = settings.apiKey
        ? 'Key saved on this computer only (never synced). It is sent only to the endpoint above.'
        : 'No key saved. Without a key, the popup offers to copy the prompt instead.';
    } catch (err) {
      status(saveStatus, false, `Not saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  })();
});

document.getElementById('test-connection')?.addEventListener('click', () => {
  void (async () => {
    const input = readForm();
    const problems = validateInput({ baseURL: input.baseURL, model: input.model, apiKey: input.apiKey });
    showProblems(problems);
    if (Object.keys(problems).length) return status(connectionStatus, false, 'Fix the fields marked above first.');
    status(connectionStatus, true, 'Testing…');
    const request: RequestOf<'test-connection'> = {
      type: 'test-connection',
      settings: { apiKey: String(input.apiKey), baseURL: String(input.baseURL), model: String(input.model) },
    };
    try {
      const answer = (await browser.runtime.sendMessage(request)) as ResponseOf<'test-connection'>;
      status(connectionStatus, answer.ok, answer.message);
    } catch (err) {
      status(connectionStatus, false, `The extension did not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
  })();
});

forgetKey.addEventListener('click', () => {
  void (async () => {
    const settings = { ...saved, apiKey: '' };
    await saveSettings(settings);
    fill(settings);
    status(saveStatus, true, 'The saved key was removed from this computer.');
  })();
});

void loadSettings().then(fill);
