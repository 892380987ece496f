/**
 * A stand-in for Chrome's Prompt API (`LanguageModel`), for tests only: this Chromium has no on-device model.
 * It follows the API as Chrome ships it: `availability(options)` with the four states and language checks;
 * `create({ initialPrompts, expectedInputs, expectedOutputs, monitor, signal })` that needs user activation to
 * download ("downloadable"; NotAllowedError without, as in a service worker), fires `downloadprogress` (loaded
 * 0…1) and then makes the model "available"; a session with `contextWindow`/`contextUsage`/`measureContextUsage()`
 * (or the older `inputQuota`/`inputUsage`/`measureInputUsage()`), `promptStreaming(input, { signal })` returning a
 * ReadableStream of text pieces (deltas) with delays, a QuotaExceededError past the window, abort through the
 * signal, and `destroy()`.
 *
 * `installLanguageModelStandIn` is self-contained (no imports, no outer names) so Playwright can serialise it into
 * an extension page or the service worker. It records what it was asked in `globalThis.__languageModelStandIn`.
 * Nothing under src/ or the extension's entries imports this file; scripts/check-size.mjs fails the build check if
 * its marker ever shows up in dist/.
 */

export type StandInAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface StandInConfig {
  availability: StandInAvailability;
  /** The text the model writes, streamed in pieces of `chunkChars`. */
  answer: string;
  chunkChars?: number;
  /** Delay before each piece, in ms. */
  delayMs?: number;
  /** Tokens in one session's window (the text is counted as one token per 4 characters). */
  contextWindow?: number;
  /** Use the names from before the rename: inputQuota, inputUsage, measureInputUsage. */
  legacyNames?: boolean;
  /** Output languages the model may write; others are "unavailable" / NotSupportedError. */
  languages?: string[];
  /** Download steps (progress events) and the delay between them, for the "downloadable" path. */
  downloadSteps?: number;
  downloadDelayMs?: number;
}

export interface StandInRecord {
  created: number;
  destroyed: number;
  /** Each prompt: the session's initial prompts and the prompt input. */
  prompts: { initialPrompts: unknown[]; input: unknown; expectedOutputs: unknown }[];
  /** Streams that ended by their signal or by destroy(). */
  aborted: number;
  progress: number[];
}

/** The marker the size check looks for in dist/ (it must never ship). */
export const STAND_IN_MARKER = 'newsmith-language-model-stand-in';

export function installLanguageModelStandIn(config: StandInConfig, target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
  const marker = 'newsmith-language-model-stand-in';
  const record: StandInRecord = { created: 0, destroyed: 0, prompts: [], aborted: 0, progress: [] };
  target.__languageModelStandIn = { marker, record, config };
  let state: StandInAvailability = config.availability;
  const windowSize = config.contextWindow ?? 6144;
  const supported = config.languages ?? ['en', 'es', 'ja'];
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  type Message = { role: string; content: string };
  type Expected = { type: string; languages?: string[] };
  type Options = {
    expectedInputs?: Expected[];
    expectedOutputs?: Expected[];
    initialPrompts?: Message[];
    signal?: AbortSignal;
    monitor?: (m: EventTarget) => void;
  };

  const tokens = (input: unknown): number => {
    const messages: Message[] = typeof input === 'string' ? [{ role: 'user', content: input }] : (input as Message[]);
    return messages.reduce((n, m) => n + 4 + Math.ceil(String(m.content).length / 4), 0);
  };
  const languagesOk = (o: Options = {}): boolean =>
    [...(o.expectedInputs ?? []), ...(o.expectedOutputs ?? [])].every((e) =>
      (e.languages ?? []).every((l) => supported.includes(l.toLowerCase().split('-')[0] ?? '')),
    );
  const domError = (name: string, message: string) => new DOMException(message, name);
  const hasActivation = (): boolean => {
    const nav = (target.navigator ?? (globalThis as { navigator?: unknown }).navigator) as { userActivation?: { isActive: boolean } } | undefined;
    return nav?.userActivation?.isActive === true;
  };

  class StandInSession {
    readonly contextWindow?: number;
    contextUsage?: number;
    readonly inputQuota?: number;
    inputUsage?: number;
    private destroyed = false;
    private readonly streams = new Set<ReadableStreamDefaultController<string>>();

    constructor(
      private readonly initialPrompts: Message[],
      private readonly expectedOutputs: unknown,
    ) {
      const used = tokens(initialPrompts);
      if (config.legacyNames) {
        this.inputQuota = windowSize;
        this.inputUsage = used;
      } else {
        this.contextWindow = windowSize;
        this.contextUsage = used;
      }
    }

    private used(): number {
      return (config.legacyNames ? this.inputUsage : this.contextUsage) ?? 0;
    }

    private alive(): void {
      if (this.destroyed) throw domError('InvalidStateError', 'The session has been destroyed.');
    }

    async measure(input: unknown): Promise<number> {
      this.alive();
      return tokens(input);
    }

    promptStreaming(input: unknown, options: { signal?: AbortSignal } = {}): ReadableStream<string> {
      this.alive();
      record.prompts.push({ initialPrompts: this.initialPrompts, input, expectedOutputs: this.expectedOutputs });
      const needed = tokens(input);
      const signal = options.signal;
      const streams = this.streams;
      const over = this.used() + needed > windowSize;
      let stopped = false;
      let own: ReadableStreamDefaultController<string> | undefined;
      return new ReadableStream<string>({
        start: (controller) => {
          own = controller;
          if (signal?.aborted) {
            controller.error(signal.reason);
            return;
          }
          if (over) {
            controller.error(domError('QuotaExceededError', `The input is too large: ${needed} tokens requested, ${windowSize - this.used()} available.`));
            return;
          }
          streams.add(controller);
          signal?.addEventListener('abort', () => {
            if (stopped) return;
            stopped = true;
            record.aborted++;
            streams.delete(controller);
            controller.error(signal.reason);
          });
          const size = config.chunkChars ?? 12;
          void (async () => {
            for (let i = 0; i < config.answer.length; i += size) {
              await wait(config.delayMs ?? 20);
              if (stopped) return;
              controller.enqueue(config.answer.slice(i, i + size));
            }
            if (stopped) return;
            stopped = true;
            streams.delete(controller);
            if (config.legacyNames) this.inputUsage = this.used() + needed;
            else this.contextUsage = this.used() + needed;
            controller.close();
          })();
        },
        cancel: () => {
          stopped = true;
          if (own) streams.delete(own);
        },
      });
    }

    destroy(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      record.destroyed++;
      for (const controller of this.streams) {
        record.aborted++;
        controller.error(domError('AbortError', 'The session was destroyed.'));
      }
      this.streams.clear();
    }
  }

  const api = {
    async availability(options: Options = {}): Promise<StandInAvailability> {
      return languagesOk(options) ? state : 'unavailable';
    },
    async params() {
      return { defaultTopK: 3, maxTopK: 128, defaultTemperature: 1, maxTemperature: 2 };
    },
    async create(options: Options = {}): Promise<object> {
      const signal = options.signal;
      if (signal?.aborted) throw signal.reason;
      if (!languagesOk(options)) throw domError('NotSupportedError', 'The requested language options are not supported.');
      const prompts = options.initialPrompts ?? [];
      if (prompts.some((m, i) => m.role === 'system' && i !== 0)) throw new TypeError('The system prompt must be the first of the initial prompts.');
      if (state === 'unavailable') throw domError('NotSupportedError', 'The device is unable to create a session to run the model.');
      if (state === 'downloadable' || state === 'downloading') {
        if (state === 'downloadable' && !hasActivation())
          throw domError('NotAllowedError', 'Requires a user gesture when availability is "downloadable" or "downloading".');
        state = 'downloading';
        const monitor = new EventTarget();
        options.monitor?.(monitor);
        const steps = config.downloadSteps ?? 4;
        for (let i = 0; i <= steps; i++) {
          if (signal?.aborted) throw signal.reason;
          const event = new Event('downloadprogress') as Event & { loaded: number; total: number };
          event.loaded = i / steps;
          event.total = 1;
          record.progress.push(event.loaded);
          monitor.dispatchEvent(event);
          if (i < steps) await wait(config.downloadDelayMs ?? 50);
        }
        state = 'available';
      }
      record.created++;
      const session = new StandInSession(prompts, options.expectedOutputs);
      const measure = (input: unknown) => session.measure(input);
      const out = session as unknown as Record<string, unknown>;
      if (config.legacyNames) out.measureInputUsage = measure;
      else out.measureContextUsage = measure;
      return session;
    },
  };
  target.LanguageModel = api;
}
