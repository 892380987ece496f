#!/usr/bin/env node
// Firefox smoke test: starts Firefox ESR headless with the built add-on (dist/firefox) through `web-ext run`,
// waits until web-ext reports it installed as a temporary add-on, watches Firefox's output for a few seconds for
// any error from the add-on's pages or background, then stops Firefox.
//
// How an error is seen: Firefox prints every uncaught exception and unhandled rejection of an extension page
// (the background included) to stderr as `JavaScript error: moz-extension://<uuid>/<file>, line N: ...`, and with
// devtools.console.stdout.content set, console.error calls to stdout. A control run proves the detector works on
// this Firefox: the same add-on copied with one throwing line put first in background.js must be caught (run
// when a second start fits in the time left).
//
// It installs nothing: it needs firefox-esr (apt-get install -y firefox-esr; FIREFOX_PATH overrides the path)
// and web-ext (a dev dependency). One verdict line, exit 0 on PASS or SKIPPED, 1 on FAIL; 60 s hard timeout.
//
// Usage: node scripts/firefox-smoke.mjs [--no-control]   (npm run test:firefox; run `npm run build` first)

import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIR = join(ROOT, 'dist', 'firefox');
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const HARD_TIMEOUT_MS = 60_000;
/** How long one Firefox may take to report the add-on installed. */
const INSTALL_TIMEOUT_MS = 30_000;
/** How long Firefox keeps running after the install, for errors of a background that starts a little later. */
const SETTLE_MS = 5_000;
const CONTROL_MARK = 'newsmith-smoke-control: deliberate background error';

const started = Date.now();
const cleanups = [];

function verdict(kind, text) {
  console.log(`FIREFOX SMOKE: ${kind}${kind === 'SKIPPED' ? ':' : ' —'} ${text}`);
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
  verdict('FAIL', `hard timeout: the smoke test did not finish within ${HARD_TIMEOUT_MS / 1000} s`);
  void finish(1);
}, HARD_TIMEOUT_MS);
hardTimer.unref();

function fail(text, output) {
  if (output) {
    console.log('--- the relevant output ---');
    console.log(output);
    console.log('---');
  }
  verdict('FAIL', text);
  return finish(1);
}

/** The lines of Firefox's output that are errors of an extension page, and console.error calls of web content. */
function addonErrors(output) {
  const lines = output.split('\n').map((l) => l.replace(/^\[[^\]]*\]\[\w+\] Firefox std(?:out|err): /, ''));
  return lines.filter(
    (l) =>
      (/moz-extension:\/\//.test(l) && /error|exception|warning/i.test(l)) ||
      // An unprefixed console.error: Firefox's own modules print `console.error: <Module>: …`.
      /^console\.error: ["'(]/.test(l),
  );
}

/**
 * Runs `web-ext run` on `sourceDir` in a fresh profile; resolves once Firefox has been stopped, with whether the
 * add-on was installed, how long that took, and the error lines seen.
 */
function runFirefox(sourceDir, webExt) {
  const profile = mkdtempSync(join(tmpdir(), 'newsmith-ff-profile-'));
  const args = [
    webExt,
    'run',
    '--source-dir',
    sourceDir,
    `--firefox=${FIREFOX}`,
    `--firefox-profile=${profile}`,
    '--keep-profile-changes',
    '--no-reload',
    '--no-input',
    '--no-config-discovery',
    '--verbose',
    '--arg=--headless',
    '--pref=devtools.console.stdout.content=true',
    // Keep this offline Firefox from fetching updates, experiments and remote settings.
    '--pref=app.update.enabled=false',
    '--pref=extensions.update.enabled=false',
  ];
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, MOZ_HEADLESS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so Firefox goes with web-ext when stopped
    });
    let output = '';
    let installedAfterMs = null;
    let installError = null;
    let done = false;
    const stop = () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 3000).unref();
    };
    cleanups.push(() => {
      stop();
      rmSync(profile, { recursive: true, force: true });
    });
    const end = (reason) => {
      if (done) return;
      done = true;
      clearTimeout(installTimer);
      stop();
      child.once('exit', () => {
        rmSync(profile, { recursive: true, force: true });
        resolve({ installedAfterMs, installError, reason, output, errors: addonErrors(output) });
      });
      if (child.exitCode !== null || child.signalCode !== null) child.emit('exit');
    };
    const onData = (chunk) => {
      output += chunk.toString();
      if (installedAfterMs === null && /Installed .* as a temporary add-on/.test(output)) {
        installedAfterMs = Date.now() - t0;
        setTimeout(() => end('settled'), SETTLE_MS);
      }
      const m = /(?:Error|error)[^\n]*(?:install|add-on|addon)[^\n]*/.exec(output);
      if (installedAfterMs === null && m && /web-ext|installTemporaryAddon|Could not install/i.test(m[0])) installError = m[0];
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (!done) {
        output += `\n(web-ext exited with ${code} before the smoke test stopped it)\n`;
        end('exited');
      }
    });
    const installTimer = setTimeout(() => end('install-timeout'), INSTALL_TIMEOUT_MS);
  });
}

async function main() {
  const control = !process.argv.includes('--no-control');

  if (!existsSync(join(SOURCE_DIR, 'manifest.json'))) {
    return fail(`${SOURCE_DIR}/manifest.json is missing: run \`npm run build\` first`);
  }
  if (!existsSync(FIREFOX)) {
    return fail(`Firefox ESR not found at ${FIREFOX}: install it with \`apt-get install -y firefox-esr\` (or set FIREFOX_PATH)`);
  }
  const webExt = join(ROOT, 'node_modules', 'web-ext', 'bin', 'web-ext.js');
  if (!existsSync(webExt)) return fail('web-ext is not installed (node_modules/web-ext): run `npm ci`');

  const manifest = JSON.parse(readFileSync(join(SOURCE_DIR, 'manifest.json'), 'utf8'));
  // The name is a __MSG_…__ reference: the default locale's catalog holds the words.
  const msg = /^__MSG_(\w+)__$/.exec(manifest.name);
  if (msg)
    manifest.name =
      JSON.parse(readFileSync(join(SOURCE_DIR, '_locales', manifest.default_locale ?? 'en', 'messages.json'), 'utf8'))[msg[1]]?.message ?? manifest.name;
  const minVersion = manifest.browser_specific_settings?.gecko?.strict_min_version ?? '0';
  const versionText = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8', env: { ...process.env, MOZ_HEADLESS: '1' } }).trim();
  const version = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(versionText);
  if (!version) return fail(`cannot read the Firefox version from "${versionText}"`);
  const major = Number(version[1]);
  const minMajor = Number(minVersion.split('.')[0]);
  console.log(`${versionText} at ${FIREFOX}; the add-on ${manifest.browser_specific_settings?.gecko?.id} ${manifest.version} needs ${minVersion} or newer`);
  if (major < minMajor) {
    verdict('SKIPPED', `Firefox ESR ${major} is older than the add-on's minimum ${minMajor}`);
    return finish(0);
  }

  // The add-on as built.
  const run = await runFirefox(SOURCE_DIR, webExt);
  if (run.installedAfterMs === null) {
    const why = run.reason === 'install-timeout' ? `within ${INSTALL_TIMEOUT_MS / 1000} s` : 'before web-ext exited';
    return fail(
      `web-ext did not report the add-on installed ${why}${run.installError ? `: ${run.installError}` : ''}`,
      run.output.split('\n').slice(-40).join('\n'),
    );
  }
  console.log(`installed as a temporary add-on after ${(run.installedAfterMs / 1000).toFixed(1)} s; watched ${SETTLE_MS / 1000} s more`);
  if (run.errors.length) {
    return fail(`${run.errors.length} error line(s) from the add-on in Firefox's output`, run.errors.join('\n'));
  }

  // The control: the same add-on with a background that throws first thing must be caught by the same check.
  // It needs a second Firefox start: run it only when that fits in the hard timeout with room to spare.
  const left = HARD_TIMEOUT_MS - (Date.now() - started);
  const controlFits = left > run.installedAfterMs * 1.5 + SETTLE_MS + 8_000;
  if (control && !controlFits) console.log(`control not run: ${(left / 1000).toFixed(0)} s left of the ${HARD_TIMEOUT_MS / 1000} s budget after a slow start`);
  if (control && controlFits) {
    const copy = mkdtempSync(join(tmpdir(), 'newsmith-ff-control-'));
    cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
    cpSync(SOURCE_DIR, copy, { recursive: true });
    const bgFile = (manifest.background?.scripts ?? [])[0];
    if (!bgFile) return fail('the Firefox manifest has no background.scripts entry');
    const bg = join(copy, bgFile);
    writeFileSync(bg, `throw new Error(${JSON.stringify(CONTROL_MARK)});\n${readFileSync(bg, 'utf8')}`);
    const ctl = await runFirefox(copy, webExt);
    if (ctl.installedAfterMs === null || !ctl.errors.some((l) => l.includes(CONTROL_MARK))) {
      return fail(
        'the control run (a background that throws) was not detected, so a clean run proves nothing on this Firefox',
        ctl.output.split('\n').slice(-40).join('\n'),
      );
    }
    console.log('control: a deliberately throwing background was detected by the same check');
  }

  verdict(
    'PASS',
    `${manifest.name} ${manifest.version} installed in ${versionText} (headless) in ${(run.installedAfterMs / 1000).toFixed(1)} s; ` +
      `no error from its background or pages in the ${SETTLE_MS / 1000} s after${control && controlFits ? ' (control detected)' : ''} [${((Date.now() - started) / 1000).toFixed(1)} s]`,
  );
  return finish(0);
}

main().catch((e) => fail(`the smoke script itself failed: ${e?.stack ?? e}`));
