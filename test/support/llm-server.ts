/**
 * A local OpenAI-compatible server for the tests (node:http, 127.0.0.1, a free port).
 *
 * - `POST /v1/chat/completions` answers what the test scripted: a streamed answer in the real SSE wire format,
 *   an error in OpenAI's JSON shape, an HTML error page, a stream cut before its end, with delays.
 * - `GET /v1/models` lists models.
 * - `GET /page/<name>?…` serves HTML pages registered by the test (the article pages), so every test can use
 *   its own URL with a unique query string; a page may have its own status, Content-Type, raw bytes, and CORS
 *   headers for readers that send cookies (`PageOptions`).
 * - CORS: answers preflights (kept apart from the main request list) and adds the CORS headers to every answer.
 * - Records every request and how every streamed answer ended (fully written, cut by plan, aborted by the client).
 */

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server answers to one chat request. Every field is optional; the default is a short 200 stream. */
export interface Plan {
  /** HTTP status; default 200. Anything but 2xx sends `body` (or a default OpenAI-shaped error) instead of a stream. */
  status?: number;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }`. They are exposed to CORS readers too. */
  headers?: Record<string, string>;
  /** Body for a non-2xx answer: an object is sent as JSON, a string as is (text/html when it starts with '<'). */
  body?: unknown;
  /** The streamed answer's text. Split into `chunks` if those are not given. */
  text?: string;
  /** The streamed answer as explicit pieces; wins over `text`. */
  chunks?: string[];
  /** When only `text` is given: how many pieces to split it into (default 4, by words). */
  chunkCount?: number;
  /** Milliseconds before the first byte (the headers) is sent. */
  delayMs?: number;
  /** Milliseconds between content chunks: one number, or one entry per gap (before chunk 1, 2, …). */
  chunkDelayMs?: number | number[];
  /** End the answer after this many content chunks: no finish_reason, no `[DONE]`. */
  cutAfter?: number;
  /** How a cut ends: `'end'` closes the HTTP body cleanly (default), `'destroy'` kills the socket mid-body. */
  cutMode?: 'end' | 'destroy';
  /**
   * Raw SSE text written after content chunk N (0-based index → text), e.g. a malformed line
   * (`'data: {not json\n\n'`) or an error event (`'data: {"error":{"message":"overloaded"}}\n\n'`).
   * After it the answer ends as `cutAfter` would, so the client decides what it saw.
   */
  rawAfter?: { index: number; text: string };
  /**
   * A hostile stream: after content chunk N (0-based), one SSE line that never ends: `bytes` bytes of answer text
   * with no newline, written in pieces of `pieceBytes` (default 64 KiB); then the connection is held open until
   * the client leaves. A client without a cap keeps reading (and re-scanning) until its idle timeout.
   */
  endlessLine?: { after: number; bytes: number; pieceBytes?: number };
  /**
   * Honour the request's output cap (`max_completion_tokens` or `max_tokens`) as a real model does, counting each
   * content chunk as one token: past the cap the answer ends with finish_reason "length".
   */
  honourCap?: boolean;
  /** finish_reason of the last chunk; default 'stop'. */
  finishReason?: 'stop' | 'length';
  /** Model named in the chunks; default: the request's model. */
  model?: string;
}

/** How a registered page is served; by default as UTF-8 HTML with status 200 and no CORS headers. */
export interface PageOptions {
  /** The Content-Type header; `null` sends none. Default `text/html; charset=utf-8`. */
  contentType?: string | null;
  /** Default 200. */
  status?: number;
  /**
   * Lets another origin read the page with cookies (`credentials: 'include'`, as the extension's page reader does):
   * the request's Origin echoed in Access-Control-Allow-Origin, with Access-Control-Allow-Credentials: true.
   */
  credentialedCors?: boolean;
}

/** A chat request body as the tests read it (parsed JSON: nothing here is checked). */
export interface ChatRequestBody {
  model?: string;
  stream?: boolean;
  messages?: { role: string; content: string }[];
  [key: string]: unknown;
}

export interface RecordedRequest {
  /** 0-based index in `requests`. */
  index: number;
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Path with the query string. */
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body; `{}` when there is none or it is not a JSON object. */
  body: ChatRequestBody;
  time: number;
}

export interface Preflight {
  path: string;
  origin: string | undefined;
  requestMethod: string | undefined;
  requestHeaders: string | undefined;
  time: number;
}

/** How one chat answer went, from the server's side. */
export interface ResponseRecord {
  /** Index of the chat request in `requests`. */
  requestIndex: number;
  status: number;
  streamed: boolean;
  /** Content chunks written so far. */
  chunksWritten: number;
  /** The whole answer was written: for a stream, the finish chunk and `[DONE]` too. */
  completed: boolean;
  /** The plan cut the answer short (cutAfter). */
  cut: boolean;
  /** The client closed the connection before the answer was complete. */
  aborted: boolean;
  /** Set once the response is over in any way. */
  endedAt: number | null;
  startedAt: number;
}

export type PlanHandler = (req: RecordedRequest, chatIndex: number) => Plan | Promise<Plan>;

export const DEFAULT_ANSWER =
  '# Local Council Approves New Riverside Park\n\nThe council voted on Tuesday to turn the old docks into a park.\n\nWork is set to begin next spring.';

/** Splits text into `n` pieces at word boundaries (the pieces join back to the exact text). */
export function splitText(text: string, n: number): string[] {
  if (n <= 1 || text.length === 0) return [text];
  const words = text.match(/\S+\s*|\s+/g) ?? [text];
  const per = Math.ceil(words.length / n);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += per) out.push(words.slice(i, i + per).join(''));
  return out;
}

/** An OpenAI-shaped error body. */
export function openAIError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

/** Ready-made plans for the usual failures. */
export const plans = {
  stream(text: string, extra: Plan = {}): Plan {
    return { text, ...extra };
  },
  unauthorized(): Plan {
    return {
      status: 401,
      body: openAIError(
        'Incorrect API key provided: sk-wr***ng. You can find your API key at https://platform.openai.com/account/api-keys.',
        'invalid_request_error',
        'invalid_api_key',
      ),
    };
  },
  modelNotFound(model: string): Plan {
    return {
      status: 404,
      body: openAIError(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found', 'model'),
    };
  },
  rateLimited(retryAfterSec = 1): Plan {
    return {
      status: 429,
      headers: { 'retry-after': String(retryAfterSec) },
      body: openAIError('Rate limit reached for requests. Please try again in 1s.', 'requests', 'rate_limit_exceeded'),
    };
  },
  serverErrorHtml(status = 500): Plan {
    return {
      status,
      body: `<html>\r\n<head><title>${status} Internal Server Error</title></head>\r\n<body>\r\n<center><h1>${status} Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    };
  },
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class LLMServer {
  readonly requests: RecordedRequest[] = [];
  readonly preflights: Preflight[] = [];
  readonly responses: ResponseRecord[] = [];
  /** Models listed by GET /v1/models. */
  models: string[] = ['gpt-4o-mini', 'test-model'];
  /**
   * Whether POST /v1/responses/input_tokens answers, as OpenAI's does (the real o200k tokenizer, 4 tokens of
   * framing per message plus 3), or 404s, as most OpenAI-compatible servers do.
   */
  tokenCounter = true;
  /** What each token count answered, in order (null: answered 404). */
  readonly tokenCounts: (number | null)[] = [];

  private server: Server;
  private sockets = new Set<Socket>();
  private queue: Plan[] = [];
  private handler: PlanHandler | null = null;
  private pages = new Map<string, { body: string | Uint8Array; options: PageOptions }>();
  private closed = false;
  private waiters = new Set<() => void>();
  private uniq = 0;
  port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(err));
        } else res.destroy();
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  /** On a free port, or on `port` (a local provider's own, say). */
  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The base URL to give the SDK or the options page. */
  get baseURL(): string {
    return `${this.origin}/v1`;
  }

  /** Chat completion requests only (POST …/chat/completions), in order. */
  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));
  }

  /** Scripts the next chat answers, in order. When the queue is empty the handler (or the default) answers. */
  enqueue(...p: Plan[]): this {
    this.queue.push(...p);
    return this;
  }

  /** Answers every chat request the queue does not cover. `null` restores the default answer. */
  setHandler(h: PlanHandler | null): this {
    this.handler = h;
    return this;
  }

  /** Forgets recorded requests, plans and the handler (pages stay). */
  reset(): void {
    this.requests.length = 0;
    this.preflights.length = 0;
    this.responses.length = 0;
    this.queue.length = 0;
    this.handler = null;
    this.tokenCounts.length = 0;
    this.tokenCounter = true;
  }

  /** Serves `body` (HTML text, or raw bytes sent as they are) at `/page/<name>`. */
  addPage(name: string, body: string | Uint8Array, options: PageOptions = {}): this {
    this.pages.set(name, { body, options });
    return this;
  }

  /** A unique URL for a registered page (a query string makes each call distinct). */
  pageUrl(name: string, query: Record<string, string> = {}): string {
    const u = new URL(`${this.origin}/page/${encodeURIComponent(name)}`);
    u.searchParams.set('t', `${Date.now().toString(36)}-${++this.uniq}`);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.toString();
  }

  /** Resolves when `predicate` holds; checked after every recorded event. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (predicate()) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`LLMServer: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  waitForChatRequests(n: number, timeoutMs = 10_000): Promise<void> {
    return this.waitFor(() => this.chatRequests.length >= n, timeoutMs, `${n} chat request(s) (have ${this.chatRequests.length})`);
  }

  /** Waits until the chat answer number `i` (0-based, among chat answers) is over in any way. */
  async waitForResponseEnd(i: number, timeoutMs = 10_000): Promise<ResponseRecord> {
    await this.waitFor(() => this.responses[i]?.endedAt != null, timeoutMs, `chat response #${i} to end`);
    return this.responses[i]!;
  }

  /** Waits until chat answer `i` has written at least `n` content chunks. */
  async waitForChunks(i: number, n: number, timeoutMs = 10_000): Promise<void> {
    await this.waitFor(() => (this.responses[i]?.chunksWritten ?? 0) >= n, timeoutMs, `chat response #${i} to write ${n} chunk(s)`);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async writeEndlessLine(res: ServerResponse, line: { bytes: number; pieceBytes?: number }, gone: () => boolean): Promise<void> {
    const piece = 'a'.repeat(line.pieceBytes ?? 64 * 1024);
    res.write('data: {"choices":[{"index":0,"delta":{"content":"');
    for (let sent = 0; sent < line.bytes && !gone(); sent += piece.length) {
      // Waits for the socket to drain, so the client reads the line as it grows.
      if (!res.write(piece)) await new Promise<void>((r) => res.once('drain', () => r()).once('close', () => r()));
    }
    for (let waited = 0; !gone() && waited < 120_000; waited += 50) await sleep(50);
    if (!res.destroyed) res.destroy();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private corsHeaders(req: IncomingMessage, extraExposed: string[] = []): Record<string, string> {
    const origin = req.headers.origin;
    const exposed = ['retry-after', 'retry-after-ms', 'x-request-id', 'x-should-retry', 'openai-processing-ms', ...extraExposed];
    return {
      'access-control-allow-origin': origin ?? '*',
      'access-control-expose-headers': [...new Set(exposed.map((h) => h.toLowerCase()))].join(', '),
      vary: 'Origin',
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const method = req.method ?? 'GET';

    if (method === 'OPTIONS') {
      const requestHeaders = req.headers['access-control-request-headers'];
      this.preflights.push({
        path,
        origin: req.headers.origin,
        requestMethod: req.headers['access-control-request-method'] as string | undefined,
        requestHeaders: requestHeaders as string | undefined,
        time: Date.now(),
      });
      const headers: Record<string, string> = {
        ...this.corsHeaders(req),
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': (requestHeaders as string | undefined) || 'authorization, content-type',
        'access-control-max-age': '600',
      };
      if (req.headers['access-control-request-private-network'] === 'true') headers['access-control-allow-private-network'] = 'true';
      res.writeHead(204, headers);
      res.end();
      this.notify();
      return;
    }

    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: ChatRequestBody = {};
    try {
      const parsed: unknown = rawBody ? JSON.parse(rawBody) : undefined;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as ChatRequestBody;
    } catch {
      /* not JSON: keep {} */
    }
    const record: RecordedRequest = {
      index: this.requests.length,
      method,
      path,
      url,
      headers: req.headers,
      rawBody,
      body,
      time: Date.now(),
    };
    this.requests.push(record);
    this.notify();

    if (method === 'GET' && path.startsWith('/page/')) {
      const name = decodeURIComponent(path.slice('/page/'.length));
      const page = this.pages.get(name);
      const options = page?.options ?? {};
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      const type = options.contentType === undefined ? 'text/html; charset=utf-8' : options.contentType;
      if (type !== null) headers['content-type'] = type;
      if (options.credentialedCors && req.headers.origin) {
        headers['access-control-allow-origin'] = req.headers.origin;
        headers['access-control-allow-credentials'] = 'true';
        headers.vary = 'Origin';
      }
      res.writeHead(page === undefined ? 404 : (options.status ?? 200), headers);
      res.end(page?.body ?? `<!doctype html><title>Not found</title><p>No page named ${name}</p>`);
      return;
    }
    if (method === 'GET' && path === '/favicon.ico') {
      res.writeHead(404, this.corsHeaders(req));
      res.end();
      return;
    }
    if (method === 'GET' && /\/models\/?$/.test(path)) {
      const created = Math.floor(Date.now() / 1000);
      res.writeHead(200, { ...this.corsHeaders(req), 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: this.models.map((id) => ({ id, object: 'model', created, owned_by: 'test' })) }));
      return;
    }
    if (method === 'POST' && path.endsWith('/responses/input_tokens')) {
      if (!this.tokenCounter) {
        this.tokenCounts.push(null);
      } else {
        const input = Array.isArray(body?.input) ? (body.input as { content?: unknown }[]) : [];
        // Loaded on first use: its tables weigh ~hundreds of MB of heap, which `npm run bench` must not carry.
        const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
        const tokens = input.reduce((sum, m) => sum + 4 + countTokens(typeof m.content === 'string' ? m.content : ''), 3);
        this.tokenCounts.push(tokens);
        res.writeHead(200, { ...this.corsHeaders(req), 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'response.input_tokens', input_tokens: tokens }));
        return;
      }
    }
    if (method === 'POST' && path.endsWith('/chat/completions')) {
      const chatIndex = this.chatRequests.length - 1;
      const plan = this.queue.shift() ?? (this.handler ? await this.handler(record, chatIndex) : {});
      await this.answerChat(req, res, record, plan);
      return;
    }
    res.writeHead(404, { ...this.corsHeaders(req), 'content-type': 'application/json' });
    res.end(JSON.stringify(openAIError(`Unknown request URL: ${method} ${path}.`, 'invalid_request_error', 'unknown_url')));
  }

  private async answerChat(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, plan: Plan): Promise<void> {
    const status = plan.status ?? 200;
    const streamed = status >= 200 && status < 300 && record.body.stream === true;
    const rec: ResponseRecord = {
      requestIndex: record.index,
      status,
      streamed,
      chunksWritten: 0,
      completed: false,
      cut: false,
      aborted: false,
      endedAt: null,
      startedAt: Date.now(),
    };
    this.responses.push(rec);
    let clientGone = false;
    const onClose = () => {
      // 'close' also follows a normal end: only a close before the body was finished is the client leaving.
      if (res.writableFinished) return;
      if (rec.endedAt == null) {
        clientGone = true;
        if (!rec.completed && !rec.cut) rec.aborted = true;
        rec.endedAt = Date.now();
        this.notify();
      }
    };
    res.on('close', onClose);
    req.on('close', () => {
      // The request body is read already, so 'close' on req only matters when the socket is gone.
      if (req.socket.destroyed) onClose();
    });
    const finish = () => {
      if (rec.endedAt == null) rec.endedAt = Date.now();
      this.notify();
    };

    const wait = async (ms: number) => {
      if (ms > 0) await sleep(ms);
      return !clientGone && !this.closed;
    };

    if (!(await wait(plan.delayMs ?? 0))) return;
    const extraHeaders = plan.headers ?? {};
    const cors = this.corsHeaders(req, Object.keys(extraHeaders));
    const requestId = `req_${record.index}_${Date.now().toString(36)}`;

    if (status < 200 || status >= 300) {
      let payload: string;
      let type: string;
      if (typeof plan.body === 'string') {
        payload = plan.body;
        type = plan.body.trimStart().startsWith('<') ? 'text/html' : 'text/plain';
      } else {
        payload = JSON.stringify(plan.body ?? openAIError(`Error ${status}`, 'api_error'));
        type = 'application/json';
      }
      res.writeHead(status, { ...cors, 'x-request-id': requestId, ...extraHeaders, 'content-type': type });
      res.end(payload, () => {
        rec.completed = true;
        finish();
      });
      return;
    }

    const model = plan.model ?? (typeof record.body.model === 'string' ? record.body.model : 'test-model');
    let pieces = plan.chunks ?? splitText(plan.text ?? DEFAULT_ANSWER, plan.chunkCount ?? 4);
    let finishReason = plan.finishReason ?? 'stop';
    const cap = record.body.max_completion_tokens ?? record.body.max_tokens;
    if (plan.honourCap && typeof cap === 'number' && pieces.length > cap) {
      pieces = pieces.slice(0, cap);
      finishReason = 'length';
    }
    const id = `chatcmpl-${record.index}${Date.now().toString(36)}`;
    const created = Math.floor(Date.now() / 1000);

    if (!streamed) {
      const text = pieces.join('');
      res.writeHead(200, { ...cors, 'x-request-id': requestId, ...extraHeaders, 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: finishReason }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
        () => {
          rec.completed = true;
          finish();
        },
      );
      return;
    }

    const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        system_fingerprint: 'fp_test',
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      })}\n\n`;

    res.writeHead(200, {
      ...cors,
      'x-request-id': requestId,
      ...extraHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write(chunk({ role: 'assistant', content: '', refusal: null }, null));

    const gaps = plan.chunkDelayMs ?? 0;
    for (let i = 0; i < pieces.length; i++) {
      if (plan.cutAfter !== undefined && i >= plan.cutAfter) break;
      const gap = typeof gaps === 'number' ? gaps : (gaps[i] ?? gaps[gaps.length - 1] ?? 0);
      if (!(await wait(gap))) return;
      res.write(chunk({ content: pieces[i] }, null));
      rec.chunksWritten++;
      this.notify();
      if (plan.endlessLine?.after === i) {
        await this.writeEndlessLine(res, plan.endlessLine, () => clientGone || this.closed);
        rec.cut = true;
        finish();
        return;
      }
      if (plan.rawAfter?.index === i) {
        res.write(plan.rawAfter.text);
        rec.cut = true;
        await sleep(30);
        res.end(() => finish());
        return;
      }
    }

    if (plan.cutAfter !== undefined && plan.cutAfter < pieces.length) {
      rec.cut = true;
      if (plan.cutMode === 'destroy') {
        // Let the last chunk reach the client, then kill the connection mid-body.
        await sleep(50);
        res.destroy();
        finish();
      } else {
        res.end(() => finish());
      }
      return;
    }
    if (!(await wait(0))) return;
    res.write(chunk({}, finishReason));
    res.write('data: [DONE]\n\n');
    res.end(() => {
      rec.completed = true;
      finish();
    });
  }
}

/** The SSE text of one chunk whose `delta.content` is `content` (any JSON: an object, a number…), for `rawAfter`. */
export function contentChunk(content: unknown): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-hostile', object: 'chat.completion.chunk', created: 0, model: 'test-model', choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }] })}\n\n`;
}

/** Starts a server on 127.0.0.1 with a free port. */
export async function startLLMServer(): Promise<LLMServer> {
  return new LLMServer().listen();
}
