/**
 * Targeted revisions through the pipeline, as the extension runs them: the real transport against the project's own
 * OpenAI-compatible server, the other ports recorded. A revision is one request and a new version; the version it
 * comes from is not touched.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articleFromText, type Article } from '../../src/article';
import { english } from '../../src/i18n-en';
import { newJob, type DoneJob, type JobRecord } from '../../src/job';
import { startRevision } from '../../src/job-transitions';
import { transportFor } from '../../src/llm/transport';
import { tokenCounter } from '../../src/llm/token-count';
import { reviseRewrite, writeRewrite, type PipelinePorts } from '../../src/pipeline';
import { defaults, type Settings } from '../../src/settings';
import { startLLMServer, type LLMServer } from '../support/llm-server';

let server: LLMServer;
beforeAll(async () => {
  server = await startLLMServer();
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const URL = 'https://news.example/floods';

function settings(over: Partial<Settings> = {}): Settings {
  return { ...defaults, apiKey: 'sk-revise', apiKeyOrigin: new globalThis.URL(server.baseURL).origin, baseURL: server.baseURL, model: 'test-model', ...over };
}

const COPIED_A = 'Emergency crews pumped water from basements until the early hours of the morning while volunteers handed out sandbags.';
const COPIED_B = 'The river rose by almost two metres in less than a day, the highest level recorded since the bridge was rebuilt.';
const SOURCE =
  `Heavy rain flooded dozens of streets in the old town overnight, forcing the council to close three schools. ${COPIED_A} ` +
  `${COPIED_B}\n\nThe mayor said on Friday: “We will repair every road before the winter.” Insurers expect claims to rise.`;

const article = (): Article => articleFromText('Floods Close Schools in the Old Town', SOURCE, URL);

/** A rewrite with two source sentences copied whole (outside quotes), one with *emphasis* the plain text drops. */
const COPYING =
  '# Old Town Floods Shut Three Schools After a Night of Heavy Rain Across the District\n\n' +
  `Storms hit the town overnight and the council closed three schools. ${COPIED_A.replace('volunteers', '*volunteers*')}\n\n` +
  `Many families spent the night moving furniture upstairs. ${COPIED_B}\n\n` +
  'The mayor promised: “We will repair every road before the winter.” Insurers expect more claims.';

function recorder(s: Settings) {
  const states: JobRecord[] = [];
  const ports: PipelinePorts = {
    transport: transportFor(s, { t: english, languageModel: null }),
    t: english,
    now: () => Date.now(),
    countTokens: tokenCounter(s),
    changed: async (job) => void states.push(structuredClone(job)),
    appended: () => {},
    confirm: async () => true,
  };
  return { ports, states };
}

async function firstVersion(s: Settings, text = COPYING): Promise<DoneJob> {
  server.enqueue({ text, chunkCount: 4 });
  const end = await writeRewrite(newJob('v1', URL, URL, 'test-model', Date.now()), article(), s, recorder(s).ports, new AbortController().signal);
  if (end.state !== 'done' || !end.checks) throw new Error(`first version ended ${end.state}`);
  return end;
}

describe('reviseRewrite: the marked passages', () => {
  it('one request with the marked sentences; a new version whose text differs only there; the first untouched', async () => {
    const s = settings();
    const v1 = await firstVersion(s);
    expect(v1.checks?.originality.warn).toBe(true);
    expect(v1.checks?.originality.passages.map((p) => p.text)).toEqual([COPIED_A.replace(/\.$/, ''), COPIED_B.replace(/\.$/, '')]);
    const before = structuredClone(v1);

    server.reset();
    server.enqueue({
      text: '1. Rescue teams drained flooded cellars through the night as helpers gave out sandbags.\n2. Within a day the river climbed nearly two metres, its highest mark since the bridge was rebuilt.',
    });
    const r = recorder(s);
    const end = await reviseRewrite(v1, startRevision(v1, 'v2', Date.now()), 'passages', article(), s, r.ports, new AbortController().signal);

    // One request, and it names the two sentences and asks for nothing else to change.
    expect(server.chatRequests).toHaveLength(1);
    const sent = server.chatRequests[0]!.body!.messages!;
    const user = sent.find((m) => m.role === 'user')!.content;
    expect(user).toContain(`1. ${COPIED_A.replace(/\.$/, '').replace('volunteers', '*volunteers*')}`);
    expect(user).toContain(`2. ${COPIED_B.replace(/\.$/, '')}`);
    expect(sent.find((m) => m.role === 'system')!.content).toMatch(/Rephrase only the numbered sentences/);

    expect(end.state).toBe('done');
    if (end.state !== 'done') return;
    expect(end.id).toBe('v2');
    expect(end.key).toBe(v1.key);
    const expected = v1.answer.body
      .replace(COPIED_A.replace('volunteers', '*volunteers*'), 'Rescue teams drained flooded cellars through the night as helpers gave out sandbags.')
      .replace(COPIED_B, 'Within a day the river climbed nearly two metres, its highest mark since the bridge was rebuilt.');
    expect(end.answer).toEqual({ ...v1.answer, body: expected });
    expect(end.text).toContain(expected);
    // Checked again: the copied sentences are gone, so is the warning.
    expect(end.checks?.originality.warn).toBe(false);
    // The first version is as it was; every state handed over was the new version's.
    expect(v1).toEqual(before);
    expect(new Set(r.states.map((j) => j.id))).toEqual(new Set(['v2']));
    expect(r.states.map((j) => j.state).filter((st, i, all) => st !== all[i - 1])).toEqual(['writing', 'done']);
    // While it was written, the new version showed the old text.
    expect(r.states[0]!.text).toBe(v1.text);
  });

  it('a failed request ends the new version with the old text and nothing to continue', async () => {
    const s = settings();
    const v1 = await firstVersion(s);
    server.reset();
    server.enqueue(
      { status: 500, body: { error: { message: 'boom' } } },
      { status: 500, body: { error: { message: 'boom' } } },
      { status: 500, body: { error: { message: 'boom' } } },
    );
    const end = await reviseRewrite(v1, startRevision(v1, 'v2', Date.now()), 'passages', article(), s, recorder(s).ports, new AbortController().signal);
    expect(end).toMatchObject({ id: 'v2', state: 'incomplete', canContinue: false, text: v1.text });
  });

  it('a reply with no numbered line changes nothing and says so', async () => {
    const s = settings();
    const v1 = await firstVersion(s);
    server.reset();
    server.enqueue({ text: '' });
    const end = await reviseRewrite(v1, startRevision(v1, 'v2', Date.now()), 'passages', article(), s, recorder(s).ports, new AbortController().signal);
    expect(end).toMatchObject({ state: 'incomplete', error: { message: english('reviseUnreadable') } });
  });
});

describe('reviseRewrite: the headline', () => {
  it('asks for a headline within the limit setting; the new version differs only in its headline', async () => {
    const s = settings({ headlineMaxChars: 50 });
    const v1 = await firstVersion(s);
    expect(v1.checks?.seo).toMatchObject({ headlineTooLong: true, headlineMaxChars: 50 });
    server.reset();
    server.enqueue({ text: '# Floods Shut Three Old Town Schools' });
    const end = await reviseRewrite(v1, startRevision(v1, 'v2', Date.now()), 'headline', article(), s, recorder(s).ports, new AbortController().signal);
    expect(server.chatRequests).toHaveLength(1);
    const system = server.chatRequests[0]!.body!.messages!.find((m) => m.role === 'system')!.content;
    expect(system).toContain('at most 50 characters');
    expect(end.state).toBe('done');
    if (end.state !== 'done') return;
    expect(end.answer).toEqual({ ...v1.answer, headline: 'Floods Shut Three Old Town Schools' });
    expect(end.checks?.seo.headlineTooLong).toBe(false);
  });
});
