/**
 * The batch queue's pure rules (src/queue/queue.ts): what starts next, what a pasted list adds, which origins to
 * ask for, what a job's state means for its item, and what a restarted worker does with each item it finds.
 */
import { describe, expect, it } from 'vitest';
import { canContinue, type JobRecord } from '../../src/job';
import {
  addFromList,
  clampConcurrency,
  countByState,
  fromJob,
  holdsSlot,
  inOrder,
  isSettled,
  ITEM_STATES,
  originsToAsk,
  recover,
  toStart,
  type ItemState,
  type QueueItem,
} from '../../src/queue/queue';
import { CONCURRENCY_MAX, CONCURRENCY_MIN } from '../../src/settings';
import { jobFrom, type LooseJob } from '../support/job-shapes';

const NOW = Date.UTC(2026, 10, 2);

function item(n: number, over: Partial<QueueItem> = {}): QueueItem {
  return { id: `q${n}`, url: `https://n.example/${n}`, order: n, state: 'waiting', addedAt: 1000 + n, updatedAt: 1000 + n, ...over };
}

const ids = (items: readonly QueueItem[]) => items.map((i) => i.id);

/** A job of the item's page in the given state, read as a stored one is (refused if any field needed repair). */
function job(fields: LooseJob): JobRecord {
  return jobFrom({ id: 'j1', title: 'Ferry story', ...fields }, 'https://n.example/1');
}

const ESTIMATE = { inputTokens: 900, outputTokens: 300, cost: 0.0021, sections: 1 };
const jobs = {
  extracting: () => job({ state: 'extracting' }),
  writing: () => job({ state: 'writing', text: '', estimate: ESTIMATE }),
  writingWithText: () => job({ state: 'writing', text: '# Ferry\n\nThe ferry ', estimate: ESTIMATE }),
  awaiting: () => job({ state: 'awaiting-confirmation', warnings: [{ code: 'not-an-article' }] }),
  done: () => job({ state: 'done', text: '# Ferry runs again\n\nThe ferry is back.', estimate: ESTIMATE }),
  incomplete: () => job({ state: 'incomplete', text: '# Ferry\n\nThe', error: { code: 'incomplete', message: 'Cut short.' }, canContinue: true }),
  stoppedEmpty: () => job({ state: 'stopped', text: '', error: { code: 'stopped', message: 'Not sent.' }, canContinue: false }),
  stoppedWithText: () => job({ state: 'stopped', text: '# Ferry\n\nThe', error: { code: 'stopped', message: 'Stopped.' }, canContinue: true }),
  interruptedWithText: () =>
    job({ state: 'interrupted', text: '# Ferry\n\nThe ferry', error: { code: 'interrupted', message: 'Cut off.' }, canContinue: true }),
  interruptedNotContinuable: () =>
    job({ state: 'interrupted', text: '# Ferry\n\nThe ferry', error: { code: 'interrupted', message: 'Cut off.' }, canContinue: false }),
  interruptedEmpty: () => job({ state: 'interrupted', text: '', error: { code: 'interrupted', message: 'Nothing written.' }, canContinue: false }),
  error: () => job({ state: 'error', text: '', error: { code: 'auth', message: 'The key was refused.' } }),
};

describe('slots and settling', () => {
  it('only reading and writing hold a slot; done, error and skipped are settled; waiting and confirm are neither', () => {
    const table = Object.fromEntries(ITEM_STATES.map((state) => [state, [holdsSlot({ state }), isSettled({ state })]]));
    expect(table).toEqual({
      waiting: [false, false],
      reading: [true, false],
      writing: [true, false],
      confirm: [false, false],
      done: [false, true],
      error: [false, true],
      skipped: [false, true],
    });
  });

  it('clamps the concurrency to 1…4, and reads anything but a whole number as the default, 2', () => {
    expect([0, -3, 1, 2, 3, 4, 5, 99].map(clampConcurrency)).toEqual([1, 1, 1, 2, 3, 4, 4, 4]);
    expect([2.5, NaN, Infinity, -Infinity].map(clampConcurrency)).toEqual([2, 2, 2, 2]);
    expect([CONCURRENCY_MIN, CONCURRENCY_MAX]).toEqual([1, 4]);
  });

  it('puts items in queue order, then by when added, without changing the list it was given', () => {
    const given = [item(3), item(1, { order: 2, addedAt: 5 }), item(2), item(0, { order: 2, addedAt: 1 })];
    expect(ids(inOrder(given))).toEqual(['q0', 'q1', 'q2', 'q3']);
    expect(ids(given)).toEqual(['q3', 'q1', 'q2', 'q0']);
  });

  it('counts items by state, every state present', () => {
    expect(countByState([])).toEqual({ waiting: 0, reading: 0, writing: 0, confirm: 0, done: 0, error: 0, skipped: 0 });
    const states: ItemState[] = ['waiting', 'waiting', 'writing', 'done', 'done', 'done', 'skipped'];
    expect(countByState(states.map((state, n) => item(n, { state })))).toEqual({
      waiting: 2,
      reading: 0,
      writing: 1,
      confirm: 0,
      done: 3,
      error: 0,
      skipped: 1,
    });
  });
});

describe('toStart', () => {
  it('starts the first waiting items in queue order, as many as the concurrency', () => {
    const items = [item(4), item(2), item(3), item(1)];
    expect(ids(toStart(items, 2, false))).toEqual(['q1', 'q2']);
    expect(ids(toStart(items, 1, false))).toEqual(['q1']);
    expect(ids(toStart(items, 4, false))).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(ids(toStart(items.slice(0, 1), 4, false))).toEqual(['q4']);
    expect(toStart([], 4, false)).toEqual([]);
  });

  it('counts the slots that reading and writing items hold', () => {
    expect(ids(toStart([item(1, { state: 'reading' }), item(2), item(3)], 2, false))).toEqual(['q2']);
    expect(toStart([item(1, { state: 'reading' }), item(2, { state: 'writing' }), item(3)], 2, false)).toEqual([]);
    // The concurrency lowered below what runs: nothing more starts, nothing breaks.
    expect(toStart([item(1, { state: 'writing' }), item(2, { state: 'writing' }), item(3, { state: 'reading' }), item(4)], 1, false)).toEqual([]);
  });

  it('does not count an item waiting for confirmation, nor settled ones, and starts neither', () => {
    const items = [
      item(1, { state: 'confirm' }),
      item(2, { state: 'confirm' }),
      item(3, { state: 'done' }),
      item(4, { state: 'error' }),
      item(5, { state: 'skipped' }),
      item(6),
      item(7),
    ];
    expect(ids(toStart(items, 2, false))).toEqual(['q6', 'q7']);
    expect(toStart(items.slice(0, 5), 4, false)).toEqual([]);
  });

  it('starts nothing while paused', () => {
    expect(toStart([item(1), item(2)], 4, true)).toEqual([]);
  });

  it('starts at most four, and none with no slot (a queue held by a rate limit) or a slot count that is no whole number', () => {
    const items = [1, 2, 3, 4, 5, 6].map((n) => item(n));
    expect(ids(toStart(items, 10, false))).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(toStart(items, 0, false)).toEqual([]);
    expect(toStart(items, NaN, false)).toEqual([]);
  });
});

describe('addFromList', () => {
  const counter = () => {
    let n = 0;
    return () => `new${++n}`;
  };

  it('adds one waiting item per address, in the order listed, after the last item queued', () => {
    const existing = [item(7), item(3)];
    const { items, problems } = addFromList(existing, 'https://n.example/a\nhttps://n.example/b\n', NOW, counter());
    expect(problems).toEqual([]);
    expect(items).toEqual([
      { id: 'new1', url: 'https://n.example/a', order: 8, state: 'waiting', addedAt: NOW, updatedAt: NOW },
      { id: 'new2', url: 'https://n.example/b', order: 9, state: 'waiting', addedAt: NOW, updatedAt: NOW },
    ]);
    expect(addFromList([], 'https://n.example/a', NOW, counter()).items[0]?.order).toBe(1);
  });

  it('skips blank lines and comments, and trims each line', () => {
    const { items, problems } = addFromList([], '\n# today\n   https://n.example/a   \n\r\n  # https://n.example/not\nhttps://n.example/b\r\n', NOW, counter());
    expect(items.map((i) => i.url)).toEqual(['https://n.example/a', 'https://n.example/b']);
    expect(problems).toEqual([]);
  });

  it('leaves out an address already queued: the same page, fragment and tracking aside, in any state', () => {
    const existing = [item(1, { url: 'https://n.example/a#top', state: 'done' }), item(2, { url: 'https://n.example/b?x=1&y=2' })];
    const text = ['https://n.example/a#comments', 'https://n.example/a', 'https://n.example/b?y=2&x=1&utm_source=feed', 'https://n.example/c'].join('\n');
    const newId = counter();
    const { items, problems } = addFromList(existing, text, NOW, newId);
    expect(items.map((i) => [i.id, i.url, i.order])).toEqual([['new1', 'https://n.example/c', 3]]);
    expect(problems).toEqual([
      'line 1: already in the queue: https://n.example/a#comments',
      'line 2: already in the queue: https://n.example/a',
      'line 3: already in the queue: https://n.example/b?y=2&x=1&utm_source=feed',
    ]);
    // An id is asked for only for an item added.
    expect(newId()).toBe('new2');
  });

  it('adds an address listed twice once', () => {
    const { items, problems } = addFromList([], 'https://n.example/a\nhttps://n.example/b\nhttps://n.example/a#again\nhttps://n.example/b', NOW, counter());
    expect(items.map((i) => [i.url, i.order])).toEqual([
      ['https://n.example/a', 1],
      ['https://n.example/b', 2],
    ]);
    expect(problems).toEqual(['line 3: already in the queue: https://n.example/a#again', 'line 4: already in the queue: https://n.example/b']);
  });

  it('reports a line that is no http(s) address, by its line number, and adds the rest', () => {
    const text = [
      'https://n.example/a',
      '',
      'not an address',
      'ftp://n.example/file',
      'https://me:secret@n.example/b',
      'javascript:alert(1)',
      'http://n.example/c',
    ].join('\n');
    const { items, problems } = addFromList([], text, NOW, counter());
    expect(items.map((i) => [i.url, i.order])).toEqual([
      ['https://n.example/a', 1],
      ['http://n.example/c', 2],
    ]);
    expect(problems).toEqual([
      'line 3: not an address: not an address',
      'line 4: not an http(s) address: ftp://n.example/file',
      'line 5: an address with a user name or password in it is not fetched: https://me:secret@n.example/b',
      'line 6: not an http(s) address: javascript:alert(1)',
    ]);
  });

  it('cuts a long line short in its report', () => {
    const long = `not-an-address-${'x'.repeat(500)}`;
    const { problems } = addFromList([], long, NOW, counter());
    expect(problems).toEqual([`line 1: not an address: ${long.slice(0, 200)}`]);
  });

  it('adds nothing from an empty list', () => {
    expect(addFromList([item(1)], '', NOW, counter())).toEqual({ items: [], problems: [] });
    expect(addFromList([item(1)], '\n\n# nothing\n', NOW, counter())).toEqual({ items: [], problems: [] });
  });
});

describe('originsToAsk', () => {
  /** A match pattern as Chrome and Firefox both take it for an optional host permission: no port, path `/*`. */
  const MATCH_PATTERN = /^https?:\/\/[^/:*]+\/\*$/;

  it('gives each origin once, as a match pattern, sorted', () => {
    const items = [
      item(1, { url: 'https://n.example/a' }),
      item(2, { url: 'https://n.example/b?x=1#y' }),
      item(3, { url: 'https://b.example/' }),
      item(4, { url: 'http://n.example/c' }),
    ];
    expect(originsToAsk(items)).toEqual(['http://n.example/*', 'https://b.example/*', 'https://n.example/*']);
    expect(originsToAsk([])).toEqual([]);
  });

  it('leaves the port out: a match pattern with no port matches every port (and Firefox refuses one with a port)', () => {
    const items = [
      item(1, { url: 'http://127.0.0.1:8080/x' }),
      item(2, { url: 'http://127.0.0.1:9090/y' }),
      item(3, { url: 'https://n.example:8443/a' }),
      item(4, { url: 'http://localhost:3000/' }),
    ];
    const origins = originsToAsk(items);
    expect(origins).toEqual(['http://127.0.0.1/*', 'http://localhost/*', 'https://n.example/*']);
    for (const o of origins) expect(o).toMatch(MATCH_PATTERN);
  });

  it('writes the host as the browser does: lower case, international names in punycode', () => {
    expect(originsToAsk([item(1, { url: 'https://N.Example/A' }), item(2, { url: 'https://bücher.example/x' })])).toEqual([
      'https://n.example/*',
      'https://xn--bcher-kva.example/*',
    ]);
  });

  it('asks only for the items still to run: waiting, reading, writing; not settled ones nor ones waiting for the user', () => {
    const items = ITEM_STATES.map((state, n) => item(n, { state, url: `https://${state}.example/${n}` }));
    expect(originsToAsk(items)).toEqual(['https://reading.example/*', 'https://waiting.example/*', 'https://writing.example/*']);
  });
});

describe('fromJob', () => {
  const base = item(1, {
    state: 'writing',
    jobId: 'old',
    title: 'Old title',
    headline: 'Old',
    error: 'Earlier failure.',
    continuable: true,
    confirmed: true,
    tokens: 5,
    cost: 1,
  });

  it('keeps the item itself (id, address, place, when added) and takes the job id, title and time', () => {
    const next = fromJob(base, jobs.writing(), NOW);
    expect(next).toMatchObject({ id: 'q1', url: 'https://n.example/1', order: 1, addedAt: 1001, updatedAt: NOW, jobId: 'j1', title: 'Ferry story' });
  });

  it('keeps nothing of an earlier try that the job does not say again', () => {
    const next = fromJob(base, job({ state: 'extracting', title: '' }), NOW);
    expect(next).toEqual({ id: 'q1', url: 'https://n.example/1', order: 1, state: 'writing', addedAt: 1001, updatedAt: NOW, jobId: 'j1' });
  });

  it('reading the page or writing: writing, with the estimate as tokens and cost', () => {
    expect(fromJob(base, jobs.extracting(), NOW).state).toBe('writing');
    const writing = fromJob(base, jobs.writing(), NOW);
    expect([writing.state, writing.tokens, writing.cost]).toEqual(['writing', 1200, 0.0021]);
    expect(writing).not.toHaveProperty('error');
    expect(writing).not.toHaveProperty('continuable');
    expect(writing).not.toHaveProperty('headline');
    // A model with no price: the cost is null, not dropped.
    const unpriced = fromJob(base, job({ state: 'writing', text: '', estimate: { ...ESTIMATE, cost: null } }), NOW);
    expect([unpriced.tokens, unpriced.cost]).toEqual([1200, null]);
  });

  it('waiting for the user: confirm', () => {
    expect(fromJob(base, jobs.awaiting(), NOW).state).toBe('confirm');
  });

  it("done: done, with the answer's headline", () => {
    const next = fromJob(base, jobs.done(), NOW);
    expect([next.state, next.headline, next.tokens]).toEqual(['done', 'Ferry runs again', 1200]);
    expect(next).not.toHaveProperty('error');
  });

  it('ended with part of an answer: an error in the job’s words, continuable as the job is', () => {
    for (const ended of [jobs.incomplete(), jobs.stoppedWithText(), jobs.interruptedWithText()]) {
      const next = fromJob(base, ended, NOW);
      expect([next.state, next.error, next.continuable]).toEqual(['error', 'error' in ended ? ended.error.message : '', true]);
    }
    const cut = fromJob(base, jobs.interruptedNotContinuable(), NOW);
    expect([cut.state, cut.continuable]).toEqual(['error', false]);
    const empty = fromJob(base, jobs.interruptedEmpty(), NOW);
    expect([empty.state, empty.error, empty.continuable]).toEqual(['error', 'Nothing written.', false]);
  });

  it('failed with nothing written: an error, never continuable', () => {
    const next = fromJob(base, jobs.error(), NOW);
    expect([next.state, next.error, next.continuable]).toEqual(['error', 'The key was refused.', false]);
  });

  it('stopped before anything was sent: skipped when the user skipped it, an error otherwise', () => {
    const skipped = fromJob({ ...base, state: 'skipped' }, jobs.stoppedEmpty(), NOW);
    expect(skipped.state).toBe('skipped');
    expect(skipped).not.toHaveProperty('error');
    const stopped = fromJob({ ...base, state: 'confirm' }, jobs.stoppedEmpty(), NOW);
    expect([stopped.state, stopped.error, stopped.continuable]).toEqual(['error', 'Not sent.', false]);
    // A job the user stopped after text arrived is not a skip, even for an item marked skipped.
    expect(fromJob({ ...base, state: 'skipped' }, jobs.stoppedWithText(), NOW).state).toBe('error');
  });
});

describe('recover', () => {
  const JOBS: Record<string, () => JobRecord | null> = { none: () => null, ...jobs };

  it('starts a waiting item again, whatever its job says', () => {
    for (const make of Object.values(JOBS)) {
      const waiting = item(1, { jobId: 'j1' });
      expect(recover(waiting, make(), NOW)).toEqual({ item: waiting, then: 'start' });
    }
  });

  it('reads a page that was being read again (nothing was sent for it)', () => {
    for (const make of Object.values(JOBS)) {
      expect(recover(item(1, { state: 'reading' }), make(), NOW)).toEqual({ item: item(1, { state: 'waiting', updatedAt: NOW }), then: 'start' });
    }
  });

  it('leaves a settled item as it is', () => {
    for (const state of ['done', 'error', 'skipped'] as const) {
      for (const make of Object.values(JOBS)) {
        const settled = item(1, { state, jobId: 'j1' });
        expect(recover(settled, make(), NOW)).toEqual({ item: settled, then: 'nothing' });
      }
    }
  });

  describe.each(['writing', 'confirm'] as const)('an item found %s', (state) => {
    const found = item(1, { state, jobId: 'j1' });

    it('whose job is done: done, never sent again', () => {
      const { item: next, then } = recover(found, jobs.done(), NOW);
      expect(then).toBe('nothing');
      expect([next.state, next.headline]).toEqual(['done', 'Ferry runs again']);
    });

    it('whose job was cut off with text it can go on from: Continue, nothing sent again', () => {
      const { item: next, then } = recover(found, jobs.interruptedWithText(), NOW);
      expect(then).toBe('continue');
      expect([next.state, next.continuable, next.jobId]).toEqual(['writing', true, 'j1']);
    });

    it('whose job was cut off with text it cannot go on from: an error, for the user to retry', () => {
      const { item: next, then } = recover(found, jobs.interruptedNotContinuable(), NOW);
      expect(then).toBe('nothing');
      expect([next.state, next.error, next.continuable]).toEqual(['error', 'Cut off.', false]);
    });

    it('whose job was cut off before anything was written: started again', () => {
      const { item: next, then } = recover(found, jobs.interruptedEmpty(), NOW);
      expect(then).toBe('start');
      expect([next.state, next.jobId]).toEqual(['waiting', 'j1']);
    });

    it('whose job waits for the user: goes on waiting, holding no slot', () => {
      const { item: next, then } = recover(found, jobs.awaiting(), NOW);
      expect(then).toBe('nothing');
      expect(next.state).toBe('confirm');
    });

    it('whose job is still stored as writing, with text: goes on from that text, never left holding a slot', () => {
      const { item: next, then } = recover(found, jobs.writingWithText(), NOW);
      expect(then).toBe('continue');
      expect(next.state).toBe('writing');
    });

    it('whose job is still stored as writing, with nothing written: started again', () => {
      expect(recover(found, jobs.writing(), NOW).then).toBe('start');
      expect(recover(found, jobs.extracting(), NOW).then).toBe('start');
    });
  });

  it('an item found writing with no job stored: started again', () => {
    expect(recover(item(1, { state: 'writing', jobId: 'j1' }), null, NOW)).toEqual({
      item: item(1, { state: 'waiting', jobId: 'j1', updatedAt: NOW }),
      then: 'start',
    });
  });

  it('an item found waiting for the user with no job stored: read again (a doubtful page asks again; nothing was sent)', () => {
    expect(recover(item(1, { state: 'confirm', jobId: 'j1' }), null, NOW)).toEqual({
      item: item(1, { state: 'waiting', jobId: 'j1', updatedAt: NOW }),
      then: 'start',
    });
  });

  it('for every item state and job: an answer that arrived is never sent again, and nothing is left holding a slot', () => {
    for (const state of ITEM_STATES) {
      for (const [name, make] of Object.entries(JOBS)) {
        const found = make();
        const { item: next, then } = recover(item(1, { state, jobId: 'j1' }), found, NOW);
        const where = `${state} × ${name}`;
        // Started afresh only when no text was written (or the page was only being read, or had not started).
        if (then === 'start') expect(found === null || found.text === '' || state === 'reading' || state === 'waiting', where).toBe(true);
        // Went on with Continue only from text that is there.
        if (then === 'continue') expect(found !== null && found.text !== '' && (canContinue(found) || found.state === 'writing'), where).toBe(true);
        if (found?.state === 'done' && (state === 'writing' || state === 'confirm')) expect([next.state, then], where).toEqual(['done', 'nothing']);
        // Nothing runs it and nothing will: it must not take one of the queue's slots.
        if (then === 'nothing') expect(holdsSlot(next), where).toBe(false);
        if (then === 'start') expect(next.state, where).toBe('waiting');
      }
    }
  });
});
