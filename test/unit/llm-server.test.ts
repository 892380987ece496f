// The test harness's mock LLM server, driven by the real openai SDK in Node: proves the wire format,
// the scripted failures, the cut streams and the recording that the browser tests rely on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import OpenAI, { APIError } from 'openai';
import { LLMServer, plans, splitText, startLLMServer } from '../support/llm-server';

let server: LLMServer;

beforeAll(async () => {
  server = await startLLMServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => server.reset());

function client(opts: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) {
  return new OpenAI({ baseURL: server.baseURL, apiKey: 'sk-test-123', maxRetries: 0, ...opts });
}

async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  let text = '';
  const finish: (string | null)[] = [];
  for await (const c of stream) {
    text += c.choices[0]?.delta?.content ?? '';
    finish.push(c.choices[0]?.finish_reason ?? null);
  }
  return { text, finish };
}

const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are a writer.' },
  { role: 'user', content: 'Rephrase the title: Something happened' },
];

describe('mock LLM server', () => {
  it('splitText keeps the exact text', () => {
    const t = '# Head line\n\nPara one is here.\n\nPara two.';
    for (const n of [1, 2, 3, 4, 7, 50]) expect(splitText(t, n).join('')).toBe(t);
    expect(splitText(t, 3).length).toBeLessThanOrEqual(3);
  });

  it('streams chunks in the real wire format, ending with stop and [DONE]', async () => {
    server.enqueue({ chunks: ['# Head', 'line\n\nOne.', '\n\nTwo.'] });
    const stream = await client().chat.completions.create({ model: 'test-model', messages, stream: true });
    const { text, finish } = await collect(stream);
    expect(text).toBe('# Headline\n\nOne.\n\nTwo.');
    expect(finish.at(-1)).toBe('stop');
    expect(finish.slice(0, -1).every((f) => f === null)).toBe(true);
    const r = await server.waitForResponseEnd(0);
    expect(r).toMatchObject({ streamed: true, completed: true, aborted: false, cut: false, chunksWritten: 3 });
  });

  it('records method, path, headers and the parsed body', async () => {
    await collect(await client().chat.completions.create({ model: 'm-1', messages, stream: true }));
    expect(server.chatRequests).toHaveLength(1);
    const req = server.chatRequests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer sk-test-123');
    expect(req.body.stream).toBe(true);
    expect(req.body.model).toBe('m-1');
    expect(req.body.messages?.[1]?.content).toMatch(/^Rephrase the title:/);
    expect(typeof req.time).toBe('number');
    expect(server.preflights).toHaveLength(0);
  });

  it('uses finish_reason length when told', async () => {
    server.enqueue({ text: 'a b c d', finishReason: 'length' });
    const { finish } = await collect(await client().chat.completions.create({ model: 'x', messages, stream: true }));
    expect(finish.at(-1)).toBe('length');
  });

  it('lists models', async () => {
    const list = await client().models.list();
    expect(list.data.map((m) => m.id)).toContain('test-model');
  });

  it('answers non-streamed requests with a chat.completion', async () => {
    server.enqueue({ text: 'Hello there' });
    const res = await client().chat.completions.create({ model: 'x', messages });
    expect(res.choices[0]?.message.content).toBe('Hello there');
  });

  it('401 is an AuthenticationError with the OpenAI message', async () => {
    server.enqueue(plans.unauthorized());
    const err = await client()
      .chat.completions.create({ model: 'x', messages, stream: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as APIError).status).toBe(401);
    expect((err as APIError).code).toBe('invalid_api_key');
    expect((err as Error).message).toMatch(/Incorrect API key/);
  });

  it('404 names the model', async () => {
    server.enqueue(plans.modelNotFound('no-such-model'));
    const err = await client()
      .chat.completions.create({ model: 'no-such-model', messages, stream: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as Error).message).toContain('no-such-model');
  });

  it('429 with retry-after is retried by the SDK, then succeeds', async () => {
    server.enqueue(plans.rateLimited(1), { text: 'Fine now.' });
    const t0 = Date.now();
    const { text } = await collect(await client({ maxRetries: 2 }).chat.completions.create({ model: 'x', messages, stream: true }));
    expect(text).toBe('Fine now.');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(server.chatRequests).toHaveLength(2);
    expect(server.responses.map((r) => r.status)).toEqual([429, 200]);
  });

  it('persistent 429: the SDK retries twice then throws RateLimitError', async () => {
    server.setHandler(() => ({ ...plans.rateLimited(0), headers: { 'retry-after-ms': '10' } }));
    const err = await client({ maxRetries: 2 })
      .chat.completions.create({ model: 'x', messages, stream: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(server.chatRequests).toHaveLength(3);
  });

  it('500 with an HTML body is retried then thrown as InternalServerError', async () => {
    server.setHandler(() => ({ ...plans.serverErrorHtml(), headers: { 'retry-after-ms': '10' } }));
    const err = await client({ maxRetries: 2 })
      .chat.completions.create({ model: 'x', messages, stream: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(server.chatRequests).toHaveLength(3);
    expect(server.responses[0]?.status).toBe(500);
  });

  it('cutAfter ends the stream without finish_reason or [DONE] (clean end)', async () => {
    server.enqueue({ chunks: ['one ', 'two ', 'three ', 'four'], cutAfter: 2 });
    const { text, finish } = await collect(await client().chat.completions.create({ model: 'x', messages, stream: true }));
    expect(text).toBe('one two ');
    expect(finish.every((f) => f === null)).toBe(true);
    const r = await server.waitForResponseEnd(0);
    expect(r).toMatchObject({ cut: true, completed: false, aborted: false, chunksWritten: 2 });
  });

  it('cutMode destroy kills the connection mid-body: the SDK iteration throws', async () => {
    server.enqueue({ chunks: ['one ', 'two ', 'three '], cutAfter: 1, cutMode: 'destroy' });
    let text = '';
    const err = await (async () => {
      for await (const c of await client().chat.completions.create({ model: 'x', messages, stream: true })) text += c.choices[0]?.delta?.content ?? '';
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(text).toBe('one ');
    expect(server.responses[0]).toMatchObject({ cut: true, aborted: false });
  });

  it('delays the first byte and the chunks', async () => {
    server.enqueue({ chunks: ['a', 'b', 'c'], delayMs: 200, chunkDelayMs: [0, 150, 150] });
    const t0 = Date.now();
    const stream = await client().chat.completions.create({ model: 'x', messages, stream: true });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    await collect(stream);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(480);
  });

  it('records a client abort mid-stream', async () => {
    server.enqueue({ chunks: ['a ', 'b ', 'c ', 'd'], chunkDelayMs: 300 });
    const stream = await client().chat.completions.create({ model: 'x', messages, stream: true });
    let n = 0;
    for await (const c of stream) {
      if (c.choices[0]?.delta?.content) n++;
      if (n === 1) break; // breaking out of the loop aborts the request
    }
    const r = await server.waitForResponseEnd(0, 5000);
    expect(r).toMatchObject({ aborted: true, completed: false });
    expect(r.chunksWritten).toBeLessThan(4);
  });

  it('records an AbortController abort before the first byte', async () => {
    server.enqueue({ text: 'never', delayMs: 2000 });
    const ac = new AbortController();
    const p = client().chat.completions.create({ model: 'x', messages, stream: true }, { signal: ac.signal });
    await server.waitForChatRequests(1);
    ac.abort();
    await expect(p).rejects.toThrow();
    const r = await server.waitForResponseEnd(0, 5000);
    expect(r.aborted).toBe(true);
  });

  it('a handler sees each chat request and its index', async () => {
    const seen: number[] = [];
    server.setHandler((req, i) => {
      seen.push(i);
      return { text: `answer ${i} for ${req.body.model}` };
    });
    const a = await collect(await client().chat.completions.create({ model: 'm', messages, stream: true }));
    const b = await collect(await client().chat.completions.create({ model: 'm', messages, stream: true }));
    expect([a.text, b.text]).toEqual(['answer 0 for m', 'answer 1 for m']);
    expect(seen).toEqual([0, 1]);
  });

  it('answers CORS preflights, echoing origin and requested headers, kept apart from requests', async () => {
    const res = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnop',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-stainless-os',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-stainless-os');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(server.preflights).toHaveLength(1);
    expect(server.requests).toHaveLength(0);
    server.enqueue(plans.rateLimited(3));
    const r2 = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { origin: 'chrome-extension://abcdefghijklmnop', 'content-type': 'application/json' },
      body: '{"stream":true}',
    });
    expect(r2.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
    expect(r2.headers.get('access-control-expose-headers')).toContain('retry-after');
  });

  it('serves registered pages under unique URLs', async () => {
    server.addPage('article', '<!doctype html><title>T | S</title><p>hi</p>');
    const u1 = server.pageUrl('article');
    const u2 = server.pageUrl('article', { v: '2' });
    expect(u1).not.toBe(u2);
    const res = await fetch(u2);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<title>T | S</title>');
    expect((await fetch(server.pageUrl('missing'))).status).toBe(404);
  });

  it('close() destroys open streams', async () => {
    const other = await startLLMServer();
    other.enqueue({ chunks: ['a', 'b'], chunkDelayMs: 5000 });
    const stream = await new OpenAI({ baseURL: other.baseURL, apiKey: 'k', maxRetries: 0 }).chat.completions.create({
      model: 'x',
      messages,
      stream: true,
    });
    const it = collect(stream).catch((e: unknown) => e);
    const t0 = Date.now();
    await other.close();
    await it;
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
