/**
 * The popup's first move, made before the rest of its page loads: a tiny classic script at the top of
 * popup/index.html (built to popup/boot.js by scripts/build.mjs, no imports at run time, no polyfill) connects to
 * the background and asks for the active tab's job, so the background reads the page while the popup's own
 * scripts and styles load. popup/main.ts then takes the port over with the messages that came before it ran.
 */

import { JOB_PORT, type PopupMessage } from '../src/messages';

/** The native port (chrome.runtime.Port / browser.runtime.Port share this shape). */
export interface BootPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(fn: (m: unknown) => void): void; removeListener(fn: (m: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void; removeListener(fn: () => void): void };
}

/** What the boot script hands to main.ts. */
export interface Boot {
  port: BootPort;
  /** The tab the popup is about (from the address for "Open in tab", else the active tab), or null. */
  tabId: Promise<number | null>;
  /** Gives the port to `listen`, with every message that arrived before, in order; false if the port is already gone. */
  take(listen: (m: unknown) => void): boolean;
}

declare global {
  var __newsmithBoot: Boot | undefined;
}

interface Api {
  runtime: { connect(info: { name: string }): BootPort };
  tabs: { query(q: { active: boolean; currentWindow: boolean }): Promise<{ id?: number }[]> };
}

function boot(): Boot | undefined {
  // The side panel only shows a job, never starts one: popup/main.ts connects it itself.
  if (new URLSearchParams(location.search).get('view') === 'panel') return undefined;
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = g.browser ?? g.chrome;
  if (!api?.runtime?.connect) return undefined;
  const port = api.runtime.connect({ name: JOB_PORT });
  const queued: unknown[] = [];
  let gone = false;
  const queue = (m: unknown) => queued.push(m);
  const disconnected = () => (gone = true);
  port.onMessage.addListener(queue);
  port.onDisconnect.addListener(disconnected);

  const fromAddress = Number(new URLSearchParams(location.search).get('tab'));
  const tabId =
    Number.isInteger(fromAddress) && fromAddress > 0
      ? Promise.resolve(fromAddress)
      : api.tabs.query({ active: true, currentWindow: true }).then(
          ([tab]) => tab?.id ?? null,
          () => null,
        );
  void tabId.then((id) => {
    if (id !== null && !gone) port.postMessage({ type: 'open', tabId: id, resume: false } satisfies PopupMessage);
  });

  return {
    port,
    tabId,
    take(listen) {
      port.onMessage.removeListener(queue);
      port.onDisconnect.removeListener(disconnected);
      if (gone) return false;
      for (const m of queued.splice(0)) listen(m);
      port.onMessage.addListener(listen);
      return true;
    },
  };
}

globalThis.__newsmithBoot = boot();
