// Builds dist/chrome and dist/firefox from one source: the pages (popup, options) as one Vite build,
// the background, the content script and the popup's boot script each as a single classic script (IIFE), then a
// manifest per browser.
import { build } from 'vite';
import { readabilitySafe } from './vite-readability-safe.mjs';
import { openaiSlim } from './vite-openai-slim.mjs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'chrome');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

const common = {
  root,
  configFile: false,
  plugins: [readabilitySafe()],
  logLevel: 'warn',
  // No modulepreload polyfill or preload links: the pages' modules are read from the installed package, so they
  // would add bytes to every page and save no time.
  build: { outDir: out, emptyOutDir: false, target: 'es2022', minify: true, sourcemap: false, modulePreload: false },
};

for (const dir of ['chrome', 'firefox']) await rm(join(root, 'dist', dir), { recursive: true, force: true });

await build({
  ...common,
  base: './',
  build: {
    ...common.build,
    rolldownOptions: {
      input: {
        popup: join(root, 'popup/index.html'),
        options: join(root, 'options/index.html'),
        history: join(root, 'history/index.html'),
        review: join(root, 'review/index.html'),
        queue: join(root, 'queue/index.html'),
        offscreen: join(root, 'offscreen/index.html'),
      },
    },
  },
});

for (const [name, entry] of [
  ['background', 'background/index.ts'],
  ['content', 'content/index.ts'],
  ['popup/boot', 'popup/boot.ts'],
]) {
  await build({
    ...common,
    // The background carries the openai SDK: only the resources it calls (chat, models) are bundled.
    plugins: name === 'background' ? [...common.plugins, openaiSlim()] : common.plugins,
    build: {
      ...common.build,
      copyPublicDir: false,
      rolldownOptions: {
        input: join(root, entry),
        output: { format: 'iife', entryFileNames: `${name}.js` },
      },
    },
  });
}

await cp(join(root, 'icons'), join(out, 'icons'), { recursive: true });
// The UI's words (manifest.json's __MSG_…__ and browser.i18n), one messages.json per language.
await cp(join(root, '_locales'), join(out, '_locales'), { recursive: true });

const source = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
source.version = pkg.version;

/** Chrome: a service worker, and no Firefox-only keys (Chrome warns about unknown ones): its side panel, not a sidebar. */
function chromeManifest(m) {
  const { browser_specific_settings: _gecko, sidebar_action: _sidebar, ...rest } = m;
  const { _execute_sidebar_action: _open, ...commands } = m.commands;
  return { ...rest, commands };
}

/**
 * Firefox: an event page from background.scripts (Firefox does not run MV3 service workers), and a sidebar; no
 * side panel or offscreen permission (its background page has a DOM and holds the page reader itself).
 */
function firefoxManifest(m) {
  const { side_panel: _panel, ...rest } = m;
  const { 'open-side-panel': _open, ...commands } = m.commands;
  const permissions = m.permissions.filter((p) => p !== 'sidePanel' && p !== 'offscreen');
  return { ...rest, permissions, commands, background: { scripts: [m.background.service_worker] } };
}

await writeFile(join(out, 'manifest.json'), JSON.stringify(chromeManifest(source), null, 2));
const ff = join(root, 'dist', 'firefox');
await mkdir(ff, { recursive: true });
await cp(out, ff, { recursive: true });
await writeFile(join(ff, 'manifest.json'), JSON.stringify(firefoxManifest(source), null, 2));
console.log(`built dist/chrome and dist/firefox (v${pkg.version})`);

// The command line (`newsmith extract …`) on the same core, for Node: dist/cli/newsmith.mjs (see cli/build.mjs).
const { buildCli } = await import('../cli/build.mjs');
await buildCli();
