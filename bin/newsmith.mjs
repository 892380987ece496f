#!/usr/bin/env node
// The `newsmith` command: runs the CLI bundle that `npm run build` (or `npm run build:cli`) writes to dist/cli.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/newsmith.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(`newsmith: ${bundle} is missing: run npm run build first (or npm run build:cli).\n`);
  process.exit(1);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
