import { warningText } from '../../src/extract/warning-text';
import { english } from '../../src/i18n-en';
import { answerOf, errorOf, newJob, pageKey, type JobRecord } from '../../src/job';
import { tokenCounter } from '../../src/llm/token-count';
import { transportFor, type ChatTransport } from '../../src/llm/transport';
import { TerminalFilter } from '../terminal';
import { writeRewrite, type PipelinePorts } from '../../src/pipeline';
import { buildPromptText } from '../../src/prompt';
import { toMarkdown, toPlainText } from '../../src/rewrite/render';
import { defaults, validateInput } from '../../src/settings';
import { loadArticle, parseOptions } from './article-input';
import type { Command, CommandIO } from './types';

export const REWRITE_USAGE = `usage: newsmith rewrite FILE|URL [--url URL] [--model M] [--language L] [--persona P] [--format markdown|text|json] [--yes]

Rewrites the page's article with the extension's prompt and pipeline, and prints the headline and article read
from the answer: Markdown (default), plain text, or JSON with the SEO extras. Progress goes to standard error.
A page that may not be a whole article, or one that takes more than three requests, is sent only with --yes.
Uses OPENAI_API_KEY and OPENAI_BASE_URL (default ${defaults.baseURL}); --model (default ${defaults.model}).
Without a key it prints the prompt, ready to paste into any chat, and says how to set one.`;

const FORMATS = ['markdown', 'text', 'json'] as const;
type Format = (typeof FORMATS)[number];

/**
 * The model's text made inert as it streams (unless `--raw`): an escape sequence split over pieces is dropped whole
 * before the answer is read, so none of it survives as visible debris in the headline or the article.
 */
function inertAnswer(transport: ChatTransport, raw: boolean): ChatTransport {
  if (raw) return transport;
  const filter = new TerminalFilter();
  return { ...transport, stream: (req) => transport.stream({ ...req, onDelta: (text) => req.onDelta(filter.write(text)) }) };
}

/** The answer as the user asked for it: what the extension's copy buttons give, or JSON for scripts. */
function printed(job: JobRecord, format: Format): string {
  const { headline, body, seo } = answerOf(job);
  if (format === 'json') return JSON.stringify({ state: job.state, headline, body, seo, checks: job.state === 'done' ? job.checks : null }, null, 2);
  const article = format === 'text' ? [headline.trim(), toPlainText(body)].filter(Boolean).join('\n\n') : toMarkdown(headline, body);
  const extras = [
    seo.metaDescription && `Meta description: ${seo.metaDescription}`,
    seo.slug && `Slug: ${seo.slug}`,
    seo.keywords?.length && `Keywords: ${seo.keywords.join(', ')}`,
  ].filter(Boolean);
  return extras.length ? `${article}\n\n---\n\n${extras.join('\n')}` : article;
}

export async function runRewrite(args: string[], io: CommandIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let opts;
  try {
    opts = parseOptions(args, ['url', 'model', 'language', 'persona', 'format'], ['yes']);
    if (opts.flags.has('help')) return (io.stdout(`${REWRITE_USAGE}\n`), 0);
    if (opts.positional.length !== 1) throw new Error('give one FILE or URL');
    if (opts.values.format !== undefined && !(FORMATS as readonly string[]).includes(opts.values.format))
      throw new Error(`--format is one of ${FORMATS.join(', ')}`);
  } catch (err) {
    io.stderr(`newsmith rewrite: ${(err as Error).message}\n${REWRITE_USAGE}\n`);
    return 2;
  }
  const baseURL = (env.OPENAI_BASE_URL?.trim() || defaults.baseURL).replace(/\/+$/, '');
  // The same check as the options page: an http(s) address with no user:pass@ in it (credentials in a URL end up in
  // errors and logs), said before anything is read or sent.
  const endpointProblem = validateInput({ baseURL }, english).baseURL;
  if (endpointProblem) {
    io.stderr(`newsmith rewrite: OPENAI_BASE_URL is not usable. ${endpointProblem}\n`);
    return 2;
  }
  const settings = {
    ...defaults,
    apiKey: env.OPENAI_API_KEY?.trim() ?? '',
    baseURL,
    model: opts.values.model ?? defaults.model,
    language: opts.values.language ?? defaults.language,
    persona: opts.values.persona ?? defaults.persona,
  };
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
  const format = (opts.values.format ?? 'markdown') as Format;
  const yes = opts.flags.has('yes');
  const say = (line: string) => io.stderr(`newsmith rewrite: ${line}\n`);
  let saidSection = -1;
  let saidNotice: string | null = null;
  let refused = false;
  const ports: PipelinePorts = {
    transport: inertAnswer(transportFor(settings, { t: english, languageModel: null }), io.raw === true),
    t: english,
    now: () => Date.now(),
    countTokens: tokenCounter(settings),
    // Nothing to show or store here: the states only say how far it got (each section and notice said once).
    changed: async (job) => {
      if (job.state !== 'writing') return;
      if (job.section && job.section.index !== saidSection) say(`section ${(saidSection = job.section.index) + 1} of ${job.section.total}`);
      if (job.notice && job.notice !== saidNotice) say((saidNotice = job.notice));
    },
    appended: () => {},
    confirm: async (job) => {
      const why = job.warnings.map((w) => warningText(w, english));
      if (job.estimate && job.estimate.sections > 1) why.push(`it takes ${job.estimate.sections} requests`);
      refused = !yes;
      if (refused) say(`${why.join(' ')} Nothing was sent. Run again with --yes to send it anyway.`);
      return yes;
    },
    warn: (message) => say(message),
  };
  const url = article.url || (opts.positional[0] as string);
  const job = await writeRewrite(
    newJob(crypto.randomUUID(), pageKey(url), url, settings.model, Date.now()),
    article,
    settings,
    ports,
    new AbortController().signal,
  );
  if (job.text !== '' || job.state === 'done') io.stdout(`${printed(job, format)}\n`);
  const error = errorOf(job);
  if (job.state === 'done') return 0;
  if (error && !refused) say(error.message);
  return 1;
}

export const rewriteCommand: Command = {
  name: 'rewrite',
  summary: 'rewrite a page and print its headline and article (OPENAI_API_KEY, OPENAI_BASE_URL)',
  usage: REWRITE_USAGE,
  run: (args, io) => runRewrite(args, io),
};
