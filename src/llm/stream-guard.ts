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

/** Cuts bytes into whole SSE events (`\n\n`, `\r\r`, `\r\n\r\n`, as the SDK finds them), holding back a partial one. */
class EventCutter {
  private parts: Uint8Array[] = [];
  private held = 0;
  private p1 = 0;
  private p2 = 0;
  private p3 = 0;

  constructor(private readonly maxBytes: number) {}

  /** Adds the whole events in `chunk` to `out`; false once the event being collected passes the limit. */
  push(chunk: Uint8Array, out: Uint8Array[]): boolean {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      const { p1, p2, p3 } = this;
      const end = b === LF ? p1 === LF || (p1 === CR && p2 === LF && p3 === CR) : b === CR && p1 === CR;
      if (end) {
        this.parts.push(chunk.subarray(start, i + 1));
        out.push(concat(this.parts, this.held + i + 1 - start));
        this.parts = [];
        this.held = 0;
        start = i + 1;
        this.p1 = this.p2 = this.p3 = 0;
        continue;
      }
      if (this.held + i + 1 - start > this.maxBytes) return false;
      this.p3 = p2;
      this.p2 = p1;
      this.p1 = b;
    }
    if (start < chunk.length) {
      // Kept until its event ends: a copy, so the network's buffer may be reused.
      this.parts.push(chunk.slice(start));
      this.held += chunk.length - start;
    }
    return true;
  }

  /** The unfinished event at the end of the body, if any. */
  rest(): Uint8Array | null {
    return this.held > 0 ? concat(this.parts, this.held) : null;
  }
}

/**
 * The body cut at event ends, one event per read, failing with a MalformedStream once an event passes `maxBytes`.
 * Pulled, not pushed: the failure is raised only after every whole event before it has been read, so the text that
 * arrived in the same network read as the endless line still reaches the answer (an errored stream drops its queue).
 */
export function eventPieces(source: ReadableStream<Uint8Array>, maxBytes = MAX_EVENT_BYTES): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const cutter = new EventCutter(maxBytes);
  let ready: Uint8Array[] = [];
  let next = 0;
  let failed = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (next === ready.length) {
          if (failed) {
            const error = new MalformedStream('too-long');
            controller.error(error);
            await reader.cancel(error).catch(() => {});
            return;
          }
          const { done, value } = await reader.read();
          if (done) {
            const rest = cutter.rest();
            if (rest) controller.enqueue(rest);
            controller.close();
            return;
          }
          ready = [];
          next = 0;
          failed = !cutter.push(value, ready);
        }
        controller.enqueue(ready[next++] as Uint8Array);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** An event-stream response with its body passed through `eventPieces`; any other response as it is. */
export function guardEventStream(response: Response, maxBytes = MAX_EVENT_BYTES): Response {
  if (!response.body || !/text\/event-stream/i.test(response.headers.get('content-type') ?? '')) return response;
  return new Response(eventPieces(response.body, maxBytes), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
