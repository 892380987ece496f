import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { EXTRACT_USAGE, decodePage, parseExtractArgs } from '../../cli/commands/extract';
import type { CommandIO } from '../../cli/commands/types';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGES = join(ROOT, 'test', 'fixtures', 'pages');
const CRUFT = join(PAGES, 'cruft-news.html');
const NPR = join(PAGES, 'wcxb-0161.html.gz');

function io(stdin = ''): CommandIO & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    stdout: (t: string) => void (captured.out += t),
    stderr: (t: string) => void (captured.err += t),
    readStdin: async () => Buffer.from(stdin),
  };
  return captured;
}

describe('newsmith extract (command module, injected streams)', () => {
  it('--json prints one object per input and line, with the documented keys', async () => {
    const s = io();
    const code = await main(['extract', CRUFT, NPR, '--json', '--url', 'https://harbourledger.example/business/lisbon'], s);
    expect(code).toBe(0);
    const lines = s.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0] as object)).toEqual(['file', 'title', 'byline', 'siteName', 'lang', 'publishedTime', 'url', 'text', 'wordCount', 'warnings']);
    expect(lines[0]).toMatchObject({
      file: CRUFT,
      title: 'Lisbon Port Opens Bidding for Offshore Wind Terminal',
      byline: 'Marta Quintela',
      siteName: 'Harbour Ledger',
      lang: 'en-GB',
      warnings: [],
    });
    expect(lines[0]?.url).toBe('https://harbourledger.example/business/lisbon-port-wind-terminal');
    expect(lines[0]?.text).not.toContain('Read Also');
    expect(lines[1]).toMatchObject({ file: NPR, siteName: 'NPR' });
    expect(s.err).toBe('');
  });

  it('--timings adds parse, readability and cleanup times', async () => {
    const s = io();
    await main(['extract', '--json', '--timings', CRUFT], s);
    const rec = JSON.parse(s.out) as { timings: Record<string, number> };
    expect(Object.keys(rec.timings)).toEqual(['parseMs', 'readabilityMs', 'cleanupMs']);
    for (const v of Object.values(rec.timings)) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('without --json prints the title, a blank line and the text, blocks apart by blank lines', async () => {
    const s = io();
    expect(await main(['extract', CRUFT], s)).toBe(0);
    const [title, blank, first] = s.out.split('\n');
    expect(title).toBe('Lisbon Port Opens Bidding for Offshore Wind Terminal');
    expect(blank).toBe('');
    expect(first).toMatch(/^LISBON \(Harbour Ledger\) - The Port of Lisbon/);
    expect(s.out).toContain('.\n\n');
  });

  it('reads standard input for "-"', async () => {
    const s = io(readFileSync(CRUFT, 'utf8'));
    expect(await main(['extract', '-', '--json'], s)).toBe(0);
    expect(JSON.parse(s.out)).toMatchObject({ file: '-', title: 'Lisbon Port Opens Bidding for Offshore Wind Terminal' });
  });

  it('bad inputs: a message each on stderr, exit 1, and the good file still comes out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmith-cli-'));
    const binary = join(dir, 'image.html');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const empty = join(dir, 'empty.html');
    writeFileSync(empty, '');
    const noArticle = join(dir, 'blank-page.html');
    writeFileSync(noArticle, '<html><head><title>x</title></head><body></body></html>');
    const s = io();
    const code = await main(['extract', join(dir, 'missing.html'), binary, CRUFT, empty, noArticle, '--json'], s);
    expect(code).toBe(1);
    const err = s.err.trim().split('\n');
    expect(err).toHaveLength(4);
    expect(err[0]).toMatch(/missing\.html: no such file$/);
    expect(err[1]).toMatch(/image\.html: a binary file, not an HTML page$/);
    expect(err[2]).toMatch(/empty\.html: an empty file$/);
    expect(err[3]).toMatch(/blank-page\.html: .*(no article|0 words)/);
    const out = s.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; error?: string; title?: string });
    expect(out.map((o) => Boolean(o.error))).toEqual([true, true, false, true, true]);
    expect(out[2]?.title).toBe('Lisbon Port Opens Bidding for Offshore Wind Terminal');
  });

  it('usage errors exit 2; --help prints the usage; unknown commands are named', async () => {
    let s = io();
    expect(await main(['extract'], s)).toBe(2);
    expect(s.err).toContain('no input file');
    s = io();
    expect(await main(['extract', '--frobnicate', CRUFT], s)).toBe(2);
    expect(s.err).toContain('unknown option --frobnicate');
    s = io();
    expect(await main(['extract', '--help'], s)).toBe(0);
    expect(s.out).toBe(`${EXTRACT_USAGE}\n`);
    s = io();
    expect(await main(['frobnicate'], s)).toBe(2);
    expect(s.err).toContain('unknown command "frobnicate"');
    expect(parseExtractArgs(['a.html', '--url=https://x.example/p', '--min-words', '0'])).toMatchObject({
      files: ['a.html'],
      url: 'https://x.example/p',
      minWords: 0,
    });
    expect(() => parseExtractArgs(['a.html', '--url', 'not a url'])).toThrow(/not a URL/);
  });

  it('decodePage: gzip, declared legacy charset, binary refused', () => {
    expect(decodePage(readFileSync(NPR))).toMatch(/<html/i);
    const latin1 = Buffer.concat([Buffer.from('<meta charset="iso-8859-1"><p>caf'), Buffer.from([0xe9]), Buffer.from('</p>')]);
    expect(decodePage(latin1)).toContain('café');
    expect(() => decodePage(Buffer.from([1, 2, 0, 3]))).toThrow(/binary/);
  });
});

describe('newsmith bin (spawned)', () => {
  const bundle = join(ROOT, 'dist', 'cli', 'newsmith.mjs');
  it.skipIf(!existsSync(bundle))(
    'runs the built CLI: npm run newsmith -- extract … --json (skipped when dist/cli is not built)',
    () => {
      const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'newsmith.mjs'), 'extract', CRUFT, '--json'], { encoding: 'utf8' });
      expect(JSON.parse(out)).toMatchObject({ title: 'Lisbon Port Opens Bidding for Offshore Wind Terminal' });
      const bad = spawnSync(process.execPath, [join(ROOT, 'bin', 'newsmith.mjs'), 'extract', join(PAGES, 'nope.html'), CRUFT], { encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('nope.html: no such file');
      expect(bad.stdout).toContain('Lisbon Port Opens Bidding');
    },
    30_000,
  );
});
