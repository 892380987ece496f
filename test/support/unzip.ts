/**
 * A strict reader of stored (uncompressed) ZIP files, for the tests: it walks the end record, the central directory
 * and each local header, and throws on anything that disagrees (signatures, sizes, names, flags, offsets, the CRC
 * against Node's own zlib.crc32), so a test of the writer checks the archive the way an unzip tool would.
 */
import { crc32 } from 'node:zlib';

export interface UnzippedEntry {
  name: string;
  data: Buffer;
  crc: number;
  flags: number;
  date: number;
  time: number;
}

export function unzip(bytes: Uint8Array): UnzippedEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new Error(`bad zip: ${why}`);
  };
  const end = buf.length - 22;
  if (end < 0 || buf.readUInt32LE(end) !== 0x06054b50) fail('no end record at the end (or a comment)');
  const count = buf.readUInt16LE(end + 10);
  if (buf.readUInt16LE(end + 8) !== count) fail('entry counts differ');
  const cdSize = buf.readUInt32LE(end + 12);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (cdOffset + cdSize !== end) fail('the central directory does not end at the end record');
  const out: UnzippedEntry[] = [];
  let p = cdOffset;
  let expectedLocal = 0;
  for (let i = 0; i < count; i++) {
    const central = p;
    if (buf.readUInt32LE(p) !== 0x02014b50) fail(`central header ${i}: signature`);
    const flags = buf.readUInt16LE(p + 8);
    if (buf.readUInt16LE(p + 10) !== 0) fail(`central header ${i}: not stored`);
    const time = buf.readUInt16LE(p + 12);
    const date = buf.readUInt16LE(p + 14);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    if (buf.readUInt32LE(p + 24) !== size) fail(`central header ${i}: stored sizes differ`);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extra;
    if (local !== expectedLocal) fail(`entry ${i}: local header at ${local}, expected ${expectedLocal}`);
    if (buf.readUInt32LE(local) !== 0x04034b50) fail(`entry ${i}: local signature`);
    // The local header repeats version, flags, method, time, date, CRC, sizes and name length (bytes 4–27).
    if (!buf.subarray(local + 4, local + 28).equals(buf.subarray(central + 6, central + 30))) fail(`entry ${i}: local and central headers differ`);
    const localName = buf.readUInt16LE(local + 26);
    const localExtra = buf.readUInt16LE(local + 28);
    if (!buf.subarray(local + 30, local + 30 + localName).equals(nameBytes)) fail(`entry ${i}: names differ`);
    const start = local + 30 + localName + localExtra;
    const data = buf.subarray(start, start + size);
    if (crc32(data) >>> 0 !== crc) fail(`entry ${i}: CRC`);
    expectedLocal = start + size;
    out.push({ name: new TextDecoder('utf-8', { fatal: true }).decode(nameBytes), data: Buffer.from(data), crc, flags, date, time });
  }
  if (expectedLocal !== cdOffset) fail('bytes between the last file and the central directory');
  if (p !== end) fail('bytes after the central directory');
  return out;
}
