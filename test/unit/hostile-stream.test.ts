/**
 * A hostile endpoint's stream, through streamChat (the real openai SDK) against the project's own server: an endless
 * SSE line fails fast as a malformed stream instead of spinning until the idle timeout, answer text that is not a
 * string is a malformed stream, and in every case the text that arrived before is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/llm/errors';
import { streamChat } from '../../src/llm/openai';
import { eventPieces, MalformedStream } from '../../src/llm/stream-guard';
import { english } from '../../src/i18n-en';
import { contentChunk, startLLMServer, type LLMServer } from '../support/llm-server';

let server: LLMServer;
beforeAll(async () => {
  server = await startLLMServer();
});
afterAll(async () => server.close());

const KEY = 'sk-test-hostile-123';

async function run(idleTimeoutMs = 20_000) {
  const deltas: string[] = [];
  const started = Date.now();
  try {
    const result = await streamChat({
      baseURL: server.baseURL,
      apiKey: KEY,
      model: 'test-model',
      messages: [{ role: 'user', content: 'hi' }],
      idleTimeoutMs,
      maxRetries: 0,
      signal: new AbortController().signal,
      onDelta: (t) => deltas.push(t),
      onNotice: () => {},
    });
    return { result, text: deltas.join(''), deltas, error: null as unknown, ms: Date.now() - started };
  } catch (error) {
    const described = describeError(error, { baseURL: server.baseURL, model: 'test-model', apiKey: KEY }, english);
    return { result: null, text: deltas.join(''), deltas, error, described, ms: Date.now() - started };
  }
}

describe('hostile streams', () => {
  it('an SSE line that never ends fails as a malformed stream soon after 1 MB, keeping the text so far', async () => {
    // 8 MB of one line, then the connection held open: without a cap the SDK re-scans it until the idle timeout.
    server.enqueue({ chunks: ['# Headline\n\n', 'First paragraph.', 'never sent'], endlessLine: { after: 1, bytes: 8 * 1024 * 1024 } });
    const r = await run(20_000);
    expect(r.error).toBeInstanceOf(MalformedStream);
    expect(r.described).toMatchObject({ code: 'server' });
    expect(r.described?.message).toMatch(/malformed stream/);
    expect(r.described?.message).toContain('127.0.0.1');
    expect(r.text).toBe('# Headline\n\nFirst paragraph.');
    expect(r.ms).toBeLessThan(10_000);
    const end = await server.waitForResponseEnd(server.responses.length - 1, 5_000);
    expect(end.aborted || end.cut).toBe(true);
  }, 30_000);

  for (const [what, value] of [
    ['an object', { text: 'hi' }],
    ['a number', 42],
    ['an array', ['a', 'b']],
    ['true', true],
  ] as const) {
    it(`delta.content that is ${what} is a malformed stream, never "[object Object]"`, async () => {
      server.enqueue({ chunks: ['# Headline\n\n', 'Kept.'], rawAfter: { index: 1, text: contentChunk(value) } });
      const r = await run();
      expect(r.error).toBeInstanceOf(MalformedStream);
      expect(r.described?.message).toMatch(/malformed stream \(a piece of the answer that is not text\)/);
      expect(r.text).toBe('# Headline\n\nKept.');
      expect(r.text).not.toContain('[object');
    });
  }

  it('null content and empty deltas are fine (the role chunk has content "")', async () => {
    server.enqueue({ chunks: ['A', 'B'], rawAfter: { index: 0, text: contentChunk(null) } });
    const r = await run();
    expect(r.error).toBeNull();
    expect(r.text).toBe('A');
  });

  it('many events in one network read come out one piece each, the bytes unchanged', async () => {
    const events = Array.from({ length: 2000 }, (_, i) => `data: {"n":${i}}\n\n`).join('') + 'data: {"n":"last"}\r\n\r\ndata: tail';
    const bytes = new TextEncoder().encode(events);
    const out: Uint8Array[] = [];
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 5));
        c.enqueue(bytes.subarray(5));
        c.close();
      },
    });
    const reader = eventPieces(source).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
    expect(out).toHaveLength(2002);
    expect(new TextDecoder().decode(out[1])).toBe('data: {"n":1}\n\n');
    expect(new TextDecoder().decode(out[2000])).toBe('data: {"n":"last"}\r\n\r\n');
    expect(out.map((p) => new TextDecoder().decode(p)).join('')).toBe(events);
  });

  it('an event of many short lines with no blank line is capped too', async () => {
    const reader = eventPieces(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode('data: x\n'.repeat(4096)));
          c.close();
        },
      }),
    ).getReader();
    await expect(reader.read()).rejects.toBeInstanceOf(MalformedStream);
  });

  it('whole events in the same network read as an endless line are all read before the failure', async () => {
    // One read holds two whole events and the start of a line past the cap (a fast server, a big socket buffer).
    const head = 'data: {"n":1}\n\ndata: {"n":2}\n\n';
    const bytes = new TextEncoder().encode(head + 'data: ' + 'x'.repeat(2048));
    let cancelled: unknown = null;
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const reader = eventPieces(source, 1024).getReader();
    // Nothing is read until everything has arrived, as when the reader is busy with the text before.
    await new Promise((r) => setTimeout(r, 20));
    const first = await reader.read();
    const second = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: {"n":1}\n\n');
    expect(new TextDecoder().decode(second.value)).toBe('data: {"n":2}\n\n');
    await expect(reader.read()).rejects.toBeInstanceOf(MalformedStream);
    expect(cancelled).toBeInstanceOf(MalformedStream);
  });
});
