/**
 * Writing a job's rewrite: size and cost first (and the user's word when the page is doubtful or huge), then one
 * request per section streamed into the job, then the checks. Failures end the job with words the user can act on.
 * The job owner (jobs.ts) hands in a JobHandle: the writer never touches ports or storage itself.
 */

import browser from 'webextension-polyfill';
import type { Article } from '../src/article';
import { runChecks } from '../src/checks';
import { estimateCost, type Estimate } from '../src/cost';
import { needsConfirmation, type JobError, type JobRecord } from '../src/job';
import { redact, StreamAbort } from '../src/llm/errors';
import { languageModelOf, type LanguageModelApi } from '../src/llm/on-device';
import { countInputTokens } from '../src/llm/openai';
import { outputCap } from '../src/llm/output-cap';
import { transportFor, type ChatTransport } from '../src/llm/transport';
import { buildMessages, type ChatMessage } from '../src/prompt';
import { continuationContext, planSections, sectionMessages, type Section } from '../src/prompt/sections';
import { parseAnswer, splitAnswer } from '../src/rewrite/split';
import { countsTokens } from '../src/providers';
import { endpointPattern, type Settings } from '../src/settings';
import { estimateMessagesTokens, estimateTokens } from '../src/tokens';
import { t } from '../lib/i18n';
import { say } from '../src/i18n';

export interface Running {
  job: JobRecord;
  controller: AbortController;
  persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves when the user confirms a job that waits for it. */
  confirm?: () => void;
  /** Whether the browser granted access to the endpoint's host (checked before each request). */
  hostPermission?: boolean;
  /** The tab the job was started from, for its toolbar badge. */
  tabId?: number;
  /** Streamed text not yet sent to the popups starts here (deltas are batched per frame). */
  deltaFrom?: number;
  deltaTimer?: ReturnType<typeof setTimeout>;
}

/** What the writer may do to its job: change it (stored and shown), add streamed text, end it. */
export interface JobHandle {
  run: Running;
  changed(): Promise<void>;
  append(text: string): void;
  finish(error: JobError | null): Promise<void>;
}

/** The request that follows a partial answer when the user clicks Continue. */
const CONTINUE_INSTRUCTION =
  'Your answer above was cut off. Continue it exactly where it stops, in the same language and layout. ' +
  'Do not repeat anything already written and do not start again: your reply is appended to it as it is.';

/** Longer articles than this many requests ask before sending. */
const MAX_SECTIONS_WITHOUT_ASKING = 3;

/** How long a job waits for the user to confirm sending a doubtful page before giving up (nothing is spent). */
const CONFIRM_WAIT_MS = 10 * 60_000;

/** Room left in each request for the prompt's own words around a section of the article. */
const PROMPT_OVERHEAD_TOKENS = 600;

const incompleteCut = (): JobError => ({ code: 'incomplete', message: t('errIncompleteCut') });
const connectionCut = (): JobError => ({ code: 'incomplete', message: t('errConnectionCut') });
const incompleteLength = (): JobError => ({ code: 'incomplete', message: t('errIncompleteLength') });

/** Endpoints that answered "no such route" to a token count: not asked again while the worker lives. */
const withoutTokenCounter = new Set<string>();

/** An estimate at least this share of the input budget waits for the exact count before anything is sent. */
const NEAR_BUDGET = 0.7;

/** How long a count may hold up a rewrite that waits for it; past that the estimate decides. */
const COUNT_WAIT_MS = 3_000;

/** The prompt's exact size from the provider's tokenizer, for OpenAI models; null when it cannot be had. */
async function exactTokens(messages: ChatMessage[], settings: Settings, signal: AbortSignal): Promise<number | null> {
  // The on-device model's prompt is never sent anywhere, not even to be counted.
  if (settings.provider === 'chrome-ai') return null;
  if (!countsTokens(settings.model) || !settings.apiKey || withoutTokenCounter.has(settings.baseURL)) return null;
  const { tokens, unsupported } = await countInputTokens({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey,
    model: settings.model,
    messages,
    signal,
    timeoutMs: COUNT_WAIT_MS,
  });
  if (unsupported) withoutTokenCounter.add(settings.baseURL);
  return tokens;
}

function estimateOf(tr: ChatTransport, settings: Settings, inputTokens: number, outputTokens: number, sections: number, counted: boolean): Estimate {
  const cost = tr.free ? 0 : estimateCost(tr.model, inputTokens, outputTokens, settings.prices);
  return { inputTokens, outputTokens, cost, sections, counted };
}

/** Works out the sections and their cost, and waits for the user when the page may not be a whole article. */
async function prepare(h: JobHandle, article: Article, settings: Settings, tr: ChatTransport, limit: number | null): Promise<Section[] | null> {
  const run = h.run;
  // The user's budget, or less where the model's own window is smaller (the on-device model's is).
  const inputBudget = Math.min(settings.inputBudgetTokens, limit ?? Infinity);
  const budget = Math.max(500, inputBudget - PROMPT_OVERHEAD_TOKENS);
  let sections = planSections(article.blocks, budget);
  const outputTokens = estimateTokens(article.text);
  const multiTokens = (n: number, scale = 1) => Math.round(estimateTokens(article.text) * scale) + n * PROMPT_OVERHEAD_TOKENS;
  const doubtful = needsConfirmation(article.warnings);
  const messages = sections.length === 1 ? buildMessages(article, settings) : null;
  const promptTokens = messages ? estimateMessagesTokens(messages) : 0;
  run.job = {
    ...run.job,
    title: article.title,
    warnings: article.warnings,
    estimate: messages
      ? estimateOf(tr, settings, promptTokens, outputTokens, 1, false)
      : estimateOf(tr, settings, multiTokens(sections.length), outputTokens, sections.length, false),
  };

  /** The exact count (the article goes to the provider's tokenizer): only ever after the user's word, if one is asked. */
  const count = async (): Promise<void> => {
    if (!messages) return;
    const counting = exactTokens(messages, settings, run.controller.signal);
    if (promptTokens < NEAR_BUDGET * inputBudget) {
      // Well inside the budget: the rewrite starts at once and the exact figure replaces the estimate when it comes.
      void counting.then((tokens) => {
        if (tokens === null || run.job.state === 'done' || run.job.state === 'error' || run.controller.signal.aborted) return;
        run.job = { ...run.job, estimate: estimateOf(tr, settings, tokens, outputTokens, 1, true) };
        void h.changed();
      });
      return;
    }
    // Close to the budget: the exact figure decides before the rewrite is sent.
    const tokens = await counting;
    if (tokens !== null && tokens > inputBudget) {
      // The estimate was short: split by the real size, so no request goes over the budget blindly.
      const scale = tokens / promptTokens;
      sections = planSections(article.blocks, Math.max(500, Math.floor(budget / scale)));
      run.job = { ...run.job, estimate: estimateOf(tr, settings, multiTokens(sections.length, scale), outputTokens, sections.length, false) };
    } else if (tokens !== null) {
      run.job = { ...run.job, estimate: estimateOf(tr, settings, tokens, outputTokens, 1, true) };
    }
  };

  // A doubtful page, or a text so long it takes many requests, is never sent anywhere (not even to be counted)
  // without the user's word.
  const asks = doubtful || sections.length > MAX_SECTIONS_WITHOUT_ASKING;
  if (asks && !(await confirmed(h))) return null;
  await count();
  // The exact count may have split a text the estimate thought fitted into many requests: that too asks first.
  if (!asks && sections.length > MAX_SECTIONS_WITHOUT_ASKING && !(await confirmed(h))) return null;
  return sections;
}

/** Shows the job as waiting for the user and resolves with their answer (false when stopped or left too long). */
async function confirmed(h: JobHandle): Promise<boolean> {
  const run = h.run;
  run.job = { ...run.job, awaiting: 'confirm' };
  await h.changed();
  const answer = await new Promise<boolean>((resolve) => {
    const expire = setTimeout(() => run.controller.abort(new StreamAbort('stopped')), CONFIRM_WAIT_MS);
    run.confirm = () => {
      clearTimeout(expire);
      resolve(true);
    };
    run.controller.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(expire);
        resolve(false);
      },
      { once: true },
    );
  });
  run.confirm = undefined;
  run.job = { ...run.job, awaiting: null };
  return answer && !run.controller.signal.aborted;
}

/** Writes a fresh rewrite of the article into the job. */
export async function writeArticle(h: JobHandle, article: Article, settings: Settings): Promise<void> {
  const run = h.run;
  const tr = transport(settings);
  let limit: number | null;
  try {
    // The on-device model's window is small: sections are planned to fit it.
    limit = await tr.promptLimit(run.controller.signal);
  } catch (err) {
    return fail(h, err, settings, tr, false);
  }
  const sections = await prepare(h, article, settings, tr, limit);
  if (!sections || run.controller.signal.aborted) return h.finish(tr.describe(run.controller.signal.reason));
  run.job = { ...run.job, state: 'writing' };
  // Shown at once; the storage writes go on while the request is made (they apply in order).
  void h.changed();
  try {
    for (const [index, section] of sections.entries()) {
      const messages = messagesFor(run, article, settings, sections, index, section);
      if (sections.length > 1) {
        run.job = { ...run.job, section: { index, total: sections.length } };
        await h.changed();
        if (index > 0) h.append('\n\n');
      }
      const finishReason = await stream(h, messages, settings, tr, capFor(settings, section.tokens));
      if (finishReason !== 'stop') return stopEarly(h, finishReason, sections.length === 1);
    }
    await complete(h, article);
  } catch (err) {
    await fail(h, err, settings, tr, sections.length === 1);
  }
}

/** Streams one request into the job; returns the model's finish reason (null when the stream just ended). */
/** The output cap of one request: the section's size with headroom, at most the user's maximum (a ceiling on spend). */
function capFor(settings: Settings, articleTokens: number): number {
  return outputCap({ articleTokens, seoPack: settings.seoPack, model: settings.model, userMax: settings.maxOutputTokens });
}

async function stream(h: JobHandle, messages: ChatMessage[], settings: Settings, tr: ChatTransport, maxOutputTokens: number): Promise<string | null> {
  const run = h.run;
  // Only an error's words need it: asked while the request goes out, awaited before an error is described.
  const permission = settings.provider === 'chrome-ai' ? Promise.resolve() : hasHostPermission(settings.baseURL).then((granted) => void (run.hostPermission = granted));
  const streamed = tr.stream({
    messages,
    idleTimeoutMs: settings.idleTimeoutSec * 1000,
    maxOutputTokens,
    signal: run.controller.signal,
    onDelta: (text) => h.append(text),
    onNotice: (notice) => {
      run.job = { ...run.job, notice: notice && say(t, notice) };
      void h.changed();
    },
  });
  try {
    return (await streamed).finishReason;
  } catch (err) {
    await permission;
    throw err;
  }
}

/**
 * A finished rewrite: shown and stored as done at once, then checked against its source and shown and stored again
 * with its checks (the checks take a while on a long text; the user should not wait for them to see it done).
 */
async function complete(h: JobHandle, article: Article): Promise<void> {
  const run = h.run;
  const done = h.finish(null);
  const { headline, body } = parseAnswer(run.job.text, { final: true });
  run.job = { ...run.job, checks: runChecks({ source: `${article.title}\n\n${article.text}`, headline, body }) };
  await done;
  await h.changed();
}

async function stopEarly(h: JobHandle, finishReason: string | null, continuable: boolean): Promise<void> {
  const run = h.run;
  run.job = { ...run.job, canContinue: continuable && run.job.text !== '' };
  await h.finish(finishReason === 'length' ? incompleteLength() : incompleteCut());
}

async function fail(h: JobHandle, err: unknown, settings: Settings, tr: ChatTransport, continuable: boolean): Promise<void> {
  const run = h.run;
  let error = tr.describe(err, run.hostPermission);
  // A connection that drops after text has arrived is a cut answer, not a mystery.
  if (run.job.text !== '' && (error.code === 'unknown' || error.code === 'unreachable')) error = connectionCut();
  if (error.code === 'unknown') console.warn('Newsmith job failed:', redact(String(err), settings.apiKey));
  const resumable = ['incomplete', 'timeout', 'server', 'stopped'].includes(error.code);
  run.job = { ...run.job, canContinue: continuable && resumable && run.job.text !== '' };
  await h.finish(error);
}

/** The whole prompt for a short article; for a long one, this section's prompt with the story so far. */
function messagesFor(run: Running, article: Article, settings: Settings, sections: Section[], index: number, section: Section): ChatMessage[] {
  if (sections.length === 1) return buildMessages(article, settings);
  const context = continuationContext(run.job.text, (text) => splitAnswer(text, { final: true }));
  return sectionMessages(article, settings, section, { index, total: sections.length, ...context });
}

/**
 * Goes on from where an incomplete answer stopped: the same prompt, the partial answer as the model's own turn,
 * and a request to continue. The new text is appended to the job; nothing already written is sent again.
 */
export async function continueArticle(h: JobHandle, article: Article, settings: Settings, partial: string): Promise<void> {
  const messages: ChatMessage[] = [
    ...buildMessages(article, settings),
    { role: 'assistant', content: partial },
    { role: 'user', content: CONTINUE_INSTRUCTION },
  ];
  const tr = transport(settings);
  try {
    const finishReason = await stream(h, messages, settings, tr, capFor(settings, estimateTokens(article.text)));
    if (finishReason !== 'stop') return await stopEarly(h, finishReason, true);
    await complete(h, article);
  } catch (err) {
    await fail(h, err, settings, tr, true);
  }
}
/** Without host access the request still goes out, but the server must allow CORS; a failure then says so. */
async function hasHostPermission(baseURL: string): Promise<boolean> {
  const pattern = endpointPattern(baseURL);
  if (!pattern) return false;
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** The writer for these settings: the endpoint through the SDK, or Chrome's on-device model in this worker. */
export function transport(settings: Settings): ChatTransport {
  return transportFor(settings, { t, languageModel: languageModel(), extensionOrigin: browser.runtime.getURL('').replace(/\/$/, '') });
}

/** Chrome's Prompt API where the browser has it (Chrome 138+ exposes it to extension service workers). */
export function languageModel(): LanguageModelApi | null {
  return languageModelOf(globalThis);
}
