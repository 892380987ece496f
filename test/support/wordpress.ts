/**
 * A real WordPress on a loopback address for the tests (../shared/guides/wordpress-local.md): Debian's `wordpress`, a private
 * MariaDB in a temporary folder (a socket, no network), PHP's built-in server, installed without a browser, with an
 * administrator and a subscriber, each given an application password. `.ci/run` installs the packages when missing;
 * elsewhere `wordpressMissing()` says what is absent, and the tests say so and skip, never fake it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const WP_DIR = '/usr/share/wordpress';
/** Debian's wp-config.php reads /etc/wordpress/config-<host>.php: each running site takes a loopback address of its own. */
const configFor = (host: string): string => `/etc/wordpress/config-${host}.php`;
const TOOLS = ['mariadb-install-db', 'mariadbd', 'mariadb', 'php'];

export interface WpAccount {
  user: string;
  /** The account's application password (what the user pastes into Newsmith). */
  appPassword: string;
}

/** A post as the REST API gives it with `context=edit` (the fields the tests read back). */
export interface WpPost {
  id: number;
  status: string;
  slug: string;
  tags: number[];
  categories: number[];
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
}

export interface WordPress {
  /** `http://127.0.0.N:PORT/`: a loopback address of its own */
  url: string;
  admin: WpAccount;
  /** May not create posts. */
  subscriber: WpAccount;
  /** May write drafts, but not create tags (WordPress keeps that for editors). */
  author: WpAccount;
  /** The REST API root (the `?rest_route=` form: PHP's server has no rewrite rules). */
  api: string;
  /** Reads a route as the administrator (to check what a test sent). */
  get<T>(route: string): Promise<T>;
  /** Stops the web server only (the site is down); `start` brings it back on the same port. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

async function onPath(tool: string): Promise<boolean> {
  return run('sh', ['-c', `command -v ${tool}`]).then(
    () => true,
    () => false,
  );
}

/** Why WordPress cannot run here (a missing package), or null when it can. */
export async function wordpressMissing(): Promise<string | null> {
  const missing: string[] = [];
  for (const tool of TOOLS) if (!(await onPath(tool))) missing.push(tool);
  if (!existsSync(join(WP_DIR, 'wp-load.php'))) missing.push(WP_DIR);
  if (missing.length) return `WordPress is not installed here (missing ${missing.join(', ')}): apt-get install wordpress mariadb-server php-cli`;
  try {
    accessSync('/etc/wordpress', constants.W_OK);
  } catch {
    return 'WordPress is installed, but /etc/wordpress (where its per-host config goes) is not writable here: run the tests as root, as .ci/run does';
  }
  return null;
}

async function freePort(host: string): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, host, resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`WordPress harness: ${what} did not come up within ${timeoutMs / 1000} s`);
}

const exited = (p: ChildProcess): Promise<void> =>
  p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', () => r()));

/** Stops a process and, when it leads a group of its own (PHP's server with its workers), the whole group. */
async function halt(p: ChildProcess): Promise<void> {
  const done = exited(p);
  try {
    if (p.pid !== undefined) process.kill(-p.pid, 'SIGTERM');
  } catch {
    p.kill('SIGTERM');
  }
  await done;
}

export async function startWordPress(): Promise<WordPress> {
  const dir = mkdtempSync(join(tmpdir(), 'newsmith-wp-'));
  const socket = join(dir, 'mysql.sock');
  const sql = (query: string) => run('mariadb', ['--no-defaults', '-S', socket, '-uroot', '-e', query]);
  let db: ChildProcess | null = null;
  let php: ChildProcess | null = null;
  // The first loopback address no other running site holds (the file is claimed at once: 'wx' fails if it exists).
  let host = '';
  for (let n = 1; n < 64 && host === ''; n++) {
    try {
      writeFileSync(configFor(`127.0.0.${n}`), '<?php\n', { flag: 'wx' });
      host = `127.0.0.${n}`;
    } catch {
      /* taken */
    }
  }
  if (host === '') throw new Error('WordPress harness: no free loopback address (/etc/wordpress/config-127.0.0.*.php all taken)');
  const CONFIG = configFor(host);
  const port = await freePort(host).catch((err: unknown) => {
    rmSync(CONFIG, { force: true });
    throw err;
  });
  const url = `http://${host}:${port}/`;
  const stop = async (): Promise<void> => {
    for (const p of [php, db]) if (p) await halt(p);
    rmSync(CONFIG, { force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run('mariadb-install-db', ['--no-defaults', `--datadir=${join(dir, 'db')}`, '--user=root', '--auth-root-authentication-method=normal']);
    db = spawn(
      'mariadbd',
      ['--no-defaults', `--datadir=${join(dir, 'db')}`, `--socket=${socket}`, '--skip-networking', '--user=root', `--pid-file=${join(dir, 'db.pid')}`],
      {
        stdio: 'ignore',
      },
    );
    await until('MariaDB', async () => existsSync(socket) && (await sql('select 1').then(() => true)));
    const dbPassword = `wp-${Math.random().toString(36).slice(2)}`;
    await sql(`CREATE DATABASE wp; CREATE USER 'wp'@'localhost' IDENTIFIED BY '${dbPassword}'; GRANT ALL ON wp.* TO 'wp'@'localhost';`);
    writeFileSync(
      CONFIG,
      `<?php
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', '${dbPassword}');
define('DB_HOST', 'localhost:${socket}');
define('WP_HOME', 'http://${host}:${port}');
define('WP_SITEURL', 'http://${host}:${port}');
define('WP_ENVIRONMENT_TYPE', 'local');
// No loopback cron and no calls to wordpress.org (no network here): either would hold PHP's server for many seconds.
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
`,
    );
    const startServer = async (): Promise<void> => {
      // Its own process group: with workers, PHP's server is several processes, all stopped together.
      php = spawn('php', ['-S', `${host}:${port}`, '-t', WP_DIR], {
        cwd: WP_DIR,
        stdio: 'ignore',
        detached: true,
        env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      });
      // Every body is read to its end: PHP's server answers one connection at a time.
      await until('PHP', async () => (await (await fetch(`${url}wp-login.php`, { redirect: 'manual' })).text()) !== null);
    };
    await startServer();
    const form = new URLSearchParams({
      weblog_title: 'Newsmith Test Site',
      user_name: 'editor',
      admin_password: 'admin-pass-123',
      admin_password2: 'admin-pass-123',
      pw_weak: '1',
      admin_email: 'editor@example.com',
      blog_public: '0',
    });
    const installed = await fetch(`${url}wp-admin/install.php?step=2`, { method: 'POST', body: form });
    await installed.text();
    if (installed.status !== 200) throw new Error(`WordPress harness: install answered HTTP ${installed.status}`);
    const script = join(dir, 'passwords.php');
    writeFileSync(
      script,
      `<?php
$_SERVER['HTTP_HOST'] = '${host}:${port}';
define('WP_USE_THEMES', false);
require '${WP_DIR}/wp-load.php';
$admin = get_user_by('login', 'editor');
$reader = wp_create_user('reader', 'reader-pass-123', 'reader@example.com');
$writer = wp_create_user('writer', 'writer-pass-123', 'writer@example.com');
(new WP_User($writer))->set_role('author');
wp_insert_term('Harbour News', 'category');
$a = WP_Application_Passwords::create_new_application_password($admin->ID, array('name' => 'newsmith-test'));
$r = WP_Application_Passwords::create_new_application_password($reader, array('name' => 'newsmith-test'));
$w = WP_Application_Passwords::create_new_application_password($writer, array('name' => 'newsmith-test'));
echo json_encode(array('admin' => $a[0], 'reader' => $r[0], 'writer' => $w[0]));
`,
    );
    const { stdout } = await run('php', [script], { cwd: WP_DIR });
    const passwords = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { admin: string; reader: string; writer: string };
    const admin = { user: 'editor', appPassword: passwords.admin };
    const api = `${url}?rest_route=/`;
    return {
      url,
      admin,
      subscriber: { user: 'reader', appPassword: passwords.reader },
      author: { user: 'writer', appPassword: passwords.writer },
      api,
      get: async <T>(route: string): Promise<T> => {
        const [path, query = ''] = route.split('?');
        const answer = await fetch(`${url}?rest_route=${encodeURIComponent(path ?? '')}${query ? `&${query}` : ''}`, {
          headers: { authorization: `Basic ${Buffer.from(`${admin.user}:${admin.appPassword}`).toString('base64')}` },
        });
        const text = await answer.text();
        if (!answer.ok) throw new Error(`WordPress harness: GET ${route} answered HTTP ${answer.status}`);
        return JSON.parse(text) as T;
      },
      stopServer: async () => {
        if (!php) return;
        await halt(php);
        php = null;
      },
      startServer,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * A front door to the site that answers extension origins with CORS headers, for the browser tests. WordPress sends
 * none an extension can use (it drops `chrome-extension://` from Access-Control-Allow-Origin), so the product asks
 * for the site's host permission; headless Chromium cannot answer that prompt, so the e2e reaches the site through
 * this, which stands in for the granted permission. Everything else passes through unchanged.
 */
export async function corsFrontDoor(wp: WordPress): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(wp.url);
  const server: Server = createHttpServer((req, res) => {
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin
      ? {
          'access-control-allow-origin': origin,
          'access-control-allow-headers': 'authorization, content-type, accept',
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-expose-headers': 'link',
        }
      : {};
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...cors });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502, cors).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
