#!/usr/bin/env node
// Firefox clipboard test: the built add-on (dist/firefox, as shipped: no clipboardWrite permission) copies with a
// real click in real Firefox ESR, on both of its copy paths, and the clipboard holds what the page meant to copy.
//
//   1. the history page's Copy button: navigator.clipboard.writeText (history/main.ts);
//   2. the popup's Copy all with the "rich text" format: navigator.clipboard.write([ClipboardItem text/html +
//      text/plain]) (popup/main.ts), then its Copy headline (writeText again, from the popup);
//   3. the sidebar (sidebar_action) opens and shows the panel on the article tab's rewrite.
//
// How: Firefox's own WebDriver BiDi (no geckodriver). Firefox starts headless in a fresh profile with
// --remote-debugging-port and --remote-allow-system-access; webExtension.install loads dist/firefox as a temporary
// add-on. The system access is for the test's own eyes and hands only: opening moz-extension:// pages in a tab,
// reading the clipboard's flavours through nsIClipboard, putting a marker on it before each copy, and granting
// activeTab on the article tab (what a toolbar click does; the popup shows a tab's stored job only for a tab it may
// see). The copies themselves run in the add-on's pages with the add-on's own permissions. Each click is a trusted
// pointer click (input.performActions), so the page has the transient user activation a real click gives.
//
// A control in every run, on the same page, just before each real click: the same button clicked from script
// (element.click(), no user activation) must leave the marker on the clipboard and show the page's failure words.
// It shows that this Firefox does gate clipboard writes, and that the check sees a copy that did not happen.
// `--untrusted` makes every click such a script click: the run must then end in FAIL (a check of the test itself).
//
// It installs nothing: it needs firefox-esr (apt-get install -y firefox-esr; FIREFOX_PATH overrides the path).
// One verdict line, exit 0 on PASS or SKIPPED (only when Firefox is not installed), 1 on FAIL; 90 s hard timeout.
//
// Usage: node scripts/firefox-clipboard.mjs [--untrusted]   (npm run test:firefox-clipboard; run `npm run build` first)

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, sleep, startFirefox, WaitTimeout } from './firefox-bidi.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIR = join(ROOT, 'dist', 'firefox');
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const HARD_TIMEOUT_MS = 90_000;
/** How long one Firefox start may take to open its WebDriver BiDi port. */
const START_TIMEOUT_MS = 30_000;
const START_ATTEMPTS = 2;
/** How long a page may take to show what it copied (or failed to). */
const COPY_TIMEOUT_MS = 5_000;
const MARKER = 'newsmith-clipboard-test: nothing copied yet';
const UNTRUSTED = process.argv.includes('--untrusted');

// What each page must put on the clipboard, written out by hand from the stored answers below (src/history.ts
// entryText and src/rewrite/render.ts copyFormats: headline, blank line, paragraphs; HTML escaped, never parsed).
const HISTORY_ANSWER = '# Ferry Timetable Changes Approved\n\nThe council approved the new ferry timetable.';
const HISTORY_EXPECTED = 'Ferry Timetable Changes Approved\n\nThe council approved the new ferry timetable.';
const RICH_ANSWER = '# Rich Headline\n\nFirst <b>para</b> & more.\n\n## A subhead\n\nSecond para.';
const RICH_EXPECTED_PLAIN = 'Rich Headline\n\nFirst <b>para</b> & more.\n\nA subhead\n\nSecond para.';
const RICH_EXPECTED_HTML = '<h1>Rich Headline</h1>\n<p>First &lt;b&gt;para&lt;/b&gt; &amp; more.</p>\n<h2>A subhead</h2>\n<p>Second para.</p>';
const HEADLINE_EXPECTED = 'Rich Headline';

const started = Date.now();
const cleanups = [];
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function verdict(kind, text) {
  console.log(`FIREFOX CLIPBOARD: ${kind}${kind === 'SKIPPED' ? ':' : ' —'} ${text}`);
}

async function finish(code) {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await fn();
    } catch {
      /* best effort */
    }
  }
  process.exit(code);
}

const hardTimer = setTimeout(() => {
  verdict('FAIL', `hard timeout: the clipboard test did not finish within ${HARD_TIMEOUT_MS / 1000} s`);
  void finish(1);
}, HARD_TIMEOUT_MS);
hardTimer.unref();

function fail(text, detail) {
  if (detail) {
    console.log('--- details ---');
    console.log(detail);
    console.log('---');
  }
  verdict('FAIL', text);
  return finish(1);
}

/** A check that failed: its message is the verdict (as is a WaitTimeout's). */
class CheckFailed extends Error {}

// ---------- the clipboard, read and marked from the parent process ----------

const READ_CLIPBOARD = `(() => {
  const read = (flavor) => {
    const tr = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
    tr.init(null);
    tr.addDataFlavor(flavor);
    Services.clipboard.getData(tr, Ci.nsIClipboard.kGlobalClipboard);
    const out = {};
    try { tr.getTransferData(flavor, out); } catch { return null; }
    return out.value.QueryInterface(Ci.nsISupportsString).data;
  };
  return JSON.stringify({ plain: read('text/plain'), html: read('text/html') });
})()`;

async function readClipboard(b, chrome) {
  return JSON.parse(await b.value(chrome, READ_CLIPBOARD));
}

/** Puts the marker on the clipboard as plain text only (any HTML flavour goes with the old content). */
async function markClipboard(b, chrome) {
  await b.value(chrome, `Cc['@mozilla.org/widget/clipboardhelper;1'].getService(Ci.nsIClipboardHelper).copyString(${JSON.stringify(MARKER)}), true`);
  const got = await readClipboard(b, chrome);
  if (got.plain !== MARKER || got.html !== null) throw new Error(`could not put the marker on the clipboard: ${JSON.stringify(got)}`);
}

/** Firefox serialises written HTML as a whole document; the fragment the page wrote is its body. */
function htmlBody(html) {
  const m = /^<html><head><\/head><body>([\s\S]*)<\/body><\/html>$/.exec(html ?? '');
  return m ? m[1] : html;
}

/** Reads the page's copy status and the clipboard until `settled` says so, or COPY_TIMEOUT_MS passes; the last reading. */
async function watchCopy(b, context, chrome, statusExpr, settled) {
  const until = Date.now() + COPY_TIMEOUT_MS;
  let status = '';
  let clip = { plain: MARKER, html: null };
  while (Date.now() < until) {
    status = await b.value(context, statusExpr);
    clip = await readClipboard(b, chrome);
    if (settled(status, clip)) break;
    await sleep(100);
  }
  return { status, clip };
}

/**
 * The control: a script click on the button must not copy. The page must say the copy failed (`failedText` is its
 * status) and the marker must still be on the clipboard. `why` says what it means when it does copy.
 */
async function control(b, context, chrome, selector, statusExpr, failedText, what, why) {
  await markClipboard(b, chrome);
  await b.scriptClick(context, selector);
  const { status, clip } = await watchCopy(b, context, chrome, statusExpr, (st, c) => st === failedText || c.plain !== MARKER);
  if (status !== failedText || clip.plain !== MARKER || clip.html !== null) {
    throw new CheckFailed(
      `control failed: ${what}, clicked from script without a user activation, was not refused (the page said ${JSON.stringify(status)}, the clipboard holds ${JSON.stringify(clip)}): ${why}`,
    );
  }
  return status;
}

/** Clicks (for real, or from script with --untrusted) and waits for the page to report, then reads the clipboard. */
async function copyWith(b, context, chrome, selector, statusExpr, doneText, what) {
  await markClipboard(b, chrome);
  if (UNTRUSTED) await b.scriptClick(context, selector);
  else await b.realClick(context, selector);
  const { status, clip } = await watchCopy(b, context, chrome, statusExpr, (st, c) => st === doneText && c.plain !== MARKER);
  if (status !== doneText)
    throw new CheckFailed(`${what}: the page said ${JSON.stringify(status)}, not ${JSON.stringify(doneText)}; clipboard ${JSON.stringify(clip)}`);
  if (clip.plain === MARKER) throw new CheckFailed(`${what}: the page said it copied, but the clipboard still holds the marker`);
  return clip;
}

function expectEqual(what, got, expected) {
  if (got !== expected) throw new CheckFailed(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
}

// ---------- the test ----------

function jobRecord(id, url, title, text, now) {
  return {
    id,
    key: url,
    url,
    title,
    state: 'done',
    text,
    incomplete: false,
    error: null,
    notice: null,
    model: 'gpt-4o-mini',
    warnings: [],
    estimate: null,
    section: null,
    awaiting: null,
    canContinue: false,
    checks: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The add-on's UI words (English), read from the build, so the test follows the catalog. */
function words() {
  const catalog = JSON.parse(readFileSync(join(SOURCE_DIR, '_locales', 'en', 'messages.json'), 'utf8'));
  const w = (key) => {
    const m = catalog[key]?.message;
    if (typeof m !== 'string') throw new Error(`_locales/en/messages.json has no ${key}`);
    return m;
  };
  return {
    historyCopied: w('historyCopied'),
    historyCopyFailed: w('historyCopyFailed'),
    copiedAll: `${w('copiedAll')} ${w('copiedAsRichText')}`,
    copiedHeadline: w('copiedHeadline'),
    copyRefused: w('copyRefused'),
  };
}

async function run(b, articleUrl, ui, why) {
  const { send } = b;
  await send('webExtension.install', { extensionData: { type: 'path', path: SOURCE_DIR } });
  const chrome = await b.chromeContext();
  const host = await b.value(chrome, `WebExtensionPolicy.getByID('newsmith@newsmith.app')?.mozExtensionHostname ?? ''`);
  if (!host) throw new Error('the add-on newsmith@newsmith.app is not running after webExtension.install');
  const origin = `moz-extension://${host}`;

  // The first tab holds the article (an http page the popup can be about); the second the add-on's pages.
  const article = (await send('browsingContext.getTree', {})).contexts[0].context;
  await send('browsingContext.navigate', { context: article, url: articleUrl, wait: 'complete' });
  const page = (await send('browsingContext.create', { type: 'tab' })).context;

  // Two finished rewrites in storage.local, as builds before versions stored them; the history page moves them into
  // IndexedDB as it loads (lib/legacy-jobs.ts), and the popup then reads them through the event page. The popup's
  // format: rich.
  await send('browsingContext.navigate', { context: page, url: `${origin}/history/index.html`, wait: 'complete' });
  const now = Date.now();
  const ferry = 'https://news.example/ferry-timetable';
  const stored = {
    [`job:${ferry}`]: jobRecord('clip-1', ferry, 'Ferry timetable', HISTORY_ANSWER, now - 1000),
    [`job:${articleUrl}`]: jobRecord('clip-2', articleUrl, 'Rich article', RICH_ANSWER, now),
    jobIndex: { [ferry]: now - 1000, [articleUrl]: now },
  };
  await b.value(page, `browser.storage.local.set(${JSON.stringify(stored)}).then(() => (localStorage.setItem('newsmith.copyFormat', 'rich'), true))`);

  // 1. History: Copy on the ferry entry (navigator.clipboard.writeText).
  await send('browsingContext.navigate', { context: page, url: `${origin}/history/index.html`, wait: 'complete' });
  await b.waitFor(page, `document.querySelectorAll('[data-testid=entry]').length === 2`, COPY_TIMEOUT_MS, 'the history page to list the two stored rewrites');
  // Moved into Firefox's own IndexedDB, and gone from storage.local.
  const moved = await b.value(
    page,
    `Promise.all([
      browser.storage.local.get(null).then((all) => Object.keys(all).filter((k) => k.startsWith('job')).length),
      new Promise((resolve, reject) => {
        const req = indexedDB.open('newsmith');
        req.onsuccess = () => {
          const count = req.result.transaction('versions').objectStore('versions').count();
          count.onsuccess = () => { resolve(count.result); req.result.close(); };
          count.onerror = () => reject(count.error);
        };
        req.onerror = () => reject(req.error);
      }),
    ]).then(([left, rows]) => left + ' left in storage.local, ' + rows + ' in IndexedDB')`,
  );
  expectEqual('the stored rewrites moved into IndexedDB', moved, '0 left in storage.local, 2 in IndexedDB');
  // The ferry entry is the older one: the second in the list (newest first).
  const historyButton = `[data-testid=entries] > li:nth-child(2) [data-testid=entry-copy]`;
  expectEqual(
    'the second history entry',
    await b.value(page, `document.querySelector('[data-testid=entries] > li:nth-child(2) h2').textContent`),
    'Ferry Timetable Changes Approved',
  );
  const historyStatus = `document.querySelector(${JSON.stringify(historyButton)}).textContent`;
  const controls = [];
  if (!UNTRUSTED) controls.push(await control(b, page, chrome, historyButton, historyStatus, ui.historyCopyFailed, 'history Copy', why));
  const fromHistory = await copyWith(b, page, chrome, historyButton, historyStatus, ui.historyCopied, 'history Copy');
  expectEqual('history Copy, text/plain on the clipboard', fromHistory.plain, HISTORY_EXPECTED);

  // 2. The popup, opened in a tab for the article tab, which it may see as after a toolbar click (activeTab).
  const tabId = await b.value(
    chrome,
    `(() => {
      const ext = WebExtensionPolicy.getByID('newsmith@newsmith.app').extension;
      const tab = Services.wm.getMostRecentWindow('navigator:browser').gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === ${JSON.stringify(articleUrl)});
      if (!tab) return 0;
      ext.tabManager.addActiveTabPermission(tab);
      return ext.tabManager.getWrapper(tab).id;
    })()`,
  );
  if (!tabId) throw new Error('the article tab was not found in the browser window');
  await send('browsingContext.navigate', { context: page, url: `${origin}/popup/index.html?tab=${tabId}`, wait: 'complete' });
  await b.waitFor(
    page,
    `document.getElementById('app').dataset.state === 'done' && !document.querySelector('[data-testid=copy-all]').disabled`,
    10_000,
    'the popup to show the stored rewrite of the article tab',
  );
  expectEqual('the popup copy format', await b.value(page, `document.querySelector('[data-testid=format]').value`), 'rich');
  const popupStatus = `document.querySelector('[data-testid=copy-status]').textContent`;
  if (!UNTRUSTED) controls.push(await control(b, page, chrome, '[data-testid=copy-all]', popupStatus, ui.copyRefused, 'popup Copy all (rich text)', why));
  const rich = await copyWith(b, page, chrome, '[data-testid=copy-all]', popupStatus, ui.copiedAll, 'popup Copy all (rich text)');
  expectEqual('popup Copy all (rich text), text/plain on the clipboard', rich.plain, RICH_EXPECTED_PLAIN);
  expectEqual('popup Copy all (rich text), text/html on the clipboard', htmlBody(rich.html), RICH_EXPECTED_HTML);
  const headline = await copyWith(b, page, chrome, '[data-testid=copy-headline]', popupStatus, ui.copiedHeadline, 'popup Copy headline');
  expectEqual('popup Copy headline, text/plain on the clipboard', headline.plain, HEADLINE_EXPECTED);
  expectEqual('popup Copy headline, text/html on the clipboard', headline.html, null);

  // 3. The sidebar (sidebar_action, Firefox's side panel): opened by Firefox's own sidebar controller while the article
  // tab is selected, its page is the panel on that tab's job. Read through the add-on's own views of type "sidebar".
  await send('browsingContext.activate', { context: article });
  const opened = await b.value(
    chrome,
    `(async () => {
      const win = Services.wm.getMostRecentWindow('navigator:browser');
      const id = [...win.SidebarController.sidebars.keys()].find((k) => k.endsWith('-sidebar-action'));
      if (!id) return 'no sidebar_action registered';
      await win.SidebarController.show(id);
      return win.SidebarController.isOpen && win.SidebarController.currentID === id ? 'open' : 'not open';
    })()`,
  );
  expectEqual('the sidebar', opened, 'open');
  const sidebarState = `(() => {
    const doc = browser.extension.getViews({ type: 'sidebar' })[0]?.document;
    const panel = doc?.querySelector('[data-testid=panel]');
    return panel ? panel.dataset.state + ': ' + doc.querySelector('[data-testid=headline]').textContent : 'no panel';
  })()`;
  await b.waitFor(page, `${sidebarState}.startsWith('done')`, 10_000, "the sidebar to show the article tab's rewrite");
  expectEqual('the sidebar panel', await b.value(page, sidebarState), 'done: ' + HEADLINE_EXPECTED);
  return { controls };
}

async function main() {
  if (!existsSync(FIREFOX)) {
    verdict('SKIPPED', `Firefox ESR not found at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`);
    return finish(0);
  }
  if (!existsSync(join(SOURCE_DIR, 'manifest.json'))) return fail(`${SOURCE_DIR}/manifest.json is missing: run \`npm run build\` first`);
  const manifest = JSON.parse(readFileSync(join(SOURCE_DIR, 'manifest.json'), 'utf8'));
  const permissions = manifest.permissions ?? [];
  const versionText = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8', env: { ...process.env, MOZ_HEADLESS: '1' } }).trim();
  console.log(
    `${versionText} at ${FIREFOX}; the add-on's permissions: ${permissions.join(', ')}${UNTRUSTED ? '; --untrusted: every click from script, so this run must FAIL' : ''}`,
  );
  const ui = words();

  // The article the popup is about: any http page; the stored rewrite is keyed by its address.
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><title>Rich article</title><h1>Rich article</h1><p>A page for the clipboard test.</p></html>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const articleUrl = `http://127.0.0.1:${server.address().port}/article.html`;

  let firefox = null;
  let address = null;
  for (let attempt = 1; attempt <= START_ATTEMPTS && !address; attempt++) {
    if (firefox) await firefox.stop();
    firefox = startFirefox(FIREFOX, START_TIMEOUT_MS);
    cleanups.push(firefox.stop);
    address = await firefox.address;
    if (!address) console.log(`Firefox start ${attempt} of ${START_ATTEMPTS}: no WebDriver BiDi port within ${START_TIMEOUT_MS / 1000} s`);
  }
  if (!address) return fail('Firefox did not open its WebDriver BiDi port', firefox?.output().split('\n').slice(-30).join('\n'));
  console.log(`Firefox started (${seconds()}); WebDriver BiDi at ${address}`);

  let result;
  try {
    const b = await connect(address);
    cleanups.push(b.close);
    // With clipboardWrite, Firefox lets the add-on write the clipboard at any time, click or not: the control then
    // copies, and the run fails, because it can no longer show that a click alone is enough.
    const why = permissions.includes('clipboardWrite')
      ? 'the manifest has clipboardWrite, which lets the add-on write the clipboard without a click; this test proves copying needs only the click, so drop the permission'
      : 'this Firefox does not require a user activation for clipboard writes, so the test cannot show what the click does';
    result = await run(b, articleUrl, ui, why);
  } catch (e) {
    const diagnostics = firefox
      .output()
      .split('\n')
      .filter((l) => /moz-extension:\/\//.test(l) || /^console\.error: ["'(]/.test(l))
      .slice(-20)
      .join('\n');
    if (e instanceof CheckFailed || e instanceof WaitTimeout) return fail(e.message, diagnostics || undefined);
    return fail(`the clipboard test itself failed: ${e?.stack ?? e}`, diagnostics || undefined);
  }
  if (UNTRUSTED)
    return fail('--untrusted: the copies from script clicks were not refused, so something other than a click lets the add-on write the clipboard');
  verdict(
    'PASS',
    `${versionText} (headless), the add-on without the clipboardWrite permission: a real click copies on both paths — history Copy (writeText) and popup Copy headline ` +
      `(writeText) put the exact text on the clipboard, popup Copy all as rich text (clipboard.write) put the exact text/html and text/plain; ` +
      `the sidebar opened on the article tab's rewrite; ` +
      `control: ${result.controls.length} script clicks without user activation were refused ("${result.controls.join('", "')}") and left the clipboard alone [${seconds()}]`,
  );
  return finish(0);
}

main().catch((e) => fail(`the clipboard test itself failed: ${e?.stack ?? e}`));
