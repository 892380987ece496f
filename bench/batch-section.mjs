// Section 11 of `npm run bench`: `newsmith batch` on 20 articles at concurrency 3 against the local model server at a
// realistic pace (1 s to the first token, then 50 tokens per second), against the ideal: the sum of the items' own
// times (fetch, extraction, request, checks, file) divided by 3. The process's heap before and after is reported
// (after an untimed batch of 3, with a full collection before each reading).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full collection before each heap reading, whatever flags Node was started with. */
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc');

const ITEMS = 20;
const CONCURRENCY = 3;
const ANSWER_TOKENS = 100;

const page = (n) =>
  `<!doctype html><html lang="en"><head><title>Harbour Report ${n}</title></head><body><article><h1>Harbour Report ${n}</h1>${Array.from(
    { length: 8 },
    (_, i) =>
      `<p>Report ${n}, part ${i + 1}: the harbour board approved ${20 + n},000 pounds for the ferry pier on Tuesday, said its chair, after residents complained for months about the delays to the works.</p>`,
  ).join('')}</article></body></html>`;

export async function benchBatch(lib) {
  const server = await lib.startLLMServer();
  try {
    const urls = Array.from({ length: ITEMS }, (_, n) => server.addPage(`batch${n}`, page(n)).pageUrl(`batch${n}`));
    // One token per chunk: 1 s before the first, then 20 ms apart (50 tokens per second).
    server.setHandler(() => ({
      chunks: Array.from({ length: ANSWER_TOKENS }, (_, i) => (i === 0 ? '# Rewritten Harbour Report\n\n' : 'word ')),
      delayMs: 1_000,
      chunkDelayMs: 20,
    }));
    const dir = mkdtempSync(join(tmpdir(), 'newsmith-bench-batch-'));
    const list = join(dir, 'urls.txt');
    writeFileSync(list, urls.join('\n'));
    let err = '';
    const io = { stdout: () => {}, stderr: (t) => void (err += t), readStdin: async () => Buffer.from('') };
    const env = { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: server.baseURL };
    // A short batch first, untimed: the code is compiled and the heap holds what any run holds before the reading.
    const warm = join(dir, 'warm.txt');
    writeFileSync(warm, urls.slice(0, 3).join('\n'));
    await lib.runBatch(
      ['--urls', warm, '--out', join(dir, 'warm'), '--concurrency', String(CONCURRENCY), '--model', 'bench-model'],
      { ...io, stderr: () => {} },
      env,
    );
    const warmRequests = server.chatRequests.length;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const code = await lib.runBatch(['--urls', list, '--out', join(dir, 'out'), '--concurrency', String(CONCURRENCY), '--model', 'bench-model'], io, env);
    const wallMs = performance.now() - t0;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    const itemMs = [...err.matchAll(/ done: [^,]+, ([\d.]+) s/g)].map((m) => Number(m[1]) * 1000);
    const idealMs = itemMs.reduce((a, b) => a + b, 0) / CONCURRENCY;
    return {
      items: ITEMS,
      concurrency: CONCURRENCY,
      code,
      done: itemMs.length,
      wallMs,
      idealMs,
      ratio: wallMs / idealMs,
      heapBeforeMB: heapBefore / 2 ** 20,
      heapAfterMB: heapAfter / 2 ** 20,
      requests: server.chatRequests.length - warmRequests,
    };
  } finally {
    await server.close();
  }
}
