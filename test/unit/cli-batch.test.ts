/**
 * `newsmith batch` against the local model server, with pages served from 127.0.0.1: a list with a dead address, a
 * page with no article, a doubtful page, a 429 storm, a slow stream, a duplicate and a bad line. Each article is billed
 * once (the server counts answered requests per article), a rerun sends nothing for what is done, and a run killed
 * mid-batch loses nothing that finished.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchResult } from '../../cli/commands/batch';
import { readUrlList } from '../../src/queue/url-list';
import type { CommandIO } from '../../cli/commands/types';
import { freeSlug, rewriteSlug } from '../../src/rewrite/slug';
import { startLLMServer, type LLMServer, type Plan, type RecordedRequest } from '../support/llm-server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function capture(): CommandIO & { err: () => string } {
  let err = '';
  return { stdout: () => {}, stderr: (t) => void (err += t), readStdin: async () => Buffer.from(''), err: () => err };
}

const paragraphs = (n: number): string[] =>
  Array.from(
    { length: 6 },
    (_, i) =>
      `Story ${n}, paragraph ${i + 1}: the harbour board approved ${27 + n},000 pounds for the ferry pier repairs, said chair Maria Lopez on Tuesday, after residents had complained for months about the delays.`,
  );
const articlePage = (n: number, tail = ''): string =>
  `<!doctype html><html lang="en"><head><title>Harbour Story ${n}</title></head><body><article><h1>Harbour Story ${n}</h1>${paragraphs(n)
    .map((p) => `<p>${p}</p>`)
    .join('')}${tail}</article></body></html>`;

/** The story a chat request is about, read from the prompt. */
const storyOf = (r: RecordedRequest): number => Number(/Harbour Story (\d+)/.exec(JSON.stringify(r.body.messages))?.[1] ?? -1);
const answer = (n: number, extra = ''): Plan => ({ text: `# Rewritten Story ${n === 7 ? 2 : n}\n\nThe board agreed on story ${n}.${extra}`, chunkCount: 4 });

let server: LLMServer;
let deadURL: string;
const urls: Record<string, string> = {};
const rateLimitedOnce = new Set<number>();
/** Answered (billed) chat requests per story. */
const billed = new Map<number, number>();

beforeAll(async () => {
  server = await startLLMServer();
  for (const n of [1, 2, 4, 5, 6, 7, 8]) urls[`story${n}`] = server.addPage(`story${n}`, articlePage(n)).pageUrl(`story${n}`);
  urls.doubtful = server.addPage('doubtful', articlePage(9, '<p>Subscribe to continue reading.</p>')).pageUrl('doubtful');
  urls.empty = server
    .addPage('empty', '<!doctype html><html><head><title>Menu</title></head><body><nav><a href="/">Home</a> <a href="/c">Contact</a></nav></body></html>')
    .pageUrl('empty');
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  deadURL = `http://127.0.0.1:${(closed.address() as { port: number }).port}/gone`;
  await new Promise((resolve) => closed.close(resolve));
  server.setHandler((req) => {
    const n = storyOf(req);
    // Story 4: two 429s, then an answer (the SDK's own retries). Story 5: 429 on every try.
    if (n === 5 || (n === 4 && !rateLimitedOnce.has(req.index) && [...rateLimitedOnce].length < 2)) {
      if (n === 4) rateLimitedOnce.add(req.index);
      return {
        status: 429,
        headers: { 'retry-after': '0' },
        body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
      };
    }
    billed.set(n, (billed.get(n) ?? 0) + 1);
    if (n === 1) return answer(1, '\n\nMeta description: Story one.\nSlug: story-one-slug');
    if (n === 6) return { ...answer(6), chunkCount: 8, chunkDelayMs: 60 };
    return answer(n);
  });
});
afterAll(async () => server.close());

const env = (): NodeJS.ProcessEnv => ({ OPENAI_API_KEY: 'sk-batch', OPENAI_BASE_URL: server.baseURL });
const results = (dir: string): BatchResult[] => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BatchResult[];

describe('newsmith batch', () => {
  const out = mkdtempSync(join(tmpdir(), 'newsmith-batch-'));
  const list = join(out, '..', `${out.split('/').at(-1)}-urls.txt`);

  it('rewrites every page of the list into the directory, each article billed once, every failure said clearly', async () => {
    writeFileSync(
      list,
      [
        '# the morning list',
        urls.story1,
        urls.story2,
        '',
        deadURL,
        urls.empty,
        urls.doubtful,
        urls.story4,
        urls.story5,
        urls.story6,
        urls.story7,
        `  ${urls.story1}  `,
        'ftp://files.example/story.txt',
        urls.story8,
      ].join('\n'),
    );
    const io = capture();
    expect(await runBatch(['--urls', list, '--out', out, '--concurrency', '3', '--model', 'test-model'], io, env())).toBe(1);
    const r = results(out);
    expect(r.map((x) => x.status)).toEqual(['done', 'done', 'error', 'error', 'error', 'done', 'error', 'done', 'done', 'skipped', 'error', 'done']);
    expect(r.map((x) => x.url)).toEqual([
      urls.story1,
      urls.story2,
      deadURL,
      urls.empty,
      urls.doubtful,
      urls.story4,
      urls.story5,
      urls.story6,
      urls.story7,
      urls.story1,
      'ftp://files.example/story.txt',
      urls.story8,
    ]);
    expect(r[0]).toEqual({ url: urls.story1, status: 'done', file: 'story-one-slug.md', headline: 'Rewritten Story 1', error: null });
    expect(r[1]?.file).toBe('rewritten-story-2.md');
    expect(r[8]?.file).toBe('rewritten-story-2-2.md'); // the same headline gets its own file
    expect(r[2]?.error).toMatch(/cannot fetch .*ECONNREFUSED/);
    expect(r[3]?.error).toMatch(/not an article/);
    expect(r[4]?.error).toMatch(/Nothing was sent\. Run again with --yes/);
    expect(r[6]?.error).toMatch(/rate limit/i);
    expect(r[9]?.error).toMatch(/the same address as line 2/);
    expect(r[10]?.error).toMatch(/line 13: not an http\(s\) address/);
    expect(readFileSync(join(out, 'story-one-slug.md'), 'utf8')).toBe(
      '# Rewritten Story 1\n\nThe board agreed on story 1.\n\n---\n\nMeta description: Story one.\nSlug: story-one-slug\n',
    );
    expect(readFileSync(join(out, 'rewritten-story-6.md'), 'utf8')).toBe('# Rewritten Story 6\n\nThe board agreed on story 6.\n');
    // Billed once each; nothing at all was sent for the dead, empty, doubtful or bad lines.
    expect(Object.fromEntries(billed)).toEqual({ 1: 1, 2: 1, 4: 1, 6: 1, 7: 1, 8: 1 });
    expect(server.chatRequests.some((q) => storyOf(q) === 9)).toBe(false);
    expect(io.err()).toMatch(/item 1 of 12 done: story-one-slug\.md, [\d.]+ s \(\d+ of 12 finished, [\d,]+ tokens, [\d.]+ s elapsed\)/);
    expect(io.err()).toMatch(/6 done, 1 skipped, 5 failed/);
    expect(io.err()).not.toContain('sk-batch');
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('run again with the same --out: what is done is skipped with no request, and only the failures are tried again', async () => {
    const before = server.chatRequests.length;
    const io = capture();
    expect(await runBatch(['--urls', list, '--out', out, '--model', 'test-model'], io, env())).toBe(1);
    const r = results(out);
    expect(r.map((x) => x.status)).toEqual([
      'skipped',
      'skipped',
      'error',
      'error',
      'error',
      'skipped',
      'error',
      'skipped',
      'skipped',
      'skipped',
      'error',
      'skipped',
    ]);
    expect(r[0]).toMatchObject({ file: 'story-one-slug.md', headline: 'Rewritten Story 1' });
    const sent = server.chatRequests.slice(before).map(storyOf);
    expect(sent.every((n) => n === 5)).toBe(true); // only the rate-limited story went out again
    expect(Object.fromEntries(billed)).toEqual({ 1: 1, 2: 1, 4: 1, 6: 1, 7: 1, 8: 1 });

    // A list of done pages only: nothing sent at all, exit 0.
    const doneList = join(out, 'done-urls.txt');
    writeFileSync(doneList, `${urls.story1}\n${urls.story8}\n`);
    const count = server.requests.length;
    expect(await runBatch(['--urls', doneList, '--out', out], capture(), env())).toBe(0);
    expect(server.requests.length).toBe(count);
  });

  it('says what is wrong with its arguments, exit 2, before anything is read or sent', async () => {
    const count = server.requests.length;
    for (const args of [
      [],
      ['--urls', list],
      ['--urls', list, '--out', out, '--concurrency', '5'],
      ['--urls', join(out, 'nope.txt'), '--out', out],
      ['--urls', list, '--out', out, '--colour'],
    ]) {
      const io = capture();
      expect(await runBatch(args, io, env())).toBe(2);
      expect(io.err()).toMatch(/newsmith batch: .+\nusage: newsmith batch/);
    }
    const noKey = capture();
    expect(await runBatch(['--urls', list, '--out', out], noKey, { OPENAI_BASE_URL: server.baseURL })).toBe(2);
    expect(noKey.err()).toMatch(/no OPENAI_API_KEY/);
    expect(server.requests.length).toBe(count);
  });

  const bundle = join(ROOT, 'dist', 'cli', 'newsmith.mjs');
  it.skipIf(!existsSync(bundle))(
    'a run killed mid-batch keeps what finished; the rerun continues the cut answer and bills nothing twice',
    async () => {
      const killed = mkdtempSync(join(tmpdir(), 'newsmith-batch-kill-'));
      const [first, ...slow] = [10, 11, 12, 13].map((n) => server.addPage(`story${n}`, articlePage(n)).pageUrl(`story${n}`));
      const fileList = join(killed, 'urls.txt');
      writeFileSync(fileList, `${first}\n${slow.join('\n')}\n`);
      const asked: { story: number; continued: boolean }[] = [];
      const continued = (req: RecordedRequest) => (req.body.messages ?? []).some((m) => m.role === 'assistant');
      server.setHandler((req) => {
        asked.push({ story: storyOf(req), continued: continued(req) });
        return storyOf(req) === 10
          ? answer(10)
          : { chunks: ['# Rewritten Story 11\n\n', 'The board ', 'agreed ', 'on ', 'story ', 'eleven.'], chunkDelayMs: 700 };
      });
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'newsmith.mjs'), 'batch', '--urls', fileList, '--out', killed, '--concurrency', '1'], {
        env: { ...process.env, ...env() },
        stdio: 'ignore',
      });
      // Killed once part of story 11's answer is on disk.
      const partials = () => (existsSync(join(killed, '.partial')) ? readdirSync(join(killed, '.partial')).filter((f) => f.endsWith('.json')) : []);
      await expect.poll(() => partials().length, { timeout: 20_000 }).toBe(1);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(results(killed)).toEqual([{ url: first, status: 'done', file: 'rewritten-story-10.md', headline: 'Rewritten Story 10', error: null }]);

      server.setHandler((req) => {
        asked.push({ story: storyOf(req), continued: continued(req) });
        if (continued(req)) return { text: ' (and the rest of story eleven).' };
        return answer(storyOf(req));
      });
      const io = capture();
      expect(await runBatch(['--urls', fileList, '--out', killed], io, env())).toBe(0);
      expect(results(killed).map((x) => x.status)).toEqual(['skipped', 'done', 'done', 'done']);
      // Story 10 was not sent again; story 11 went on with Continue (one request for the rest), the others once each.
      expect(asked.filter((a) => a.story === 10)).toHaveLength(1);
      expect(asked.filter((a) => a.story === 11)).toEqual([
        { story: 11, continued: false },
        { story: 11, continued: true },
      ]);
      expect(asked.filter((a) => a.story === 12)).toEqual([{ story: 12, continued: false }]);
      expect(io.err()).toMatch(/item 2 of 4: going on from the [\d,]+ characters written before/);
      expect(readFileSync(join(killed, 'rewritten-story-11.md'), 'utf8')).toMatch(/^# Rewritten Story 11\n\nThe board .*\(and the rest of story eleven\)\.\n$/);
      expect(partials()).toEqual([]);
    },
    60_000,
  );

  it.skipIf(!existsSync(bundle))(
    'Ctrl-C stops the request in flight, starts no more, and says how to go on',
    async () => {
      const stopped = mkdtempSync(join(tmpdir(), 'newsmith-batch-int-'));
      const [first, ...slow] = [14, 15, 16].map((n) => server.addPage(`story${n}`, articlePage(n)).pageUrl(`story${n}`));
      const fileList = join(stopped, 'urls.txt');
      writeFileSync(fileList, `${first}\n${slow.join('\n')}\n`);
      server.setHandler((req) => (storyOf(req) === 14 ? answer(14) : { ...answer(storyOf(req)), chunkCount: 10, chunkDelayMs: 1_000 }));
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'newsmith.mjs'), 'batch', '--urls', fileList, '--out', stopped, '--concurrency', '1'], {
        env: { ...process.env, ...env() },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      await expect.poll(() => server.chatRequests.filter((q) => storyOf(q) === 15).length, { timeout: 20_000 }).toBe(1);
      child.kill('SIGINT');
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(results(stopped).map((x) => [x.status, x.error])).toEqual([
        ['done', null],
        ['error', expect.stringMatching(/stopped/i)],
      ]);
      expect(server.chatRequests.some((q) => storyOf(q) === 16)).toBe(false);
      expect(err).toMatch(/1 done, 0 skipped, 1 failed, 1 not started \(stopped\)/);
      expect(err).toMatch(/run it again with the same --out to go on/);
    },
    60_000,
  );
});

describe('the URL list and file names', () => {
  it('reads one address per line, leaving out blank lines and comments, and marks lines that are no address', () => {
    expect(readUrlList('# list\n\nhttps://a.example/x\n  http://b.example/y  \r\nnot a url\nhttps://u:p@c.example/\nmailto:x@y.z\n')).toEqual([
      { url: 'https://a.example/x', line: 3 },
      { url: 'http://b.example/y', line: 4 },
      { url: 'not a url', line: 5, problem: 'line 5: not an address' },
      { url: 'https://u:p@c.example/', line: 6, problem: 'line 6: an address with a user name or password in it is not fetched' },
      { url: 'mailto:x@y.z', line: 7, problem: 'line 7: not an http(s) address' },
    ]);
  });

  it('names a file by the SEO slug, else the headline, else the address; plain ASCII, never empty, never taken', () => {
    expect(rewriteSlug('Meta Bans Khamenei!', 'x', 'https://a.example/')).toBe('meta-bans-khamenei');
    expect(rewriteSlug(undefined, 'Café in São Paulo: Straße öffnet', 'https://a.example/')).toBe('cafe-in-sao-paulo-strasse-offnet');
    expect(rewriteSlug('', '…', 'https://a.example/news/pier-repairs.html')).toBe('pier-repairs');
    expect(rewriteSlug(undefined, '東京', 'https://a.example/')).toBe('article');
    expect(rewriteSlug(undefined, 'word '.repeat(40), 'https://a.example/').length).toBeLessThanOrEqual(80);
    const taken = new Set(['story', 'story-2']);
    expect(freeSlug('story', (n) => taken.has(n))).toBe('story-3');
    expect(freeSlug('fresh', (n) => taken.has(n))).toBe('fresh');
  });
});
