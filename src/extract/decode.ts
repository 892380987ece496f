/**
 * Bytes of a page → its HTML text, for pages read from a file or fetched by URL (the CLI, the extension's
 * off-screen reader). Pure: TextDecoder only, so it runs in Node and in the browser.
 *
 * Which encoding, first found wins: a byte order mark; the Content-Type header's charset; UTF-8 if the bytes are
 * valid UTF-8; a `<meta charset>` (or `http-equiv` Content-Type) in the first 8 KiB; windows-1252, which decodes
 * any byte. A label TextDecoder does not know is passed over, never an error.
 */

/** How far a `<meta>` charset and NUL bytes are looked for (the HTML standard's prescan reads 1024 bytes; pages vary). */
const HEAD_BYTES = 8192;

export type UndecodableReason = 'empty' | 'binary';

/** Bytes that are no HTML page at all: nothing but whitespace, or binary data. */
export class UndecodableHtml extends Error {
  constructor(readonly reason: UndecodableReason) {
    super(reason === 'empty' ? 'The page is empty.' : 'The data is binary (it has NUL bytes), not an HTML page.');
    this.name = 'UndecodableHtml';
  }
}

/** A decoder for `label`, or null when the label names no encoding TextDecoder supports. */
function decoderFor(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim());
  } catch {
    return null;
  }
}

function bomEncoding(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** The `charset` parameter of a Content-Type value, unquoted. */
export function headerCharset(contentType: string | null): string | null {
  return contentType ? (/;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType)?.[1] ?? null) : null;
}

/** The charset a `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in `head` names. */
function metaCharset(head: Uint8Array): string | null {
  const ascii = new TextDecoder('windows-1252').decode(head);
  return /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(ascii)?.[1] ?? null;
}

/**
 * windows-1252's bytes 0x80–0x9F (the five it leaves undefined stay C1 controls, as the Encoding standard has it).
 * Node 20's TextDecoder reads windows-1252 as ISO-8859-1, so what it leaves as C1 controls is mapped here.
 */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] as string) : text;
}

const isUtf16 = (d: TextDecoder): boolean => d.encoding.startsWith('utf-16');
/** What a meta tag cannot mean: it is read as ASCII, so not UTF-16; x-user-defined is windows-1252 there (HTML standard). */
const metaMisfit = (d: TextDecoder): boolean => isUtf16(d) || d.encoding === 'x-user-defined';

/** Decodes a page's bytes (see the file comment); throws `UndecodableHtml` for empty or binary data. */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): string {
  const head = bytes.subarray(0, HEAD_BYTES);
  const declared = decoderFor(bomEncoding(bytes)) ?? decoderFor(headerCharset(contentType));
  // UTF-16 text is full of NUL bytes; in any other encoding they mean binary data.
  if (!(declared && isUtf16(declared)) && head.includes(0)) throw new UndecodableHtml('binary');
  const text = declared ? decodeWith(declared, bytes) : sniffed(bytes, head);
  if (text.trim() === '') throw new UndecodableHtml('empty');
  return text;
}

function sniffed(bytes: Uint8Array, head: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const meta = decoderFor(metaCharset(head));
    return decodeWith(meta && !metaMisfit(meta) ? meta : new TextDecoder('windows-1252'), bytes);
  }
}
