// A page's bytes read as text the way a browser would: BOM, then the header's charset, then valid UTF-8, then the
// page's own <meta>, then windows-1252; empty and binary data refused with a reason.
import { describe, expect, it } from 'vitest';
import { decodeHtml, headerCharset, UndecodableHtml } from '../../src/extract/decode';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));
/** UTF-16 code units of an ASCII/BMP string, little- or big-endian. */
const utf16 = (s: string, le: boolean): number[] =>
  [...s].flatMap((c) => (le ? [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8] : [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));
const reasonOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (err) {
    return err instanceof UndecodableHtml ? err.reason : `other: ${String(err)}`;
  }
};

describe('decodeHtml', () => {
  it('a byte order mark wins over the header and the meta tag, and is not part of the text', () => {
    expect(decodeHtml(bytes([0xef, 0xbb, 0xbf], '<p>café</p>'), 'text/html; charset=iso-8859-1')).toBe('<p>café</p>');
    expect(decodeHtml(bytes([0xff, 0xfe], utf16('<p>café ✓</p>', true)), 'text/html; charset=utf-8')).toBe('<p>café ✓</p>');
    expect(decodeHtml(bytes([0xfe, 0xff], utf16('<meta charset="windows-1252"><p>Ωmega</p>', false)), null)).toBe('<meta charset="windows-1252"><p>Ωmega</p>');
  });

  it("the header's charset comes next, even over a meta tag and over bytes that would pass as UTF-8", () => {
    const latin = bytes('<meta charset="utf-8"><p>caf', [0xe9], '</p>');
    expect(decodeHtml(latin, 'text/html; charset=ISO-8859-1')).toBe('<meta charset="utf-8"><p>café</p>');
    expect(decodeHtml(latin, 'text/html;charset="windows-1252"')).toContain('café');
    // UTF-8 bytes of "é" read as the header says: two characters.
    expect(decodeHtml(bytes('<p>café</p>'), 'text/html; charset=windows-1252')).toBe('<p>cafÃ©</p>');
    expect(decodeHtml(bytes(utf16('<p>hi</p>', true)), 'text/html; charset=utf-16le')).toBe('<p>hi</p>');
    expect(headerCharset('text/html; Charset = "koi8-r"')).toBe('koi8-r');
    expect(headerCharset('text/html')).toBeNull();
  });

  it('valid UTF-8 is read as UTF-8 when nothing is declared; a meta tag is not asked', () => {
    expect(decodeHtml(bytes('<meta charset="iso-8859-1"><p>naïve — “quoted”</p>'), 'text/html')).toBe('<meta charset="iso-8859-1"><p>naïve — “quoted”</p>');
  });

  it('bytes that are not UTF-8 follow the meta charset, in either form', () => {
    expect(decodeHtml(bytes('<head><meta charset=iso-8859-15><p>', [0xa4], ' 5</p>'), null)).toContain('€ 5');
    expect(decodeHtml(bytes('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>', [0xf0, 0xd2, 0xc9], '</p>'), 'text/html')).toContain(
      'При',
    );
  });

  it('falls back to windows-1252 when nothing declares the encoding (curly quotes and the euro sign come out)', () => {
    expect(decodeHtml(bytes('<p>', [0x93], 'Hi', [0x94], ' costs ', [0x80], '5</p>'), null)).toBe('<p>“Hi” costs €5</p>');
  });

  it('an unknown or unusable label is passed over, never an error', () => {
    const latin = bytes('<p>caf', [0xe9], '</p>');
    expect(decodeHtml(latin, 'text/html; charset=no-such-charset')).toBe('<p>café</p>');
    // "replacement" encodings (iso-2022-kr) would turn the page into one U+FFFD: passed over as well.
    expect(decodeHtml(latin, 'text/html; charset=iso-2022-kr')).toBe('<p>café</p>');
    expect(decodeHtml(bytes('<meta charset="bogus-9"><p>caf', [0xe9], '</p>'), null)).toContain('café');
    // A meta tag read as ASCII cannot declare UTF-16: windows-1252.
    expect(decodeHtml(bytes('<meta charset="utf-16"><p>caf', [0xe9], '</p>'), null)).toContain('café');
    expect(decodeHtml(bytes('<p>ok</p>'), 'text/html; charset=')).toBe('<p>ok</p>');
  });

  it('refuses binary data (a NUL byte in the first 8 KiB), whatever the header says', () => {
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(reasonOf(() => decodeHtml(png, null))).toBe('binary');
    expect(reasonOf(() => decodeHtml(png, 'text/html; charset=utf-8'))).toBe('binary');
    expect(() => decodeHtml(png, null)).toThrow(/binary/);
    // Past the first 8 KiB a stray NUL is no sign of binary data.
    expect(decodeHtml(bytes(`<p>${'a'.repeat(9000)}`, [0], '</p>'), null)).toContain('aaa');
  });

  it('refuses empty data: no bytes, only whitespace, or only a byte order mark', () => {
    expect(reasonOf(() => decodeHtml(new Uint8Array(0), 'text/html'))).toBe('empty');
    expect(reasonOf(() => decodeHtml(bytes(' \n\t \r\n'), null))).toBe('empty');
    expect(reasonOf(() => decodeHtml(bytes([0xef, 0xbb, 0xbf]), null))).toBe('empty');
    expect(() => decodeHtml(new Uint8Array(0), null)).toThrow(/empty/);
  });
});
