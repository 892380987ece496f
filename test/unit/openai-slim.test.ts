/**
 * scripts/vite-openai-slim.mjs: which openai SDK modules the background build stubs, what a stub does when used,
 * and src/llm/openai.ts bundled through the plugin still streaming a chat answer, counting tokens and listing models
 * over real HTTP.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
// @ts-expect-error: a plain .mjs build script, no types
import { exportNames, KEPT, OPENAI_DIR, openaiPath, openaiSlim, stubbedModules, stubSource } from '../../scripts/vite-openai-slim.mjs';
import { plans, startLLMServer, type LLMServer } from '../support/llm-server';

type Slim = {
  exportNames: (file: string) => string[];
  KEPT: string[];
  OPENAI_DIR: string;
  openaiPath: (id: string) => string | null;
  openaiSlim: (opts?: { onStub?: (rel: string) => void }) => unknown;
  stubbedModules: () => string[];
  stubSource: (rel: string, names: string[]) => string;
};
const slim = { exportNames, KEPT, OPENAI_DIR, openaiPath, openaiSlim, stubbedModules, stubSource } as Slim;

/** The relative imports of one SDK module, as package-relative paths. */
function importsOf(rel: string): string[] {
  const code = readFileSync(join(slim.OPENAI_DIR, rel), 'utf8');
  const out: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) out.push(posix.normalize(posix.join(posix.dirname(rel), m[1] as string)));
  return out;
}

/** Every SDK module reachable from `start` through relative imports. */
function reachable(start: string[], stopAt: Set<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const rel = queue.shift() as string;
    if (seen.has(rel) || stopAt.has(rel)) continue;
    seen.add(rel);
    queue.push(...importsOf(rel));
  }
  return seen;
}

describe('which openai modules are stubbed', () => {
  const stubbed: string[] = slim.stubbedModules();

  it('stubs the resources Newsmith never calls', () => {
    for (const rel of [
      'resources/audio/audio.mjs',
      'resources/batches.mjs',
      'resources/beta/beta.mjs',
      'resources/files.mjs',
      'resources/images.mjs',
      'resources/realtime/realtime.mjs',
      'resources/responses/responses.mjs',
      'resources/vector-stores/vector-stores.mjs',
      'resources/completions.mjs',
    ]) {
      expect(stubbed).toContain(rel);
    }
    expect(stubbed.every((rel) => rel.startsWith('resources/'))).toBe(true);
  });

  it('never stubs chat, models, shared or anything they import', () => {
    const kept = reachable(['resources/chat/chat.mjs', 'resources/chat/index.mjs', 'resources/models.mjs', 'resources/shared.mjs']);
    expect(kept.has('resources/chat/completions/completions.mjs')).toBe(true);
    expect(kept.has('core/streaming.mjs')).toBe(true);
    for (const rel of stubbed) expect(kept.has(rel), rel).toBe(false);
    expect(stubbed.filter((rel) => rel.startsWith('resources/chat/') || rel === 'resources/models.mjs' || rel === 'resources/shared.mjs')).toEqual([]);
  });

  it('the client still reaches chat and models without going through a stub', () => {
    const viaClient = reachable(['index.mjs'], new Set(stubbed));
    expect(viaClient.has('resources/chat/completions/completions.mjs')).toBe(true);
    expect(viaClient.has('resources/models.mjs')).toBe(true);
  });

  it('recognises SDK module ids, whatever the path separator', () => {
    expect(slim.openaiPath('/x/node_modules/openai/resources/audio/audio.mjs')).toBe('resources/audio/audio.mjs');
    expect(slim.openaiPath('C:\\x\\node_modules\\openai\\resources\\files.mjs?v=1')).toBe('resources/files.mjs');
    expect(slim.openaiPath('/x/node_modules/not-openai/resources/files.mjs')).toBeNull();
  });
});

describe('a stub', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'openai-slim-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function loadStub(rel: string): Promise<Record<string, new (client: unknown) => Record<string, unknown>>> {
    const names = slim.exportNames(join(slim.OPENAI_DIR, rel));
    const file = join(dir, `${rel.replace(/\W/g, '_')}.mjs`);
    writeFileSync(file, slim.stubSource(rel, names));
    return (await import(pathToFileURL(file).href)) as Record<string, new (client: unknown) => Record<string, unknown>>;
  }

  it('exports the same names as the module it replaces, following export *', async () => {
    expect(slim.exportNames(join(slim.OPENAI_DIR, 'resources/audio/audio.mjs'))).toContain('Audio');
    expect(slim.exportNames(join(slim.OPENAI_DIR, 'resources/webhooks.mjs'))).toContain('Webhooks');
    const stub = await loadStub('resources/webhooks.mjs');
    expect(Object.keys(stub).sort()).toEqual(slim.exportNames(join(slim.OPENAI_DIR, 'resources/webhooks.mjs')).sort());
  });

  it('can be constructed (the client does so) but throws a clear error on any use', async () => {
    const { Audio } = await loadStub('resources/audio/audio.mjs');
    const audio = new (Audio as new (client: unknown) => Record<string, unknown>)({});
    expect(() => audio.speech).toThrow(/The openai SDK's Audio\.speech is not bundled in Newsmith \(only chat\.completions and models are/);
    expect(() => {
      audio.x = 1;
    }).toThrow(/not bundled in Newsmith/);
    // Awaiting or printing it does not blow up.
    expect(audio.then).toBeUndefined();
    expect(String(Object.prototype.toString.call(audio))).toBe('[object Object]');
  });
});

describe('src/llm/openai.ts bundled with the plugin', () => {
  let server: LLMServer;
  let dir: string;
  let mod: typeof import('../../src/llm/openai');
  const stubbedNow: string[] = [];

  beforeAll(async () => {
    server = await startLLMServer();
    dir = mkdtempSync(join(tmpdir(), 'openai-slim-build-'));
    const root = join(dirname(slim.OPENAI_DIR), '..');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [slim.openaiSlim({ onStub: (rel) => stubbedNow.push(rel) }) as never],
      build: {
        outDir: dir,
        emptyOutDir: false,
        minify: false,
        copyPublicDir: false,
        target: 'es2022',
        rolldownOptions: {
          input: join(root, 'src/llm/openai.ts'),
          preserveEntrySignatures: 'strict',
          output: { format: 'es', entryFileNames: 'openai-slim.mjs' },
        },
      },
    });
    mod = (await import(pathToFileURL(join(dir, 'openai-slim.mjs')).href)) as typeof import('../../src/llm/openai');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stubbed every module on the list, and the bundle carries the SDK without them', () => {
    expect([...new Set(stubbedNow)].sort()).toEqual(slim.stubbedModules());
    const code = readFileSync(join(dir, 'openai-slim.mjs'), 'utf8');
    expect(code).toContain('not bundled in Newsmith');
    expect(code).toMatch(/x-stainless/);
  });

  it('streams a chat answer through the official SDK code path', async () => {
    server.enqueue(plans.stream('Headline\n\nFirst paragraph of the rewrite.', { chunkCount: 6 }));
    const deltas: string[] = [];
    const result = await mod.streamChat({
      baseURL: server.baseURL,
      apiKey: 'sk-test',
      model: 'test-model',
      messages: [{ role: 'user', content: 'hi' }],
      idleTimeoutMs: 5_000,
      signal: new AbortController().signal,
      onDelta: (t) => deltas.push(t),
      onNotice: () => {},
    });
    expect(result.finishReason).toBe('stop');
    expect(deltas.join('')).toBe('Headline\n\nFirst paragraph of the rewrite.');
    expect(deltas.length).toBeGreaterThan(1);
  });

  it('counts input tokens through the client itself (client.post, not the stubbed responses resource)', async () => {
    const before = server.tokenCounts.length;
    const r = await mod.countInputTokens({
      baseURL: server.baseURL,
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Storm hits coast' }],
    });
    expect(typeof server.tokenCounts[before]).toBe('number');
    expect(r).toEqual({ tokens: server.tokenCounts[before], unsupported: false });
  });

  it('lists models and tells a missing /models apart', async () => {
    expect(await mod.listModels({ baseURL: server.baseURL, apiKey: 'sk-test' })).toEqual(['gpt-4o-mini', 'test-model']);
    expect(await mod.testConnection({ baseURL: server.baseURL, apiKey: 'sk-test', model: 'test-model' })).toEqual({ modelListed: true });
  });
});
