// A Vite (Rolldown) plugin for the background build: it leaves out the parts of the openai SDK Newsmith never
// calls, without touching the code paths it does call.
//
// Why: the SDK's client class creates every API resource in its constructor (`this.audio = new API.Audio(this)`,
// batches, beta, files, images, vector stores, realtime, responses, …), so a bundler has to keep all of them, about
// two thirds of the SDK's bytes, although Newsmith uses only `client.chat.completions.create` (src/llm/openai.ts
// streamChat), `client.models.list` (listModels / testConnection), the client's own request methods (`client.post`,
// which live in client.mjs, not in a resource) and the SDK's error classes.
//
// What it does: every resource module that the client (client.mjs) or the resource barrel (resources/index.mjs)
// imports, except the ones Newsmith uses (KEPT), is loaded as a generated stub that exports the same names. Each
// stub export is a class whose instances throw a clear "not bundled in Newsmith" error on any use, so the client's
// constructor still runs (it only does `new Audio(this)`), and a call to a left-out resource fails loudly instead
// of doing something else. The kept modules (chat/…, models, shared) and everything else in the SDK (the client,
// the request and retry code, the SSE reader, the errors) are bundled exactly as published.
//
// The build fails when the SDK's shape changes under us: a kept module no longer imported by the client, a stubbed
// module with an `export *` from another package (its names cannot be listed), or a stubbed module imported by anything other than the
// client and the barrel (a kept module depending on a left-out one).
//
// Wiring (scripts/build.mjs): the background build only, `plugins: [readabilitySafe(), openaiSlim()]`. The CLI
// (dist/cli) keeps the whole SDK (packages stay external there), and so do the unit tests: the plugin only leaves
// modules out, what it keeps is the SDK as published (package.json pins the version), and
// test/unit/openai-slim.test.ts runs src/llm/openai.ts bundled through it, streaming and listing models over HTTP.

import { readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OPENAI_DIR = join(root, 'node_modules', 'openai');

/** Resource modules Newsmith uses (paths inside the package, `/`-separated): never stubbed. */
export const KEPT = ['resources/chat/', 'resources/models.mjs', 'resources/shared.mjs', 'resources/index.mjs'];

/** The modules allowed to import a stubbed module. */
const IMPORTERS = ['client.mjs', 'resources/index.mjs'];

const IN_OPENAI = /[\\/]node_modules[\\/]openai[\\/](.+)$/;

const isKept = (rel) => KEPT.some((k) => (k.endsWith('/') ? rel.startsWith(k) : rel === k));

/** The package-relative path of a module id inside the openai package, or null. */
export function openaiPath(id) {
  const m = IN_OPENAI.exec(id.split('?')[0] ?? '');
  return m ? (m[1] ?? '').split(sep).join('/').replace(/\\/g, '/') : null;
}

/** The `from` specifiers of a module's imports and re-exports. */
function specifiers(code) {
  const out = [];
  for (const node of parseAst(code).body) {
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
      out.push(String(node.source.value));
    }
  }
  return out;
}

/**
 * The names the module in `file` exports. `export * from "./x.mjs"` is followed into that file (its names but
 * `default`); an `export *` from a package cannot be listed and throws.
 */
export function exportNames(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const names = [];
  for (const node of parseAst(readFileSync(file, 'utf8')).body) {
    if (node.type === 'ExportAllDeclaration') {
      const spec = String(node.source.value);
      if (node.exported) names.push(node.exported.name ?? String(node.exported.value));
      else if (spec.startsWith('.')) names.push(...exportNames(join(dirname(file), spec), seen).filter((n) => n !== 'default'));
      else throw new Error(`vite-openai-slim: ${file} has "export * from '${spec}'"; its names cannot be listed, check the new SDK by hand`);
    }
    if (node.type === 'ExportDefaultDeclaration') names.push('default');
    if (node.type !== 'ExportNamedDeclaration') continue;
    const decl = node.declaration;
    if (decl?.type === 'VariableDeclaration') for (const d of decl.declarations) names.push(d.id.name);
    else if (decl?.id) names.push(decl.id.name);
    for (const s of node.specifiers ?? []) names.push(s.exported.name ?? String(s.exported.value));
  }
  return [...new Set(names)];
}

/**
 * The resource modules to stub (package-relative paths, sorted): what client.mjs and resources/index.mjs import
 * from resources/, minus KEPT. Throws when a kept resource is not among the client's imports any more.
 */
export function stubbedModules(openaiDir = OPENAI_DIR) {
  const found = new Set();
  for (const from of IMPORTERS) {
    const dir = posix.dirname(from);
    for (const spec of specifiers(readFileSync(join(openaiDir, from), 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const rel = posix.normalize(posix.join(dir, spec));
      if (rel.startsWith('resources/')) found.add(rel);
    }
  }
  for (const must of ['resources/chat/chat.mjs', 'resources/models.mjs']) {
    if (![...found].some((rel) => rel === must || (must.startsWith('resources/chat/') && rel.startsWith('resources/chat/')))) {
      throw new Error(`vite-openai-slim: the openai client no longer imports ${must}; check the new SDK by hand`);
    }
  }
  return [...found].filter((rel) => !isKept(rel)).sort();
}

/** The source of a stub for `rel` exporting `names`. */
export function stubSource(rel, names) {
  const lines = [
    `// Generated by scripts/vite-openai-slim.mjs in place of openai/${rel}: not used by Newsmith, so not bundled.`,
    "const notBundled = (what) => new Error(`The openai SDK's ${what} is not bundled in Newsmith (only chat.completions and models are; see scripts/vite-openai-slim.mjs).`);",
    'const stub = (name) => class {',
    '  constructor() {',
    '    return new Proxy(this, {',
    "      get(target, prop) { if (typeof prop === 'symbol' || prop === 'then' || prop === 'constructor' || prop === 'toJSON') return Reflect.get(target, prop); throw notBundled(`${name}.${prop}`); },",
    '      set(_target, prop) { throw notBundled(`${name}.${String(prop)}`); },',
    '    });',
    '  }',
    '};',
  ];
  for (const name of names) {
    const label = JSON.stringify(name === 'default' ? rel : name);
    if (name === 'default') lines.push(`export default stub(${label});`);
    else if (/^[A-Za-z_$][\w$]*$/.test(name)) lines.push(`export const ${name} = stub(${label});`);
    else throw new Error(`vite-openai-slim: cannot stub the export ${JSON.stringify(name)} of openai/${rel}`);
  }
  return lines.join('\n') + '\n';
}

/** The plugin. `onStub(rel)` is told about each module stubbed (tests, reports). */
export function openaiSlim({ openaiDir = OPENAI_DIR, onStub } = {}) {
  const stubbed = new Set(stubbedModules(openaiDir));
  return {
    name: 'newsmith:openai-slim',
    load(id) {
      const rel = openaiPath(id);
      if (rel === null || !stubbed.has(rel)) return null;
      const names = exportNames(id.split('?')[0]);
      onStub?.(rel);
      return { code: stubSource(rel, names), map: null };
    },
    buildEnd(error) {
      if (error) return;
      for (const id of this.getModuleIds()) {
        const rel = openaiPath(id);
        if (rel === null || !stubbed.has(rel)) continue;
        for (const importer of this.getModuleInfo(id)?.importers ?? []) {
          const from = openaiPath(importer);
          if (from === null || !IMPORTERS.includes(from)) {
            throw new Error(
              `vite-openai-slim: openai/${rel} is stubbed but ${from ? `openai/${from}` : relative(root, importer)} imports it; keep it (KEPT) or stop using it`,
            );
          }
        }
      }
    },
  };
}
