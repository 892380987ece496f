/**
 * The one message protocol between the popup, the options page and the background.
 * The content script sends no messages: the background injects it and reads its return value.
 */

import type { Published } from './publish/wp-site';
import type { JobError, JobRecord, NeedsKeyView } from './job';
import type { Revision } from './revise';
import { PARAGRAPH_HOWS, type ParagraphHow } from './revise-paragraph';
import type { Settings } from './settings';
import type { EditorSign } from './extract/editor-page';
import type { QueueItem } from './queue/queue';
import { FEED_MAX_NEWEST } from './queue/feed';

/** Why a job is not stored yet: the database is full (the user can make room), or the write failed otherwise. */
export type SaveProblem = 'full' | 'failed';

/** The name of the port a popup opens to follow one tab's job. */
export const JOB_PORT = 'newsmith-job';

/** Popup → background, on the job port. */
export type PopupMessage =
  /**
   * Show this tab's job; start one if the page has none stored.
   * `resume` (sent when the popup reconnects after losing the worker) only shows, never starts: no re-billing loop.
   */
  | { type: 'open'; tabId: number; resume?: boolean }
  /** Start a fresh job for this tab even if a result is stored. */
  | { type: 'regenerate'; tabId: number }
  /** Rewrite the text selected on the page instead of the whole article. */
  | { type: 'selection'; tabId: number }
  /** Ask the model to go on from an incomplete answer (an ended job whose `canContinue` is true): the version `id`, else the newest. */
  | { type: 'continue'; tabId: number; id?: string }
  /**
   * A targeted revision of the finished version `id`: its marked passages rephrased, or its headline shortened. One
   * request, sent only on this message (the user's click); the result is a new version and `id` stays as it is.
   */
  | { type: 'revise'; tabId: number; id: string; what: Revision }
  /**
   * The same from the review page, which has no tab: the version `id`'s page is the one acted on. A paragraph
   * revision (`what` names the paragraph and how) is one request on this click; an `edit` is the user's own text
   * for paragraph `paragraph` (no request). Both make a new version; `id` stays as it is.
   */
  | { type: 'revise-version'; id: string; what: Revision }
  | { type: 'edit'; id: string; paragraph: number; text: string }
  /** Show another stored version of this tab's page (never starts a request). */
  | { type: 'version'; tabId: number; id: string }
  /** Show a stored version of any page, by id (the latest rewrite, one from the recent list): never starts a request. */
  | { type: 'show'; id: string }
  /** List the recent rewrites (the side panel's list). */
  | { type: 'recent' }
  /**
   * Send a job that is waiting for confirmation (state `awaiting-confirmation`). `tabId` (for its badge) matters when
   * the job waited in storage while no worker ran.
   */
  | { type: 'confirm'; tabId?: number }
  /** Drop a job that is waiting for confirmation: it ends stopped, with nothing sent. */
  | { type: 'cancel'; tabId?: number }
  | { type: 'stop' };

/** Background → popup, on the job port. */
export type BackgroundMessage =
  /**
   * The whole job; sent on open and on every change of state. `unsaved` says storage refused it (full, or failed):
   * it is kept in memory and session storage and saved as soon as it can be. `versions` (sent on open and on a
   * switch) lists the ids of the page's versions, oldest first; a job whose id is not in it is a newer one.
   */
  | { type: 'job'; job: JobRecord; unsaved?: SaveProblem; versions?: string[] }
  /** Text appended to the job's answer; `at` is the length the text had before it. */
  | { type: 'delta'; jobId: string; at: number; text: string }
  | ({ type: 'needs-key' } & Omit<NeedsKeyView, 'state'>)
  /** The page has text selected: nothing starts until the user picks the selection or the whole article. */
  | { type: 'choose'; selectionWords: number }
  /** The tab cannot be read, or it has no article: no job was started. */
  | { type: 'refused'; error: JobError }
  /**
   * The tab has no job and looks like an editor (a CMS, a form to fill): nothing was read or sent. The latest rewrite
   * is offered first, rewriting this page second.
   */
  | { type: 'offer-latest'; sign: EditorSign; latest: RecentRewrite | null }
  /** A show-only open found no job for the page (the side panel, opened on a page not rewritten yet). */
  | { type: 'empty' }
  /** The recent rewrites, newest first. */
  | { type: 'recent'; items: RecentRewrite[] };

/** The name of the port the queue page opens to follow and steer the batch queue. */
export const QUEUE_PORT = 'newsmith-queue';

/** What the queue page may do to one item. */
export type QueueAction = 'retry' | 'skip' | 'remove' | 'confirm' | 'up' | 'down';
export const QUEUE_ACTIONS: readonly QueueAction[] = ['retry', 'skip', 'remove', 'confirm', 'up', 'down'];

/** Queue page → background, on the queue port. */
export type QueuePageMessage =
  /** Add the pages a pasted list names (their sites were granted in the same click); the queue runs unless paused. */
  | { type: 'queue-add'; text: string }
  | { type: 'queue-pause'; paused: boolean }
  | { type: 'queue-item'; id: string; action: QueueAction }
  /** Remove every finished item (done, skipped, failed) from the queue; their versions stay in the history. */
  | { type: 'queue-clear' }
  /**
   * Read a news feed (its site granted in the same click) for its `newest` items (1 to FEED_MAX_NEWEST), leaving out pages already rewritten
   * when `skipDone`; answered with queue-feed-read, nothing is queued.
   */
  | { type: 'queue-feed'; url: string; newest: number; skipDone: boolean };

/** Background → queue page, on the queue port. */
export type QueueWorkerMessage =
  /**
   * The whole queue, in order; sent on connect and on every change. `problem`: why it stopped or paused, if it did;
   * `slowed`: the endpoint's rate limit has it going one page at a time for now.
   */
  | { type: 'queue'; items: QueueItem[]; paused: boolean; concurrency: number; problem: string | null; slowed: boolean }
  /** What a pasted list added, and the lines left out with why. */
  | { type: 'queue-added'; added: number; problems: string[] }
  /** A feed's article addresses, newest first, for the page to put in its list; `skipped`: left out as done already. */
  | { type: 'queue-feed-read'; urls: string[]; skipped: number; problem: string | null };

/** The longest pasted list the queue page may send (about 10,000 addresses). */
export const MAX_QUEUE_LIST_CHARS = 2_000_000;

export function isQueuePageMessage(value: unknown): value is QueuePageMessage {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'queue-add') return typeof m.text === 'string' && m.text.length <= MAX_QUEUE_LIST_CHARS;
  if (m.type === 'queue-pause') return typeof m.paused === 'boolean';
  if (m.type === 'queue-item') return typeof m.id === 'string' && m.id.length <= 100 && QUEUE_ACTIONS.includes(m.action as QueueAction);
  if (m.type === 'queue-feed')
    return (
      typeof m.url === 'string' &&
      m.url.length <= 4096 &&
      Number.isInteger(m.newest) &&
      (m.newest as number) >= 1 &&
      (m.newest as number) <= FEED_MAX_NEWEST &&
      typeof m.skipDone === 'boolean'
    );
  return m.type === 'queue-clear';
}

/** A stored rewrite as a list names it. */
export interface RecentRewrite {
  id: string;
  title: string;
  headline: string;
  url: string;
  /** When it was made (ms). */
  at: number;
}

/** One-shot requests (runtime.sendMessage) and their answers, checked by the compiler on both sides. */
export interface Requests {
  'test-connection': {
    /** `provider` "chrome-ai" tests the on-device model (key, endpoint and model are then unused). */
    request: { settings: Pick<Settings, 'apiKey' | 'baseURL' | 'model'> & Partial<Pick<Settings, 'provider' | 'language'>> };
    response: { ok: true; message: string } | { ok: false; message: string };
  };
  'list-models': {
    request: { settings: Pick<Settings, 'apiKey' | 'baseURL'> };
    response: { ok: true; models: string[] } | { ok: false; message: string };
  };
  /** Test a WordPress site: who the password belongs to, and whether they may create drafts. `password` '' is the saved one (same site only). */
  'wp-test': {
    request: { site: { url: string; user: string; password: string } };
    /** On success, the site's categories for the picker. */
    response: { ok: boolean; message: string; categories?: { id: number; name: string }[] };
  };
  /**
   * Send a finished version to the saved site as a draft; again, it updates its post. A version whose page already
   * has a draft from another version gets `choose` back, unless the request says: `replace` that post, or `fresh`.
   */
  'wp-send': {
    request: { id: string; replace?: number; fresh?: boolean };
    response: { ok: true; published: Published; notes: string[] } | { ok: false; message: string; choose?: { post: number; editLink: string } };
  };
  /** Whether a preset's server answers the extension without a host permission (CORS); sends no key. */
  'probe-endpoint': {
    request: { baseURL: string };
    response: { reachable: boolean };
  };
}

export type RequestName = keyof Requests;
export type RequestOf<N extends RequestName> = { type: N } & Requests[N]['request'];
export type ResponseOf<N extends RequestName> = Requests[N]['response'];
export type AnyRequest = { [N in RequestName]: RequestOf<N> }[RequestName];

export function isPopupMessage(value: unknown): value is PopupMessage {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'stop' || m.type === 'recent') return true;
  if (m.type === 'show') return typeof m.id === 'string';
  if (m.type === 'revise-version') return typeof m.id === 'string' && isRevision(m.what);
  if (m.type === 'edit') return typeof m.id === 'string' && isIndex(m.paragraph) && typeof m.text === 'string' && m.text.length <= MAX_EDIT_CHARS;
  if (m.type === 'confirm' || m.type === 'cancel') return m.tabId === undefined || Number.isInteger(m.tabId);
  if (!Number.isInteger(m.tabId)) return false;
  if (m.type === 'version') return typeof m.id === 'string';
  if (m.type === 'revise') return typeof m.id === 'string' && isRevision(m.what);
  if (m.type === 'continue') return m.id === undefined || typeof m.id === 'string';
  return m.type === 'open' || m.type === 'regenerate' || m.type === 'selection';
}

/** An edited paragraph longer than this is refused (a paragraph, not a book). */
const MAX_EDIT_CHARS = 20_000;

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 10_000;

function isRevision(what: unknown): what is Revision {
  if (what === 'passages' || what === 'headline') return true;
  if (!what || typeof what !== 'object') return false;
  const w = what as Record<string, unknown>;
  return isIndex(w.paragraph) && PARAGRAPH_HOWS.includes(w.how as ParagraphHow);
}

export function isRequest(value: unknown): value is AnyRequest {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'probe-endpoint') return typeof m.baseURL === 'string';
  if (m.type === 'wp-test') {
    const site = m.site as Record<string, unknown> | undefined;
    return !!site && typeof site === 'object' && ['url', 'user', 'password'].every((k) => typeof site[k] === 'string' && (site[k] as string).length <= 500);
  }
  if (m.type === 'wp-send')
    return (
      typeof m.id === 'string' &&
      (m.replace === undefined || (Number.isInteger(m.replace) && (m.replace as number) > 0)) &&
      (m.fresh === undefined || typeof m.fresh === 'boolean')
    );
  return (m.type === 'test-connection' || m.type === 'list-models') && !!m.settings && typeof m.settings === 'object';
}

/** Only the extension's own pages may talk to the background: never a content script or a web page. */
export function isOwnPage(senderUrl: string | undefined, extensionOrigin: string, pages: readonly string[]): boolean {
  if (!senderUrl) return false;
  let u: URL;
  try {
    u = new URL(senderUrl);
  } catch {
    return false;
  }
  const origin = extensionOrigin.replace(/\/$/, '');
  // URL.origin is "null" for non-special schemes in some engines: compare scheme and host instead.
  return `${u.protocol}//${u.host}` === origin && pages.includes(u.pathname);
}
