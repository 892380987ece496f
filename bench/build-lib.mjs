// Bundles bench/lib.ts for Node (ES module) into .bench/lib/bench-lib.mjs with Vite's build API (an SSR build:
// packages such as linkedom and playwright-core stay external imports). @mozilla/readability is bundled, patched by
// scripts/vite-readability-safe.mjs, so the benches time the Readability the extension and the CLI run.
import { build } from 'vite';
import { readabilitySafe } from '../scripts/vite-readability-safe.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const benchDir = join(root, '.bench');

export async function buildBenchLib() {
  const outDir = join(benchDir, 'lib');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [readabilitySafe()],
    ssr: { noExternal: ['@mozilla/readability'] },
    build: {
      ssr: join(root, 'bench', 'lib.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'bench-lib.mjs' } },
    },
  });
  return join(outDir, 'bench-lib.mjs');
}
