// A rewrite that streams for over a minute, with gaps longer than 30 s, while the popup is closed.
//
// Chromium stops an extension's service worker 30 s after its last extension event, and a streaming fetch does not
// count. Any debugger attached to the worker (Playwright attaches to all of them) keeps it alive and hides that.
// So this test starts Chromium itself and speaks raw CDP over the browser websocket, attaching only to page
// targets (the options page, the article tab, the popup), never to the worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { assertPrerequisites, chromiumArgs, CHROMIUM, OPTIONS_PATH, POPUP_PATH, poll, sleep, type EvaluateResult } from '../support/browser';
import { startLLMServer, type LLMServer } from '../support/llm-server';
import { articleHtml, LONG_ANSWER } from '../e2e/fixtures/index';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  title: string;
}

/** A minimal CDP client on the browser endpoint; sessions are flattened (sessionId on each message). */
class CDP {
  private id = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private listeners = new Set<(method: string, params: unknown, sessionId?: string) => void>();

  private constructor(private ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p.resolve(msg.result);
      } else {
        for (const l of this.listeners) l(msg.method, msg.params, msg.sessionId);
      }
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('CDP connection closed'));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<CDP> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new CDP(ws);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = ++this.id;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject, method });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  on(l: (method: string, params: unknown, sessionId?: string) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async targets(): Promise<TargetInfo[]> {
    return (await this.send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos;
  }

  /** Attaches to a PAGE target (refuses anything else) and returns an evaluator bound to it. */
  async attachPage(targetId: string): Promise<PageSession> {
    const info = (await this.targets()).find((t) => t.targetId === targetId);
    if (!info || info.type !== 'page') throw new Error(`refusing to attach to a non-page target: ${JSON.stringify(info)}`);
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    return new PageSession(this, targetId, sessionId);
  }

  close(): void {
    this.ws.close();
  }
}

class PageSession {
  constructor(
    private cdp: CDP,
    readonly targetId: string,
    readonly sessionId: string,
  ) {}

  async eval<T = unknown>(expression: string): Promise<T> {
    const r = await this.cdp.send<EvaluateResult>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true, userGesture: true },
      this.sessionId,
    );
    if (r.exceptionDetails) throw new Error(`eval failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result?.value as T;
  }

  async waitFor(predicate: string, timeoutMs: number, what = predicate): Promise<void> {
    await poll(() => this.eval<boolean>(`!!(${predicate})`).catch(() => false), timeoutMs, what, 200);
  }

  async detach(): Promise<void> {
    await this.cdp.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => {});
  }
}

/** Starts Chromium with the extension and a DevTools port; resolves with the browser websocket URL. */
async function startChromium(userDataDir: string): Promise<{ proc: ChildProcess; wsUrl: string }> {
  const proc = spawn(
    CHROMIUM,
    [...chromiumArgs(), '--headless', '--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1', `--user-data-dir=${userDataDir}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools URL within 20 s:\n${err.slice(-2000)}`)), 20_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += String(d);
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before DevTools was ready:\n${err.slice(-2000)}`));
    });
  });
  proc.stderr!.resume();
  return { proc, wsUrl };
}

const GAP_MS = 35_000;
// Four chunks 35 s apart (the first right away): about 106 s in all, three silences longer than the 30 s idle limit.
const CHUNKS = [
  `# ${LONG_ANSWER.headline}\n\n${LONG_ANSWER.paragraphs[0]}\n\n`,
  `${LONG_ANSWER.paragraphs[1]}\n\n`,
  `${LONG_ANSWER.paragraphs[2]}\n\n`,
  `${LONG_ANSWER.paragraphs[3]}`,
];
const LAST = LONG_ANSWER.paragraphs[3]!;

let server: LLMServer;
let proc: ChildProcess | undefined;
let cdp: CDP | undefined;
let userDataDir: string;

beforeAll(async () => {
  assertPrerequisites();
  server = await startLLMServer();
  server.addPage('article', articleHtml);
  userDataDir = mkdtempSync(join(tmpdir(), 'newsmith-slow-'));
  const started = await startChromium(userDataDir);
  proc = started.proc;
  cdp = await CDP.connect(started.wsUrl);
});

afterAll(async () => {
  cdp?.close();
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc!.once('exit', r));
    proc.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** The harness of the slow cases: a browser with the extension, driven through page targets only. */
async function extensionSession(c: CDP) {
  // The extension id, read from the worker's target info (reading it does not attach).
  const worker = await poll(
    async () => (await c.targets()).find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://')) ?? null,
    15_000,
    'the extension service worker',
  );
  const extensionId = new URL(worker.url).host;
  const origin = `chrome-extension://${extensionId}`;
  const popupUrl = `${origin}/${POPUP_PATH}`;
  const popups = async () => (await c.targets()).filter((t) => t.type === 'page' && t.url.startsWith(popupUrl));

  const tabTarget = async (url: string) => {
    const { targetInfos } = await c.send<{ targetInfos: TargetInfo[] }>('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tabs = (targetInfos as TargetInfo[]).filter((t) => t.url === url);
    if (tabs.length !== 1) throw new Error(`expected one tab at ${url}, found ${tabs.length}`);
    return tabs[0]!.targetId;
  };

  return {
    /** Saves the options through the options page (a page target). */
    async configure(): Promise<void> {
      const { targetId: optionsId } = await c.send<{ targetId: string }>('Target.createTarget', { url: `${origin}/${OPTIONS_PATH}` });
      const options = await c.attachPage(optionsId);
      // The page fills the form from storage after it loads: wait for that before typing over it.
      await options.waitFor(`document.querySelector('form[data-ready="true"]')`, 10_000, 'the options form');
      const values: Record<string, string> = {
        'api-key': 'sk-slow-test-key',
        'base-url': server.baseURL,
        model: 'test-model',
        language: 'English',
        persona: 'Ada Quill',
      };
      await options.eval(`(() => {
        const values = ${JSON.stringify(values)};
        for (const [id, value] of Object.entries(values)) {
          const el = document.querySelector('[data-testid="' + id + '"]');
          if (!el) throw new Error('options page has no [data-testid=' + id + ']');
          const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
          Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
        }
        document.querySelector('[data-testid="save"]').click();
      })()`);
      await options.waitFor(`document.querySelector('[data-testid="save-status"]')?.dataset.ok === 'true'`, 5000, 'the save status');
      await options.detach();
      await c.send('Target.closeTarget', { targetId: optionsId });
    },

    /** Opens the URL in a new tab and waits for it to load (attached to that page only, then detached). */
    async openTab(url: string): Promise<void> {
      const { targetId } = await c.send<{ targetId: string }>('Target.createTarget', { url });
      const page = await c.attachPage(targetId);
      await page.waitFor(`document.readyState === 'complete' && location.href === ${JSON.stringify(url)}`, 10_000, 'the article to load');
      await page.detach();
    },

    /** A real toolbar click on the tab; resolves with the new popup's target. */
    async click(url: string): Promise<TargetInfo> {
      const before = new Set((await popups()).map((p) => p.targetId));
      await c.send('Extensions.triggerAction', { id: extensionId, targetId: await tabTarget(url) });
      return poll(async () => (await popups()).find((p) => !before.has(p.targetId)) ?? null, 10_000, 'the popup to open');
    },

    async closePopup(popup: TargetInfo): Promise<void> {
      await c.send('Target.closeTarget', { targetId: popup.targetId });
      await poll(async () => !(await popups()).some((p) => p.targetId === popup.targetId), 5000, 'the popup to close');
    },

    /** Clicks again and reads the popup once it shows `done`. */
    async reopenDone(url: string): Promise<{ headline: string; article: string }> {
      const target = await this.click(url);
      const popup = await c.attachPage(target.targetId);
      await popup.waitFor(`document.querySelector('[data-state]')?.getAttribute('data-state') === 'done'`, 10_000, 'state done');
      const article = await popup.eval<string>(`document.querySelector('[data-testid="article"]')?.innerText ?? ''`);
      const headline = (await popup.eval<string>(`document.querySelector('[data-testid="headline"]')?.innerText ?? ''`)).trim();
      await popup.detach();
      await this.closePopup(target);
      return { headline, article };
    },
  };
}

describe('long generations with no debugger on the worker', () => {
  let ext: Awaited<ReturnType<typeof extensionSession>>;

  beforeAll(async () => {
    ext = await extensionSession(cdp!);
    await ext.configure();
  });

  it('survives gaps over 30 s with the popup closed, finishes the answer, and shows it on the next click with one request', async () => {
    server.reset();
    server.enqueue({ chunks: CHUNKS, chunkDelayMs: [500, GAP_MS, GAP_MS, GAP_MS] });
    const url = server.pageUrl('article', { case: 'slow' });
    await ext.openTab(url);
    const first = await ext.click(url);
    await server.waitForChatRequests(1, 15_000);
    await server.waitForChunks(0, 1, 10_000);
    const t0 = Date.now();
    // Close the popup: from here on only the product keeps its worker alive.
    await ext.closePopup(first);

    const r = await server.waitForResponseEnd(0, 4 * GAP_MS);
    const elapsed = Date.now() - t0;
    expect(r.aborted, `the worker dropped the stream after ${elapsed} ms with ${r.chunksWritten} of ${CHUNKS.length} chunks written`).toBe(false);
    expect(r.completed).toBe(true);
    expect(r.chunksWritten).toBe(CHUNKS.length);
    expect(r.endedAt! - r.startedAt).toBeGreaterThanOrEqual(60_000);

    // Let the product store the end of the job, then open the popup again.
    await sleep(1500);
    const shown = await ext.reopenDone(url);
    expect(shown.article).toContain(LAST);
    expect(shown.headline).toBe(LONG_ANSWER.headline);
    expect(server.chatRequests).toHaveLength(1);
  });

  it('waits for a cold local model whose first byte comes after 45 s, saying so, then completes', async () => {
    server.reset();
    server.enqueue({ text: `# ${LONG_ANSWER.headline}\n\n${LONG_ANSWER.paragraphs.join('\n\n')}`, delayMs: 45_000, chunkCount: 4 });
    const url = server.pageUrl('article', { case: 'cold' });
    await ext.openTab(url);
    const target = await ext.click(url);
    const popup = await cdp!.attachPage(target.targetId);
    await popup.waitFor(`/waiting for the model/i.test(document.querySelector('[data-testid="notice"]')?.textContent ?? '')`, 15_000, 'the waiting notice');
    await popup.waitFor(`document.querySelector('[data-state]')?.getAttribute('data-state') === 'done'`, 70_000, 'state done');
    const article = await popup.eval<string>(`document.querySelector('[data-testid="article"]')?.innerText ?? ''`);
    expect(article).toContain(LONG_ANSWER.paragraphs.at(-1)!);
    expect(server.chatRequests).toHaveLength(1);
    await popup.detach();
    await ext.closePopup(target);
  });

  it(
    'completes a 6-minute generation with the popup closed',
    async () => {
      server.reset();
      const paragraphs = Array.from({ length: 11 }, (_, i) => `Paragraph ${i + 1} of a rewrite that takes six minutes to arrive.`);
      const chunks = [`# Six Minutes Of Writing\n\n${paragraphs[0]}`, ...paragraphs.slice(1).map((p) => `\n\n${p}`)];
      // Ten silences of 36 s: each longer than the worker's 30 s idle limit.
      server.enqueue({ chunks, chunkDelayMs: [200, ...Array<number>(10).fill(36_000)] });
      const url = server.pageUrl('article', { case: 'six-minutes' });
      await ext.openTab(url);
      const first = await ext.click(url);
      await server.waitForChunks(0, 1, 15_000);
      await ext.closePopup(first);
      const r = await server.waitForResponseEnd(0, 7 * 60_000);
      expect(r.aborted, `the stream was dropped after ${r.chunksWritten} chunks`).toBe(false);
      expect(r.endedAt! - r.startedAt).toBeGreaterThanOrEqual(6 * 60_000);
      await sleep(1500);
      const shown = await ext.reopenDone(url);
      expect(shown.headline).toBe('Six Minutes Of Writing');
      for (const p of paragraphs) expect(shown.article).toContain(p);
      expect(server.chatRequests).toHaveLength(1);
    },
    8 * 60_000,
  );
});
