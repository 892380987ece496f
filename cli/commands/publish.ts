import { readFile } from 'node:fs/promises';
import { connect, WpError, type WpSite } from '../../src/publish/wp-api';
import { sendDraft, type DraftStatus, type SentDraft } from '../../src/publish/wp-draft';
import { parseAnswer } from '../../src/rewrite/split';
import type { Answer } from '../../src/job';
import { parseOptions } from './article-input';
import type { Command, CommandIO } from './types';

export const PUBLISH_USAGE = `usage: newsmith publish REWRITE.md --wordpress URL --user NAME [--status draft|pending] [--source-url URL] [--post ID] [--no-attribution] [--json]

Sends a rewrite to a WordPress site as a draft (or pending review): the headline as the title, the article as clean
HTML, the SEO block's meta description as the excerpt, its slug, and its keywords as tags (made when missing), with
a "Source:" line linking --source-url unless --no-attribution. REWRITE.md is what rewrite and batch write ("# headline",
a blank line, the article, the SEO block). --post ID updates that post instead of making a new one.
The application password (Users → Profile → Application Passwords in WordPress) is read from WP_APP_PASSWORD, never
from a flag, so it stays out of your shell history; it is sent to that site only, and never to an address it
redirects to. --json prints {id, link, editLink, status, slug, tags}.
Exit code 0 when the draft is made, 1 when the site refused it or could not be reached, 2 for bad arguments.`;

const STATUSES: readonly DraftStatus[] = ['draft', 'pending'];

/** The site, user and password a command line names (WP_APP_PASSWORD from the environment), or what is missing. */
export function siteFromArgs(values: Record<string, string>, env: NodeJS.ProcessEnv): WpSite | string {
  if (!values.wordpress || !values.user) return 'give --wordpress URL and --user NAME';
  const password = env.WP_APP_PASSWORD?.trim() ?? '';
  if (!password) return 'set WP_APP_PASSWORD to the application password WordPress made for this user (Users → Profile → Application Passwords)';
  return { url: values.wordpress, user: values.user, password };
}

/** A draft sent from an answer, with the site's words on failure (the password never in them). */
export async function publishAnswer(
  site: WpSite,
  answer: Answer,
  opts: { status: DraftStatus; sourceUrl?: string | null; attribution: boolean; post?: number | null },
): Promise<SentDraft> {
  const c = await connect(site);
  return sendDraft(c, { answer, status: opts.status, sourceUrl: opts.sourceUrl ?? null, attribution: opts.attribution }, opts.post ?? null);
}

export async function runPublish(args: string[], io: CommandIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const fail = (message: string) => (io.stderr(`newsmith publish: ${message}\n${PUBLISH_USAGE}\n`), 2);
  let opts;
  try {
    opts = parseOptions(args, ['wordpress', 'user', 'status', 'source-url', 'post'], ['json', 'no-attribution']);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (opts.flags.has('help')) return (io.stdout(`${PUBLISH_USAGE}\n`), 0);
  if (opts.positional.length !== 1) return fail('give one REWRITE.md');
  const status = (opts.values.status ?? 'draft') as DraftStatus;
  if (!STATUSES.includes(status)) return fail(`--status is one of ${STATUSES.join(', ')}`);
  const post = opts.values.post === undefined ? null : Number(opts.values.post);
  if (post !== null && !(Number.isInteger(post) && post > 0)) return fail('--post is a post id (a whole number)');
  const site = siteFromArgs(opts.values, env);
  if (typeof site === 'string') return fail(site);
  let text: string;
  try {
    text = await readFile(opts.positional[0] as string, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `${opts.positional[0]}: no such file` : `${opts.positional[0]}: ${(err as Error).message}`);
  }
  const { headline, body, seo } = parseAnswer(text, { final: true });
  if (headline.trim() === '' || body.trim() === '') return fail(`${opts.positional[0]} has no "# headline" and article`);
  try {
    const sent = await publishAnswer(
      site,
      { headline, body, seo },
      { status, sourceUrl: opts.values['source-url'] ?? null, attribution: !opts.flags.has('no-attribution'), post },
    );
    for (const note of sent.notes) io.stderr(`newsmith publish: ${note}\n`);
    if (opts.flags.has('json')) {
      const { id, link, editLink, status: state, slug, tags } = sent;
      io.stdout(`${JSON.stringify({ id, link, editLink, status: state, slug, tags }, null, 2)}\n`);
    } else {
      io.stdout(
        `${post === null ? 'Made' : 'Updated'} ${sent.status === 'pending' ? 'a post pending review' : 'a draft'} (post ${sent.id}). Edit it in WordPress: ${sent.editLink}\n`,
      );
    }
    return 0;
  } catch (err) {
    io.stderr(`newsmith publish: ${err instanceof WpError ? err.message : `the draft was not sent: ${(err as Error).message}`}\n`);
    return 1;
  }
}

export const publishCommand: Command = {
  name: 'publish',
  summary: 'send a rewrite to WordPress as a draft, SEO fields filled (WP_APP_PASSWORD)',
  usage: PUBLISH_USAGE,
  run: (args, io) => runPublish(args, io),
};
