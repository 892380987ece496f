/** The background: wires browser events to the job owner and answers the options page. Checks every sender. */

import browser from 'webextension-polyfill';
import { describeError } from '../src/llm/errors';
import { listModels, probeEndpoint, testConnection } from '../src/llm/openai';
import { providerFor } from '../src/providers';
import { sendVersion, testWpSite } from './publish';
import { describeOnDeviceError, onDevicePromptLimit, onDeviceState, OnDeviceUnready } from '../src/llm/on-device';
import {
  isOwnPage,
  isPopupMessage,
  isQueuePageMessage,
  isRequest,
  JOB_PORT,
  QUEUE_PORT,
  type AnyRequest,
  type PopupMessage,
  type ResponseOf,
} from '../src/messages';
import { endpointOrigin, parseSettings, withholdUnconfirmedKey } from '../src/settings';
import { loadSettingsReport, migrateStoredSettings } from '../lib/settings-store';
import { keyFor } from '../src/key-ring';
import { JobSaver } from '../lib/job-saver';
import { migrateLegacyJobs } from '../lib/legacy-jobs';
import { t } from '../lib/i18n';
import { Jobs } from './jobs';
import { QUEUE_ALARM, QueueRunner } from './queue';
import { QueueStore } from '../lib/queue-store';
import { languageModel } from './writer';
import { createMenus, MENU_PANEL, MENU_SELECTION } from './menus';
import { openPanel, PANEL_COMMAND } from '../lib/panel';

const POPUP = '/popup/index.html';
const REVIEW = '/review/index.html';
const OPTIONS = '/options/index.html';
const QUEUE = '/queue/index.html';
const origin = browser.runtime.getURL('');

/** The part of Chrome's storage API that keeps an area from content scripts (Firefox has it for storage.session only). */
interface AccessLevelArea {
  setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void>;
}
const chromeStorage = (globalThis as { chrome?: { storage?: Record<'local' | 'sync', AccessLevelArea | undefined> } }).chrome?.storage;

// At every worker start, before any page is read: content scripts (which run in the page's process) may not read
// the key or the settings. Chrome keeps the level once set; asking again costs nothing.
for (const area of ['local', 'sync'] as const) {
  chromeStorage?.[area]
    ?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    .catch((err: unknown) => console.warn(`Newsmith: storage.${area} not restricted`, err));
}

// Runs at every worker start: jobs an earlier build kept in storage.local move into the database (once: they are
// removed after); jobs a previous worker could not store come back; and a job stored as running now has no owner,
// so it was interrupted.
const saver = new JobSaver();
saver.listen();
const ready = migrateLegacyJobs(saver.store)
  .catch((err: unknown) => console.warn('Newsmith: stored jobs not moved yet', err))
  .then(() => saver.recover(Date.now(), t))
  .catch((err: unknown) => console.warn('Newsmith: recovery failed', err));
const jobs = new Jobs(ready, saver);
const queue = new QueueRunner(new QueueStore(), jobs);

// The batch queue goes on wherever it was: at every worker start, on the browser's start, and on its alarm (which
// brings a stopped worker back while the queue has work).
void queue.wake();
browser.runtime.onStartup.addListener(() => void queue.wake());
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === QUEUE_ALARM) void queue.wake();
});

browser.runtime.onInstalled.addListener(() => {
  migrateStoredSettings().catch((err: unknown) => console.warn('Newsmith: settings migration failed', err));
  createMenus();
});

// The context menu: a click on it grants activeTab for that tab, as the toolbar button does.
browser.contextMenus.onClicked.addListener((info, tab) => {
  if (tab?.id === undefined) return;
  const tabId = tab.id;
  // The panel opens on the page's job, showing only: nothing starts until the user asks in it.
  if (info.menuItemId === MENU_PANEL) return void openPanel(tab.windowId ?? -2, tabId).catch((err: unknown) => console.warn('Newsmith: panel not opened', err));
  const started = info.menuItemId === MENU_SELECTION ? jobs.rewriteSelection(null, tabId) : jobs.rewritePage(tabId);
  started.catch((err: unknown) => console.warn('Newsmith: menu job failed', err));
  // Show the job where it can be followed; browsers that refuse this still show the toolbar badge.
  browser.action.openPopup?.().catch(() => {});
});

// The panel's shortcut (Chrome; Firefox opens its sidebar with _execute_sidebar_action itself).
browser.commands.onCommand.addListener((command, tab) => {
  if (command !== PANEL_COMMAND || tab?.id === undefined) return;
  openPanel(tab.windowId ?? -2, tab.id).catch((err: unknown) => console.warn('Newsmith: panel not opened', err));
});

function fromOwnPage(sender: browser.Runtime.MessageSender | undefined, pages: readonly string[]): boolean {
  return sender?.id === browser.runtime.id && isOwnPage(sender.url, origin, pages);
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name === QUEUE_PORT && fromOwnPage(port.sender, [QUEUE])) {
    queue.watch(port);
    port.onMessage.addListener((message: unknown) => {
      if (isQueuePageMessage(message)) queue.handle(port, message).catch((err: unknown) => console.warn('Newsmith: queue message failed', err));
    });
    return;
  }
  if (port.name !== JOB_PORT || !fromOwnPage(port.sender, [POPUP, REVIEW])) {
    port.disconnect();
    return;
  }
  jobs.watch(port);
  port.onMessage.addListener((message: unknown) => {
    if (!isPopupMessage(message)) return;
    handlePopup(port, message).catch((err: unknown) => console.warn('Newsmith: job message failed', err));
  });
});

async function handlePopup(port: browser.Runtime.Port, message: PopupMessage): Promise<void> {
  switch (message.type) {
    case 'open':
      return jobs.open(port, message.tabId, message.resume === true);
    case 'regenerate':
      return jobs.regenerate(port, message.tabId);
    case 'continue':
      return jobs.continueJob(port, message.tabId, message.id);
    case 'version':
      return jobs.showVersion(port, message.tabId, message.id);
    case 'show':
      return jobs.show(port, message.id);
    case 'recent':
      return jobs.recent(port);
    case 'revise':
      return jobs.revise(port, message.tabId, message.id, message.what);
    case 'revise-version':
      return jobs.revise(port, null, message.id, message.what);
    case 'edit':
      return jobs.edit(port, message.id, message.paragraph, message.text);
    case 'selection':
      return jobs.rewriteSelection(port, message.tabId);
    case 'confirm':
      return jobs.confirm(port, message.tabId);
    case 'cancel':
      return jobs.cancel(port, message.tabId);
    case 'stop':
      return jobs.stop(port);
  }
}

/** Test connection for Chrome's on-device model: its state here, and a session opened and closed when it is ready. */
async function testOnDevice(language: string): Promise<ResponseOf<'test-connection'>> {
  const api = languageModel();
  const state = await onDeviceState(api, language);
  if (state !== 'available') return { ok: false, message: describeOnDeviceError(new OnDeviceUnready(state), { language }, t).message };
  try {
    const limit = await onDevicePromptLimit(api, language, AbortSignal.timeout(30_000));
    return { ok: true, message: limit ? t('onDeviceTestReadyLimit', limit) : t('onDeviceTestReady') };
  } catch (err) {
    return { ok: false, message: describeOnDeviceError(err, { language }, t).message };
  }
}

type OptionsRequest = Exclude<AnyRequest, { type: 'wp-send' }>;

async function answer(
  request: OptionsRequest,
): Promise<ResponseOf<'test-connection'> | ResponseOf<'list-models'> | ResponseOf<'probe-endpoint'> | ResponseOf<'wp-test'>> {
  if (request.type === 'wp-test') return testWpSite(request.site);
  // Only a preset's own address is probed, with no key: a typed address is tested when the user asks.
  if (request.type === 'probe-endpoint')
    return { reachable: providerFor(request.baseURL) !== undefined && (await probeEndpoint({ baseURL: request.baseURL })) };
  // Read once: every saved key (to pick this endpoint's own), and the settings a request may use.
  const all = (await loadSettingsReport()).settings;
  const stored = withholdUnconfirmedKey(all);
  if (request.type === 'test-connection' && request.settings.provider === 'chrome-ai') {
    return testOnDevice(typeof request.settings.language === 'string' ? request.settings.language : stored.language);
  }
  // An empty key field in the form means "the key saved for this endpoint": each key only for the origin it was saved
  // or confirmed for, so a saved key never goes to a scheme, host or port the user has not confirmed by saving.
  const saved = request.settings.apiKey ? '' : keyFor(all, endpointOrigin(request.settings.baseURL));
  const settings = parseSettings({ ...stored, ...request.settings, apiKey: request.settings.apiKey || saved });
  const words = (err: unknown) => describeError(err, { ...settings, extensionOrigin: origin.replace(/\/$/, '') }, t).message;
  if (request.type === 'list-models') {
    try {
      return { ok: true, models: await listModels(settings) };
    } catch (err) {
      return { ok: false, message: words(err) };
    }
  }
  try {
    const { modelListed } = await testConnection(settings);
    if (modelListed === false) {
      return { ok: false, message: t('connectedNoModel', [settings.baseURL, settings.model]) };
    }
    return { ok: true, message: modelListed ? t('connectedModel', [settings.baseURL, settings.model]) : t('connected', settings.baseURL) };
  } catch (err) {
    return { ok: false, message: words(err) };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (!isRequest(message)) return undefined;
  // Sending a draft: from the pages that show a finished rewrite. Everything else: the options page only.
  if (message.type === 'wp-send')
    return fromOwnPage(sender, [POPUP, REVIEW])
      ? ready.then(() => sendVersion(saver, message.id, { replace: message.replace, fresh: message.fresh }))
      : undefined;
  if (!fromOwnPage(sender, [OPTIONS])) return undefined;
  return answer(message);
});
