/**
 * The queue's pace under 429s, its line changes (a rate-limited page back in line, a page moved up or down), its
 * time left and its spend: the pure rules background/queue.ts follows.
 */
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/job';
import { spentOf } from '../../src/queue/budget';
import { CALM, nextChange, slotsAt, slowedDown } from '../../src/queue/pace';
import { moved, RATE_LIMIT_REQUEUES, remainingMs, requeued, type QueueItem } from '../../src/queue/queue';
import { readQueueItem } from '../../src/queue/read-item';
import { jobFrom, type LooseJob } from '../support/job-shapes';

const NOW = Date.UTC(2026, 11, 4, 12);

function item(n: number, over: Partial<QueueItem> = {}): QueueItem {
  return { id: `q${n}`, url: `https://n.example/${n}`, order: n, state: 'waiting', addedAt: 1000 + n, updatedAt: 1000 + n, ...over };
}

function job(fields: LooseJob): JobRecord {
  return jobFrom({ id: 'j1', title: 'Ferry story', ...fields }, 'https://n.example/1');
}

describe('pace', () => {
  it('holds every start for the Retry-After, then one at a time for a minute, then the whole concurrency', () => {
    const pace = slowedDown(CALM, NOW, 3);
    expect(slotsAt(CALM, NOW, 3)).toBe(3);
    expect(slotsAt(pace, NOW + 2_999, 3)).toBe(0);
    expect(slotsAt(pace, NOW + 3_000, 3)).toBe(1);
    expect(slotsAt(pace, NOW + 62_999, 3)).toBe(1);
    expect(slotsAt(pace, NOW + 63_000, 3)).toBe(3);
    expect(nextChange(pace, NOW)).toBe(NOW + 3_000);
    expect(nextChange(pace, NOW + 3_000)).toBe(NOW + 63_000);
    expect(nextChange(pace, NOW + 63_000)).toBeNull();
  });

  it('a 429 with no Retry-After holds five seconds; a huge one is capped at five minutes; a later 429 never shortens a hold', () => {
    expect(slowedDown(CALM, NOW, null).holdUntil).toBe(NOW + 5_000);
    expect(slowedDown(CALM, NOW, 86_400).holdUntil).toBe(NOW + 300_000);
    const long = slowedDown(CALM, NOW, 30);
    const after = slowedDown(long, NOW + 1_000, 1);
    expect(after.holdUntil).toBe(NOW + 30_000);
    expect(after.slowUntil).toBe(long.slowUntil);
  });
});

describe('a page refused for the rate', () => {
  const limited = job({ state: 'error', text: '', error: { code: 'rate-limit', message: 'Rate limited.' } });

  it('goes back in line with its version to replace, up to the limit, then fails', () => {
    const writing = item(1, { state: 'writing', jobId: 'j0' });
    const again = requeued(writing, limited, NOW);
    expect(again).toMatchObject({ state: 'waiting', jobId: 'j1', requeues: 1, updatedAt: NOW });
    expect(requeued({ ...writing, requeues: RATE_LIMIT_REQUEUES }, limited, NOW)).toBeNull();
  });

  it('only a rate limit with nothing written: text written, another error, or a done job are not put back', () => {
    const writing = item(1, { state: 'writing' });
    expect(requeued(writing, job({ state: 'error', text: 'Half', error: { code: 'rate-limit', message: 'x' } }), NOW)).toBeNull();
    expect(requeued(writing, job({ state: 'error', text: '', error: { code: 'auth', message: 'x' } }), NOW)).toBeNull();
    expect(requeued(writing, job({ state: 'done', text: '# H\n\nBody.' }), NOW)).toBeNull();
  });
});

describe('moving a waiting page', () => {
  it('swaps its place with the next waiting page up or down, passing over pages that are not waiting', () => {
    const items = [item(1), item(2, { state: 'done' }), item(3), item(4)];
    expect(moved(items, 'q3', -1)).toEqual([
      { ...item(3), order: 1 },
      { ...item(1), order: 3 },
    ]);
    expect(moved(items, 'q3', 1)).toEqual([
      { ...item(3), order: 4 },
      { ...item(4), order: 3 },
    ]);
  });

  it('does nothing at either end, or for a page that is not waiting', () => {
    const items = [item(1), item(2), item(3, { state: 'writing' })];
    expect(moved(items, 'q1', -1)).toEqual([]);
    expect(moved(items, 'q2', 1)).toEqual([]);
    expect(moved(items, 'q3', -1)).toEqual([]);
  });
});

describe('time left', () => {
  it('is unknown before a page is done; then the mean time of the done pages over the slots, plus what runs', () => {
    expect(remainingMs([item(1)], 2, NOW)).toBeNull();
    const done = (n: number, ms: number) => item(n, { state: 'done', startedAt: NOW - 100_000, updatedAt: NOW - 100_000 + ms });
    // Two done in 10 s each; four waiting at two at a time: 20 s; one running for 4 s: 6 s more.
    const items = [done(1, 10_000), done(2, 10_000), item(3, { state: 'writing', startedAt: NOW - 4_000 }), item(4), item(5), item(6), item(7)];
    expect(remainingMs(items, 2, NOW)).toBe(26_000);
    expect(remainingMs([done(1, 10_000)], 2, NOW)).toBe(0);
  });
});

describe('spend', () => {
  it('counts the estimated cost of pages sent: done, writing, and cut off with text; not waiting, read-only failures or skipped', () => {
    const items = [
      item(1, { state: 'done', cost: 0.25 }),
      item(2, { state: 'writing', cost: 0.5 }),
      item(3, { state: 'error', continuable: true, cost: 1 }),
      item(4, { state: 'error', cost: 8 }),
      item(5, { state: 'skipped', cost: 8 }),
      item(6, { state: 'waiting', cost: 8 }),
      item(7, { state: 'done', cost: null }),
    ];
    expect(spentOf(items)).toBe(1.75);
  });
});

describe('stored items', () => {
  it('keep their start time and requeue count, and drop broken ones', () => {
    expect(readQueueItem({ ...item(1), startedAt: NOW, requeues: 2 })).toMatchObject({ startedAt: NOW, requeues: 2 });
    const broken = readQueueItem({ ...item(1), startedAt: 'soon', requeues: -1 });
    expect(broken).not.toHaveProperty('startedAt');
    expect(broken).not.toHaveProperty('requeues');
  });
});
