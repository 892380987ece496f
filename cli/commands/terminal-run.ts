/**
 * What `rewrite` and `batch` share: the settings from the environment (OPENAI_BASE_URL, OPENAI_API_KEY) and the
 * command line, the pipeline's ports for a terminal (progress said on standard error, nothing stored), and the
 * answer as printed or written to a file.
 */
import { warningText } from '../../src/extract/warning-text';
import { english } from '../../src/i18n-en';
import { answerOf, type JobRecord } from '../../src/job';
import { tokenCounter } from '../../src/llm/token-count';
import { transportFor, type ChatTransport } from '../../src/llm/transport';
import type { PipelinePorts } from '../../src/pipeline';
import { toMarkdown, toPlainText } from '../../src/rewrite/render';
import { defaults, validateInput, type Settings } from '../../src/settings';
import { TerminalFilter } from '../terminal';

export const ANSWER_FORMATS = ['markdown', 'text', 'json'] as const;
export type AnswerFormat = (typeof ANSWER_FORMATS)[number];

/** The settings a run uses, or what is wrong with OPENAI_BASE_URL (said before anything is read or sent). */
export function settingsFromEnv(env: NodeJS.ProcessEnv, values: Record<string, string>): { settings: Settings } | { problem: string } {
  const baseURL = (env.OPENAI_BASE_URL?.trim() || defaults.baseURL).replace(/\/+$/, '');
  // The same check as the options page: an http(s) address with no user:pass@ in it (credentials in a URL end up in
  // errors and logs).
  const endpointProblem = validateInput({ baseURL }, english).baseURL;
  if (endpointProblem) return { problem: `OPENAI_BASE_URL is not usable. ${endpointProblem}` };
  return {
    settings: {
      ...defaults,
      apiKey: env.OPENAI_API_KEY?.trim() ?? '',
      baseURL,
      model: values.model ?? defaults.model,
      language: values.language ?? defaults.language,
      persona: values.persona ?? defaults.persona,
    },
  };
}

/**
 * The model's text made inert as it streams (unless `--raw`): an escape sequence split over pieces is dropped whole
 * before the answer is read, so none of it survives as visible debris in the headline or the article.
 */
function inertAnswer(transport: ChatTransport, raw: boolean): ChatTransport {
  if (raw) return transport;
  const filter = new TerminalFilter();
  return { ...transport, stream: (req) => transport.stream({ ...req, onDelta: (text) => req.onDelta(filter.write(text)) }) };
}

export interface TerminalRun {
  ports: PipelinePorts;
  /** Set when the job asked for the user's word and `yes` was not given: why it asked. */
  refusal: () => string | null;
}

/**
 * Ports for one rewrite in a terminal: each section and notice said once through `say`; a doubtful page (or one
 * that takes many requests) is sent only when `yes`.
 */
export function terminalRun(settings: Settings, say: (line: string) => void, opts: { yes: boolean; raw: boolean }): TerminalRun {
  let saidSection = -1;
  let saidNotice: string | null = null;
  let refusal: string | null = null;
  const ports: PipelinePorts = {
    transport: inertAnswer(transportFor(settings, { t: english, languageModel: null }), opts.raw),
    t: english,
    now: () => Date.now(),
    countTokens: tokenCounter(settings),
    // Nothing to show or store here: the states only say how far it got.
    changed: async (job) => {
      if (job.state !== 'writing') return;
      if (job.section && job.section.index !== saidSection) say(`section ${(saidSection = job.section.index) + 1} of ${job.section.total}`);
      if (job.notice && job.notice !== saidNotice) say((saidNotice = job.notice));
    },
    appended: () => {},
    confirm: async (job) => {
      const why = job.warnings.map((w) => warningText(w, english));
      if (job.estimate && job.estimate.sections > 1) why.push(`it takes ${job.estimate.sections} requests`);
      if (!opts.yes) refusal = why.join(' ');
      return opts.yes;
    },
    warn: (message) => say(message),
  };
  return { ports, refusal: () => refusal };
}

/** The answer as the user asked for it: what the extension's copy buttons give (SEO extras after it), or JSON. */
export function printedAnswer(job: JobRecord, format: AnswerFormat): string {
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
