/**
 * The rewrite pipeline in Node, as the extension and the CLI run it: the real transport (the openai SDK) against the
 * project's own OpenAI-compatible server on 127.0.0.1, with the other ports recorded. Every state the pipeline
 * reaches goes through `changed`; these tests read that record as the store and the popup would.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articleFromText, type Article, type ExtractWarning } from '../../src/article';
import { english } from '../../src/i18n-en';
import { isRunning, newJob, type EndedJob, type JobRecord, type JobState } from '../../src/job';
import { markInterrupted } from '../../src/job-transitions';
import { transportFor } from '../../src/llm/transport';
import { StreamAbort } from '../../src/llm/abort';
import { tokenCounter } from '../../src/llm/token-count';
import { CONTINUE_INSTRUCTION, continueRewrite, writeRewrite, type PipelinePorts } from '../../src/pipeline';
import { defaults, type Settings } from '../../src/settings';
import { startLLMServer, type LLMServer } from '../support/llm-server';

let server: LLMServer;
beforeAll(async () => {
  server = await startLLMServer();
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const URL = 'https://news.example/story';

function settings(over: Partial<Settings> = {}): Settings {
  return { ...defaults, apiKey: 'sk-pipeline', apiKeyOrigin: new globalThis.URL(server.baseURL).origin, baseURL: server.baseURL, model: 'test-model', ...over };
}

function article(paragraphs = 3, warnings: ExtractWarning[] = []): Article {
  const text = Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1}: the harbour board approved repairs to pier ${i + 1} on Tuesday.`).join('\n\n');
  return { ...articleFromText('Harbour Board Approves Repairs', text, URL), warnings };
}

/** The ports, recorded: every state handed over, the text appended, the user's answer scripted. */
function recorder(s: Settings, opts: { confirm?: boolean | (() => Promise<boolean>); store?: 'fails' } = {}) {
  const states: JobRecord[] = [];
  const appended: { at: number; text: string }[] = [];
  const warnings: string[] = [];
  /** What the server had been asked when each state was handed over. */
  const requestsAt: number[] = [];
  let asked = 0;
  const ports: PipelinePorts = {
    transport: transportFor(s, { t: english, languageModel: null }),
    t: english,
    now: () => Date.now(),
    countTokens: tokenCounter(s),
    changed: async (job) => {
      states.push(job);
      requestsAt.push(server.requests.filter((r) => r.method === 'POST').length);
      if (opts.store === 'fails') throw new Error('QuotaExceededError: the disk is full');
    },
    appended: (job, at, text) => {
      appended.push({ at, text });
      expect(job.text.slice(at)).toBe(text);
    },
    confirm: async () => {
      asked++;
      const c = opts.confirm ?? true;
      return typeof c === 'function' ? c() : c;
    },
    warn: (m) => warnings.push(m),
  };
  return {
    ports,
    states,
    appended,
    warnings,
    requestsAt,
    asked: () => asked,
    path: () => states.map((j) => j.state).filter((st, i, all) => st !== all[i - 1]) as JobState[],
  };
}

const start = () => newJob(crypto.randomUUID(), URL, URL, 'test-model', Date.now());
const signal = () => new AbortController().signal;

describe('the pipeline: a short article', () => {
  it('extracting → writing → done, the answer read once and kept with its checks', async () => {
    server.enqueue({
      text: '# Pier Repairs Approved\n\nThe board approved the repairs on Tuesday.\n\nSEO\nMeta description: Repairs approved.\nSlug: pier-repairs',
      chunkCount: 6,
    });
    const s = settings();
    const r = recorder(s);
    const end = await writeRewrite(start(), article(), s, r.ports, signal());
    expect(r.path()).toEqual(['writing', 'done']);
    expect(end.state).toBe('done');
    if (end.state !== 'done') return;
    expect(end.answer).toEqual({
      headline: 'Pier Repairs Approved',
      body: 'The board approved the repairs on Tuesday.',
      seo: { metaDescription: 'Repairs approved.', slug: 'pier-repairs' },
    });
    expect(end.checks?.facts.total).toBeGreaterThan(0);
    // Done is handed over before the checks, then again with them.
    const dones = r.states.filter((j) => j.state === 'done');
    expect(dones.map((j) => j.state === 'done' && j.checks !== null)).toEqual([false, true]);
    expect(r.appended.map((a) => a.text).join('')).toBe(end.text);
    expect(server.chatRequests).toHaveLength(1);
    expect(end).toMatchObject({ title: 'Harbour Board Approves Repairs', estimate: { sections: 1 } });
  });

  it('a server error before any text: error, nothing to continue', async () => {
    server.enqueue({ status: 401, body: { error: { message: 'bad key', type: 'invalid_request_error' } } });
    const s = settings();
    const r = recorder(s);
    const end = await writeRewrite(start(), article(), s, r.ports, signal());
    expect(end).toMatchObject({ state: 'error', error: { code: 'auth' } });
    expect(end.text).toBe('');
  });

  it('an answer cut at the length limit: incomplete, with Continue', async () => {
    server.enqueue({ chunks: ['# Pier\n\n', 'The board'], finishReason: 'length' });
    const s = settings();
    const end = await writeRewrite(start(), article(), s, recorder(s).ports, signal());
    expect(end).toMatchObject({ state: 'incomplete', canContinue: true, text: '# Pier\n\nThe board', error: { code: 'incomplete' } });
  });

  it('a connection that drops after text: incomplete, the text kept', async () => {
    server.enqueue({ chunks: ['# Pier\n\n', 'The board', ' approved'], cutAfter: 2, cutMode: 'destroy' });
    const s = settings();
    const end = await writeRewrite(start(), article(), s, recorder(s).ports, signal());
    expect(end.state).toBe('incomplete');
    expect(end.text).toBe('# Pier\n\nThe board');
  });
});

describe('the pipeline: confirmation', () => {
  it('a doubtful page waits for the user, sends nothing (not even a count) before, and is never shown as running', async () => {
    server.enqueue({ text: '# Sent After Yes\n\nBody.' });
    const s = settings({ model: 'gpt-4o-mini' }); // a model the token route counts
    let requestsWhileWaiting = -1;
    const r = recorder(s, {
      confirm: async () => {
        requestsWhileWaiting = server.requests.filter((q) => q.method === 'POST').length;
        return true;
      },
    });
    const end = await writeRewrite(start(), article(3, [{ code: 'maybe-truncated', why: 'paywall' }]), s, r.ports, signal());
    expect(r.asked()).toBe(1);
    expect(requestsWhileWaiting).toBe(0);
    const waiting = r.states.find((j) => j.state === 'awaiting-confirmation');
    expect(waiting).toBeDefined();
    expect(isRunning(waiting!)).toBe(false);
    expect(r.requestsAt[r.states.indexOf(waiting!)]).toBe(0);
    expect(r.path()).toEqual(['awaiting-confirmation', 'extracting', 'writing', 'done']);
    expect(end.state).toBe('done');
    expect(server.chatRequests).toHaveLength(1);
  });

  it('the user says no: stopped, nothing sent, never writing', async () => {
    const s = settings({ model: 'gpt-4o-mini' });
    const r = recorder(s, { confirm: false });
    const end = await writeRewrite(start(), article(3, [{ code: 'not-an-article' }]), s, r.ports, signal());
    expect(end).toMatchObject({ state: 'stopped', canContinue: false, text: '' });
    expect(r.path()).toEqual(['awaiting-confirmation', 'stopped']);
    expect(server.requests.filter((q) => q.method === 'POST')).toHaveLength(0);
  });

  it('Stop while waiting: stopped, nothing sent', async () => {
    const s = settings();
    const controller = new AbortController();
    const r = recorder(s, {
      confirm: () =>
        new Promise<boolean>((resolve) => {
          controller.abort(new StreamAbort('stopped'));
          resolve(false);
        }),
    });
    const end = await writeRewrite(start(), article(3, [{ code: 'maybe-truncated' }]), s, r.ports, controller.signal);
    expect(end.state).toBe('stopped');
    // Said as a cancel with nothing sent, not as a stopped rewrite with "the text so far" kept.
    expect(end).toMatchObject({ error: { code: 'stopped', message: english('errNotSent') } });
    expect(english('errNotSent')).toMatch(/nothing was sent/i);
    expect(server.chatRequests).toHaveLength(0);
  });

  it('a job the user confirmed while it waited in storage is sent without asking again', async () => {
    server.enqueue({ text: '# Fine\n\nBody.' });
    const s = settings();
    const r = recorder(s, { confirm: false });
    const end = await writeRewrite(start(), article(3, [{ code: 'maybe-truncated' }]), s, r.ports, signal(), true);
    expect(r.asked()).toBe(0);
    expect(end.state).toBe('done');
    expect(server.chatRequests).toHaveLength(1);
  });

  it('a clean page of ordinary length is not asked about', async () => {
    server.enqueue({ text: '# Fine\n\nBody.' });
    const s = settings();
    const r = recorder(s);
    await writeRewrite(start(), article(), s, r.ports, signal());
    expect(r.asked()).toBe(0);
  });
});

describe('the pipeline: sections', () => {
  // A budget small enough that the article takes several requests.
  const long = () => article(150); // about 2,100 tokens

  it('a long article is written one section after another into one answer, each told its place and the headline', async () => {
    const s = settings({ inputBudgetTokens: 2_000 });
    const sections = 3;
    server.setHandler((_req, i) => ({ text: i === 0 ? '# One Headline\n\nFirst part.' : `Part ${i + 1}.`, chunkCount: 2 }));
    const r = recorder(s);
    const end = await writeRewrite(start(), long(), s, r.ports, signal());
    const total = server.chatRequests.length;
    expect(total).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(sections);
    expect(end.state).toBe('done');
    expect(end.text).toBe(['# One Headline\n\nFirst part.', ...Array.from({ length: total - 1 }, (_, i) => `Part ${i + 2}.`)].join('\n\n'));
    expect(end.estimate?.sections).toBe(total);
    // Later sections carry the headline written so far.
    expect(JSON.stringify(server.chatRequests[1]!.body.messages)).toContain('One Headline');
    const seen = r.states.flatMap((j) => (j.state === 'writing' && j.section ? [j.section.index] : []));
    expect([...new Set(seen)]).toEqual(Array.from({ length: total }, (_, i) => i));
  });

  it('more than three sections asks first', async () => {
    const s = settings({ inputBudgetTokens: 1_000 });
    const r = recorder(s, { confirm: false });
    const end = await writeRewrite(start(), long(), s, r.ports, signal());
    expect(r.asked()).toBe(1);
    expect(end.state).toBe('stopped');
    expect(end.estimate!.sections).toBeGreaterThan(3);
    expect(server.chatRequests).toHaveLength(0);
  });

  it('a section cut short ends the job incomplete, not continuable (one request cannot redo the middle)', async () => {
    const s = settings({ inputBudgetTokens: 2_000 });
    server.enqueue({ text: '# H\n\nFirst.' }, { chunks: ['Half of the second'], finishReason: 'length' });
    const end = await writeRewrite(start(), long(), s, recorder(s).ports, signal());
    expect(end).toMatchObject({ state: 'incomplete', canContinue: false });
  });
});

describe('the pipeline: stop, continue, worker death, a failed store', () => {
  it('Stop mid-stream: stopped, the text kept, Continue offered', async () => {
    server.enqueue({ chunks: ['# Pier\n\n', 'The board', ' approved', ' the plan.'], chunkDelayMs: [20, 2_000, 2_000] });
    const s = settings();
    const controller = new AbortController();
    const r = recorder(s);
    const ports: PipelinePorts = {
      ...r.ports,
      appended: (job, at, text) => {
        r.ports.appended(job, at, text);
        if (job.text.includes('The board')) controller.abort(new StreamAbort('stopped'));
      },
    };
    const end = await writeRewrite(start(), article(), s, ports, controller.signal);
    expect(end).toMatchObject({ state: 'stopped', canContinue: true, text: '# Pier\n\nThe board' });
  });

  it('Continue sends the same prompt, the partial answer as the model turn, and appends', async () => {
    server.enqueue({ chunks: ['# Pier\n\n', 'The board'], finishReason: 'length' }, { chunks: [' approved the plan.'] });
    const s = settings();
    const a = article();
    const cut = (await writeRewrite(start(), a, s, recorder(s).ports, signal())) as EndedJob;
    expect(cut.state).toBe('incomplete');
    const r = recorder(s);
    const end = await continueRewrite(cut, a, s, r.ports, signal());
    expect(end.state).toBe('done');
    expect(end.text).toBe('# Pier\n\nThe board approved the plan.');
    expect(end.id).toBe(cut.id);
    const [first, second] = server.chatRequests;
    const msgs = second!.body.messages!;
    expect(msgs.slice(0, -2)).toEqual(first!.body.messages);
    expect(msgs.at(-2)).toEqual({ role: 'assistant', content: '# Pier\n\nThe board' });
    expect(msgs.at(-1)).toEqual({ role: 'user', content: CONTINUE_INSTRUCTION });
    expect(r.path()).toEqual(['writing', 'done']);
    // The appended text starts where the partial answer ends.
    expect(r.appended[0]).toEqual({ at: '# Pier\n\nThe board'.length, text: ' approved the plan.' });
  });

  it('Continue on a selection rewrite: the selection is the article, never the page', async () => {
    const selection = articleFromText(
      'Page Title',
      'Only the selected words about the ferry timetable changes this winter.\n\nAnd a second selected paragraph.',
      URL,
    );
    server.enqueue({ chunks: ['# Ferry\n\n', 'The timetable'], finishReason: 'length' }, { chunks: [' changes.'] });
    const s = settings();
    const cut = (await writeRewrite(start(), selection, s, recorder(s).ports, signal())) as EndedJob;
    const end = await continueRewrite(cut, selection, s, recorder(s).ports, signal());
    expect(end.text).toBe('# Ferry\n\nThe timetable changes.');
    const sent = JSON.stringify(server.chatRequests[1]!.body.messages);
    expect(sent).toContain('ferry timetable');
    expect(sent).not.toContain('harbour board');
  });

  it('the worker dies mid-answer: what was handed over last becomes interrupted with its text, and nothing is sent again', async () => {
    server.enqueue({ chunks: ['# Pier\n\n', 'The board', ' approved.'], chunkDelayMs: [10, 10] });
    const s = settings();
    const r = recorder(s);
    await writeRewrite(start(), article(), s, r.ports, signal());
    // The store held the writing state when the worker died (here: the last writing state handed over).
    const lastWriting = [...r.states].reverse().find((j) => j.state === 'writing')!;
    const withText = { ...lastWriting, text: '# Pier\n\nThe board' } as JobRecord;
    const found = markInterrupted(withText, Date.now(), english);
    expect(found).toMatchObject({ state: 'interrupted', canContinue: true, text: '# Pier\n\nThe board' });
    expect(server.chatRequests).toHaveLength(1);
  });

  it('a store that refuses every write: the job still finishes with its answer, and says so once per write', async () => {
    server.enqueue({ text: '# Kept In Memory\n\nThe body.' });
    const s = settings();
    const r = recorder(s, { store: 'fails' });
    const end = await writeRewrite(start(), article(), s, r.ports, signal());
    expect(end.state).toBe('done');
    expect(end.state === 'done' && end.answer.headline).toBe('Kept In Memory');
    expect(r.warnings.length).toBe(r.states.length);
    expect(r.warnings[0]).toMatch(/not stored.*QuotaExceeded/);
  });
});
