/**
 * The rewrite pipeline, one for the extension and the CLI: size and cost first (and the user's word when the page is
 * doubtful or takes many requests), then one request per section streamed into the job, then the answer read once
 * and checked against its source. Everything outside (showing, storing, the model, the clock, the user's word, the
 * words) comes in through `PipelinePorts`; a failure ends the job with words the user can act on, never a throw.
 */

import type { Article } from './article';
import { runChecks } from './checks';
import { estimateCost, type Estimate } from './cost';
import { say, type Translate } from './i18n';
import {
  isActive,
  needsConfirmation,
  textPreview,
  type ActiveJob,
  type AwaitingJob,
  type DoneJob,
  type EndedJob,
  type ExtractingJob,
  type JobError,
  type JobRecord,
  type WritingJob,
} from './job';
import {
  appendText,
  atSection,
  awaitConfirmation,
  complete,
  completeRevision,
  confirmedJob,
  endJob,
  resumeWriting,
  sized,
  startWriting,
  withChecks,
  withNotice,
} from './job-transitions';
import { StreamAbort } from './llm/abort';
import { redact } from './llm/errors';
import { outputCap } from './llm/output-cap';
import type { ChatTransport } from './llm/transport';
import { buildMessages, type ChatMessage } from './prompt';
import { continuationContext, planSections, sectionMessages, type Section } from './prompt/sections';
import { parseAnswer, splitAnswer } from './rewrite/split';
import type { Settings } from './settings';
import { answerText, applyRevision, headlineMessages, passageMessages, passageTargets, readHeadline, readNumbered, type Revision, type Target } from './revise';
import { headingMarks, paragraphMessages, paragraphTarget, readParagraph, replaceParagraph } from './revise-paragraph';
import { estimateMessagesTokens, estimateTokens } from './tokens';

export interface PipelinePorts {
  transport: ChatTransport;
  t: Translate;
  now(): number;
  /** The job changed: shown and stored. Resolves once stored; a store that fails does not stop the job. */
  changed(job: JobRecord): Promise<void>;
  /** Streamed text was added to the job at offset `at` (shown; stored now and then by the owner). */
  appended(job: WritingJob, at: number, text: string): void;
  /** Asks the user to send the job; resolves with their answer (false when stopped or left too long). */
  confirm(job: AwaitingJob, signal: AbortSignal): Promise<boolean>;
  /** The prompt's exact size from the provider, or null. Only ever asked once the user has agreed to send. */
  countTokens(messages: ChatMessage[], signal: AbortSignal): Promise<number | null>;
  /** Whether requests may reach the endpoint's host, for the words of a failure (absent: not a question here). */
  hostPermission?(): Promise<boolean>;
  /** Whether anything answers at the endpoint's address (asked only after a connection failed without host access). */
  listening?(): Promise<boolean>;
  /**
   * The endpoint said slow down (a 429 the SDK is retrying): `afterSec` is its Retry-After, when it gave one. The
   * batch queue slows down on it; one rewrite alone only shows the notice.
   */
  rateLimited?(afterSec: number | null): void;
  /** A failure no one could word, already redacted: for the console. */
  warn?(message: string): void;
}

/** The request that follows a partial answer when the user clicks Continue. */
export const CONTINUE_INSTRUCTION =
  'Your answer above was cut off. Continue it exactly where it stops, in the same language and layout. ' +
  'Do not repeat anything already written and do not start again: your reply is appended to it as it is.';

/** Longer articles than this many requests ask before sending. */
export const MAX_SECTIONS_WITHOUT_ASKING = 3;

/** Room left in each request for the prompt's own words around a section of the article. */
const PROMPT_OVERHEAD_TOKENS = 600;

/** An estimate at least this share of the input budget waits for the exact count before anything is sent. */
const NEAR_BUDGET = 0.7;

/** Codes after which Continue can go on from the text so far. */
const RESUMABLE = new Set(['incomplete', 'timeout', 'server', 'stopped']);

/** One job on its way through the pipeline: its newest state, shown and stored through the ports at each step. */
class Run {
  constructor(
    public job: JobRecord,
    readonly ports: PipelinePorts,
    readonly signal: AbortSignal,
    readonly settings: Settings,
  ) {}

  /** Records a new state and hands it to the owner; a store that fails is the owner's to keep (never a throw here). */
  set(job: JobRecord): Promise<void> {
    this.job = job;
    return this.ports.changed(job).catch((err: unknown) => this.ports.warn?.(`job not stored: ${String(err)}`));
  }

  writing(): WritingJob {
    if (this.job.state !== 'writing') throw new Error(`job is ${this.job.state}, not writing`);
    return this.job;
  }

  /** Ends an active job with `error`; Continue is offered only where `continuable` and the code allows it. */
  async end(error: JobError, continuable: boolean): Promise<JobRecord> {
    const job = this.job;
    if (!isActive(job)) return job;
    await this.set(endJob(job, error, continuable, this.ports.now()));
    return this.job;
  }

  async fail(err: unknown, continuable: boolean, hostPermission?: boolean, listening?: boolean): Promise<JobRecord> {
    const { transport, t } = this.ports;
    let error = transport.describe(err, hostPermission, listening);
    // A connection that drops after text has arrived is a cut answer, not a mystery.
    if (this.job.text !== '' && (error.code === 'unknown' || error.code === 'unreachable')) error = { code: 'incomplete', message: t('errConnectionCut') };
    if (error.code === 'unknown') this.ports.warn?.(`Newsmith job failed: ${redact(String(err), this.settings.apiKey)}`);
    return this.end(error, continuable && RESUMABLE.has(error.code));
  }
}

function estimateOf(tr: ChatTransport, settings: Settings, inputTokens: number, outputTokens: number, sections: number, counted: boolean): Estimate {
  const cost = tr.free ? 0 : estimateCost(tr.model, inputTokens, outputTokens, settings.prices);
  return { inputTokens, outputTokens, cost, sections, counted };
}

/** The output cap of one request: the section's size with headroom, at most the user's maximum (a ceiling on spend). */
function capFor(settings: Settings, articleTokens: number): number {
  return outputCap({ articleTokens, seoPack: settings.seoPack, model: settings.model, userMax: settings.maxOutputTokens });
}

/** The user's word on an extracting job: true when they said send (the job is then extracting again). */
async function askFirst(run: Run, article: Article): Promise<boolean> {
  const job = run.job;
  if (job.state !== 'extracting') return false;
  const waiting = awaitConfirmation(job, run.ports.now(), textPreview(article.text, article.wordCount));
  await run.set(waiting);
  const yes = await run.ports.confirm(waiting, run.signal);
  if (!yes || run.signal.aborted || run.job.state !== 'awaiting-confirmation') return false;
  await run.set(confirmedJob(run.job, run.ports.now()));
  return true;
}

/** Works out the sections and their cost, asking the user first when the page is doubtful or long; null: not sent. */
async function prepare(run: Run, article: Article, settings: Settings, limit: number | null, confirmed: boolean): Promise<Section[] | null> {
  const { transport: tr, now } = run.ports;
  // The user's budget, or less where the model's own window is smaller (the on-device model's is).
  const inputBudget = Math.min(settings.inputBudgetTokens, limit ?? Infinity);
  const budget = Math.max(500, inputBudget - PROMPT_OVERHEAD_TOKENS);
  let sections = planSections(article.blocks, budget);
  const outputTokens = estimateTokens(article.text);
  const multiTokens = (n: number, scale = 1) => Math.round(estimateTokens(article.text) * scale) + n * PROMPT_OVERHEAD_TOKENS;
  const messages = sections.length === 1 ? buildMessages(article, settings) : null;
  const promptTokens = messages ? estimateMessagesTokens(messages) : 0;
  const estimate = messages
    ? estimateOf(tr, settings, promptTokens, outputTokens, 1, false)
    : estimateOf(tr, settings, multiTokens(sections.length), outputTokens, sections.length, false);
  if (run.job.state !== 'extracting') return null;
  run.job = sized(run.job, { title: article.title, warnings: article.warnings, estimate }, now());

  /** The exact count (the article goes to the provider's tokenizer): only ever after the user's word, if one is asked. */
  const count = async (): Promise<void> => {
    if (!messages) return;
    const counting = run.ports.countTokens(messages, run.signal).catch(() => null);
    if (promptTokens < NEAR_BUDGET * inputBudget) {
      // Well inside the budget: the rewrite starts at once and the exact figure replaces the estimate when it comes.
      void counting.then((tokens) => {
        const job = run.job;
        if (tokens === null || run.signal.aborted || (job.state !== 'writing' && job.state !== 'extracting')) return;
        void run.set(sized(job, { estimate: estimateOf(tr, settings, tokens, outputTokens, 1, true) }, now()));
      });
      return;
    }
    // Close to the budget: the exact figure decides before the rewrite is sent.
    const tokens = await counting;
    if (run.job.state !== 'extracting' || tokens === null) return;
    if (tokens > inputBudget) {
      // The estimate was short: split by the real size, so no request goes over the budget blindly.
      const scale = tokens / promptTokens;
      sections = planSections(article.blocks, Math.max(500, Math.floor(budget / scale)));
      run.job = sized(run.job, { estimate: estimateOf(tr, settings, multiTokens(sections.length, scale), outputTokens, sections.length, false) }, now());
    } else {
      run.job = sized(run.job, { estimate: estimateOf(tr, settings, tokens, outputTokens, 1, true) }, now());
    }
  };

  // A doubtful page, or a text so long it takes many requests, is never sent anywhere (not even to be counted)
  // without the user's word.
  // A job the user already confirmed (it waited in storage while no worker ran) is not asked again.
  const asks = !confirmed && (needsConfirmation(article.warnings) || sections.length > MAX_SECTIONS_WITHOUT_ASKING);
  if (asks && !(await askFirst(run, article))) return null;
  await count();
  // The exact count may have split a text the estimate thought fitted into many requests: that too asks first.
  if (!confirmed && !asks && sections.length > MAX_SECTIONS_WITHOUT_ASKING && !(await askFirst(run, article))) return null;
  return sections;
}

/** Streams one request into the job; returns the model's finish reason (null when the stream just ended). */
async function stream(run: Run, messages: ChatMessage[], settings: Settings, maxOutputTokens: number): Promise<{ finishReason: string | null }> {
  const { transport, now, t } = run.ports;
  // Only an error's words need it: asked while the request goes out, awaited before an error is described.
  let granted: boolean | undefined;
  const permission = run.ports.hostPermission?.().then(
    (g) => void (granted = g),
    () => void (granted = false),
  );
  try {
    const { finishReason } = await transport.stream({
      messages,
      idleTimeoutMs: settings.idleTimeoutSec * 1000,
      maxOutputTokens,
      signal: run.signal,
      onDelta: (text) => {
        const job = run.writing();
        const at = job.text.length;
        run.job = appendText(job, text, now());
        run.ports.appended(run.job as WritingJob, at, text);
      },
      onNotice: (notice) => {
        if (notice?.key === 'noticeRateLimitedWait') run.ports.rateLimited?.(Number(Array.isArray(notice.subs) ? notice.subs[0] : notice.subs) || null);
        else if (notice?.key === 'noticeRateLimited') run.ports.rateLimited?.(null);
        void run.set(withNotice(run.writing(), notice && say(t, notice), now()));
      },
    });
    return { finishReason };
  } catch (err) {
    await permission;
    // Without host access a failed connection may be CORS or no server at all: one plain probe tells them apart.
    const listening = granted === false && run.job.text === '' ? await run.ports.listening?.().catch(() => undefined) : undefined;
    throw new StreamFailure(err, granted, listening);
  }
}

/** A request that failed, with whether the endpoint's host was granted (for its words). */
class StreamFailure extends Error {
  constructor(
    readonly failure: unknown,
    readonly hostPermission: boolean | undefined,
    readonly listening?: boolean,
  ) {
    super('stream failed');
  }
}

function failed(run: Run, err: unknown, continuable: boolean): Promise<JobRecord> {
  return err instanceof StreamFailure ? run.fail(err.failure, continuable, err.hostPermission, err.listening) : run.fail(err, continuable);
}

/** An answer that ended before the model said it was finished. */
function stopEarly(run: Run, finishReason: string | null, continuable: boolean): Promise<JobRecord> {
  const { t } = run.ports;
  const error: JobError = { code: 'incomplete', message: t(finishReason === 'length' ? 'errIncompleteLength' : 'errIncompleteCut') };
  return run.end(error, continuable);
}

/**
 * A finished rewrite: its answer read once and the job shown and stored as done at once, then checked against its
 * source and shown and stored again with its checks (on a long text they take a while; the user sees it done first).
 */
async function finish(run: Run, article: Article): Promise<JobRecord> {
  const { headline, body, seo } = parseAnswer(run.writing().text, { final: true });
  return settle(run, article, complete(run.writing(), { headline, body, seo }, run.ports.now()));
}

/** A done version shown and stored at once, then checked against its source and shown and stored with its checks. */
async function settle(run: Run, article: Article, done: DoneJob): Promise<JobRecord> {
  const { now } = run.ports;
  const { headline, body } = done.answer;
  // Stored before the checks run: they hold the worker for a while, and a worker stopped meanwhile keeps the answer.
  await run.set(done);
  const checks = runChecks({
    source: `${article.title}\n\n${article.text}`,
    headline,
    body,
    lang: run.settings.language,
    sourceLang: article.lang,
    headlineMaxChars: run.settings.headlineMaxChars,
  });
  await run.set(withChecks(done, checks, now()));
  return run.job;
}

/** The whole prompt for a short article; for a long one, this section's prompt with the story so far. */
function messagesFor(run: Run, article: Article, settings: Settings, sections: Section[], index: number, section: Section): ChatMessage[] {
  if (sections.length === 1) return buildMessages(article, settings);
  const context = continuationContext(run.job.text, (text) => splitAnswer(text, { final: true }));
  return sectionMessages(article, settings, section, { index, total: sections.length, ...context });
}

/**
 * Writes a fresh rewrite of `article` into the job, from extracting to an ending (done, incomplete, stopped, error).
 * Resolves with the job's last state; every state on the way went through `ports.changed`. `confirmed`: the user
 * already said send (a job that waited for it in storage), so nothing is asked.
 */
export async function writeRewrite(
  job: ExtractingJob,
  article: Article,
  settings: Settings,
  ports: PipelinePorts,
  signal: AbortSignal,
  confirmed = false,
): Promise<JobRecord> {
  const run = new Run(job, ports, signal, settings);
  let limit: number | null;
  try {
    // The on-device model's window is small: sections are planned to fit it.
    limit = await ports.transport.promptLimit(signal);
  } catch (err) {
    return run.fail(err, false);
  }
  const sections = await prepare(run, article, settings, limit, confirmed);
  if (!sections || signal.aborted || run.job.state !== 'extracting') {
    // Stopped, left waiting too long, or refused: nothing was sent. One that waited for the user's word says so.
    if (run.job.state === 'awaiting-confirmation') return run.end({ code: 'stopped', message: ports.t('errNotSent') }, false);
    return run.end(ports.transport.describe(signal.aborted ? signal.reason : new StreamAbort('stopped')), false);
  }
  // Shown at once; the storage write goes on while the request is made (the owner applies writes in order).
  void run.set(startWriting(run.job, ports.now()));
  const single = sections.length === 1;
  try {
    for (const [index, section] of sections.entries()) {
      const messages = messagesFor(run, article, settings, sections, index, section);
      if (!single) {
        await run.set(atSection(run.writing(), { index, total: sections.length }, ports.now()));
        if (index > 0) appendSeparator(run);
      }
      const { finishReason } = await stream(run, messages, settings, capFor(settings, section.tokens));
      if (finishReason !== 'stop') return await stopEarly(run, finishReason, single);
    }
    return await finish(run, article);
  } catch (err) {
    return failed(run, err, single);
  }
}

/** Sections are joined by a blank line, as one answer. */
function appendSeparator(run: Run): void {
  const job = run.writing();
  run.job = appendText(job, '\n\n', run.ports.now());
  run.ports.appended(run.job as WritingJob, job.text.length, '\n\n');
}

/**
 * Goes on from where an ended answer stopped: the same prompt, the partial answer as the model's own turn, and a
 * request to continue. The new text is appended; nothing already written is sent again as new text.
 */
export async function continueRewrite(job: EndedJob, article: Article, settings: Settings, ports: PipelinePorts, signal: AbortSignal): Promise<JobRecord> {
  const partial = job.text;
  const run = new Run(resumeWriting(job, ports.now()), ports, signal, settings);
  await run.set(run.job);
  const messages: ChatMessage[] = [
    ...buildMessages(article, settings),
    { role: 'assistant', content: partial },
    { role: 'user', content: CONTINUE_INSTRUCTION },
  ];
  try {
    const { finishReason } = await stream(run, messages, settings, capFor(settings, estimateTokens(article.text)));
    if (finishReason !== 'stop') return await stopEarly(run, finishReason, true);
    return await finish(run, article);
  } catch (err) {
    return failed(run, err, true);
  }
}

/** Ends a job that never reached the model (no article on the page, a key not confirmed…). */
export async function endBeforeSending(
  job: ActiveJob,
  error: JobError,
  ports: Pick<PipelinePorts, 'changed' | 'now'>,
  continuable = false,
): Promise<JobRecord> {
  const ended = endJob(job, error, continuable, ports.now());
  await ports.changed(ended).catch(() => {});
  return ended;
}

/**
 * A targeted revision of a finished version into `job` (a new version, from startRevision): one request for new
 * wording of the marked passages only, or for a shorter headline; the answer with only those replaced becomes the
 * new version's, checked again. The version it came from is not touched. Resolves with the new version's last state.
 */
export async function reviseRewrite(
  from: DoneJob,
  job: WritingJob,
  what: Revision,
  article: Article,
  settings: Settings,
  ports: PipelinePorts,
  signal: AbortSignal,
): Promise<JobRecord> {
  const run = new Run(job, ports, signal, settings);
  await run.set(job);
  const paragraph = typeof what === 'object' ? paragraphTarget(from.answer, what.paragraph) : null;
  const targets: Target[] =
    typeof what === 'object'
      ? paragraph
        ? [paragraph]
        : []
      : what === 'headline'
        ? [{ in: 'headline', start: 0, end: from.answer.headline.length, text: from.answer.headline }]
        : from.checks
          ? passageTargets(from.answer, from.checks)
          : [];
  if (targets.length === 0 || targets.every((t) => t.text.trim() === '')) return run.end({ code: 'unknown', message: ports.t('reviseNothing') }, false);
  const messages =
    typeof what === 'object'
      ? paragraphMessages(from.answer, targets[0]!, what.how, settings.language)
      : what === 'headline'
        ? headlineMessages(from.answer, settings.headlineMaxChars, settings.language)
        : passageMessages(from.answer, targets, settings.language);
  const { t, now, transport } = ports;
  let reply = '';
  try {
    const wanted = estimateTokens(targets.map((x) => x.text).join('\n'));
    const { finishReason } = await transport.stream({
      messages,
      idleTimeoutMs: settings.idleTimeoutSec * 1000,
      maxOutputTokens: Math.min(settings.maxOutputTokens, Math.max(400, 3 * wanted)),
      signal,
      onDelta: (text) => void (reply += text),
      onNotice: (notice) => void run.set(withNotice(run.writing(), notice && say(t, notice), now())),
    });
    if (finishReason !== 'stop') return await stopEarly(run, finishReason, false);
  } catch (err) {
    return run.fail(err, false);
  }
  if (paragraph) {
    const text = readParagraph(reply, headingMarks(paragraph.text));
    if (text === '') return run.end({ code: 'incomplete', message: t('reviseUnreadable') }, false);
    const answer = replaceParagraph(from.answer, paragraph, text);
    return settle(run, article, completeRevision(run.writing(), answerText(answer), answer, now()));
  }
  const wording = what === 'headline' ? new Map([[1, readHeadline(reply)]]) : readNumbered(reply);
  if (![...wording.values()].some((w) => w !== '')) return run.end({ code: 'incomplete', message: t('reviseUnreadable') }, false);
  const answer = applyRevision(from.answer, targets, wording);
  return settle(run, article, completeRevision(run.writing(), answerText(answer), answer, now()));
}

/**
 * The user's own edit of one paragraph of a finished version, kept as a new version (from startRevision) and checked
 * like any other; no request. An edit that cannot be placed, or that changes nothing, ends the new version with why.
 */
export async function editRewrite(
  from: DoneJob,
  job: WritingJob,
  index: number,
  text: string,
  article: Article,
  settings: Settings,
  ports: PipelinePorts,
): Promise<JobRecord> {
  const run = new Run(job, ports, new AbortController().signal, settings);
  await run.set(job);
  const target = paragraphTarget(from.answer, index, true);
  if (!target || text.trim() === '' || text.trim() === target.text.trim()) return run.end({ code: 'unknown', message: ports.t('editNothing') }, false);
  const answer = replaceParagraph(from.answer, target, text);
  return settle(run, article, completeRevision(run.writing(), answerText(answer), answer, ports.now()));
}
