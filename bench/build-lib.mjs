// Bundles bench/lib.ts for Node (ES module) into .bench/lib/bench-lib.mjs with Vite's build API (an SSR build:
// packages such as linkedom, playwright-core and @mozilla/readability stay external imports).
import { build } from 'vite';
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
