/** A ceiling on spend: the output cap's size, its name per endpoint, and the request that carries it (real SDK, real HTTP). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamChat } from '../../src/llm/openai';
import { capParameter, outputCap } from '../../src/llm/output-cap';
import { defaults, parseSettings } from '../../src/settings';
import { openAIError, startLLMServer, type LLMServer } from '../support/llm-server';

let server: LLMServer;
beforeAll(async () => {
  server = await startLLMServer();
});
afterAll(async () => server.close());

async function run(maxOutputTokens?: number) {
  let text = '';
  const result = await streamChat({
    baseURL: server.baseURL,
    apiKey: 'sk-test-cap-123',
    model: 'test-model',
    messages: [{ role: 'user', content: 'hi' }],
    idleTimeoutMs: 5_000,
    maxRetries: 0,
    maxOutputTokens,
    signal: new AbortController().signal,
    onDelta: (t) => (text += t),
    onNotice: () => {},
  });
  return { ...result, text };
}

describe('outputCap', () => {
  const base = { seoPack: false, model: 'gpt-4o-mini', userMax: defaults.maxOutputTokens };
  it('is the article with headroom, a floor for short ones, and never over the user maximum', () => {
    expect(outputCap({ ...base, articleTokens: 2_000 })).toBe(3_400);
    expect(outputCap({ ...base, articleTokens: 2_000, seoPack: true })).toBe(3_700);
    expect(outputCap({ ...base, articleTokens: 50 })).toBe(1_024);
    expect(outputCap({ ...base, articleTokens: 200_000 })).toBe(16_000);
    expect(outputCap({ ...base, articleTokens: 2_000, userMax: 500 })).toBe(500);
    expect(outputCap({ ...base, articleTokens: 2_000, model: 'o3-mini' })).toBe(11_400);
  });

  it('is a setting with a default, validated on read', () => {
    expect(defaults.maxOutputTokens).toBe(16_000);
    expect(parseSettings({ maxOutputTokens: 4_000 }).maxOutputTokens).toBe(4_000);
    for (const bad of [0, 50, 2.5, -1, '4000', 2_000_000]) expect(parseSettings({ maxOutputTokens: bad }).maxOutputTokens).toBe(16_000);
  });

  it('goes by max_completion_tokens to OpenAI, by max_tokens to other endpoints', () => {
    expect(capParameter('https://api.openai.com/v1')).toBe('max_completion_tokens');
    expect(capParameter('https://my.openai.azure.com/openai')).toBe('max_completion_tokens');
    for (const url of ['https://openrouter.ai/api/v1', 'http://localhost:11434/v1', 'https://api.groq.com/openai/v1', 'https://api.mistral.ai/v1']) {
      expect(capParameter(url)).toBe('max_tokens');
    }
  });
});

describe('the request carries the cap', () => {
  it('as max_tokens to a local server, and an answer that reaches it ends with "length"', async () => {
    server.enqueue({ chunks: Array.from({ length: 30 }, (_, i) => `w${i} `), honourCap: true });
    const r = await run(12);
    expect(server.chatRequests.at(-1)?.body.max_tokens).toBe(12);
    expect(server.chatRequests.at(-1)?.body.max_completion_tokens).toBeUndefined();
    expect(r.finishReason).toBe('length');
    expect(r.text.trim().split(' ')).toHaveLength(12);
  });

  it('under the other name when a 400 names the one sent, then without it if that is refused too', async () => {
    const before = server.chatRequests.length;
    server.enqueue(
      {
        status: 400,
        body: openAIError(
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          'invalid_request_error',
          'unsupported_parameter',
          'max_tokens',
        ),
      },
      { text: 'Answer.' },
    );
    expect((await run(900)).text).toBe('Answer.');
    const [first, second] = server.chatRequests.slice(before);
    expect(first?.body.max_tokens).toBe(900);
    expect(second?.body).toMatchObject({ max_completion_tokens: 900 });
    expect(second?.body.max_tokens).toBeUndefined();

    server.enqueue(
      { status: 400, body: openAIError('Unrecognized request argument supplied: max_tokens', 'invalid_request_error') },
      { status: 400, body: openAIError('Unrecognized request argument supplied: max_completion_tokens', 'invalid_request_error') },
      { text: 'Uncapped.' },
    );
    expect((await run(900)).text).toBe('Uncapped.');
    const third = server.chatRequests.at(-1)?.body;
    expect(third?.max_tokens).toBeUndefined();
    expect(third?.max_completion_tokens).toBeUndefined();
  });

  it('a 400 about something else is not retried', async () => {
    const before = server.chatRequests.length;
    server.enqueue({ status: 400, body: openAIError('messages: too long', 'invalid_request_error') });
    await expect(run(900)).rejects.toThrow(/too long/);
    expect(server.chatRequests.length - before).toBe(1);
  });
});
