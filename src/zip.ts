/**
 * A ZIP archive of a few small files, stored uncompressed, laid out as the PKWARE APPNOTE describes: each file's
 * local header and bytes, then the central directory and its end record. Names are UTF-8 (general-purpose flag
 * bit 11). No ZIP64, so at most 65,535 files and 4 GiB; no encryption, no extra fields. Pure: no browser APIs.
 */

export interface ZipEntry {
  /** The path inside the archive, `/` between folders. */
  name: string;
  /** The file's content; a string is written as UTF-8. */
  data: Uint8Array | string;
}

let table: Uint32Array | null = null;

/** CRC-32 as ZIP uses it (reflected polynomial 0xEDB88320, start and final XOR all ones). */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = (table[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * MS-DOS date and time (the local clock, in two-second steps), as ZIP stores a file's modification time. The format
 * spans 1980 to 2107: a date before (or an invalid one) is 1980-01-01 00:00, one after is the last it can hold.
 */
export function dosDateTime(at: Date): { date: number; time: number } {
  const year = at.getFullYear();
  if (!(year >= 1980)) return { date: (1 << 5) | 1, time: 0 };
  if (year > 2107) return { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
  return {
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
  };
}

const LOCAL = 30;
const CENTRAL = 46;
const END = 22;
const UTF8_NAMES = 0x0800;
/** Version 2.0 of the format: what an unzip needs to read these entries. */
const VERSION = 20;
/**
 * Made by: Unix (3), version 2.0. Info-ZIP's unzip reads the names of an archive made on MS-DOS (0) as code page
 * 437 even with the UTF-8 flag set; a Unix one it takes as flagged. Unix also means the external attributes hold the
 * file's mode: a plain file, rw-r--r--.
 */
const MADE_BY = (3 << 8) | VERSION;
const FILE_MODE = (0o100644 << 16) >>> 0;

/** The archive's bytes, every file modified at `at`. Throws past the format's limits (no ZIP64 here). */
export function zip(entries: readonly ZipEntry[], at: Date): Uint8Array<ArrayBuffer> {
  const utf8 = new TextEncoder();
  const files = entries.map((e) => {
    const data = typeof e.data === 'string' ? utf8.encode(e.data) : e.data;
    return { name: utf8.encode(e.name), data, crc: crc32(data), offset: 0 };
  });
  const dataSize = files.reduce((n, f) => n + LOCAL + f.name.length + f.data.length, 0);
  const centralSize = files.reduce((n, f) => n + CENTRAL + f.name.length, 0);
  if (files.length > 0xffff || dataSize + centralSize > 0xffffffff || files.some((f) => f.name.length > 0xffff))
    throw new RangeError('too large for a ZIP file without ZIP64');
  const out = new Uint8Array(dataSize + centralSize + END);
  const view = new DataView(out.buffer);
  const { date, time } = dosDateTime(at);
  let p = 0;
  const u16 = (v: number) => (view.setUint16(p, v, true), (p += 2));
  const u32 = (v: number) => (view.setUint32(p, v, true), (p += 4));
  const bytes = (b: Uint8Array) => (out.set(b, p), (p += b.length));
  /** The fields the local header and the central directory share, from "version needed" to the name's length. */
  const common = (f: (typeof files)[number]) => {
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(0); // stored
    u16(time);
    u16(date);
    u32(f.crc);
    u32(f.data.length); // compressed size
    u32(f.data.length); // uncompressed size
    u16(f.name.length);
    u16(0); // extra field length
  };
  for (const f of files) {
    f.offset = p;
    u32(0x04034b50);
    common(f);
    bytes(f.name);
    bytes(f.data);
  }
  for (const f of files) {
    u32(0x02014b50);
    u16(MADE_BY);
    common(f);
    u16(0); // comment length
    u16(0); // disk number start
    u16(0); // internal attributes
    u32(FILE_MODE); // external attributes
    u32(f.offset);
    bytes(f.name);
  }
  u32(0x06054b50);
  u16(0); // this disk
  u16(0); // the disk the central directory starts on
  u16(files.length);
  u16(files.length);
  u32(centralSize);
  u32(dataSize);
  u16(0); // comment length
  return out;
}
