/**
 * The CLI prints page, model and server text inert: escape sequences (CSI, OSC, 8-bit forms) and control characters
 * other than line feed and tab never reach the terminal, unless --raw. Run through the CLI's own main() with a real
 * page file and against the project's local OpenAI-compatible server.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { forTerminal, TerminalFilter } from '../../cli/terminal';
import type { CommandIO } from '../../cli/commands/types';
import { openAIError, startLLMServer, type LLMServer } from '../support/llm-server';

const ESC = '\u001b';
const HOSTILE = [
  `${ESC}[31mred${ESC}[0m`,
  `${ESC}]0;pwned title\u0007`,
  `${ESC}]8;;https://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\`,
  `${ESC}[2J${ESC}[H`,
  '\u009b31mC1\u009b0m',
  '\u009d2;eight-bit title\u009c',
  `${ESC}P+q544e${ESC}\\`,
  `${ESC}(B${ESC}c`,
  'bell\u0007 back\u0008space del\u007f cr\r vt\u000b ff\u000c c1\u0085',
].join(' ');

/** Nothing a terminal would act on: no C0 control but \n and \t, no DEL, no C1. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a && c !== 0x09) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

function captured(): CommandIO & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), readStdin: async () => Buffer.from('') };
  return io;
}

describe('forTerminal', () => {
  it('drops escape sequences and controls, keeps the words, line feeds, tabs and any script', () => {
    const out = forTerminal(`${HOSTILE}\n\tkeep: café — 東京 😀`);
    expect(hasControl(out)).toBe(false);
    expect(out).not.toContain('pwned');
    expect(out).not.toContain('evil.example');
    expect(out).not.toContain('eight-bit');
    expect(out).toContain('red');
    expect(out).toContain('link');
    expect(out).toContain('C1');
    expect(out).toContain('\n\tkeep: café — 東京 😀');
    expect(forTerminal(`${ESC}[31mred${ESC}[0m plain`)).toBe('red plain');
  });

  it('drops a sequence split across streamed pieces whole', () => {
    const f = new TerminalFilter();
    const pieces = [`a${ESC}`, '[3', '1mb', `${ESC}]0;ti`, 'tle', '\u0007c'];
    expect(pieces.map((p) => f.write(p)).join('')).toBe('abc');
  });

  it('an OSC that never ends stops hiding text after 4096 characters', () => {
    const out = forTerminal(`${ESC}]0;${'x'.repeat(5000)}visible`);
    expect(out).toContain('visible');
  });
});

describe('the CLI prints page, model and server text inert', () => {
  let server: LLMServer;
  let page: string;
  const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
  beforeAll(async () => {
    server = await startLLMServer();
    process.env.OPENAI_API_KEY = 'sk-test-terminal-123';
    process.env.OPENAI_BASE_URL = server.baseURL;
    const dir = mkdtempSync(join(tmpdir(), 'newsmith-terminal-'));
    page = join(dir, 'hostile.html');
    const para = (n: number) =>
      `<p>Paragraph ${n} of the council story ${HOSTILE} with enough words to be read as the article body by the extractor today.</p>`;
    writeFileSync(
      page,
      `<!doctype html><html><head><title>Council ${ESC}]0;pwned\u0007 vote</title></head><body><article><h1>Council ${ESC}[31mvotes${ESC}[0m on the park</h1>${[1, 2, 3, 4, 5, 6].map(para).join('')}</article></body></html>`,
    );
  });
  afterAll(async () => {
    if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = saved.key;
    if (saved.url === undefined) delete process.env.OPENAI_BASE_URL;
    else process.env.OPENAI_BASE_URL = saved.url;
    await server.close();
  });

  it('extract: the page text without its escape sequences; --raw keeps them', async () => {
    const io = captured();
    expect(await main(['extract', page], io)).toBe(0);
    expect(io.out).toContain('Paragraph 6 of the council story');
    expect(hasControl(io.out)).toBe(false);
    expect(io.out).not.toContain('pwned');
    const raw = captured();
    expect(await main(['extract', page, '--raw'], raw)).toBe(0);
    expect(raw.out).toContain(ESC);
  });

  it('prompt: what would be sent, printed inert', async () => {
    const io = captured();
    expect(await main(['prompt', page], io)).toBe(0);
    expect(io.out).toContain('Paragraph 1');
    expect(hasControl(io.out)).toBe(false);
  });

  it('rewrite: a model answer full of escape sequences streams inert, split sequences too', async () => {
    const answer = `# Park ${ESC}]0;owned\u0007vote\n\n${HOSTILE} nul\u0000\n\nThe end.`;
    // One character per chunk: every sequence arrives split.
    server.enqueue({ chunks: [...answer] });
    const io = captured();
    expect(await main(['rewrite', page], io)).toBe(0);
    expect(io.out).toContain('# Park vote');
    expect(io.out).toContain('The end.');
    expect(hasControl(io.out)).toBe(false);
    expect(io.out).not.toContain('owned');
    server.enqueue({ chunks: [answer] });
    const raw = captured();
    expect(await main(['rewrite', '--raw', page], raw)).toBe(0);
    // --raw: no terminal filter. The answer's reader drops the control characters themselves, so the rest of the
    // sequence is left as plain text (nothing a terminal acts on).
    expect(raw.out).toContain(']0;owned');
  });

  it("rewrite: a server's error words are printed inert", async () => {
    server.enqueue({ status: 400, body: openAIError(`bad ${ESC}]0;hijacked\u0007request ${ESC}[2J`, 'invalid_request_error') });
    const io = captured();
    expect(await main(['rewrite', page], io)).toBe(1);
    expect(io.err).toContain('bad');
    expect(hasControl(io.err)).toBe(false);
    expect(io.err).not.toContain('hijacked');
  });

  it('rewrite: answer text that is not a string is a malformed stream, not a crash', async () => {
    server.enqueue({
      chunks: ['# Park\n\n', 'Kept.'],
      rawAfter: { index: 1, text: `data: {"choices":[{"index":0,"delta":{"content":{"x":1}},"finish_reason":null}]}\n\n` },
    });
    const io = captured();
    expect(await main(['rewrite', page], io)).toBe(1);
    expect(io.out).toContain('Kept.');
    expect(io.out).not.toContain('[object');
    expect(io.err).toMatch(/malformed stream/);
  });
});
