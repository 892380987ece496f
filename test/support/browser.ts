/**
 * Drives the built extension (dist/chrome) in the system Chromium through playwright-core.
 *
 * - `launchExtension()` starts Chromium with the extension loaded in a fresh profile and returns a harness.
 * - `clickToolbar(page)` is a real toolbar click (CDP Extensions.triggerAction on the page's tab target):
 *   it opens the real popup and grants activeTab. Playwright does not list the action popup, so the popup is
 *   found in Target.getTargets and driven through a non-flattened CDP attachment (see `Popup`).
 * - The clipboard is read back from an extension page.
 * - `stopWorker()` kills the service worker the way the browser does (ServiceWorker.stopAllWorkers).
 * - `restart()` closes the whole browser and launches it again on the same profile, as a user quitting and
 *   reopening it does.
 */

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built extension; NEWSMITH_EXTENSION_DIR points the tests at another build. */
export const EXTENSION_DIR = process.env.NEWSMITH_EXTENSION_DIR || join(ROOT, 'dist', 'chrome');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const POPUP_PATH = 'popup/index.html';
export const OPTIONS_PATH = 'options/index.html';

/** The flags the extension needs in the system Chromium, shared with the slow test's own launcher. */
export function chromiumArgs(extensionDir = EXTENSION_DIR): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--enable-unsafe-extension-debugging',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
  ];
}

/** Throws a clear error when the extension was not built or Chromium is missing. */
export function assertPrerequisites(extensionDir = EXTENSION_DIR): void {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`The extension is not built: ${join(extensionDir, 'manifest.json')} is missing. Run \`npm run build\` first (npm test does).`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; the error names `what` and the last value seen. */
export async function poll<T>(fn: () => Promise<T> | T, timeoutMs: number, what: string, intervalMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await fn();
      if (last) return last as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${describe(last)})`);
    await sleep(intervalMs);
  }
}

function describe(v: unknown): string {
  if (v instanceof Error) return v.message;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export interface ExtensionOptions {
  apiKey?: string;
  baseURL?: string;
  model?: string;
  language?: string;
  persona?: string;
}

/** The parts of a CDP Runtime.evaluate answer the helpers read. */
export interface EvaluateResult {
  result?: { value?: unknown };
  exceptionDetails?: { text: string; exception?: { description?: string } };
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  title: string;
  attached: boolean;
}

/** What the popup shows, read in one go (for assertions and for timeout messages). */
export interface PopupSnapshot {
  state: string | null;
  incomplete: string | null;
  headline: string | null;
  article: string | null;
  error: string | null;
  notice: string | null;
  buttons: string[];
}

const SNAPSHOT_EXPR = `(() => {
  const q = (id) => document.querySelector('[data-testid="' + id + '"]');
  const t = (id) => { const el = q(id); return el ? (el.innerText ?? el.textContent) : null; };
  const s = document.querySelector('[data-state]');
  const visible = (el) => !!el && !el.hidden && !el.closest('[hidden]') && el.getClientRects().length > 0;
  return {
    state: s ? s.getAttribute('data-state') : null,
    incomplete: s ? s.getAttribute('data-incomplete') : null,
    headline: t('headline'), article: t('article'), error: t('error'), notice: t('notice'),
    buttons: [...document.querySelectorAll('button[data-testid]')].filter((b) => visible(b) && !b.disabled).map((b) => b.getAttribute('data-testid')),
  };
})()`;

/**
 * The real action popup, driven over the browser CDP session: attached with `flatten: false`, commands sent
 * with Target.sendMessageToTarget and answers read from Target.receivedMessageFromTarget.
 */
export class Popup {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listener: (e: { sessionId: string; message: string; targetId?: string }) => void;
  private detachListener: (e: { sessionId: string }) => void;
  closed = false;

  private constructor(
    private readonly cdp: CDPSession,
    readonly targetId: string,
    readonly sessionId: string,
  ) {
    this.listener = (e) => {
      if (e.sessionId !== this.sessionId) return;
      const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    };
    this.detachListener = (e) => {
      if (e.sessionId !== this.sessionId) return;
      this.markClosed();
    };
    cdp.on('Target.receivedMessageFromTarget', this.listener);
    cdp.on('Target.detachedFromTarget', this.detachListener);
  }

  static async attach(cdp: CDPSession, targetId: string): Promise<Popup> {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    return new Popup(cdp, targetId, sessionId);
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error('The popup closed'));
    this.pending.clear();
    this.cdp.off('Target.receivedMessageFromTarget', this.listener);
    this.cdp.off('Target.detachedFromTarget', this.detachListener);
  }

  /** Sends one CDP command to the popup page. */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The popup is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`Popup: no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch((e: Error) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(e);
      });
    });
  }

  /** Evaluates an expression in the popup (with a user gesture, awaiting promises) and returns its value. */
  async eval<T = unknown>(expression: string, timeoutMs = 10_000): Promise<T> {
    const r = await this.send<EvaluateResult>('Runtime.evaluate', { expression, userGesture: true, awaitPromise: true, returnByValue: true }, timeoutMs);
    if (r.exceptionDetails) {
      const d = r.exceptionDetails;
      throw new Error(`Popup eval failed: ${d.exception?.description ?? d.text} (in: ${expression.slice(0, 120)})`);
    }
    return r.result?.value as T;
  }

  snapshot(): Promise<PopupSnapshot> {
    return this.eval<PopupSnapshot>(SNAPSHOT_EXPR);
  }

  /** Waits until `predicate` (a JS expression evaluated in the popup) is truthy. */
  async waitFor(predicate: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        if (await this.eval<boolean>(`!!(${predicate})`)) return;
      } catch (e) {
        lastError = e;
        if (this.closed) throw e;
      }
      if (Date.now() > deadline) {
        const snap = await this.snapshot().catch((e: Error) => `(no snapshot: ${e.message})`);
        throw new Error(
          `Popup: timed out after ${timeoutMs} ms waiting for ${predicate}; popup shows ${describe(snap)}` +
            (lastError ? `; last error: ${describe(lastError)}` : ''),
        );
      }
      await sleep(100);
    }
  }

  /** Waits until the popup's `[data-state]` is one of `states`; returns the state reached. */
  async waitForState(states: string | string[], timeoutMs = 10_000): Promise<string> {
    const list = Array.isArray(states) ? states : [states];
    await this.waitFor(`${JSON.stringify(list)}.includes(document.querySelector('[data-state]')?.getAttribute('data-state'))`, timeoutMs);
    return (await this.state())!;
  }

  /** The popup's `data-state`, or null before it rendered. */
  state(): Promise<string | null> {
    return this.eval<string | null>(`document.querySelector('[data-state]')?.getAttribute('data-state') ?? null`);
  }

  /** Visible text of `[data-testid=<testid>]`, or null when there is no such element. */
  text(testid: string): Promise<string | null> {
    return this.eval<string | null>(
      `(() => { const el = document.querySelector('[data-testid=${JSON.stringify(testid)}]'); return el ? (el.innerText ?? el.textContent) : null; })()`,
    );
  }

  /** Whether `[data-testid=<testid>]` exists, is rendered and not hidden. */
  visible(testid: string): Promise<boolean> {
    return this.eval<boolean>(
      `(() => { const el = document.querySelector('[data-testid=${JSON.stringify(testid)}]'); return !!el && !el.hidden && !el.closest('[hidden]') && el.getClientRects().length > 0; })()`,
    );
  }

  /** Clicks `[data-testid=<testid>]` (a user gesture); throws when it is missing or disabled. */
  async click(testid: string): Promise<void> {
    const r = await this.eval<string>(
      `(() => { const el = document.querySelector('[data-testid=${JSON.stringify(testid)}]'); if (!el) return 'missing'; if (el.disabled) return 'disabled'; el.click(); return 'ok'; })()`,
    );
    if (r !== 'ok') throw new Error(`Popup: cannot click [data-testid=${testid}]: ${r}; popup shows ${describe(await this.snapshot())}`);
  }

  /** A PNG of the popup as the user sees it (CDP Page.captureScreenshot on the popup's own target). */
  async screenshot(timeoutMs = 10_000): Promise<Buffer> {
    const { data } = await this.send<{ data: string }>('Page.captureScreenshot', { format: 'png' }, timeoutMs);
    return Buffer.from(data, 'base64');
  }

  /** Reads the clipboard from inside the popup (an extension page, with a user gesture). */
  readClipboard(): Promise<string> {
    return this.eval<string>('navigator.clipboard.readText()');
  }

  /** Closes the popup window. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.cdp.send('Target.closeTarget', { targetId: this.targetId });
    } catch {
      /* already gone */
    }
    this.markClosed();
  }
}

export interface ExtensionHarness {
  context: BrowserContext;
  /** A CDP session on the browser (not a page): Target.*, Extensions.*. */
  cdp: CDPSession;
  extensionId: string;
  /** `chrome-extension://<id>` */
  origin: string;
  popupUrl: string;
  optionsUrl: string;
  /** Fills and saves the options page; returns the save status text. */
  configure(options: ExtensionOptions): Promise<string>;
  /** Opens the options page in a new tab (left open). */
  openOptions(): Promise<Page>;
  /** Opens `url` in a new tab and waits for it to load. */
  openArticle(url: string): Promise<Page>;
  /** A real toolbar click on the page's tab: opens the action popup and returns it once its DOM has a [data-state]. */
  clickToolbar(page: Page | string, opts?: { waitForRender?: boolean; timeoutMs?: number }): Promise<Popup>;
  /** Open action popups (page targets at the popup URL). */
  popupTargets(): Promise<TargetInfo[]>;
  /** Reads the clipboard from an extension page. */
  readClipboard(): Promise<string>;
  /** Puts text on the clipboard (to detect a copy that did nothing). */
  writeClipboard(text: string): Promise<void>;
  /** Stops the extension's service worker (as the browser does after 30 s idle). */
  stopWorker(): Promise<void>;
  /** The browser profile (user data dir) this browser runs on. */
  userDataDir: string;
  /**
   * Closes the whole browser (a real exit: its open requests are cut) and launches it again on the same profile,
   * with the same flags; resolves once the extension's worker is up again, with the harness of the new browser.
   * This harness is done with then: use the one returned (its close deletes the profile if this one's would have).
   * Throws if the extension came back under another id.
   */
  restart(): Promise<ExtensionHarness>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir?: string;
  lang?: string;
  /** Runs on this profile instead of a fresh one. A profile passed in is the caller's: close never deletes it. */
  userDataDir?: string;
  /** Leaves the fresh profile on disk at close (the caller deletes it). */
  keepProfile?: boolean;
}

/** How one browser is started, kept so that a restart starts the next one the same way. */
interface LaunchConfig {
  extensionDir: string;
  lang: string;
  userDataDir: string;
  /** Whether the final close deletes the profile. */
  deleteProfile: boolean;
}

/**
 * Starts Chromium with the built extension in a fresh profile (or `userDataDir`). `lang` sets the browser's UI
 * language (`--lang` and `LANGUAGE`, as a user's system would), which is what picks the extension's `_locales`
 * catalog; English by default.
 */
export async function launchExtension(opts: LaunchOptions = {}): Promise<ExtensionHarness> {
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  assertPrerequisites(extensionDir);
  const fresh = opts.userDataDir === undefined;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'newsmith-e2e-'));
  return launch(
    { extensionDir, lang: opts.lang ?? 'en-US', userDataDir, deleteProfile: fresh && !opts.keepProfile },
    'The extension service worker did not start within 10 s: is dist/chrome/manifest.json valid and background.js present?',
  );
}

async function launch(config: LaunchConfig, noWorker: string): Promise<ExtensionHarness> {
  const { extensionDir, lang, userDataDir } = config;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...chromiumArgs(extensionDir), `--lang=${lang}`],
    env: { ...(process.env as Record<string, string>), LANGUAGE: lang.replace('-', '_') },
    locale: lang,
  });
  try {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => {
        throw new Error(noWorker);
      }));
    const extensionId = new URL(worker.url()).host;
    // Only reading back: writing must work as the product does it, from a click, with no permission granted.
    await context.grantPermissions(['clipboard-read']);
    const browser = context.browser();
    if (!browser) throw new Error('Playwright gave no Browser for the persistent context');
    const cdp = await browser.newBrowserCDPSession();
    const harness = makeHarness(context, cdp, extensionId, config);
    // Open the clipboard helper tab now: opening a tab later would close an open popup.
    await harness.readClipboard().catch(() => '');
    return harness;
  } catch (e) {
    await context.close().catch(() => {});
    if (config.deleteProfile) rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
}

function makeHarness(context: BrowserContext, cdp: CDPSession, extensionId: string, config: LaunchConfig): ExtensionHarness {
  const { userDataDir } = config;
  /** Set once a restart has handed the profile to the next browser's harness. */
  let handedOver = false;
  const origin = `chrome-extension://${extensionId}`;
  const popupUrl = `${origin}/${POPUP_PATH}`;
  const optionsUrl = `${origin}/${OPTIONS_PATH}`;
  let helperPage: Page | null = null;

  async function targets(): Promise<TargetInfo[]> {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos as TargetInfo[];
  }

  async function popupTargets(): Promise<TargetInfo[]> {
    return (await targets()).filter((t) => t.type === 'page' && t.url.startsWith(popupUrl));
  }

  async function openOptions(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(optionsUrl);
    return page;
  }

  async function configure(options: ExtensionOptions): Promise<string> {
    const page = await openOptions();
    try {
      // The page fills the form from storage after it loads: typing before that would be overwritten.
      await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('[data-testid="base-url"]')?.value ?? '') !== '', undefined, {
        timeout: 5000,
      });
      const fields: [keyof ExtensionOptions, string][] = [
        ['apiKey', 'api-key'],
        ['baseURL', 'base-url'],
        ['model', 'model'],
        ['language', 'language'],
        ['persona', 'persona'],
      ];
      for (const [key, testid] of fields) {
        const value = options[key];
        if (value === undefined) continue;
        const el = page.locator(`[data-testid="${testid}"]`);
        const tag = await el.evaluate((e) => e.tagName.toLowerCase(), undefined, { timeout: 5000 });
        if (tag === 'select') await el.selectOption({ label: value }).catch(() => el.selectOption(value));
        else await el.fill(value);
      }
      await page.locator('[data-testid="save"]').click();
      const status = page.locator('[data-testid="save-status"]');
      await poll(async () => ((await status.textContent()) ?? '').trim(), 5000, 'a non-empty [data-testid=save-status] after saving');
      return ((await status.textContent()) ?? '').trim();
    } finally {
      await page.close();
    }
  }

  async function openArticle(url: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }

  async function tabTargetsAt(url: string): Promise<TargetInfo[]> {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    return (targetInfos as TargetInfo[]).filter((t) => t.url === url);
  }

  /**
   * The tab target of a page. Tabs are matched by URL; when several tabs show the same URL and a Page is given,
   * the page's title is briefly set to a marker to tell them apart (and restored before anything reads it).
   */
  async function tabTargetFor(target: Page | string): Promise<string> {
    const url = typeof target === 'string' ? target : target.url();
    if (typeof target !== 'string' && url.startsWith('chrome-error://')) {
      // A failed navigation's error page: the browser's target list may still show the URL that failed, so the
      // page's own target is asked instead.
      const session = await target.context().newCDPSession(target);
      try {
        const { targetInfo } = (await session.send('Target.getTargetInfo')) as { targetInfo: TargetInfo };
        return targetInfo.targetId;
      } finally {
        await session.detach().catch(() => {});
      }
    }
    const tabs = await poll(
      async () => {
        const found = await tabTargetsAt(url);
        return found.length ? found : null;
      },
      5000,
      `a tab target at ${url}`,
    );
    if (tabs.length === 1) return tabs[0]!.targetId;
    if (typeof target === 'string') throw new Error(`${tabs.length} tabs have the URL ${url}: pass the Page, or give each test page a unique query string`);
    const marker = `newsmith-e2e-${Math.random().toString(36).slice(2)}`;
    const saved = await target.evaluate((m) => {
      const t = document.title;
      document.title = m;
      return t;
    }, marker);
    try {
      const tab = await poll(async () => (await tabTargetsAt(url)).find((t) => t.title === marker) ?? null, 5000, `the tab titled ${marker}`);
      return tab.targetId;
    } finally {
      await target.evaluate((t) => {
        document.title = t;
      }, saved);
    }
  }

  async function clickToolbar(target: Page | string, o: { waitForRender?: boolean; timeoutMs?: number } = {}): Promise<Popup> {
    const timeoutMs = o.timeoutMs ?? 10_000;
    if (typeof target !== 'string') await target.bringToFront();
    const before = new Set((await popupTargets()).map((t) => t.targetId));
    // A tab whose navigation just failed swaps its target for the error page's: the click is retried on the new one
    // (under CI load the swap has taken more than 5 s).
    for (const deadline = Date.now() + 15_000; ; await sleep(100)) {
      try {
        await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: await tabTargetFor(target) });
        break;
      } catch (err) {
        if (!/only be triggered on a tab target/.test(String(err)) || Date.now() > deadline) throw err;
      }
    }
    const info = await poll(
      async () => (await popupTargets()).find((t) => !before.has(t.targetId)) ?? null,
      timeoutMs,
      'the action popup to open after the toolbar click',
      50,
    );
    const popup = await Popup.attach(cdp, info.targetId);
    if (o.waitForRender !== false) await popup.waitFor(`document.querySelector('[data-state]')?.getAttribute('data-state')`, timeoutMs);
    return popup;
  }

  async function helper(): Promise<Page> {
    if (helperPage && !helperPage.isClosed()) return helperPage;
    helperPage = await context.newPage();
    // Any page of the extension's origin can use the clipboard API; the icon needs no script and starts no job.
    await helperPage.goto(`${origin}/manifest.json`);
    return helperPage;
  }

  async function readClipboard(): Promise<string> {
    const page = await helper();
    return page.evaluate(() => navigator.clipboard.readText());
  }

  async function writeClipboard(text: string): Promise<void> {
    const page = await helper();
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  }

  async function stopWorker(): Promise<void> {
    const page = context.pages().find((p) => !p.isClosed()) ?? (await context.newPage());
    const session = await context.newCDPSession(page);
    try {
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
    } finally {
      await session.detach().catch(() => {});
    }
  }

  async function restart(): Promise<ExtensionHarness> {
    if (handedOver) throw new Error('This browser was restarted already: use the harness that restart() returned');
    await context.close();
    // From here the next browser's harness owns the profile (and deletes it at its close, as this one would have).
    const next = await launch(config, 'After the relaunch on the same profile the extension service worker did not start by itself within 10 s');
    handedOver = true;
    if (next.extensionId !== extensionId) {
      await next.close();
      throw new Error(`The extension came back as ${next.extensionId} after the relaunch, not ${extensionId}: it would not see its own stored data`);
    }
    return next;
  }

  async function close(): Promise<void> {
    await context.close().catch(() => {});
    if (config.deleteProfile && !handedOver) rmSync(userDataDir, { recursive: true, force: true });
  }

  return {
    context,
    cdp,
    extensionId,
    origin,
    popupUrl,
    optionsUrl,
    configure,
    openOptions,
    openArticle,
    clickToolbar,
    popupTargets,
    readClipboard,
    writeClipboard,
    stopWorker,
    userDataDir,
    restart,
    close,
  };
}
