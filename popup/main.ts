/**
 * The popup: a thin, disposable view of one page's job. It never calls the model; it asks the background to show
 * (or start) the job for the active tab and follows it over a port. Closing it never stops the job.
 * The same page is the side panel (`?view=panel`): there it shows the job of the tab it was opened for, and only
 * shows (a request starts on a click in it, never on opening or on a tab switch), with the recent rewrites below.
 * Page and model text are only ever set as text, never parsed as HTML.
 */

import { wpSender } from '../lib/send-wp';
import browser from 'webextension-polyfill';
import type { JobError, JobRecord, TextPreview, ViewState } from '../src/job';
import type { SaveProblem } from '../src/messages';
import { answerOf, errorOf, isActive, isIncomplete, viewStateOf } from '../src/job';
import { jobControls } from '../src/job-controls';
import { formatCost } from '../src/cost';
import { JOB_PORT, type BackgroundMessage, type PopupMessage } from '../src/messages';
import { bodyWords, copyFormats } from '../src/rewrite/render';
import type { Seo } from '../src/rewrite/split';
import { renderBody } from './body';
import type { CopyWhat } from './seo-extras';
import type { ChecksResult } from '../src/checks';
import type { Revision } from '../src/revise';
import { loadSettingsReport } from '../lib/settings-store';
import { localisePage, t } from '../lib/i18n';
import { plural, type MessageKey } from '../src/i18n';
import { warningText } from '../src/extract/warning-text';
import { settingNames } from '../src/setting-words';
import { quotaWarning } from '../src/quota';
import { storageUse } from '../lib/quota';
import type {} from './boot';
import type { EditorSign } from '../src/extract/editor-page';
import type { RecentRewrite } from '../src/messages';
import { hasPanel, openPanel } from '../lib/panel';
import { cmsLabels, cmsPayload } from '../src/rewrite/cms';
import { COPY_SHORTCUTS, keyHint } from './key-hint';

localisePage();

const $ = <T extends HTMLElement = HTMLElement>(testid: string): T => {
  const el = document.querySelector<T>(`[data-testid="${testid}"]`);
  if (!el) throw new Error(`popup is missing [data-testid=${testid}]`);
  return el;
};

const app = document.getElementById('app') as HTMLElement;
/** The side panel, not the toolbar popup. */
const PANEL = new URLSearchParams(location.search).get('view') === 'panel';
const ui = {
  source: $('source'),
  progress: $('progress'),
  estimate: $('estimate'),
  warnings: $('warnings'),
  confirmBox: $('confirm-box'),
  confirm: $<HTMLButtonElement>('confirm'),
  cancel: $<HTMLButtonElement>('cancel'),
  preview: $('confirm-preview'),
  previewLength: $('preview-length'),
  previewStart: $('preview-start'),
  previewEndLabel: $('preview-end-label'),
  previewEnd: $('preview-end'),
  notice: $('notice'),
  error: $('error'),
  unsaved: $('storage-full'),
  unsavedText: $('storage-full-text'),
  unsavedHistory: $<HTMLButtonElement>('storage-full-history'),
  needsKey: $('needs-key'),
  choose: $('choose'),
  promptHint: $('prompt-hint'),
  copyPrompt: $<HTMLButtonElement>('copy-prompt'),
  openOptions: $<HTMLButtonElement>('open-options'),
  result: $('result'),
  headline: $('headline'),
  article: $('article'),
  actions: $('actions'),
  copyHeadline: $<HTMLButtonElement>('copy-headline'),
  copyArticle: $<HTMLButtonElement>('copy-article'),
  copyAllBtn: $<HTMLButtonElement>('copy-all'),
  copyCms: $<HTMLButtonElement>('copy-cms'),
  openReview: $<HTMLButtonElement>('open-review'),
  stop: $<HTMLButtonElement>('stop'),
  regenerate: $<HTMLButtonElement>('regenerate'),
  continueBtn: $<HTMLButtonElement>('continue'),
  copyStatus: $('copy-status'),
  format: $<HTMLSelectElement>('format'),
  checks: $('checks'),
  checksBadge: $('checks-badge'),
  extras: $('seo-extras'),
  versions: $('versions'),
  version: $('version'),
  versionPrev: $<HTMLButtonElement>('version-prev'),
  versionNext: $<HTMLButtonElement>('version-next'),
  quota: $('quota'),
  errorFix: $('error-fix'),
  errorOptions: $<HTMLButtonElement>('error-options'),
  errorRetry: $<HTMLButtonElement>('error-retry'),
  promptStatus: $('prompt-status'),
  copyRow: $('copy-row'),
  offer: $('offer'),
  offerText: $('offer-text'),
  offerHeadline: $('offer-latest-headline'),
  offerLatest: $<HTMLButtonElement>('offer-latest'),
  offerRewrite: $<HTMLButtonElement>('offer-rewrite'),
  recent: $('recent'),
  recentList: $('recent-list'),
  openPanel: $<HTMLButtonElement>('open-panel'),
};

type Format = 'plain' | 'markdown' | 'rich';
const FORMAT_KEY = 'newsmith.copyFormat';

let tabId: number | null = null;
let port: browser.Runtime.Port | null = null;
let job: JobRecord | null = null;
const wp = wpSender($<HTMLButtonElement>('send-wp'), $('wp-sent'), (id, published) => {
  if (job?.id === id && job.state === 'done') job = { ...job, published };
  scheduleRender();
});
/** The ids of the page's versions, oldest first; `job` is one of them. */
let versions: string[] = [];
/** Why the job is not stored yet, when storage refused it (it is kept in memory and session storage meanwhile). */
let unsaved: SaveProblem | null = null;
let prompt: string | null = null;
let renderQueued = false;
/** The job on screen was picked by id (the latest rewrite, a recent one), not read from this tab's page: nothing that rewrites the tab is offered for it. */
let foreign = false;
/** The window this page is in (the panel's key), read at start. */
let windowId: number | null = null;
/** The latest rewrite the offer shows, while it is on screen. */
let offered: RecentRewrite | null = null;

function setState(state: ViewState): void {
  app.dataset.state = state;
  app.setAttribute('aria-busy', String(state === 'extracting' || state === 'writing'));
}

/** Errors whose fix is in the options (a key, a model, an address), and errors a second try may get past. */
const FIX_IN_OPTIONS: ReadonlySet<string> = new Set(['auth', 'model-not-found', 'forbidden', 'bad-request', 'unreachable', 'on-device-unavailable']);
const RETRYABLE: ReadonlySet<string> = new Set(['unreachable', 'timeout', 'server', 'rate-limit']);

/** The error's words, with its fix beside it: Open options, Retry (only where it applies). */
function showError(error: JobError | null, fixes = true): void {
  ui.error.hidden = !error;
  ui.error.textContent = error ? error.message || t('errNoReason') : '';
  if (error) ui.error.dataset.code = error.code;
  else delete ui.error.dataset.code;
  const options = fixes && !!error && FIX_IN_OPTIONS.has(error.code);
  const retry = fixes && !!error && RETRYABLE.has(error.code) && !foreign && tabId !== null && !!job && jobControls(job).regenerate;
  ui.errorOptions.hidden = !options;
  ui.errorRetry.hidden = !retry;
  ui.errorFix.hidden = !options && !retry;
}

function current(): { headline: string; body: string; seo: Seo } {
  return job ? answerOf(job) : { headline: '', body: '', seo: {} };
}

function progressText(j: JobRecord, words: number): string {
  if (j.state === 'awaiting-confirmation') return t('progressConfirm');
  if (j.state === 'extracting') return t('progressReading');
  if (j.state === 'writing') {
    const s = j.section;
    if (s) return words ? plural(t, 'progressSectionWords', words, [s.index + 1, s.total, words]) : t('progressSection', [s.index + 1, s.total]);
    return words ? plural(t, 'progressWords', words) : t('progressWriting');
  }
  if (j.state === 'done') return plural(t, 'progressDone', words);
  return '';
}

function render(): void {
  renderQueued = false;
  if (!job) return;
  setState(viewStateOf(job));
  app.dataset.incomplete = String(isIncomplete(job));
  const { headline, body, seo } = current();
  ui.headline.textContent = headline;
  const checks = job.state === 'done' ? job.checks : null;
  // Streaming: blocks as they come. Finished and checked: the copied runs marked.
  renderBody(ui.article, body, !isActive(job), checks, headline ? headline.length + 2 : 0);
  showFinished(job.state === 'done', checks, seo);
  const words = bodyWords(body);
  ui.progress.textContent = progressText(job, words);
  ui.progress.hidden = ui.progress.textContent === '';
  const notice = job.state === 'writing' ? job.notice : null;
  ui.notice.hidden = !notice;
  ui.notice.textContent = notice ?? '';
  showError(errorOf(job));
  showUnsaved(unsaved);
  renderBefore(job);
  ui.source.textContent = job.title;
  ui.source.title = job.url;
  ui.needsKey.hidden = true;
  ui.choose.hidden = true;
  ui.offer.hidden = true;
  ui.result.hidden = job.text === '';
  ui.actions.hidden = false;
  // A job waiting for the user's word runs nothing: no Stop, its confirmation box has Cancel instead.
  const controls = jobControls(job);
  ui.stop.hidden = !controls.stop;
  // Regenerate and Continue act on this tab's page: not offered for a rewrite of another page shown here.
  ui.regenerate.hidden = !controls.regenerate || foreign;
  ui.continueBtn.hidden = !controls.continue || foreign;
  // Nothing written: nothing to copy, so no copy buttons at all.
  ui.copyRow.hidden = job.text === '';
  ui.copyHeadline.disabled = headline === '';
  ui.openReview.hidden = job.state !== 'done';
  wp.render(job);
  renderVersion(job);
}

/** The views of a finished rewrite (checks, SEO extras), loaded the first time one is shown: a popup opened while
 * the rewrite is written does without them. */
let finished: typeof import('./finished') | undefined;
let finishedLoading = false;

function showFinished(done: boolean, checks: ChecksResult | null, seo: Seo): void {
  if (finished) {
    finished.renderChecks(ui.checks, checks, ui.checksBadge, foreign ? undefined : revise);
    finished.renderSeoExtras(ui.extras, done ? seo : {}, (text, what) => void copy(text, what));
    return;
  }
  // The checks, their link and the extras start hidden and stay so until the views are here to fill them.
  if (!done || finishedLoading) return;
  finishedLoading = true;
  void import('./finished').then((views) => {
    finished = views;
    scheduleRender();
  });
}

/** Which of the page's versions is on screen ("2 of 3"), with buttons to the previous and next; hidden for one. */
function renderVersion(j: JobRecord): void {
  const at = versions.indexOf(j.id);
  ui.versions.hidden = versions.length < 2 || at < 0;
  ui.version.textContent = at < 0 ? '' : t('popupVersion', [at + 1, versions.length]);
  ui.versionPrev.disabled = at <= 0;
  ui.versionNext.disabled = at < 0 || at >= versions.length - 1;
}

/** Shows the version `step` places away: the background reads it from storage; no request is made. */
function switchVersion(step: number): void {
  const id = job ? versions[versions.indexOf(job.id) + step] : undefined;
  if (tabId === null || id === undefined) return;
  if (!port) connect(false);
  ui.copyStatus.textContent = '';
  send({ type: 'version', tabId, id });
}

/** What the user should know before tokens are spent: size, cost, warnings, and a confirm button when needed. */
function renderBefore(j: JobRecord): void {
  const e = j.estimate;
  ui.estimate.hidden = !e;
  if (e) {
    const input = t(e.counted ? 'estimateInputCounted' : 'estimateInput', e.inputTokens);
    const figures = [input, e.outputTokens, formatCost(e.cost, t)];
    ui.estimate.textContent = e.sections > 1 ? t('estimateSections', [...figures, e.sections]) : t('estimate', figures);
  }
  ui.warnings.hidden = j.warnings.length === 0;
  ui.warnings.replaceChildren(
    ...j.warnings.map((w) => {
      const li = document.createElement('li');
      li.textContent = warningText(w, t);
      li.dataset.code = w.code;
      return li;
    }),
  );
  ui.confirmBox.hidden = !jobControls(j).confirm;
  renderPreview(j.state === 'awaiting-confirmation' ? (j.preview ?? null) : null);
}

/** The extracted text's length, start and end, for the user to judge before sending (page text, set as text only). */
function renderPreview(p: TextPreview | null): void {
  ui.preview.hidden = p === null;
  ui.previewLength.textContent = p ? plural(t, 'popupPreviewWords', p.words) : '';
  ui.previewStart.textContent = p?.start ?? '';
  ui.previewEnd.textContent = p?.end ?? '';
  ui.previewEnd.hidden = !p?.end;
  ui.previewEndLabel.hidden = !p?.end;
}

/** Streaming deltas arrive fast: draw at most once a frame. */
function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(render);
}

/** Storage refused the job: say it is kept for now, and how to make room when storage is full. */
function showUnsaved(problem: SaveProblem | null): void {
  ui.unsaved.hidden = problem === null;
  ui.unsavedText.textContent = problem === null ? '' : t(problem === 'full' ? 'popupUnsavedFull' : 'popupUnsavedFailed');
  ui.unsavedHistory.hidden = problem !== 'full';
}

function showRefusal(error: JobError): void {
  job = null;
  showUnsaved(null);
  setState('error');
  app.dataset.incomplete = 'false';
  ui.progress.hidden = true;
  ui.notice.hidden = true;
  ui.result.hidden = true;
  ui.needsKey.hidden = true;
  ui.actions.hidden = true;
  ui.estimate.hidden = true;
  ui.warnings.hidden = true;
  ui.confirmBox.hidden = true;
  ui.choose.hidden = true;
  ui.offer.hidden = true;
  showError(error);
}

function showNeedsKey(message: Extract<BackgroundMessage, { type: 'needs-key' }>): void {
  job = null;
  showUnsaved(null);
  prompt = message.prompt;
  setState('needs-key');
  ui.progress.hidden = true;
  ui.notice.hidden = true;
  ui.result.hidden = true;
  ui.actions.hidden = true;
  ui.choose.hidden = true;
  ui.offer.hidden = true;
  ui.needsKey.hidden = false;
  showError(message.problem, false);
  ui.copyPrompt.disabled = !prompt;
  ui.source.textContent = message.article?.title ?? '';
  const hint = message.problem ? 'popupPromptHintMeanwhile' : 'popupPromptHint';
  ui.promptHint.textContent = message.article ? plural(t, hint, message.article.wordCount, [message.article.title, message.article.wordCount]) : '';
}

/** Text is selected on the page: the user picks what to rewrite; nothing is sent before. */
function showChoice(words: number): void {
  job = null;
  showUnsaved(null);
  setState('extracting');
  for (const el of [ui.progress, ui.notice, ui.result, ui.needsKey, ui.actions, ui.estimate, ui.warnings, ui.confirmBox, ui.offer]) el.hidden = true;
  showError(null);
  ui.choose.hidden = false;
  $('choose-text').textContent = plural(t, 'popupChoose', words);
}

/** Words for why a page looks like an editor. */
const SIGNS: Record<EditorSign, MessageKey> = {
  'cms-admin': 'offerSignCms',
  editable: 'offerSignEditable',
  form: 'offerSignForm',
  'rewrite-open': 'offerSignRewriteOpen',
};

/**
 * Nothing was started: the tab looks like an editor (`sign`), or it is the panel's page with no rewrite yet. The
 * latest rewrite comes first, rewriting this page second; nothing is sent before a click.
 */
function showOffer(sign: EditorSign | null, latest: RecentRewrite | null): void {
  job = null;
  offered = latest;
  showUnsaved(null);
  app.dataset.state = 'offer';
  app.setAttribute('aria-busy', 'false');
  for (const el of [ui.progress, ui.notice, ui.result, ui.needsKey, ui.actions, ui.estimate, ui.warnings, ui.confirmBox, ui.choose]) el.hidden = true;
  showError(null);
  ui.offer.hidden = false;
  ui.offerText.textContent = sign ? t('offerEditor', t(SIGNS[sign])) : t('offerNoRewrite');
  ui.offerHeadline.hidden = ui.offerLatest.hidden = latest === null;
  ui.offerHeadline.textContent = latest ? t('offerLatest', latest.headline || latest.title) : '';
  ui.offerRewrite.classList.toggle('primary', latest === null);
}

/** Shows a stored rewrite by id (no request); what would rewrite this tab is not offered for it. */
function showById(id: string): void {
  if (!port) connect(false);
  foreign = true;
  ui.copyStatus.textContent = '';
  send({ type: 'show', id });
}

function choose(message: PopupMessage): void {
  ui.choose.hidden = true;
  ui.progress.hidden = false;
  ui.progress.textContent = t('progressReading');
  send(message);
}

function onMessage(message: BackgroundMessage): void {
  switch (message.type) {
    case 'job':
      // A job not among the versions listed is one just started (Regenerate): the newest.
      if (message.versions) versions = message.versions;
      else if (!versions.includes(message.job.id)) versions = [...versions, message.job.id];
      job = message.job;
      unsaved = message.unsaved ?? null;
      scheduleRender();
      return;
    case 'delta': {
      if (!job || job.id !== message.jobId) return;
      const have = job.text.length;
      // Deltas say where they start, so a snapshot and a delta that overlap never double the text.
      if (message.at > have) return resync();
      if (message.at + message.text.length > have) job.text += message.text.slice(have - message.at);
      scheduleRender();
      return;
    }
    case 'needs-key':
      return showNeedsKey(message);
    case 'choose':
      return showChoice(message.selectionWords);
    case 'refused':
      return showRefusal(message.error);
    case 'offer-latest':
      return showOffer(message.sign, message.latest);
    case 'empty':
      // Only the panel opens to show: its page has no rewrite yet (a popup reconnecting keeps what it shows).
      if (PANEL && !job) showOffer(null, null);
      return;
    case 'recent':
      return void import('./recent').then((m) => m.renderRecent(ui.recent, ui.recentList, message.items, showById));
  }
}

function send(message: PopupMessage): void {
  port?.postMessage(message);
}

function resync(): void {
  if (foreign && job) send({ type: 'show', id: job.id });
  else if (tabId !== null) send({ type: 'open', tabId, resume: true });
}

const onPortMessage = (m: unknown) => onMessage(m as BackgroundMessage);

function connect(first: boolean): void {
  const p = browser.runtime.connect({ name: JOB_PORT });
  p.onMessage.addListener(onPortMessage);
  follow(p);
  // The panel only ever shows: never a request on opening it.
  if (foreign && job) send({ type: 'show', id: job.id });
  else if (tabId !== null) send({ type: 'open', tabId, resume: PANEL || !first });
  if (PANEL) send({ type: 'recent' });
}

function follow(p: browser.Runtime.Port): void {
  port = p;
  p.onDisconnect.addListener(() => {
    port = null;
    // The worker went away (the browser stopped it). A job it was running is now interrupted, one waiting for the
    // user's word waits on: reconnect and show it, but never start a new request on our own.
    if (job && isActive(job)) setTimeout(() => connect(false), 200);
  });
}

/** What a copy button copies, and the words saying it was copied. */
const COPIED: Record<CopyWhat, MessageKey> = {
  headline: 'copiedHeadline',
  article: 'copiedArticle',
  all: 'copiedAll',
  prompt: 'copiedPrompt',
  'meta-description': 'copiedMetaDescription',
  slug: 'copiedSlug',
  keywords: 'copiedKeywords',
  cms: 'copiedCms',
};

/** Plain text goes on the clipboard as text; rich text puts HTML and plain text together, so each target takes its best. */
async function copy(text: string, what: CopyWhat, html?: string): Promise<void> {
  try {
    if (html === undefined) await navigator.clipboard.writeText(text);
    else {
      await navigator.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) }),
      ]);
    }
    const status = what === 'prompt' ? ui.promptStatus : ui.copyStatus;
    status.textContent = html === undefined ? t(COPIED[what]) : `${t(COPIED[what])} ${t('copiedAsRichText')}`;
  } catch {
    (what === 'prompt' ? ui.promptStatus : ui.copyStatus).textContent = t('copyRefused');
  }
}

function format(): Format {
  const value = ui.format.value;
  return value === 'markdown' || value === 'rich' ? value : 'plain';
}

/** Copies the article (with or without its headline) in the chosen format. */
function copyArticle(withHeadline: boolean): void {
  const { headline, body } = current();
  const formats = copyFormats(withHeadline ? headline : '', body);
  const what = withHeadline ? 'all' : 'article';
  if (format() === 'markdown') void copy(formats.markdown, what);
  else if (format() === 'rich') void copy(formats.plain, what, formats.html);
  else void copy(formats.plain, what);
}

ui.format.value = localStorage.getItem(FORMAT_KEY) ?? 'plain';
ui.format.addEventListener('change', () => localStorage.setItem(FORMAT_KEY, format()));
ui.copyHeadline.addEventListener('click', () => void copy(current().headline, 'headline'));
ui.copyArticle.addEventListener('click', () => copyArticle(false));
ui.copyAllBtn.addEventListener('click', () => copyArticle(true));
/** Everything a CMS asks for, in one payload: rich HTML with labelled fields, and plain text. */
function copyForCms(): void {
  const { headline, body, seo } = current();
  const payload = cmsPayload(headline, body, seo, cmsLabels(t));
  void copy(payload.plain, 'cms', payload.html);
}

/** What a field's shortcut copies now, or null when the rewrite has no such field yet. */
function fieldText(what: CopyWhat): string | null {
  const { headline, seo } = current();
  if (what === 'headline') return headline || null;
  if (what === 'meta-description') return seo.metaDescription ?? null;
  if (what === 'slug') return seo.slug ?? null;
  if (what === 'keywords') return seo.keywords?.length ? seo.keywords.join(', ') : null;
  return null;
}

ui.copyCms.addEventListener('click', copyForCms);
ui.openReview.addEventListener('click', () => {
  if (job) void browser.tabs.create({ url: browser.runtime.getURL(`review/index.html?id=${encodeURIComponent(job.id)}`) });
});
document.addEventListener('keydown', (e) => {
  if (!e.altKey || e.ctrlKey || e.metaKey || !job || job.text === '') return;
  const what = COPY_SHORTCUTS.find(([code]) => code === e.code)?.[1];
  if (what === undefined) return;
  e.preventDefault();
  if (what === 'cms') return copyForCms();
  if (what === 'article') return copyArticle(false);
  const text = fieldText(what);
  if (text) void copy(text, what);
});
for (const button of [ui.copyHeadline, ui.copyArticle, ui.copyCms]) keyHint(button, button.dataset.testid?.slice(5) as CopyWhat);

ui.copyPrompt.addEventListener('click', () => {
  if (prompt) void copy(prompt, 'prompt');
});
ui.openOptions.addEventListener('click', () => void browser.runtime.openOptionsPage());
ui.errorOptions.addEventListener('click', () => void browser.runtime.openOptionsPage());
ui.errorRetry.addEventListener('click', () => ui.regenerate.click());
$('open-settings').addEventListener('click', () => void browser.runtime.openOptionsPage());
$('open-in-tab').addEventListener('click', () => {
  if (tabId !== null) void browser.tabs.create({ url: browser.runtime.getURL(`popup/index.html?tab=${tabId}`) });
});
const openHistory = () => void browser.tabs.create({ url: browser.runtime.getURL('history/index.html') });
$('open-history').addEventListener('click', openHistory);
$('open-queue').addEventListener('click', () => void browser.tabs.create({ url: browser.runtime.getURL('queue/index.html') }));
ui.unsavedHistory.addEventListener('click', openHistory);
ui.stop.addEventListener('click', () => send({ type: 'stop' }));
$('rewrite-selection').addEventListener('click', () => tabId !== null && choose({ type: 'selection', tabId }));
$('rewrite-article').addEventListener('click', () => tabId !== null && choose({ type: 'regenerate', tabId }));
ui.offerLatest.addEventListener('click', () => offered && showById(offered.id));
ui.offerRewrite.addEventListener('click', () => {
  if (tabId === null) return;
  foreign = false;
  if (!port) connect(false);
  ui.offer.hidden = true;
  choose({ type: 'regenerate', tabId });
});
ui.openPanel.addEventListener('click', () => {
  if (tabId === null || windowId === null) return;
  // Straight from the click: the browser opens a panel only in answer to one. Chrome closes the popup itself.
  openPanel(windowId, tabId).then(
    () => window.close(),
    () => (ui.copyStatus.textContent = t('panelRefused')),
  );
});
ui.confirm.addEventListener('click', () => send(tabId === null ? { type: 'confirm' } : { type: 'confirm', tabId }));
ui.cancel.addEventListener('click', () => send(tabId === null ? { type: 'cancel' } : { type: 'cancel', tabId }));
ui.continueBtn.addEventListener('click', () => {
  if (tabId === null) return;
  if (!port) connect(false);
  // The version on screen goes on, whichever it is.
  send(job ? { type: 'continue', tabId, id: job.id } : { type: 'continue', tabId });
});
/** Rewrite the marked passages, or Shorten the headline, of the version on screen: a new version (one request, now). */
function revise(what: Revision): void {
  if (tabId === null || !job) return;
  if (!port) connect(false);
  ui.copyStatus.textContent = '';
  send({ type: 'revise', tabId, id: job.id, what });
}

ui.versionPrev.addEventListener('click', () => switchVersion(-1));
ui.versionNext.addEventListener('click', () => switchVersion(1));
ui.regenerate.addEventListener('click', () => {
  if (tabId === null || foreign) return;
  if (!port) connect(false);
  ui.copyStatus.textContent = '';
  send({ type: 'regenerate', tabId });
});

/** The keyboard shortcut of the toolbar button, as the user set it in the browser's shortcut settings. */
async function showShortcut(): Promise<void> {
  const commands = await browser.commands.getAll().catch(() => []);
  const shortcut = commands.find((c) => c.name === '_execute_action')?.shortcut;
  $('shortcut').textContent = shortcut ? t('popupShortcut', shortcut) : t('popupNoShortcut');
}

/** "Open in tab" passes the article's tab in the address; the popup itself follows the active tab. */
function tabFromAddress(): number | null {
  const value = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/** Told before the browser's storage quota runs out, so old versions can be exported and deleted in time. */
async function showQuota(): Promise<void> {
  const warning = quotaWarning(await storageUse(), t);
  ui.quota.hidden = !warning;
  ui.quota.textContent = warning ?? '';
}

/** The panel follows the tab it is opened for (again): its job, shown only. */
function followTab(next: number): void {
  const old = port;
  port = null;
  old?.disconnect();
  tabId = next;
  foreign = false;
  job = null;
  versions = [];
  connect(false);
}

async function panelMain(): Promise<void> {
  app.dataset.testid = 'panel';
  document.body.classList.add('in-panel');
  $('open-in-tab').hidden = true;
  const { startPanel } = await import('./panel-view');
  await startPanel(followTab, () => showOffer(null, null));
}

async function main(): Promise<void> {
  void showShortcut();
  void showQuota();
  if (PANEL) return panelMain();
  setState('extracting');
  ui.progress.textContent = t('progressReading');
  const fromAddress = tabFromAddress();
  if (fromAddress !== null) {
    document.body.classList.add('in-tab');
    $('open-in-tab').hidden = true;
  }
  // popup/boot.ts has usually connected and sent 'open' already, before this page finished loading: take its port.
  const boot = globalThis.__newsmithBoot;
  const booted = boot?.take(onPortMessage) === true;
  if (boot && booted) follow(boot.port as unknown as browser.Runtime.Port);
  const id = boot && booted ? await boot.tabId : (fromAddress ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id);
  if (id === undefined || id === null) {
    return showRefusal({ code: 'no-tab', message: t('noTab') });
  }
  tabId = id;
  if (!booted) connect(true);
  if (hasPanel())
    void browser.windows.getCurrent().then((w) => {
      windowId = w.id ?? null;
      ui.openPanel.hidden = windowId === null || fromAddress !== null;
    });
  const { reset } = await loadSettingsReport();
  const notice = $('settings-notice');
  notice.hidden = reset.length === 0;
  notice.textContent = reset.length ? t('popupSettingsReset', settingNames(reset, t)) : '';
}

void main();
