import { buildMessages, buildPromptText } from '../../src/prompt';
import { defaults } from '../../src/settings';
import { loadArticle, parseOptions } from './article-input';
import type { Command, CommandIO } from './types';

export const PROMPT_USAGE = `usage: newsmith prompt FILE|URL [--url URL] [--json] [--language L] [--persona P]

Prints what the extension would send for this page: the system message and the user's prompt, as one text
ready to paste into any chat, or with --json as the messages array.`;

export async function runPrompt(args: string[], io: CommandIO): Promise<number> {
  let opts;
  try {
    opts = parseOptions(args, ['url', 'language', 'persona'], ['json']);
    if (opts.flags.has('help')) return (io.stdout(`${PROMPT_USAGE}\n`), 0);
    if (opts.positional.length !== 1) throw new Error('give one FILE or URL');
  } catch (err) {
    io.stderr(`newsmith prompt: ${(err as Error).message}\n${PROMPT_USAGE}\n`);
    return 2;
  }
  try {
    const article = await loadArticle(opts.positional[0] as string, opts.values.url ?? null, io);
    const settings = { ...defaults, language: opts.values.language ?? defaults.language, persona: opts.values.persona ?? defaults.persona };
    if (opts.flags.has('json')) io.stdout(`${JSON.stringify(buildMessages(article, settings), null, 2)}\n`);
    else io.stdout(`${buildPromptText(article, settings)}\n`);
    return 0;
  } catch (err) {
    io.stderr(`newsmith prompt: ${(err as Error).message}\n`);
    return 1;
  }
}

export const promptCommand: Command = {
  name: 'prompt',
  summary: 'print the messages the extension would send for a page',
  usage: PROMPT_USAGE,
  run: runPrompt,
};
