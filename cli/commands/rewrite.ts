import { say } from '../../src/i18n';
import { english } from '../../src/i18n-en';
import { describeError } from '../../src/llm/errors';
import { streamChat } from '../../src/llm/openai';
import { outputCap } from '../../src/llm/output-cap';
import { buildMessages, buildPromptText } from '../../src/prompt';
import { continuationContext, planSections, sectionMessages } from '../../src/prompt/sections';
import { splitAnswer } from '../../src/rewrite/split';
import { defaults, validateInput } from '../../src/settings';
import { loadArticle, parseOptions } from './article-input';
import type { Command, CommandIO } from './types';

export const REWRITE_USAGE = `usage: newsmith rewrite FILE|URL [--url URL] [--model M] [--language L] [--persona P]

Streams the rewrite of the page's article to standard output, with the extension's prompt.
Uses OPENAI_API_KEY and OPENAI_BASE_URL (default ${defaults.baseURL}); --model (default ${defaults.model}).
Without a key it prints the prompt, ready to paste into any chat, and says how to set one.`;

export async function runRewrite(args: string[], io: CommandIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let opts;
  try {
    opts = parseOptions(args, ['url', 'model', 'language', 'persona'], []);
    if (opts.flags.has('help')) return io.stdout(`${REWRITE_USAGE}\n`), 0;
    if (opts.positional.length !== 1) throw new Error('give one FILE or URL');
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
    io.stderr('newsmith rewrite: no OPENAI_API_KEY set, so here is the prompt to paste into any chat. To rewrite here, set OPENAI_API_KEY (and OPENAI_BASE_URL for another provider).\n');
    return 0;
  }
  const sections = planSections(article.blocks, Math.max(500, settings.inputBudgetTokens - 600));
  let text = '';
  const write = (t: string) => {
    text += t;
    io.stdout(t);
  };
  try {
    for (const [index, section] of sections.entries()) {
      const messages =
        sections.length === 1
          ? buildMessages(article, settings)
          : sectionMessages(article, settings, section, { index, total: sections.length, ...continuationContext(text, (t) => splitAnswer(t, { final: true })) });
      if (index > 0) write('\n\n');
      if (sections.length > 1) io.stderr(`newsmith rewrite: section ${index + 1} of ${sections.length}\n`);
      const { finishReason } = await streamChat({
        baseURL: settings.baseURL,
        apiKey: settings.apiKey,
        model: settings.model,
        messages,
        idleTimeoutMs: settings.idleTimeoutSec * 1000,
        maxOutputTokens: outputCap({ articleTokens: section.tokens, seoPack: settings.seoPack, model: settings.model, userMax: settings.maxOutputTokens }),
        signal: new AbortController().signal,
        onDelta: write,
        onNotice: (notice) => notice && io.stderr(`newsmith rewrite: ${say(english, notice)}\n`),
      });
      if (finishReason !== 'stop') {
        io.stdout('\n');
        io.stderr(`newsmith rewrite: the answer is incomplete (${finishReason === 'length' ? 'the model hit its length limit' : 'the stream ended early'}).\n`);
        return 1;
      }
    }
    io.stdout('\n');
    return 0;
  } catch (err) {
    if (text) io.stdout('\n');
    io.stderr(`newsmith rewrite: ${describeError(err, settings, english).message}\n`);
    return 1;
  }
}

export const rewriteCommand: Command = {
  name: 'rewrite',
  summary: 'stream the rewrite of a page to standard output (OPENAI_API_KEY, OPENAI_BASE_URL)',
  usage: REWRITE_USAGE,
  run: (args, io) => runRewrite(args, io),
};
