import { errorOf, newJob, pageKey } from '../../src/job';
import { writeRewrite } from '../../src/pipeline';
import { buildPromptText } from '../../src/prompt';
import { defaults } from '../../src/settings';
import { loadArticle, parseOptions } from './article-input';
import { ANSWER_FORMATS, printedAnswer, settingsFromEnv, terminalRun, type AnswerFormat } from './terminal-run';
import type { Command, CommandIO } from './types';

export const REWRITE_USAGE = `usage: newsmith rewrite FILE|URL [--url URL] [--model M] [--language L] [--persona P] [--format markdown|text|json] [--yes]

Rewrites the page's article with the extension's prompt and pipeline, and prints the headline and article read
from the answer: Markdown (default), plain text, or JSON with the SEO extras. Progress goes to standard error.
A page that may not be a whole article, or one that takes more than three requests, is sent only with --yes.
Uses OPENAI_API_KEY and OPENAI_BASE_URL (default ${defaults.baseURL}); --model (default ${defaults.model}).
Without a key it prints the prompt, ready to paste into any chat, and says how to set one.`;

export async function runRewrite(args: string[], io: CommandIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let opts;
  try {
    opts = parseOptions(args, ['url', 'model', 'language', 'persona', 'format'], ['yes']);
    if (opts.flags.has('help')) return (io.stdout(`${REWRITE_USAGE}\n`), 0);
    if (opts.positional.length !== 1) throw new Error('give one FILE or URL');
    if (opts.values.format !== undefined && !(ANSWER_FORMATS as readonly string[]).includes(opts.values.format))
      throw new Error(`--format is one of ${ANSWER_FORMATS.join(', ')}`);
  } catch (err) {
    io.stderr(`newsmith rewrite: ${(err as Error).message}\n${REWRITE_USAGE}\n`);
    return 2;
  }
  const configured = settingsFromEnv(env, opts.values);
  if ('problem' in configured) {
    io.stderr(`newsmith rewrite: ${configured.problem}\n`);
    return 2;
  }
  const { settings } = configured;
  let article;
  try {
    article = await loadArticle(opts.positional[0] as string, opts.values.url ?? null, io);
  } catch (err) {
    io.stderr(`newsmith rewrite: ${(err as Error).message}\n`);
    return 1;
  }
  if (!settings.apiKey) {
    io.stdout(`${buildPromptText(article, settings)}\n`);
    io.stderr(
      'newsmith rewrite: no OPENAI_API_KEY set, so here is the prompt to paste into any chat. To rewrite here, set OPENAI_API_KEY (and OPENAI_BASE_URL for another provider).\n',
    );
    return 0;
  }
  const format = (opts.values.format ?? 'markdown') as AnswerFormat;
  const say = (line: string) => io.stderr(`newsmith rewrite: ${line}\n`);
  const { ports, refusal } = terminalRun(settings, say, { yes: opts.flags.has('yes'), raw: io.raw === true });
  const url = article.url || (opts.positional[0] as string);
  const job = await writeRewrite(
    newJob(crypto.randomUUID(), pageKey(url), url, settings.model, Date.now()),
    article,
    settings,
    ports,
    new AbortController().signal,
  );
  if (job.text !== '' || job.state === 'done') io.stdout(`${printedAnswer(job, format)}\n`);
  const error = errorOf(job);
  if (job.state === 'done') return 0;
  const why = refusal();
  if (why !== null) say(`${why} Nothing was sent. Run again with --yes to send it anyway.`);
  else if (error) say(error.message);
  return 1;
}

export const rewriteCommand: Command = {
  name: 'rewrite',
  summary: 'rewrite a page and print its headline and article (OPENAI_API_KEY, OPENAI_BASE_URL)',
  usage: REWRITE_USAGE,
  run: (args, io) => runRewrite(args, io),
};
