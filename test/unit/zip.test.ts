// The ZIP writer: what it writes is read back by a strict reader (test/support/unzip.ts), by Python's zipfile and by
// Info-ZIP's unzip: the same names (UTF-8, flag set), the same bytes, CRC-32 as zlib counts it, the given time.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, dosDateTime, zip, type ZipEntry } from '../../src/zip';
import { unzip } from '../support/unzip';

const dir = mkdtempSync(join(tmpdir(), 'newsmith-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const has = (cmd: string) => spawnSync(cmd, ['-h'], { stdio: 'ignore' }).error === undefined;

const binary = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff);
const ENTRIES: ZipEntry[] = [
  { name: 'articles.csv', data: '\ufeffurl,headline\r\nhttps://n.example/a,"A, b"\r\n' },
  { name: 'café-in-são-paulo.md', data: '# Café in São Paulo\n\nÜber 東京 and ☕.\n' },
  { name: '日本/記事 one.html', data: '<!doctype html>\n<p>東京</p>\n' },
  { name: 'empty.txt', data: '' },
  { name: 'bytes.bin', data: binary },
];
const AT = new Date(2026, 10, 1, 14, 37, 58); // local time, as ZIP keeps it

function written(name: string, entries = ENTRIES): string {
  const path = join(dir, name);
  writeFileSync(path, zip(entries, AT));
  return path;
}

describe('crc32', () => {
  it('agrees with zlib on known and varied inputs', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    for (const data of [binary, new TextEncoder().encode('Über 東京 ☕'), new Uint8Array(70_000).fill(0xff)]) expect(crc32(data)).toBe(zlibCrc32(data) >>> 0);
  });
});

describe('dosDateTime', () => {
  it('packs the local date and time, seconds in two-second steps', () => {
    const { date, time } = dosDateTime(AT);
    expect([date >> 9, (date >> 5) & 15, date & 31]).toEqual([46, 11, 1]);
    expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([14, 37, 58]);
  });

  it('keeps to the years the format holds', () => {
    expect(dosDateTime(new Date(1970, 0, 1))).toEqual({ date: 33, time: 0 });
    expect(dosDateTime(new Date(Number.NaN))).toEqual({ date: 33, time: 0 });
    expect(dosDateTime(new Date(2200, 0, 1)).date >> 9).toBe(127);
  });
});

describe('zip', () => {
  it('reads back with the strict reader: names, bytes, CRCs, the UTF-8 flag and the time', () => {
    const entries = unzip(zip(ENTRIES, AT));
    expect(entries.map((e) => e.name)).toEqual(ENTRIES.map((e) => e.name));
    ENTRIES.forEach((want, i) => {
      const got = entries[i]!;
      const bytes = typeof want.data === 'string' ? Buffer.from(want.data, 'utf8') : Buffer.from(want.data);
      expect(got.data.equals(bytes), want.name).toBe(true);
      expect(got.crc).toBe(zlibCrc32(bytes) >>> 0);
      expect(got.flags & 0x0800).toBe(0x0800);
      expect({ date: got.date, time: got.time }).toEqual(dosDateTime(AT));
    });
  });

  it('an empty archive is the end record alone', () => {
    const bytes = zip([], AT);
    expect(bytes.length).toBe(22);
    expect(unzip(bytes)).toEqual([]);
  });

  it.skipIf(!has('python3'))("passes Python's zipfile test, with the same names, contents and time", () => {
    const path = written('python.zip');
    expect(execFileSync('python3', ['-m', 'zipfile', '-t', path], { encoding: 'utf8' })).toMatch(/Done testing/);
    const script = [
      'import json, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'print(json.dumps([[i.filename, i.CRC, i.flag_bits & 0x800, list(i.date_time), z.read(i).hex()] for i in z.infolist()]))',
    ].join('\n');
    const listed = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as [string, number, number, number[], string][];
    expect(listed).toEqual(
      ENTRIES.map((e) => {
        const bytes = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data);
        return [e.name, zlibCrc32(bytes) >>> 0, 0x800, [2026, 11, 1, 14, 37, 58], bytes.toString('hex')];
      }),
    );
  });

  it.skipIf(!has('unzip'))('passes unzip -t, and unzip -p gives each file back', () => {
    const path = written('info-zip.zip');
    const tested = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(tested).toMatch(/No errors detected/);
    for (const e of ENTRIES) expect(tested).toContain(e.name);
    const md = execFileSync('unzip', ['-p', path, 'café-in-são-paulo.md'], { encoding: 'utf8' });
    expect(md).toBe(ENTRIES[1]!.data);
    // Extracted under their UTF-8 names, as readable files (the external attributes hold a plain file's mode).
    const out = join(dir, 'extracted');
    execFileSync('unzip', ['-q', '-o', path, '-d', out]);
    expect(readFileSync(join(out, '日本', '記事 one.html'), 'utf8')).toBe(ENTRIES[2]!.data);
    expect(statSync(join(out, 'bytes.bin')).mode & 0o600).toBe(0o600);
  });
});
