/** The background: wires browser events to the job owner and answers the options page. Checks every sender. */

import browser from 'webextension-polyfill';
import { describeError } from '../src/llm/errors';
import { listModels, testConnection } from '../src/llm/openai';
import { isOwnPage, isPopupMessage, isRequest, JOB_PORT, type AnyRequest, type ResponseOf } from '../src/messages';
import { parseSettings } from '../src/settings';
import { loadSettings, migrateStoredSettings } from '../lib/settings-store';
import { recoverInterrupted } from '../lib/job-store';
import { Jobs } from './jobs';
import { createMenus, MENU_SELECTION } from './menus';

const POPUP = '/popup/index.html';
const OPTIONS = '/options/index.html';
const origin = browser.runtime.getURL('');

// Runs at every worker start: a job stored as running now has no owner, so it was interrupted.
const ready = recoverInterrupted(Date.now()).catch((err: unknown) => console.warn('Newsmith: recovery failed', err));
const jobs = new Jobs(ready);

browser.runtime.onInstalled.addListener(() => {
  migrateStoredSettings().catch((err: unknown) => console.warn('Newsmith: settings migration failed', err));
  createMenus();
});

// The context menu: a click on it grants activeTab for that tab, as the toolbar button does.
browser.contextMenus.onClicked.addListener((info, tab) => {
  if (tab?.id === undefined) return;
  const tabId = tab.id;
  const started = info.menuItemId === MENU_SELECTION ? jobs.rewriteSelection(null, tabId) : jobs.rewritePage(tabId);
  started.catch((err: unknown) => console.warn('Newsmith: menu job failed', err));
  // Show the job where it can be followed; browsers that refuse this still show the toolbar badge.
  browser.action.openPopup?.().catch(() => {});
});

function fromOwnPage(sender: browser.Runtime.MessageSender | undefined, pages: readonly string[]): boolean {
  return sender?.id === browser.runtime.id && isOwnPage(sender.url, origin, pages);
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== JOB_PORT || !fromOwnPage(port.sender, [POPUP])) {
    port.disconnect();
    return;
  }
  jobs.watch(port);
  port.onMessage.addListener((message: unknown) => {
    if (!isPopupMessage(message)) return;
    const done =
      message.type === 'open'
        ? jobs.open(port, message.tabId, message.resume === true)
        : message.type === 'regenerate'
          ? jobs.regenerate(port, message.tabId)
          : message.type === 'continue'
            ? jobs.continueJob(port, message.tabId)
            : message.type === 'selection'
              ? jobs.rewriteSelection(port, message.tabId)
          : message.type === 'confirm'
            ? Promise.resolve(jobs.confirm(port))
            : Promise.resolve(jobs.stop(port));
    done.catch((err: unknown) => console.warn('Newsmith: job message failed', err));
  });
});

async function answer(request: AnyRequest): Promise<ResponseOf<'test-connection'> | ResponseOf<'list-models'>> {
  const stored = await loadSettings();
  if (request.type === 'list-models') {
    const settings = parseSettings({ ...stored, ...request.settings, apiKey: request.settings.apiKey || stored.apiKey });
    try {
      return { ok: true, models: await listModels(settings) };
    } catch (err) {
      return { ok: false, message: describeError(err, { ...settings, extensionOrigin: origin.replace(/\/$/, '') }).message };
    }
  }
  // An empty key field in the form means "keep the saved key".
  const settings = parseSettings({ ...stored, ...request.settings, apiKey: request.settings.apiKey || stored.apiKey });
  try {
    const { modelListed } = await testConnection(settings);
    if (modelListed === false) {
      return { ok: false, message: `Connected to ${settings.baseURL}, but it lists no model named "${settings.model}". Check the model name.` };
    }
    return { ok: true, message: `Connected to ${settings.baseURL}${modelListed ? `; model "${settings.model}" is available` : ''}.` };
  } catch (err) {
    return { ok: false, message: describeError(err, { ...settings, extensionOrigin: origin.replace(/\/$/, '') }).message };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (!fromOwnPage(sender, [OPTIONS]) || !isRequest(message)) return undefined;
  return answer(message);
});
