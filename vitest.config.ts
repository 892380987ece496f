import { defineConfig } from 'vitest/config';
// @ts-expect-error: a plain .mjs build script, no types
import { readabilitySafe } from './scripts/vite-readability-safe.mjs';

// Three projects: `unit` (the pure core, in Node), `e2e` (the built extension in real Chromium),
// and `slow` (minute-long runs without a debugger on the worker; `npm run test:slow`).
//
// Every project runs the Readability the extension ships: patched by scripts/vite-readability-safe.mjs. Vitest
// loads packages with Node's own import, past the plugins, so @mozilla/readability is inlined (run through Vite's
// transforms) for the plugin to apply; each project `extends` this root config to get the plugin and that setting.
export default defineConfig({
  plugins: [readabilitySafe()],
  test: {
    server: { deps: { inline: [/[\\/]node_modules[\\/]@mozilla[\\/]readability[\\/]/] } },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: ['test/slow/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
