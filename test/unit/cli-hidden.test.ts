// The CLI's `prompt` command on the hidden-text fixture, and its answer to a page nested 10,000 levels deep.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPrompt } from '../../cli/commands/prompt';
import { runExtract } from '../../cli/commands/extract';
import type { CommandIO } from '../../cli/commands/types';
import { hiddenMarkersIn, hiddenTechniquesHtml, invisibleCodePointsIn, NODE_CANNOT_SEE, visibleMarkersMissing } from '../fixtures/hidden/markers';

function capture(): CommandIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => Buffer.from(''), out: () => out, err: () => err };
}

const dir = mkdtempSync(join(tmpdir(), 'newsmith-hidden-'));

describe('newsmith prompt on the hidden-text fixture', () => {
  it('prints no hidden marker but those Node cannot see, and every visible one', async () => {
    const page = join(dir, 'hidden.html');
    writeFileSync(page, hiddenTechniquesHtml);
    const io = capture();
    expect(await runPrompt([page, '--url', 'https://courier.example/tram'], io)).toBe(0);
    const leaked = hiddenMarkersIn(io.out());
    expect(leaked.filter((m) => !NODE_CANNOT_SEE.includes(m))).toEqual([]);
    expect(leaked.length).toBeLessThanOrEqual(4);
    expect(visibleMarkersMissing(io.out())).toEqual([]);
    expect(invisibleCodePointsIn(io.out())).toEqual([]);
  });
});

describe('newsmith extract on a page nested 10,000 levels deep', () => {
  it('refuses it at once with a clear message and a non-zero exit', async () => {
    const page = join(dir, 'deep.html');
    writeFileSync(page, `<html><body>${'<div>'.repeat(10_000)}<p>${'Deep words here. '.repeat(50)}</p>${'</div>'.repeat(10_000)}</body></html>`);
    const io = capture();
    const started = performance.now();
    const code = await runExtract([page], io);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(code).not.toBe(0);
    expect(io.out() + io.err()).toMatch(/nests its markup too deeply/);
  });
});
