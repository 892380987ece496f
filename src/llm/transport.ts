/**
 * One interface for whatever writes the rewrite: an OpenAI-compatible endpoint (through the SDK) or Chrome's
 * on-device model. The writer streams, sizes sections and words failures through it without knowing which.
 */

import type { Msg, Translate } from '../i18n';
import type { JobError } from '../job';
import type { ChatMessage } from '../prompt';
import type { Settings } from '../settings';
import { describeError } from './errors';
import { describeOnDeviceError, onDevicePromptLimit, streamOnDevice, type LanguageModelApi } from './on-device';
import { streamChat } from './openai';
import { ON_DEVICE_MODEL } from '../providers';

export interface TransportRequest {
  messages: ChatMessage[];
  idleTimeoutMs: number;
  signal: AbortSignal;
  onDelta(text: string): void;
  onNotice(notice: Msg | null): void;
  /** The most output tokens to ask for (the endpoint's cap on spend); the on-device model has none. */
  maxOutputTokens?: number;
}

export interface ChatTransport {
  /** The model name stored with the job and priced. */
  readonly model: string;
  /** True when a request costs nothing (on-device). */
  readonly free: boolean;
  /** The largest prompt one request may hold, in tokens, or null when only the user's budget applies. */
  promptLimit(signal: AbortSignal): Promise<number | null>;
  stream(req: TransportRequest): Promise<{ finishReason: string | null }>;
  /**
   * One sentence for a failure of this transport. `hostPermission`: whether the endpoint's host was granted;
   * `listening`: whether anything answers at the endpoint's address at all.
   */
  describe(err: unknown, hostPermission?: boolean, listening?: boolean): JobError;
}

export interface TransportDeps {
  /** The UI language's words, for failures. */
  t: Translate;
  /** The browser's `LanguageModel`, or null where it has none. */
  languageModel: LanguageModelApi | null;
  /** The extension's origin, for the Ollama hint. */
  extensionOrigin?: string;
  fetch?: typeof fetch;
}

export { ON_DEVICE_MODEL } from '../providers';

export function transportFor(settings: Settings, deps: TransportDeps): ChatTransport {
  if (settings.provider === 'chrome-ai') {
    return {
      model: ON_DEVICE_MODEL,
      free: true,
      promptLimit: (signal) => onDevicePromptLimit(deps.languageModel, settings.language, signal),
      stream: (req) => streamOnDevice({ ...req, api: deps.languageModel, language: settings.language }),
      describe: (err) => describeOnDeviceError(err, { language: settings.language }, deps.t),
    };
  }
  return {
    model: settings.model,
    free: false,
    promptLimit: async () => null,
    stream: (req) => streamChat({ ...req, baseURL: settings.baseURL, apiKey: settings.apiKey, model: settings.model, fetch: deps.fetch }),
    describe: (err, hostPermission, listening) =>
      describeError(
        err,
        { baseURL: settings.baseURL, model: settings.model, apiKey: settings.apiKey, extensionOrigin: deps.extensionOrigin, hostPermission, listening },
        deps.t,
      ),
  };
}
