// Bundles a TypeScript entry for Node (ES module) with Vite's build API: the command line
// (cli/main.ts → dist/cli/newsmith.mjs) and, for `npm run bench:extract`, the extraction core.
// Dependencies (linkedom, openai) stay external: they are runtime dependencies of the package. @mozilla/readability is
// bundled, patched by scripts/vite-readability-safe.mjs as in the extension, so Node runs the Readability the browsers
// run (a plugin cannot change an external module).
// Run directly (`node cli/build.mjs`, i.e. `npm run build:cli`) to build only the command line.
import { build } from 'vite';
import { readabilitySafe } from '../scripts/vite-readability-safe.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundle `entry` (relative to the repo root) into `outDir/fileName` for Node. */
export async function buildForNode(entry, outDir, fileName) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [readabilitySafe()],
    ssr: { noExternal: ['@mozilla/readability'] },
    build: {
      ssr: join(root, entry),
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: fileName } },
    },
  });
  return join(outDir, fileName);
}

export async function buildCli() {
  const file = await buildForNode('cli/main.ts', join(root, 'dist', 'cli'), 'newsmith.mjs');
  console.log('built dist/cli/newsmith.mjs');
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli();
