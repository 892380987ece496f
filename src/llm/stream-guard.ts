/**
 * A guard between the network and the openai SDK's SSE reader. The SDK joins every read onto the event it is
 * collecting and searches the whole of it again for the blank line that ends it: a server that sends one endless
 * line (or an event that never ends) costs time growing with the square of its length until the idle timeout,
 * and one network read holding thousands of events costs the square of the read. So the body is re-cut here into
 * whole events, one piece each (the SDK then finds each end at once), and an event over 1 MB fails the stream as
 * malformed. The bytes are unchanged. No SDK import: this runs on the bytes only.
 */

/** The longest SSE event (and so the longest line) accepted. A real chunk event is a few hundred bytes. */
export const MAX_EVENT_BYTES = 1024 * 1024;

export type MalformedWhy = 'too-long' | 'not-text';

/** The stream broke the protocol: an endless line or event, or answer text that is not text. */
export class MalformedStream extends Error {
  constructor(readonly why: MalformedWhy) {
    super(`malformed stream: ${why}`);
    this.name = 'MalformedStream';
  }
}

const LF = 0x0a;
const CR = 0x0d;

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The body cut at event ends (`\n\n`, `\r\r`, `\r\n\r\n`, as the SDK finds them), failing with a MalformedStream
 * once an event passes `maxBytes`.
 */
export function eventPieces(maxBytes = MAX_EVENT_BYTES): TransformStream<Uint8Array, Uint8Array> {
  let parts: Uint8Array[] = [];
  let held = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i] as number;
        const end = b === LF ? p1 === LF || (p1 === CR && p2 === LF && p3 === CR) : b === CR && p1 === CR;
        if (end) {
          parts.push(chunk.subarray(start, i + 1));
          controller.enqueue(concat(parts, held + i + 1 - start));
          parts = [];
          held = 0;
          start = i + 1;
          p1 = p2 = p3 = 0;
          continue;
        }
        if (held + i + 1 - start > maxBytes) {
          controller.error(new MalformedStream('too-long'));
          return;
        }
        p3 = p2;
        p2 = p1;
        p1 = b;
      }
      if (start < chunk.length) {
        // Kept until its event ends: a copy, so the network's buffer may be reused.
        parts.push(chunk.slice(start));
        held += chunk.length - start;
      }
    },
    flush(controller) {
      if (held > 0) controller.enqueue(concat(parts, held));
    },
  });
}

/** An event-stream response with its body passed through `eventPieces`; any other response as it is. */
export function guardEventStream(response: Response, maxBytes = MAX_EVENT_BYTES): Response {
  if (!response.body || !/text\/event-stream/i.test(response.headers.get('content-type') ?? '')) return response;
  return new Response(response.body.pipeThrough(eventPieces(maxBytes)), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
