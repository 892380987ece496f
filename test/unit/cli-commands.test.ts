/** The prompt, rewrite and check commands, run in-process with captured streams; rewrite against the local LLM server. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLines, runCheck } from '../../cli/commands/check';
import { toChecksJson, type ChecksResult } from '../../src/checks';
import { checkSeo } from '../../src/checks/seo';
import { runPrompt } from '../../cli/commands/prompt';
import { runRewrite } from '../../cli/commands/rewrite';
import type { CommandIO } from '../../cli/commands/types';
import { startLLMServer, type LLMServer } from '../support/llm-server';

function capture(stdin = ''): CommandIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async () => Buffer.from(stdin),
    out: () => out,
    err: () => err,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'newsmith-cli-'));
const paragraphs = Array.from(
  { length: 6 },
  (_, i) =>
    `Paragraph ${i + 1}: the harbour board approved 27,000 pounds for the ferry pier repairs, said chair Maria Lopez on Tuesday, after residents complained about delays.`,
);
const page = join(dir, 'page.html');
writeFileSync(
  page,
  `<!doctype html><html lang="en"><head><title>Harbour Board Approves Pier Repairs | Gazette</title></head><body><article><h1>Harbour Board Approves Pier Repairs</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}<p>Read Also: Something else entirely</p></article></body></html>`,
);

let server: LLMServer;
beforeAll(async () => {
  server = await startLLMServer();
});
afterAll(async () => server.close());

describe('newsmith prompt', () => {
  it('prints the prompt the extension would send, without the page junk', async () => {
    const io = capture();
    expect(await runPrompt([page, '--url', 'https://news.example/pier'], io)).toBe(0);
    expect(io.out()).toContain('Rephrase the title:Harbour Board Approves Pier Repairs\n\n');
    expect(io.out()).toContain(paragraphs[5]);
    expect(io.out()).not.toContain('Read Also');
  });

  it('prints the messages as JSON with --json, in the language asked for', async () => {
    const io = capture();
    expect(await runPrompt([page, '--json', '--language', 'German'], io)).toBe(0);
    const messages = JSON.parse(io.out()) as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[1]?.content).toContain('respond only in language German');
  });

  it('says what is wrong with a missing file, with a non-zero exit', async () => {
    const io = capture();
    expect(await runPrompt([join(dir, 'nope.html')], io)).toBe(1);
    expect(io.err()).toMatch(/no such file/);
  });
});

describe('newsmith rewrite', () => {
  it('streams the rewrite from the endpoint in OPENAI_BASE_URL with OPENAI_API_KEY', async () => {
    server.enqueue({ text: '# Pier Repairs Approved\n\nThe board agreed.', chunkCount: 4 });
    const io = capture();
    const code = await runRewrite([page, '--model', 'test-model'], io, { OPENAI_API_KEY: 'sk-cli', OPENAI_BASE_URL: server.baseURL });
    expect(code).toBe(0);
    expect(io.out()).toBe('# Pier Repairs Approved\n\nThe board agreed.\n');
    const req = server.chatRequests.at(-1)!;
    expect(req.headers.authorization).toBe('Bearer sk-cli');
    expect(req.body.model).toBe('test-model');
  });

  it('prints the answer read once (SEO extras after it, or as JSON), not the raw text', async () => {
    const answer =
      '```markdown\n# Pier Repairs Approved\n\nThe board agreed.\n\n- Cost: 27,000 pounds\n\nMeta description: Repairs approved.\nSlug: pier-repairs\n```';
    server.enqueue({ text: answer, chunkCount: 5 }, { text: answer, chunkCount: 5 });
    const env = { OPENAI_API_KEY: 'sk-cli', OPENAI_BASE_URL: server.baseURL };
    const md = capture();
    expect(await runRewrite([page, '--model', 'test-model'], md, env)).toBe(0);
    expect(md.out()).toBe(
      '# Pier Repairs Approved\n\nThe board agreed.\n\n- Cost: 27,000 pounds\n\n---\n\nMeta description: Repairs approved.\nSlug: pier-repairs\n',
    );
    const json = capture();
    expect(await runRewrite([page, '--model', 'test-model', '--format', 'json'], json, env)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({
      state: 'done',
      headline: 'Pier Repairs Approved',
      seo: { metaDescription: 'Repairs approved.', slug: 'pier-repairs' },
      checks: { facts: expect.any(Object) },
    });
  });

  it('a page that may be cut off is sent only with --yes; without it nothing goes out', async () => {
    const gated = join(dir, 'gated.html');
    writeFileSync(
      gated,
      `<!doctype html><html lang="en"><head><title>Harbour Cargo Rises</title></head><body><article><h1>Harbour Cargo Rises</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}<p>Subscribe to continue reading.</p></article></body></html>`,
    );
    const env = { OPENAI_API_KEY: 'sk-cli', OPENAI_BASE_URL: server.baseURL };
    const before = server.requests.length;
    const io = capture();
    expect(await runRewrite([gated, '--model', 'test-model'], io, env)).toBe(1);
    expect(io.err()).toMatch(/Nothing was sent\. Run again with --yes/);
    expect(io.out()).toBe('');
    expect(server.requests.length).toBe(before);
    server.enqueue({ text: '# Cargo Rises\n\nVolumes rose.' });
    const yes = capture();
    expect(await runRewrite([gated, '--model', 'test-model', '--yes'], yes, env)).toBe(0);
    expect(yes.out()).toBe('# Cargo Rises\n\nVolumes rose.\n');
  });

  it('without a key prints the prompt and says how to set one', async () => {
    const io = capture();
    expect(await runRewrite([page], io, {})).toBe(0);
    expect(io.out()).toContain('Rephrase the title:Harbour Board Approves Pier Repairs');
    expect(io.err()).toMatch(/OPENAI_API_KEY/);
  });

  it('refuses an OPENAI_BASE_URL with user:pass@ in it, before anything is sent, without echoing it', async () => {
    const before = server.requests.length;
    const io = capture();
    const url = server.baseURL.replace('http://', 'http://alice:hunter2@');
    expect(await runRewrite([page], io, { OPENAI_API_KEY: 'sk-cli', OPENAI_BASE_URL: url })).toBe(2);
    expect(io.err()).toMatch(/OPENAI_BASE_URL .*user name and password/);
    expect(io.err()).not.toContain('hunter2');
    expect(io.out()).toBe('');
    expect(server.requests.length).toBe(before);
  });

  it('reports a refused key clearly, without the key', async () => {
    server.enqueue({ status: 401, body: { error: { message: 'bad key', type: 'invalid_request_error' } } });
    const io = capture();
    expect(await runRewrite([page], io, { OPENAI_API_KEY: 'sk-secret-cli-key', OPENAI_BASE_URL: server.baseURL })).toBe(1);
    expect(io.err()).toMatch(/API key/);
    expect(io.err()).not.toContain('sk-secret-cli-key');
  });
});

describe('newsmith check', () => {
  const source = join(dir, 'source.txt');
  writeFileSync(source, paragraphs.join('\n\n'));

  it('prints the documented JSON, finding a changed figure and copied runs', async () => {
    const rewrite = join(dir, 'rewrite.md');
    writeFileSync(rewrite, `# Pier Repairs Get 28,000 Pounds\n\nMaria Lopez said the money was approved on Tuesday.\n\n${paragraphs[0]}\n\n${paragraphs[1]}`);
    const io = capture();
    expect(await runCheck(['--source', source, '--rewrite', rewrite, '--json'], io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(Object.keys(json)).toEqual(['headline', 'facts', 'originality', 'seo', 'findings', 'summary', 'capabilities']);
    expect(json.headline).toBe('Pier Repairs Get 28,000 Pounds');
    expect(json.facts.added.map((f: { text: string }) => f.text).join(' ')).toMatch(/28,000/);
    expect(json.originality.longestRun).toBeGreaterThanOrEqual(20);
    expect(Object.keys(json.originality)).toEqual(['copiedShare', 'longestRun', 'runs', 'passages', 'warn']);
    expect(json.originality.passages.map((p: { text: string }) => p.text)).toEqual([paragraphs[0]!.replace(/\.$/, ''), paragraphs[1]!.replace(/\.$/, '')]);
    expect(json.originality.warn).toBe(true);
    expect(json.seo.headlineChars).toBe('Pier Repairs Get 28,000 Pounds'.length);
    // The findings hold the same facts and runs, with their counts; English by default.
    const kinds = json.findings.map((f: { kind: string }) => f.kind);
    expect(kinds).toContain('added-fact');
    expect(kinds).toContain('copied');
    for (const [kind, n] of Object.entries(json.summary)) expect(kinds.filter((k: string) => k === kind).length, kind).toBe(n);
    expect(json.capabilities).toMatchObject({ lang: 'en', readingEase: true });
    expect(json.seo).toMatchObject({ readingEaseFormula: 'Flesch', readingEase: expect.any(Number) });
  });

  it('--lang picks the reading-ease formula, and leaves it out for a language with none', async () => {
    const rewrite = join(dir, 'rewrite-de.md');
    writeFileSync(rewrite, '# Pier wird repariert\n\nDie Hafenbehörde hat am Dienstag 27.000 Pfund für die Reparatur der Fähranlegestelle bewilligt.');
    const de = capture();
    expect(await runCheck(['--source', source, '--rewrite', rewrite, '--lang', 'de', '--source-lang', 'en', '--json'], de)).toBe(0);
    expect(JSON.parse(de.out())).toMatchObject({ capabilities: { lang: 'de', readingEase: true }, seo: { readingEaseFormula: 'Amstad' } });
    const ja = capture();
    expect(await runCheck(['--source', source, '--rewrite', rewrite, '--lang=ja', '--json'], ja)).toBe(0);
    expect(JSON.parse(ja.out())).toMatchObject({ capabilities: { lang: null, readingEase: false }, seo: { readingEase: null, readingEaseFormula: null } });
    const text = capture();
    expect(await runCheck(['--source', source, '--rewrite', rewrite, '--lang', 'ja'], text)).toBe(0);
    expect(text.out()).toMatch(/reading ease left out \(no formula for the language "ja"\)/);
    expect(text.out()).not.toMatch(/reading ease \d/);
  });

  it('prints one line per finding, ranked, with the sentences', async () => {
    const rewrite = join(dir, 'rewrite-text.md');
    writeFileSync(rewrite, `# Pier Repairs Get 28,000 Pounds\n\nMaria Lopez said the money was approved on Tuesday.\n\n${paragraphs[0]}\n\n${paragraphs[1]}`);
    const io = capture();
    expect(await runCheck(['--source', source, '--rewrite', rewrite], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toBe('Headline: Pier Repairs Get 28,000 Pounds (30 characters)');
    expect(lines[4]).toMatch(/^\d+ to check · .*1 fact not in the source.*copied passage/);
    const added = lines.findIndex((l) => /^ {2}not in the source \w+: 28,000/.test(l));
    const copied = lines.findIndex((l) => l.startsWith('  copied: "'));
    expect(added).toBeGreaterThan(0);
    expect(copied).toBeGreaterThan(added); // ranked: facts before copying
  });

  it('words a changed claim with its change, from/to and both sentences', () => {
    const source = 'Police said about 40 people were hurt.';
    const text = 'Forty hurt\n\nPolice said 40 people were hurt.';
    const result: ChecksResult = {
      facts: { total: 1, kept: 1, missing: [], added: [] },
      originality: { copiedShare: 0, longestRun: 0, runs: [], passages: [], warn: false },
      seo: checkSeo('Forty hurt', 'Police said 40 people were hurt.', source),
      text,
      findings: [
        {
          kind: 'changed-claim',
          change: 'certainty',
          source: { text: source, start: 0, end: source.length },
          rewrite: { text: 'Police said 40 people were hurt.', start: 12, end: text.length },
          from: 'about 40',
          to: '40',
        },
      ],
      capabilities: { lang: 'en', figures: true, names: true, claims: true, readingEase: true },
    };
    const lines = checkLines(toChecksJson('Forty hurt', result), result, 'en');
    expect(lines).toContain('1 to check · 1 change of certainty');
    const at = lines.indexOf('  changed claim (certainty): "about 40" → "40"');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('    source:  "Police said about 40 people were hurt."');
    expect(lines[at + 2]).toBe('    rewrite: "Police said 40 people were hurt."');
  });

  it('judges the headline against --headline-max', async () => {
    const rewrite = join(dir, 'rewrite-long.md');
    const headline = 'Harbour Board Approves Repairs to Every Pier on the Waterfront After Years of Delay';
    writeFileSync(rewrite, `# ${headline}\n\nThe board approved the repairs on Tuesday.`);
    const io = capture();
    expect(await runCheck(['--source', source, '--rewrite', rewrite], io)).toBe(0);
    expect(io.out()).toContain(`(${headline.length} characters, over 60)`);
    const wide = capture();
    expect(await runCheck(['--source', source, '--rewrite', rewrite, '--headline-max', '100'], wide)).toBe(0);
    expect(wide.out()).toContain(`(${headline.length} characters)`);
    expect(await runCheck(['--source', source, '--rewrite', rewrite, '--headline-max', 'lots'], capture())).toBe(2);
  });

  it('needs both files', async () => {
    const io = capture();
    expect(await runCheck(['--source', source], io)).toBe(2);
    expect(io.err()).toMatch(/--rewrite/);
    const lang = capture();
    expect(await runCheck(['--source', source, '--rewrite', source, '--lang', '--json'], lang)).toBe(2);
    expect(lang.err()).toMatch(/--lang takes a language code/);
  });
});
