// A small WebDriver BiDi client for Firefox's own remote agent (no geckodriver): start Firefox headless in a fresh
// profile with its BiDi port open, connect, evaluate script in a browsing context, and click for real.
// Used by scripts/firefox-clipboard.mjs.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A wait that ran out: what the page did not do in time. */
export class WaitTimeout extends Error {}

/**
 * Starts `firefox` headless in a fresh profile with --remote-debugging-port 0 (Firefox picks a free port and prints
 * it) and --remote-allow-system-access (moz-extension:// navigation and the chrome scope, where BiDi has one).
 * `address` resolves with the BiDi address, or null when Firefox exits or prints none within `timeoutMs`. `stop`
 * kills its process group and removes the profile.
 */
export function startFirefox(firefox, timeoutMs) {
  const profile = mkdtempSync(join(tmpdir(), 'newsmith-ff-bidi-'));
  // Keep this offline Firefox from fetching updates; BiDi sets its own recommended prefs on top.
  writeFileSync(
    join(profile, 'user.js'),
    ['app.update.enabled', 'extensions.update.enabled', 'browser.shell.checkDefaultBrowser'].map((p) => `user_pref("${p}", false);\n`).join(''),
  );
  const child = spawn(firefox, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0', '--remote-allow-system-access'], {
    env: { ...process.env, MOZ_HEADLESS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: its content processes go with it
  });
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* gone */
    }
  };
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    kill('SIGTERM');
    for (let i = 0; i < 30 && !exited(); i++) await sleep(100);
    kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  };
  let output = '';
  const address = new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  return { address, stop, output: () => output };
}

/** Opens a BiDi session at `address`; returns the commands the tests use, and `close`. */
export async function connect(address) {
  const ws = new WebSocket(`${address}/session`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    const p = m.id !== undefined ? pending.get(m.id) : undefined;
    if (!p) return; // an event: none subscribed
    pending.delete(m.id);
    if (m.type === 'error') p.reject(new Error(`${p.method}: ${m.error}: ${m.message}`));
    else p.resolve(m.result);
  });
  ws.on('close', () => {
    for (const p of pending.values()) p.reject(new Error(`${p.method}: the BiDi connection closed`));
    pending.clear();
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject, method });
      ws.send(JSON.stringify({ id, method, params }));
    });

  /** Evaluates `expression` in a context, awaiting a promise; returns the BiDi remote value (kept if `keep`). */
  const evaluate = async (context, expression, { keep = false } = {}) => {
    const r = await send('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
      userActivation: false, // never lend the page a user activation: only real clicks give one
      resultOwnership: keep ? 'root' : 'none',
    });
    if (r.type === 'exception') throw new Error(`script error: ${r.exceptionDetails?.text ?? JSON.stringify(r.exceptionDetails)}`);
    return r.result;
  };
  const value = async (context, expression) => (await evaluate(context, expression)).value;

  await send('session.new', { capabilities: {} });
  return {
    send,
    evaluate,
    value,
    /** Polls `expression` until it is truthy; throws WaitTimeout naming `what` after `timeoutMs`. */
    async waitFor(context, expression, timeoutMs, what) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const got = await value(context, expression).catch(() => undefined);
        if (got) return got;
        if (Date.now() > until) throw new WaitTimeout(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
        await sleep(100);
      }
    },
    /** A trusted click (input.performActions): the mouse moves to the element's centre, presses and releases. */
    async realClick(context, selector) {
      const el = await evaluate(context, `document.querySelector(${JSON.stringify(selector)})`, { keep: true });
      if (el.type !== 'node') throw new WaitTimeout(`no ${selector} to click`);
      const move = { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId: el.sharedId } } };
      const actions = [move, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }];
      await send('input.performActions', { context, actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }] });
      await send('input.releaseActions', { context });
    },
    /**
     * A context whose script runs with the system principal (Services, Cc, WebExtensionPolicy, the browser window via
     * Services.wm): the chrome scope where this Firefox's BiDi has one (getTree marks it), else a background tab on
     * about:preferences, a parent-process page with the system principal, since Firefox ESR 140 ignores moz:scope.
     */
    async chromeContext() {
      const top = (await send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).contexts[0];
      if (top?.['moz:scope'] === 'chrome') return top.context;
      const tab = (await send('browsingContext.create', { type: 'tab', background: true })).context;
      await send('browsingContext.navigate', { context: tab, url: 'about:preferences', wait: 'complete' });
      return tab;
    },
    /** An untrusted click from script (element.click()): no user activation. */
    async scriptClick(context, selector) {
      await value(context, `(document.querySelector(${JSON.stringify(selector)}).click(), true)`);
    },
    close: () => ws.terminate(),
  };
}
