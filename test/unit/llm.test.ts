/** streamChat and describeError against the project's own OpenAI-compatible server, over real HTTP. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError, StreamAbort } from '../../src/llm/errors';
import { countInputTokens, probeEndpoint, streamChat, testConnection } from '../../src/llm/openai';
import { countsTokens } from '../../src/providers';
import { plans, startLLMServer, type LLMServer } from '../support/llm-server';
import { english } from '../../src/i18n-en';
import { say } from '../../src/i18n';

let server: LLMServer;
beforeAll(async () => {
  server = await startLLMServer();
});
afterAll(async () => server.close());

const KEY = 'sk-test-SECRETSECRET123';

async function run(opts: { signal?: AbortSignal; idleTimeoutMs?: number; baseURL?: string } = {}) {
  const deltas: string[] = [];
  const notices: (string | null)[] = [];
  const baseURL = opts.baseURL ?? server.baseURL;
  try {
    const result = await streamChat({
      baseURL,
      apiKey: KEY,
      model: 'test-model',
      messages: [{ role: 'user', content: 'hi' }],
      idleTimeoutMs: opts.idleTimeoutMs ?? 5_000,
      signal: opts.signal ?? new AbortController().signal,
      onDelta: (t) => deltas.push(t),
      onNotice: (n) => notices.push(n && say(english, n)),
    });
    return { result, text: deltas.join(''), deltas, notices, error: null as unknown };
  } catch (error) {
    return {
      result: null,
      text: deltas.join(''),
      deltas,
      notices,
      error,
      described: describeError(error, { baseURL, model: 'test-model', apiKey: KEY }, english),
    };
  }
}

describe('streamChat', () => {
  it('streams deltas in order and reports finish_reason stop', async () => {
    server.enqueue(plans.stream('# Title\n\nOne two three.', { chunkCount: 5 }));
    const r = await run();
    expect(r.error).toBeNull();
    expect(r.text).toBe('# Title\n\nOne two three.');
    expect(r.deltas.length).toBeGreaterThan(1);
    expect(r.result?.finishReason).toBe('stop');
    const req = server.chatRequests.at(-1);
    expect(req?.body.stream).toBe(true);
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('reports a stream cut before [DONE] as no finish reason, keeping the text', async () => {
    server.enqueue(plans.stream('alpha beta gamma delta', { chunkCount: 4, cutAfter: 2 }));
    const r = await run();
    expect(r.result?.finishReason ?? null).toBeNull();
    expect(r.text).toBe('alpha beta ');
  });

  it('reports finish_reason length', async () => {
    server.enqueue(plans.stream('alpha beta', { finishReason: 'length' }));
    expect((await run()).result?.finishReason).toBe('length');
  });

  it('gives up with an idle timeout when the stream stalls, keeping the text', async () => {
    server.enqueue(plans.stream('alpha beta gamma delta', { chunkCount: 4, chunkDelayMs: [0, 0, 2_000, 0] }));
    const r = await run({ idleTimeoutMs: 600 });
    expect(r.error).toBeInstanceOf(StreamAbort);
    expect(r.described?.code).toBe('timeout');
    expect(r.text).toBe('alpha beta ');
  });

  it("stops on the caller's abort and says so", async () => {
    const controller = new AbortController();
    server.enqueue(plans.stream('alpha beta gamma delta', { chunkCount: 4, chunkDelayMs: 300 }));
    setTimeout(() => controller.abort(new StreamAbort('stopped')), 450);
    const r = await run({ signal: controller.signal });
    expect(r.described?.code).toBe('stopped');
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.text).not.toBe('alpha beta gamma delta');
  });

  it('shows rate-limit retries as notices, then succeeds', async () => {
    server.enqueue(plans.rateLimited(1), plans.stream('ok then'));
    const before = server.chatRequests.length;
    const r = await run();
    expect(r.text).toBe('ok then');
    expect(server.chatRequests.length - before).toBe(2);
    expect(r.notices.some((n) => n !== null && /rate limited.*retrying in 1 s/i.test(n))).toBe(true);
    expect(r.notices.at(-1)).toBeNull();
  });
});

describe('describeError: what happened and what to do, never the key', () => {
  it('401 says check the API key and never shows it', async () => {
    server.enqueue(plans.unauthorized());
    const r = await run();
    expect(r.described?.code).toBe('auth');
    expect(r.described?.message).toMatch(/API key/);
    expect(r.described?.message).not.toContain(KEY);
  });

  it('404 names the model', async () => {
    server.enqueue(plans.modelNotFound('test-model'));
    const r = await run();
    expect(r.described?.code).toBe('model-not-found');
    expect(r.described?.message).toContain('"test-model"');
  });

  it('500 with an HTML page is retried, then a short message without the HTML', async () => {
    server.enqueue(plans.serverErrorHtml(), plans.serverErrorHtml(), plans.serverErrorHtml());
    const before = server.chatRequests.length;
    const r = await run();
    expect(server.chatRequests.length - before).toBe(3);
    expect(r.described?.code).toBe('server');
    expect(r.described?.message).not.toMatch(/<|nginx/i);
    expect(r.notices.some((n) => n !== null && /retry/i.test(n))).toBe(true);
  });

  it('a dead endpoint names the URL', async () => {
    const r = await run({ baseURL: 'http://127.0.0.1:9/v1' });
    expect(r.described?.code).toBe('unreachable');
    expect(r.described?.message).toContain('http://127.0.0.1:9/v1/chat/completions');
  }, 20_000);

  it('a local 403 names the OLLAMA_ORIGINS fix', async () => {
    server.enqueue({ status: 403, body: '' });
    const r = await run();
    expect(r.described?.code).toBe('forbidden');
    expect(r.described?.message).toContain('OLLAMA_ORIGINS');
  });
});

describe('testConnection', () => {
  it('says whether the endpoint lists the model', async () => {
    expect(await testConnection({ baseURL: server.baseURL, apiKey: KEY, model: 'test-model' })).toEqual({ modelListed: true });
    expect(await testConnection({ baseURL: server.baseURL, apiKey: KEY, model: 'nope' })).toEqual({ modelListed: false });
  });
});

describe('probeEndpoint', () => {
  it('counts any HTTP answer as reachable, a 401 included, and sends no key', async () => {
    const before = server.requests.length;
    expect(await probeEndpoint({ baseURL: server.baseURL })).toBe(true);
    expect(server.requests[before]?.headers.authorization).toBe('Bearer no-key');
    const refusing = createServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"no key"}}'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      expect(await probeEndpoint({ baseURL: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/v1` })).toBe(true);
    } finally {
      refusing.close();
    }
  });

  it('is false for nothing listening, a redirect, or no answer in time', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await probeEndpoint({ baseURL: `http://127.0.0.1:${port}/v1` })).toBe(false);
    const moving = createServer((_req, res) => res.writeHead(307, { location: 'http://example.invalid/v1/models' }).end());
    const silent = createServer(() => undefined);
    await Promise.all([moving, silent].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
    try {
      expect(await probeEndpoint({ baseURL: `http://127.0.0.1:${(moving.address() as AddressInfo).port}/v1` })).toBe(false);
      expect(await probeEndpoint({ baseURL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`, timeoutMs: 300 })).toBe(false);
    } finally {
      moving.close();
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('the key stays with the configured endpoint', () => {
  it('refuses a redirect to another origin instead of following it with the key', async () => {
    const other = await startLLMServer();
    try {
      server.enqueue(
        { status: 307, headers: { location: `${other.baseURL}/chat/completions` } },
        { status: 307, headers: { location: `${other.baseURL}/chat/completions` } },
        { status: 307, headers: { location: `${other.baseURL}/chat/completions` } },
      );
      const r = await run();
      expect(r.described?.message).toMatch(/redirect/);
      expect(r.described?.message).not.toContain(KEY);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('explains a refused connection without host access as a CORS matter', async () => {
    const { describeError: describe_ } = await import('../../src/llm/errors');
    const { APIConnectionError } = await import('openai');
    const msg = describe_(
      new APIConnectionError({ message: 'Connection error.' }),
      { baseURL: 'http://localhost:11434/v1', model: 'm', apiKey: '', hostPermission: false },
      english,
    ).message;
    expect(msg).toMatch(/CORS/);
    expect(msg).toMatch(/OLLAMA_ORIGINS/);
  });

  it('nothing listening at the address is said before any CORS advice', async () => {
    const { describeError: describe_ } = await import('../../src/llm/errors');
    const { APIConnectionError } = await import('openai');
    const err = describe_(
      new APIConnectionError({ message: 'Connection error.' }),
      { baseURL: 'http://localhost:11434/v1', model: 'm', apiKey: '', hostPermission: false, listening: false },
      english,
    );
    expect(err.code).toBe('unreachable');
    expect(err.message).toMatch(/^Nothing is listening at http:\/\/localhost:11434\/v1\/chat\/completions: no server answers at localhost:11434\./);
    expect(err.message).not.toMatch(/CORS|OLLAMA_ORIGINS/);
    const listening = describe_(
      new APIConnectionError({ message: 'Connection error.' }),
      { baseURL: 'http://localhost:11434/v1', model: 'm', apiKey: '', hostPermission: false, listening: true },
      english,
    );
    expect(listening.message).toMatch(/CORS/);
  });
});

describe('reasoning models', () => {
  it('get the instructions as the developer role', async () => {
    server.enqueue(plans.stream('ok'));
    await streamChat({
      baseURL: server.baseURL,
      apiKey: KEY,
      model: 'o3-mini',
      messages: [
        { role: 'system', content: 'rules' },
        { role: 'user', content: 'hi' },
      ],
      idleTimeoutMs: 5000,
      signal: new AbortController().signal,
      onDelta: () => {},
      onNotice: () => {},
    });
    expect(server.chatRequests.at(-1)?.body.messages?.map((m) => m.role)).toEqual(['developer', 'user']);
  });
});

describe('countInputTokens: the exact prompt size from the provider', () => {
  const messages = [
    { role: 'system' as const, content: 'You rewrite news articles.' },
    { role: 'user' as const, content: 'Rephrase the title: Storm hits coast\n\nThe storm reached the coast at 6 a.m. on Tuesday, officials said.' },
  ];

  it('returns what the endpoint counted, asked with the key, the model and the messages', async () => {
    const before = server.tokenCounts.length;
    const r = await countInputTokens({ baseURL: server.baseURL, apiKey: KEY, model: 'gpt-4o-mini', messages });
    const counted = server.tokenCounts[before];
    expect(typeof counted).toBe('number');
    expect(r).toEqual({ tokens: counted, unsupported: false });
    const request = server.requests.filter((q) => q.path === '/v1/responses/input_tokens').at(-1);
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toEqual({ model: 'gpt-4o-mini', input: messages });
  });

  it('says "unsupported" when the endpoint has no counter (404), so the caller stops asking', async () => {
    server.tokenCounter = false;
    try {
      expect(await countInputTokens({ baseURL: server.baseURL, apiKey: KEY, model: 'gpt-4o-mini', messages })).toEqual({ tokens: null, unsupported: true });
    } finally {
      server.tokenCounter = true;
    }
  });

  it('gives up quietly on a dead endpoint (the estimate stands) without calling it unsupported', async () => {
    expect(await countInputTokens({ baseURL: 'http://127.0.0.1:9/v1', apiKey: KEY, model: 'gpt-4o-mini', messages, timeoutMs: 2_000 })).toEqual({
      tokens: null,
      unsupported: false,
    });
  });

  it('never follows a redirect with the key', async () => {
    const other = await startLLMServer();
    const redirecting = createServer((_req, res) => {
      res.writeHead(307, { location: `${other.baseURL}/responses/input_tokens` });
      res.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const port = (redirecting.address() as AddressInfo).port;
      const r = await countInputTokens({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: KEY, model: 'gpt-4o-mini', messages });
      expect(r.tokens).toBeNull();
      expect(other.requests).toHaveLength(0);
    } finally {
      redirecting.close();
      await other.close();
    }
  });
});

describe('countsTokens: which models get an exact count', () => {
  it("asks for OpenAI's own model names only", () => {
    for (const m of ['gpt-4o-mini', 'gpt-4.1', 'gpt-5', 'o3-mini', 'o4-mini', 'chatgpt-4o-latest']) expect(countsTokens(m), m).toBe(true);
    for (const m of ['openai/gpt-4o-mini', 'llama3.1', 'mistral-small-latest', 'deepseek-chat', 'test-model', 'local-model'])
      expect(countsTokens(m), m).toBe(false);
  });
});
