import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { answerOf, errorOf, newJob, pageKey, type Answer } from '../../src/job';
import { StreamAbort } from '../../src/llm/abort';
import { continueRewrite, writeRewrite } from '../../src/pipeline';
import { PartialAnswer } from './batch-partial';
import { freeSlug, rewriteSlug } from '../../src/rewrite/slug';
import { CONCURRENCY_MAX, defaults, type Settings } from '../../src/settings';
import { estimateTokens } from '../../src/tokens';
import { connect, whoAmI, WpError, type WpConnection } from '../../src/publish/wp-api';
import { sendDraft, type DraftStatus } from '../../src/publish/wp-draft';
import { parseAnswer } from '../../src/rewrite/split';
import { siteFromArgs } from './publish';
import { loadArticle, parseOptions } from './article-input';
import { printedAnswer, settingsFromEnv, terminalRun } from './terminal-run';
import type { Command, CommandIO } from './types';
import { readUrlList, type BatchItem } from '../../src/queue/url-list';

export const BATCH_USAGE = `usage: newsmith batch --urls FILE --out DIR [--concurrency N] [--model M] [--language L] [--persona P] [--yes]
                      [--wordpress URL --user NAME [--status draft|pending] [--no-attribution]]

Rewrites every page listed in FILE (one http(s) URL per line; blank lines and # comments ignored; - reads standard
input), N at a time (1-4, default 2), with the extension's prompt and pipeline. Writes DIR/<slug>.md per done
article (the headline as "# ...", a blank line, the article, then its SEO extras) and DIR/results.json: one
{url, status, file, headline, error} per finished line, in FILE's order, rewritten as items finish. Run it again with
the same --out and the items already done are skipped, with no request; one cut off mid-answer goes on with
Continue (its answer is kept in DIR/.partial/ as it streams). A doubtful page (or one that takes more than
three requests) is sent only with --yes. Progress goes to standard error.
With --wordpress, each done article is also sent to that site as a draft (WP_APP_PASSWORD, as for publish), its post
id and editor link kept in results.json; the site and password are checked before anything is sent, and a rerun sends
the drafts that failed, with no new rewrite.
Exit code 0 when every item is done, 1 when some failed or the run was stopped, 2 for bad arguments.
Uses OPENAI_API_KEY and OPENAI_BASE_URL (default ${defaults.baseURL}); --model (default ${defaults.model}).`;

/** The same range and default as the extension's queue (its setting). */
export const MAX_CONCURRENCY = CONCURRENCY_MAX;
export const DEFAULT_CONCURRENCY = defaults.queueConcurrency;
export const RESULTS_FILE = 'results.json';

export interface BatchResult {
  url: string;
  status: 'done' | 'error' | 'skipped';
  /** The article's file in the output directory (done, or skipped because done before). */
  file: string | null;
  headline: string | null;
  error: string | null;
  /** With --wordpress: the draft's post id and where to edit it (null when it could not be sent: see `error`). */
  post?: number | null;
  editLink?: string | null;
}

/** What an earlier run with the same output directory finished: its done items whose file is still there. */
async function doneBefore(dir: string): Promise<Map<string, BatchResult>> {
  const done = new Map<string, BatchResult>();
  let listed: unknown;
  try {
    listed = JSON.parse(await readFile(join(dir, RESULTS_FILE), 'utf8'));
  } catch {
    return done; // none yet, or unreadable: every item runs
  }
  if (!Array.isArray(listed)) return done;
  for (const r of listed as Partial<BatchResult>[]) {
    if (!r || typeof r.url !== 'string' || typeof r.file !== 'string' || (r.status !== 'done' && r.status !== 'skipped')) continue;
    if (/[/\\]/.test(r.file) || !existsSync(join(dir, r.file))) continue;
    const entry: BatchResult = { url: r.url, status: 'done', file: r.file, headline: typeof r.headline === 'string' ? r.headline : null, error: null };
    if (typeof r.post === 'number') Object.assign(entry, { post: r.post, editLink: typeof r.editLink === 'string' ? r.editLink : null });
    done.set(r.url, entry);
  }
  return done;
}

/** Written whole under another name, then renamed: a run stopped mid-write never leaves half a file. */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface BatchRun {
  items: BatchItem[];
  dir: string;
  concurrency: number;
  settings: Settings;
  yes: boolean;
  raw: boolean;
  signal: AbortSignal;
  /** Send each done article to this site as a draft. */
  wordpress?: { connection: WpConnection; status: DraftStatus; attribution: boolean } | null;
}

/** Runs the items, N at a time; resolves with every item's result, in the list's order (none for an item not reached). */
export async function runItems(run: BatchRun, io: CommandIO): Promise<(BatchResult | null)[]> {
  const { items, dir, settings } = run;
  const started = Date.now();
  const say = (line: string) => io.stderr(`newsmith batch: ${line}\n`);
  const before = await doneBefore(dir);
  const taken = new Set([...readdirSync(dir)].map((name) => name.toLowerCase()));
  const results: (BatchResult | null)[] = items.map(() => null);
  const firstLine = new Map<string, number>();
  let saving = Promise.resolve();
  const save = (): Promise<void> =>
    (saving = saving.then(() =>
      writeWhole(
        join(dir, RESULTS_FILE),
        `${JSON.stringify(
          results.filter((r) => r !== null),
          null,
          2,
        )}\n`,
      ),
    ));
  let finished = 0;
  let tokens = 0;
  const finish = async (i: number, result: BatchResult, note: string): Promise<void> => {
    results[i] = result;
    finished++;
    say(
      `item ${i + 1} of ${items.length} ${note} (${finished} of ${items.length} finished, ${tokens.toLocaleString('en-US')} tokens, ${seconds(Date.now() - started)} elapsed)`,
    );
    await save();
  };

  /** The draft's post id and link, or why it was not sent (the article itself stays done). */
  const publish = async (answer: Answer, url: string): Promise<Pick<BatchResult, 'post' | 'editLink' | 'error'>> => {
    const wp = run.wordpress;
    if (!wp) return { error: null };
    try {
      const sent = await sendDraft(wp.connection, { answer, status: wp.status, sourceUrl: url, attribution: wp.attribution });
      for (const note of sent.notes) say(note);
      return { post: sent.id, editLink: sent.editLink, error: null };
    } catch (err) {
      return { post: null, editLink: null, error: `the draft was not sent: ${err instanceof WpError ? err.message : (err as Error).message}` };
    }
  };

  const one = async (i: number): Promise<void> => {
    const item = items[i] as BatchItem;
    const { url } = item;
    const failed = (error: string) => finish(i, { url, status: 'error', file: null, headline: null, error }, `failed: ${error}`);
    if (item.problem) return failed(item.problem);
    const earlier = before.get(url);
    if (earlier) {
      // Done before; with --wordpress and no draft yet, the draft is sent from the file (no new rewrite).
      if (!run.wordpress || typeof earlier.post === 'number') return finish(i, { ...earlier, status: 'skipped' }, `skipped, done before: ${earlier.file}`);
      const { headline, body, seo } = parseAnswer(await readFile(join(dir, earlier.file as string), 'utf8'), { final: true });
      const sent = await publish({ headline, body, seo }, url);
      return finish(i, { ...earlier, status: 'skipped', ...sent }, sent.error ?? `skipped, done before: ${earlier.file}; draft ${sent.post} sent`);
    }
    const twin = firstLine.get(url);
    if (twin !== undefined)
      return finish(i, { url, status: 'skipped', file: null, headline: null, error: `the same address as line ${twin}` }, 'skipped: listed twice');
    firstLine.set(url, item.line);
    const t0 = Date.now();
    const partial = new PartialAnswer(dir, url, writeWhole);
    const kept = await partial.read();
    let article;
    if (kept) article = kept.article;
    else {
      try {
        article = await loadArticle(url, null, io, run.signal);
      } catch (err) {
        return failed((err as Error).message);
      }
    }
    const source = article;
    const terminal = terminalRun(settings, (line) => say(`item ${i + 1} of ${items.length}: ${line}`), { yes: run.yes, raw: run.raw });
    // Every piece of the answer is kept (at most once a second), so a run cut off mid-answer continues next time.
    const ports = {
      ...terminal.ports,
      appended: (job: Parameters<typeof terminal.ports.appended>[0], at: number, text: string) => {
        terminal.ports.appended(job, at, text);
        partial.keep(job, source);
      },
    };
    if (kept) say(`item ${i + 1} of ${items.length}: going on from the ${kept.job.text.length.toLocaleString('en-US')} characters written before`);
    const job = kept
      ? await continueRewrite(kept.job, source, settings, ports, run.signal)
      : await writeRewrite(newJob(crypto.randomUUID(), pageKey(url), url, settings.model, Date.now()), source, settings, ports, run.signal);
    partial.stopTimer();
    tokens += (job.estimate?.inputTokens ?? 0) + estimateTokens(job.text);
    if (job.state !== 'done') {
      if (job.text !== '') await partial.flush(source);
      else await partial.drop();
      const why = terminal.refusal();
      const error = why !== null ? `${why} Nothing was sent. Run again with --yes to send it anyway.` : (errorOf(job)?.message ?? job.state);
      return failed(error);
    }
    await partial.drop();
    const answer = answerOf(job);
    const name = `${freeSlug(rewriteSlug(answer.seo.slug, answer.headline, url), (n) => taken.has(`${n}.md`))}.md`;
    taken.add(name);
    await writeWhole(join(dir, name), `${printedAnswer(job, 'markdown')}\n`);
    const sent = await publish(answer, url);
    const posted = sent.post ? `, draft ${sent.post}` : sent.error ? ` (${sent.error})` : '';
    await finish(
      i,
      { url, status: 'done', file: name, headline: answer.headline, ...sent },
      `done: ${name}, ${((Date.now() - t0) / 1000).toFixed(2)} s${posted}`,
    );
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (!run.signal.aborted && next < items.length) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(run.concurrency, items.length) }, worker));
  await saving;
  return results;
}

export async function runBatch(args: string[], io: CommandIO, env: NodeJS.ProcessEnv = process.env, signal = new AbortController().signal): Promise<number> {
  const fail = (message: string) => (io.stderr(`newsmith batch: ${message}\n${BATCH_USAGE}\n`), 2);
  let opts;
  try {
    opts = parseOptions(args, ['urls', 'out', 'concurrency', 'model', 'language', 'persona', 'wordpress', 'user', 'status'], ['yes', 'no-attribution']);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (opts.flags.has('help')) return (io.stdout(`${BATCH_USAGE}\n`), 0);
  const { urls, out } = opts.values;
  if (opts.positional.length > 0) return fail(`unexpected argument ${opts.positional[0]}`);
  if (!urls || !out) return fail('give --urls FILE and --out DIR');
  const concurrency = Number(opts.values.concurrency ?? DEFAULT_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY)
    return fail(`--concurrency is a whole number from 1 to ${MAX_CONCURRENCY}`);
  const configured = settingsFromEnv(env, opts.values);
  if ('problem' in configured) return (io.stderr(`newsmith batch: ${configured.problem}\n`), 2);
  if (!configured.settings.apiKey) {
    io.stderr('newsmith batch: no OPENAI_API_KEY set. Set it (and OPENAI_BASE_URL for another provider; a local server takes any text) to rewrite a batch.\n');
    return 2;
  }
  const wpStatus = (opts.values.status ?? 'draft') as DraftStatus;
  if (wpStatus !== 'draft' && wpStatus !== 'pending') return fail('--status is one of draft, pending');
  if ((opts.values.wordpress || opts.values.user || opts.values.status) && !(opts.values.wordpress && opts.values.user))
    return fail('give --wordpress URL and --user NAME together');
  let wordpress: BatchRun['wordpress'] = null;
  if (opts.values.wordpress) {
    const site = siteFromArgs(opts.values, env);
    if (typeof site === 'string') return fail(site);
    // Checked before anything is spent: a wrong password or a user who may not write drafts stops the run here.
    try {
      const connection = await connect(site);
      const me = await whoAmI(connection);
      if (!me.canCreate) {
        io.stderr(
          `newsmith batch: ${me.name} may not create posts on ${new URL(connection.root).host}; nothing was sent. Ask an administrator for the Author or Editor role.\n`,
        );
        return 1;
      }
      wordpress = { connection, status: wpStatus, attribution: !opts.flags.has('no-attribution') };
    } catch (err) {
      io.stderr(`newsmith batch: ${err instanceof WpError ? err.message : (err as Error).message} Nothing was sent.\n`);
      return 1;
    }
  }
  let list: string;
  try {
    list = urls === '-' ? (await io.readStdin()).toString('utf8') : await readFile(urls, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `${urls}: no such file` : `${urls}: ${(err as Error).message}`);
  }
  const items = readUrlList(list);
  if (items.length === 0) return fail(`${urls} lists no addresses`);
  try {
    await mkdir(out, { recursive: true });
  } catch (err) {
    return fail(`cannot make ${out}: ${(err as Error).message}`);
  }
  const started = Date.now();
  const results = await runItems(
    { items, dir: out, concurrency, settings: configured.settings, yes: opts.flags.has('yes'), raw: io.raw === true, signal, wordpress },
    io,
  );
  const count = (status: BatchResult['status']) => results.filter((r) => r?.status === status).length;
  const unsent = wordpress ? results.filter((r) => r !== null && r.status !== 'error' && typeof r.post !== 'number' && r.file !== null).length : 0;
  const left = results.filter((r) => r === null).length;
  const summary = [`${count('done')} done`, `${count('skipped')} skipped`, `${count('error')} failed`, left ? `${left} not started (stopped)` : ''].filter(
    Boolean,
  );
  io.stderr(`newsmith batch: ${summary.join(', ')} in ${seconds(Date.now() - started)}; results in ${join(out, RESULTS_FILE)}\n`);
  if (left) io.stderr('newsmith batch: run it again with the same --out to go on; what is done is not sent again.\n');
  return count('error') > 0 || left > 0 || unsent > 0 ? 1 : 0;
}

export const batchCommand: Command = {
  name: 'batch',
  summary: 'rewrite every page in a list of URLs into a directory, N at a time, resumable (OPENAI_API_KEY, OPENAI_BASE_URL)',
  usage: BATCH_USAGE,
  run: async (args, io) => {
    // Ctrl-C stops the requests in flight and starts no more; what finished is in results.json.
    const stop = new AbortController();
    const onInterrupt = () => stop.abort(new StreamAbort('stopped'));
    process.once('SIGINT', onInterrupt);
    try {
      return await runBatch(args, io, process.env, stop.signal);
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  },
};
