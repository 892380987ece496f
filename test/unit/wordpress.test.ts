/**
 * Publishing to WordPress. The API's discovery and faults against small local servers (a site that redirects, one
 * that is HTML only, one that never answers); then `newsmith publish` and `newsmith batch --wordpress` against a real
 * WordPress (test/support/wordpress.ts), read back through its REST API. Without WordPress installed those say why and
 * are skipped; `.ci/run` installs it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchResult } from '../../cli/commands/batch';
import { runPublish } from '../../cli/commands/publish';
import type { CommandIO } from '../../cli/commands/types';
import { connect, routeUrl, whoAmI, WpError } from '../../src/publish/wp-api';
import { draftContent, sendDraft } from '../../src/publish/wp-draft';
import { startLLMServer, type LLMServer } from '../support/llm-server';
import { startWordPress, wordpressMissing, type WordPress, type WpPost } from '../support/wordpress';

function capture(): CommandIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => Buffer.from(''), out: () => out, err: () => err };
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, seen };
}
const close = (s: Server) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)));
const site = (url: string, password = 'abcd efgh ijkl mnop qrst uvwx') => ({ url, user: 'editor', password });
const API_INDEX = JSON.stringify({ name: 'Site', namespaces: ['oembed/1.0', 'wp/v2'] });

describe('finding the API and saying what went wrong', () => {
  it('refuses plain http to another computer, before anything is sent (this machine is fine)', async () => {
    await expect(connect(site('http://news.example/'))).rejects.toMatchObject({
      code: 'bad-address',
      message: expect.stringMatching(/Use https:\/\/news\.example/),
    });
    await expect(connect(site('ftp://news.example/'))).rejects.toMatchObject({ code: 'bad-address' });
    await expect(connect(site('https://editor:pw@news.example/'))).rejects.toMatchObject({ code: 'bad-address' });
  });

  it('builds routes for both forms of the API root', () => {
    expect(routeUrl('https://a.example/wp-json/', 'wp/v2/posts', { per_page: '5' })).toBe('https://a.example/wp-json/wp/v2/posts?per_page=5');
    expect(routeUrl('https://a.example/blog/?rest_route=/', '/wp/v2/users/me')).toBe('https://a.example/blog/?rest_route=%2Fwp%2Fv2%2Fusers%2Fme');
  });

  it('uses ?rest_route= when /wp-json/ is not the API, sends no password while looking, and never follows a Link to another origin', async () => {
    const s = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.searchParams.get('rest_route') === '/') return void res.writeHead(200, { 'content-type': 'application/json' }).end(API_INDEX);
      if (url.searchParams.get('rest_route') === '/wp/v2/users/me')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: 3, name: 'Eda Editor', capabilities: { edit_posts: true } }));
      res.writeHead(200, { 'content-type': 'text/html', link: '<https://elsewhere.example/wp-json/>; rel="https://api.w.org/"' }).end('<html>home</html>');
    });
    try {
      const c = await connect(site(s.url));
      expect(c.root).toBe(`${s.url}?rest_route=/`);
      expect(s.seen.every((r) => r.headers.authorization === undefined)).toBe(true);
      expect(await whoAmI(c)).toEqual({ id: 3, name: 'Eda Editor', canCreate: true, canPublish: false });
      expect(s.seen.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('editor:abcdefghijklmnopqrstuvwx').toString('base64')}`);
    } finally {
      await close(s.server);
    }
  });

  it('refuses a redirect (the password is never sent to the other address), and says so', async () => {
    const other = await serve((_req, res) => res.writeHead(200).end(API_INDEX));
    const s = await serve((_req, res) => res.writeHead(301, { location: `${other.url}` }).end());
    try {
      const err = await connect(site(s.url)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WpError);
      expect((err as WpError).code).toBe('redirect');
      expect((err as WpError).message).toMatch(/redirect to http:\/\/127\.0\.0\.1:\d+\/.*never sent to another address/);
      expect(other.seen).toHaveLength(0);
    } finally {
      await close(s.server);
      await close(other.server);
    }
  });

  it('says "no WordPress REST API" for an HTML site, "cannot reach" when nothing listens, and gives up on a silent site', async () => {
    const html = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>shop</html>'));
    const silent = await serve(() => undefined);
    const gone = await serve(() => undefined);
    await close(gone.server);
    try {
      await expect(connect(site(html.url))).rejects.toMatchObject({ code: 'not-wordpress', message: expect.stringMatching(/No WordPress REST API found at/) });
      await expect(connect(site(gone.url))).rejects.toMatchObject({ code: 'unreachable', message: expect.stringMatching(/Cannot reach 127\.0\.0\.1:\d+/) });
      await expect(connect(site(silent.url), { timeoutMs: 300 })).rejects.toMatchObject({
        code: 'timeout',
        message: expect.stringMatching(/did not answer within/),
      });
    } finally {
      await close(html.server);
      await close(silent.server);
    }
  });

  it('names switched-off application passwords, and never puts the password in a message', async () => {
    const s = await serve((req, res) => {
      if (new URL(req.url ?? '/', 'http://x').searchParams.get('rest_route') === '/') return void res.writeHead(200).end(API_INDEX);
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 'application_passwords_disabled', message: 'Application passwords are not available.' }));
    });
    try {
      const c = await connect(site(s.url, 'secret-app-password'));
      const err = (await whoAmI(c).catch((e: unknown) => e)) as WpError;
      expect(err.code).toBe('app-passwords-off');
      expect(err.message).toMatch(/Application passwords are switched off/);
      expect(err.message).not.toContain('secret-app-password');
    } finally {
      await close(s.server);
    }
  });

  it('a tag the site will not make is left out and said; the draft still goes', async () => {
    const posts: unknown[] = [];
    const s = await serve((req, res) => {
      const route = new URL(req.url ?? '/', 'http://x').searchParams.get('rest_route');
      const json = (status: number, body: unknown) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (route === null) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>home</html>');
      if (route === '/') return json(200, JSON.parse(API_INDEX));
      if (route === '/wp/v2/tags' && req.method === 'GET') return json(200, [{ id: 7, name: 'Pier &amp; Harbour' }]);
      if (route === '/wp/v2/tags') return json(403, { code: 'rest_cannot_create', message: 'Sorry, you are not allowed to create terms in this taxonomy.' });
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posts.push(JSON.parse(body));
        json(201, { id: 41, link: 'http://x/?p=41', status: 'draft', slug: 'quay' });
      });
    });
    try {
      const c = await connect(site(s.url));
      const sent = await sendDraft(c, {
        answer: { headline: 'Quay', body: 'Text.', seo: { slug: 'quay', keywords: ['Pier & Harbour', 'Cranes'] } },
        status: 'draft',
      });
      expect(sent.tags).toEqual(['Pier & Harbour']);
      expect(sent.notes).toEqual([
        expect.stringMatching(/^The tag "Cranes" could not be created .*not allowed to create terms.*; the draft was sent without it\.$/),
      ]);
      expect(posts).toEqual([expect.objectContaining({ tags: [7], slug: 'quay', status: 'draft' })]);
    } finally {
      await close(s.server);
    }
  });

  it('an answer without a post id is a failure in words, not a draft called "undefined"', async () => {
    const s = await serve((req, res) => {
      const route = new URL(req.url ?? '/', 'http://x').searchParams.get('rest_route');
      if (route === '/') return void res.writeHead(200, { 'content-type': 'application/json' }).end(API_INDEX);
      if (route === null) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>home</html>');
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    try {
      const c = await connect(site(s.url));
      await expect(sendDraft(c, { answer: { headline: 'Quay', body: 'Text.', seo: {} }, status: 'draft' })).rejects.toMatchObject({
        code: 'bad-answer',
        message: expect.stringMatching(/without a post id/),
      });
    } finally {
      await close(s.server);
    }
  });

  it('writes the content as our own HTML: model markup escaped, the source linked only when it is a web page', () => {
    const answer = { headline: 'H', body: 'A <script>x</script> "quoted" line.\n\n## Sub\n\n- one', seo: {} };
    expect(draftContent({ answer, sourceUrl: 'https://www.news.example/a?b=1&c=2', attribution: true })).toBe(
      '<p>A &lt;script&gt;x&lt;/script&gt; &quot;quoted&quot; line.</p>\n<h2>Sub</h2>\n<ul>\n<li>one</li>\n</ul>\n<p>Source: <a href="https://www.news.example/a?b=1&amp;c=2">news.example</a></p>',
    );
    expect(draftContent({ answer, sourceUrl: 'javascript:alert(1)', attribution: true })).not.toContain('Source');
    expect(draftContent({ answer, sourceUrl: 'https://news.example/', attribution: false })).not.toContain('Source');
  });
});

const missing = await wordpressMissing();
if (missing) console.warn(`wordpress.test.ts: the tests against a real WordPress are skipped: ${missing}`);

describe.skipIf(missing !== null)('against a real WordPress', () => {
  let wp: WordPress;
  let llm: LLMServer;
  const dir = mkdtempSync(join(tmpdir(), 'newsmith-wp-test-'));
  const rewrite = join(dir, 'pier.md');
  const env = () => ({ WP_APP_PASSWORD: wp.admin.appPassword });
  const post = (id: number) => wp.get<WpPost>(`/wp/v2/posts/${id}?context=edit`);
  const tagNames = async (ids: number[]) => (await Promise.all(ids.map((id) => wp.get<{ name: string }>(`/wp/v2/tags/${id}`)))).map((t) => t.name).sort();
  const allPosts = () => wp.get<WpPost[]>('/wp/v2/posts?status=draft,pending,publish&per_page=100&context=edit');

  beforeAll(async () => {
    [wp, llm] = await Promise.all([startWordPress(), startLLMServer()]);
    writeFileSync(
      rewrite,
      '# Pier Repairs <em>Approved</em> & Funded\n\nThe harbour board approved 27,000 pounds.\n\n## What comes next\n\n- Work starts in May\n- The pier reopens in June\n\n---\n\nMeta description: The board funds the pier repairs.\nSlug: pier-repairs-approved\nKeywords: pier, Harbour Board\n',
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all([wp?.stop(), llm?.close()]);
  });

  it('publish makes a draft with every field right, and --post updates that same post', async () => {
    const io = capture();
    expect(await runPublish([rewrite, '--wordpress', wp.url, '--user', wp.admin.user, '--source-url', 'https://news.example/pier', '--json'], io, env())).toBe(
      0,
    );
    const sent = JSON.parse(io.out()) as { id: number; link: string; editLink: string; status: string; slug: string; tags: string[] };
    expect(Object.keys(sent)).toEqual(['id', 'link', 'editLink', 'status', 'slug', 'tags']);
    expect(sent).toMatchObject({
      status: 'draft',
      slug: 'pier-repairs-approved',
      tags: ['pier', 'Harbour Board'],
      editLink: `${wp.url}wp-admin/post.php?post=${sent.id}&action=edit`,
    });
    const p = await post(sent.id);
    expect(p.status).toBe('draft');
    expect(p.title.raw).toBe('Pier Repairs &lt;em&gt;Approved&lt;/em&gt; &amp; Funded');
    expect(p.content.raw).toBe(
      '<p>The harbour board approved 27,000 pounds.</p>\n<h2>What comes next</h2>\n<ul>\n<li>Work starts in May</li>\n<li>The pier reopens in June</li>\n</ul>\n<p>Source: <a href="https://news.example/pier">news.example</a></p>',
    );
    expect(p.excerpt.raw).toBe('The board funds the pier repairs.');
    expect(p.slug).toBe('pier-repairs-approved');
    expect(await tagNames(p.tags)).toEqual(['Harbour Board', 'pier']);

    const count = (await allPosts()).length;
    writeFileSync(rewrite, readFileSync(rewrite, 'utf8').replace('27,000 pounds', '28,000 pounds'));
    const again = capture();
    expect(await runPublish([rewrite, '--wordpress', wp.url, '--user', wp.admin.user, '--post', String(sent.id), '--status', 'pending'], again, env())).toBe(0);
    expect(again.out()).toMatch(new RegExp(`Updated a post pending review \\(post ${sent.id}\\)`));
    expect((await allPosts()).length).toBe(count);
    const updated = await post(sent.id);
    expect(updated.status).toBe('pending');
    expect(updated.content.raw).toContain('28,000 pounds');
    expect(updated.tags.sort()).toEqual(p.tags.sort()); // the tags were found, not made twice
  });

  it('an author (the usual role for writers) sends a draft, its new tag made', async () => {
    const author = join(dir, 'author.md');
    writeFileSync(author, '# Ferry Timetable Changes\n\nThe ferry leaves earlier from Monday.\n\nKeywords: pier, ferry timetable\n');
    const io = capture();
    const args = [author, '--wordpress', wp.url, '--user', wp.author.user, '--source-url', 'https://news.example/ferry', '--no-attribution', '--json'];
    expect(await runPublish(args, io, { WP_APP_PASSWORD: wp.author.appPassword })).toBe(0);
    const sent = JSON.parse(io.out()) as { id: number; tags: string[] };
    expect(sent.tags).toEqual(['pier', 'ferry timetable']);
    const p = await post(sent.id);
    expect(p.status).toBe('draft');
    expect(p.content.raw).toBe('<p>The ferry leaves earlier from Monday.</p>'); // --no-attribution: no Source line
    expect(await tagNames(p.tags)).toEqual(['ferry timetable', 'pier']);
  });

  it('a wrong password, a user who may not write posts, and a stopped site each get their own clear message; nothing is made', async () => {
    const count = (await allPosts()).length;
    const wrong = capture();
    expect(await runPublish([rewrite, '--wordpress', wp.url, '--user', wp.admin.user], wrong, { WP_APP_PASSWORD: 'xxxx xxxx xxxx xxxx xxxx xxxx' })).toBe(1);
    expect(wrong.err()).toMatch(/refused the user name or application password/);
    expect(wrong.err()).not.toContain('xxxx');
    const reader = capture();
    expect(await runPublish([rewrite, '--wordpress', wp.url, '--user', wp.subscriber.user], reader, { WP_APP_PASSWORD: wp.subscriber.appPassword })).toBe(1);
    expect(reader.err()).toMatch(/may not do that .*not allowed to create posts/);
    const noPassword = capture();
    expect(await runPublish([rewrite, '--wordpress', wp.url, '--user', wp.admin.user], noPassword, {})).toBe(2);
    expect(noPassword.err()).toMatch(/set WP_APP_PASSWORD/);
    await wp.stopServer();
    try {
      const down = capture();
      expect(await runPublish([rewrite, '--wordpress', wp.url, '--user', wp.admin.user], down, env())).toBe(1);
      expect(down.err()).toMatch(/Cannot reach 127\.0\.0\.\d+:\d+: nothing answered there/);
    } finally {
      await wp.startServer();
    }
    expect((await allPosts()).length).toBe(count);
  });

  it('batch --wordpress sends each done article as a draft and keeps its post id; a rerun sends nothing again', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newsmith-wp-batch-'));
    const pages = [1, 2].map((n) =>
      llm
        .addPage(
          `wp${n}`,
          `<!doctype html><html lang="en"><head><title>Quay Story ${n}</title></head><body><article><h1>Quay Story ${n}</h1>${Array.from({ length: 6 }, (_, i) => `<p>Quay story ${n}, part ${i + 1}: the port authority approved new cranes for the container quay on Monday, said its director, after a year of delays and complaints.</p>`).join('')}</article></body></html>`,
        )
        .pageUrl(`wp${n}`),
    );
    const list = join(out, 'urls.txt');
    writeFileSync(list, pages.join('\n'));
    llm.setHandler((req) => {
      const n = /Quay Story (\d)/.exec(JSON.stringify(req.body.messages))?.[1];
      return {
        text: `# New Cranes for Quay ${n}\n\nThe port approved cranes.\n\nMeta description: Cranes for quay ${n}.\nSlug: cranes-quay-${n}\nKeywords: port, cranes`,
      };
    });
    const llmEnv = { OPENAI_API_KEY: 'sk-wp', OPENAI_BASE_URL: llm.baseURL, WP_APP_PASSWORD: wp.admin.appPassword };
    const args = ['--urls', list, '--out', out, '--wordpress', wp.url, '--user', wp.admin.user];

    // A wrong password stops the batch before any rewrite is paid for.
    const before = llm.chatRequests.length;
    const refused = capture();
    expect(await runBatch(args, refused, { ...llmEnv, WP_APP_PASSWORD: 'nope nope nope nope' })).toBe(1);
    expect(refused.err()).toMatch(/refused the user name or application password.* Nothing was sent/);
    expect(llm.chatRequests.length).toBe(before);

    const io = capture();
    expect(await runBatch(args, io, llmEnv)).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BatchResult[];
    expect(results.map((r) => r.status)).toEqual(['done', 'done']);
    for (const [i, r] of results.entries()) {
      expect(r.post).toEqual(expect.any(Number));
      expect(r.editLink).toBe(`${wp.url}wp-admin/post.php?post=${r.post}&action=edit`);
      const p = await post(r.post as number);
      expect(p).toMatchObject({ status: 'draft', slug: `cranes-quay-${i + 1}`, excerpt: { raw: `Cranes for quay ${i + 1}.` } });
      expect(p.content.raw).toContain(`<a href="${pages[i]?.replace(/&/g, '&amp;')}">`);
    }
    const posts = (await allPosts()).length;
    const sent = llm.chatRequests.length;
    expect(await runBatch(args, capture(), llmEnv)).toBe(0);
    expect(llm.chatRequests.length).toBe(sent);
    expect((await allPosts()).length).toBe(posts);
  });
});
