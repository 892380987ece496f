/**
 * The review page (a full tab, `?id=<version>`): the extracted source and the rewrite side by side, paragraph by
 * paragraph in one scroll, copied runs marked on both sides, each finding of the checks shown in both texts on a click,
 * and per-paragraph actions (write again, shorter, more formal: one request each, on the click; edit in place: none),
 * each kept as a new version. The version comes from the background over the job port (show only); its source from
 * the version store. Text only, never HTML.
 */

import { wpSender } from '../lib/send-wp';
import browser from 'webextension-polyfill';
import type { Article } from '../src/article';
import type { ChecksResult } from '../src/checks';
import { answerOf, errorOf, isActive, type JobRecord } from '../src/job';
import { JOB_PORT, type BackgroundMessage, type PopupMessage } from '../src/messages';
import { alignParagraphs, type Row } from '../src/review/align';
import { paragraphAt, rewriteParagraphs, sourceParagraphs, type RewriteParagraph, type SourceParagraph } from '../src/review/paragraphs';
import { PARAGRAPH_HOWS, type ParagraphHow } from '../src/revise-paragraph';
import type { Revision } from '../src/revise';
import { cmsLabels, cmsPayload } from '../src/rewrite/cms';
import { copyAll } from '../src/rewrite/render';
import type { Span } from '../src/rewrite/plain';
import { versionStore } from '../lib/version-store';
import { localisePage, t } from '../lib/i18n';
import type { MessageKey } from '../src/i18n';
import { renderChecks } from '../popup/checks-view';
import { drawRewrite, drawSource, type Mark } from './draw';
import { keyHint } from '../popup/key-hint';

localisePage();

const $ = <T extends HTMLElement = HTMLElement>(testid: string): T => document.querySelector(`[data-testid="${testid}"]`) as T;
const app = document.getElementById('review') as HTMLElement;
const ui = {
  source: $('source'),
  version: $('version'),
  status: $('status'),
  error: $('error'),
  checks: $('checks'),
  sourceTitle: $('source-title'),
  headline: $('headline'),
  sourceSide: $('review-source'),
  rewriteSide: $('review-rewrite'),
  copyCms: $<HTMLButtonElement>('copy-cms'),
  copyAll: $<HTMLButtonElement>('copy-all'),
};

const ACTIONS: Record<ParagraphHow, MessageKey> = { regenerate: 'reviewRegenerate', shorter: 'reviewShorter', formal: 'reviewFormal' };

let port: browser.Runtime.Port | null = null;
/** The version on screen (a finished one), its source and how the two are laid out. */
let job: JobRecord | null = null;
const wp = wpSender($<HTMLButtonElement>('send-wp'), $('wp-sent'), (id, published) => {
  if (job?.id === id && job.state === 'done') job = { ...job, published };
  if (shown?.id === id && shown.state === 'done') shown = { ...shown, published };
  wp.render(job);
});
/** The ids of the page's versions, oldest first. */
let pageVersions: string[] = [];
/** The last finished version shown (kept on screen when a new one fails). */
let shown: JobRecord | null = null;
let article: Article | null = null;
let layout: { source: SourceParagraph[]; rewrite: RewriteParagraph[]; rows: Row[]; offset: number } | null = null;
/** The sentences of the finding picked: marked on both sides. */
let picked: { source?: Span; rewrite?: Span } | null = null;
/** A new version is being written from this page: no other action until it ends. */
let busy = false;

function setState(state: string): void {
  app.dataset.state = state;
  app.setAttribute('aria-busy', String(state === 'loading' || state === 'writing'));
}

function showError(message: string | null): void {
  ui.error.hidden = message === null;
  ui.error.textContent = message ?? '';
}

/** Copied runs on both sides: where the rewrite has them, and the same words found in the source. */
function copiedMarks(checks: ChecksResult, sourceText: string): { rewrite: Mark[]; source: Mark[] } {
  const rewrite: Mark[] = checks.originality.runs.map((r) => ({ start: r.start, end: r.end, kind: 'copied' }));
  const source: Mark[] = [];
  const lower = sourceText.toLowerCase();
  let from = 0;
  for (const r of checks.originality.runs) {
    const exact = sourceText.indexOf(r.text, from);
    const at = exact >= 0 ? exact : lower.indexOf(r.text.toLowerCase());
    if (at < 0) continue;
    source.push({ start: at, end: at + r.text.length, kind: 'copied' });
    from = at;
  }
  return { rewrite, source };
}

const highlight = (span: Span | undefined): Mark[] => (span ? [{ start: span.start, end: span.end, kind: 'highlight' }] : []);

/** Draws both sides, row by row; a row's two halves are given the same height so they read side by side. */
function draw(): void {
  if (!job || job.state !== 'done' || !article || !layout) return;
  const { headline, body } = answerOf(job);
  const text = copyAll(headline, body);
  // The checks' offsets hold for the text they checked (the same rewrite, written the same way).
  const checks = job.checks?.text === text ? job.checks : null;
  const sourceText = `${article.title}\n\n${article.text}`;
  const copied = checks ? copiedMarks(checks, sourceText) : { rewrite: [], source: [] };
  const sourceMarks = [...copied.source, ...highlight(picked?.source)];
  const rewriteMarks = [...copied.rewrite, ...highlight(picked?.rewrite)];
  ui.sourceTitle.textContent = article.title;
  ui.headline.textContent = headline;
  const sourceGroups: HTMLElement[] = [];
  const rewriteGroups: HTMLElement[] = [];
  layout.rows.forEach((row, k) => {
    const s = group(k);
    s.append(...row.source.map((i) => drawSource(layout!.source[i]!, i, sourceMarks)));
    const r = group(k);
    r.append(...row.rewrite.map((i) => paragraphBox(layout!.rewrite[i]!, i, text, rewriteMarks)));
    sourceGroups.push(s);
    rewriteGroups.push(r);
  });
  ui.sourceSide.replaceChildren(...sourceGroups);
  ui.rewriteSide.replaceChildren(...rewriteGroups);
  requestAnimationFrame(alignRows);
}

function group(row: number): HTMLElement {
  const div = document.createElement('div');
  div.className = 'group';
  div.dataset.row = String(row);
  return div;
}

/** Both halves of each row (the titles first) as tall as the taller one. */
function alignRows(): void {
  const left = [ui.sourceTitle, ...ui.sourceSide.children] as HTMLElement[];
  const right = [ui.headline, ...ui.rewriteSide.children] as HTMLElement[];
  for (const el of [...left, ...right]) el.style.minHeight = '';
  left.forEach((l, k) => {
    const r = right[k];
    if (!r) return;
    const h = Math.max(l.offsetHeight, r.offsetHeight);
    l.style.minHeight = r.style.minHeight = `${h}px`;
  });
}

/** A rewrite paragraph with its actions: write again, shorter, more formal (prose only), and edit. */
function paragraphBox(p: RewriteParagraph, index: number, text: string, marks: readonly Mark[]): HTMLElement {
  const box = document.createElement('div');
  box.className = 'para';
  const content = drawRewrite(p, index, text, marks);
  const actions = document.createElement('div');
  actions.className = 'para-actions';
  actions.setAttribute('role', 'group');
  actions.setAttribute('aria-label', t('reviewParagraphActions', index + 1));
  const prose = p.kind === 'paragraph' || p.kind === 'heading';
  for (const how of prose ? PARAGRAPH_HOWS : []) {
    actions.append(button(t(ACTIONS[how]), `paragraph-${how}`, () => revise({ paragraph: index, how })));
  }
  if (p.body) actions.append(button(t('reviewEdit'), 'paragraph-edit', () => startEdit(box, p, index)));
  for (const b of actions.querySelectorAll('button')) b.disabled = busy;
  box.append(content, actions);
  return box;
}

function button(label: string, testid: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.testid = testid;
  b.addEventListener('click', onClick);
  return b;
}

/** Edit in place: the paragraph's own lines in a text box; Save keeps the result as a new version. */
function startEdit(box: HTMLElement, p: RewriteParagraph, index: number): void {
  if (!job || job.state !== 'done' || !p.body || busy) return;
  const body = answerOf(job).body;
  const area = document.createElement('textarea');
  area.value = body.slice(p.body.start, p.body.end);
  area.dataset.testid = 'paragraph-editor';
  area.rows = Math.min(12, Math.max(3, Math.ceil(area.value.length / 70)));
  area.setAttribute('aria-label', t('reviewEditLabel', index + 1));
  const save = button(t('reviewSave'), 'paragraph-save', () => {
    send({ type: 'edit', id: job!.id, paragraph: index, text: area.value });
    startBusy();
  });
  const cancel = button(t('reviewCancel'), 'paragraph-cancel', draw);
  const row = document.createElement('div');
  row.className = 'para-actions';
  row.append(save, cancel);
  box.replaceChildren(area, row);
  area.focus();
}

function startBusy(): void {
  busy = true;
  setState('writing');
  ui.status.textContent = t('reviewWriting');
  for (const b of ui.rewriteSide.querySelectorAll('button')) b.disabled = true;
}

function revise(what: Revision): void {
  if (!job || busy) return;
  send({ type: 'revise-version', id: job.id, what });
  startBusy();
}

/** The findings, each shown in both texts on a click; `data-paragraph` names the rewrite paragraph it points to. */
function drawFindings(): void {
  if (!job || job.state !== 'done' || !layout) return;
  renderChecks(ui.checks, job.checks, undefined, (what) => revise(what));
  const items = [...ui.checks.querySelectorAll<HTMLElement>('[data-testid=finding]')];
  for (const li of items) {
    const finding = spansOf(li);
    const at = paragraphOf(li);
    if (at >= 0) li.dataset.paragraph = String(at);
    li.classList.add('pickable');
    const show = button(t('reviewShowInText'), 'finding-show', () => pick(li, finding));
    show.className = 'link';
    li.append(show);
    li.addEventListener('click', (e) => {
      if (!(e.target as HTMLElement).closest('button, summary, a')) pick(li, finding);
    });
  }
}

/** The sentences an item points to, from the offsets it carries. */
function spansOf(li: HTMLElement): { source?: Span; rewrite?: Span } {
  const span = (start?: string, end?: string): Span | undefined =>
    start !== undefined && end !== undefined ? { start: Number(start), end: Number(end) } : undefined;
  const source = span(li.dataset.sourceStart, li.dataset.sourceEnd);
  const rewrite = span(li.dataset.rewriteStart, li.dataset.rewriteEnd);
  return { ...(source ? { source } : {}), ...(rewrite ? { rewrite } : {}) };
}

/** The rewrite paragraph an item points to: its rewrite sentence's, else the row of its source sentence. */
function paragraphOf(li: HTMLElement): number {
  if (!layout) return -1;
  const rs = li.dataset.rewriteStart;
  if (rs !== undefined) {
    const at = Number(rs);
    return at >= layout.offset ? paragraphAt(layout.rewrite, at) : -1;
  }
  const ss = li.dataset.sourceStart;
  if (ss === undefined) return -1;
  const src = paragraphAt(layout.source, Number(ss));
  const row = layout.rows.find((r) => r.source.includes(src));
  return row?.rewrite[0] ?? -1;
}

function pick(li: HTMLElement, spans: { source?: Span; rewrite?: Span }): void {
  picked = spans;
  for (const other of ui.checks.querySelectorAll('[data-testid=finding]')) other.removeAttribute('aria-current');
  li.setAttribute('aria-current', 'true');
  draw();
  const target = ui.rewriteSide.querySelector('mark.highlight') ?? ui.sourceSide.querySelector('mark.highlight');
  target?.scrollIntoView({ block: 'center' });
}

/** A finished version on screen: laid out and drawn, with its findings. */
async function showJob(next: JobRecord, versions: readonly string[] | undefined): Promise<void> {
  const fresh = job?.id !== next.id;
  job = next;
  ui.source.textContent = next.title;
  ui.source.title = next.url;
  // A version not among those listed is one just made here: the newest.
  if (versions) pageVersions = [...versions];
  else if (!pageVersions.includes(next.id)) pageVersions.push(next.id);
  const at = pageVersions.indexOf(next.id);
  ui.version.textContent = at >= 0 ? t('popupVersion', [at + 1, pageVersions.length]) : '';
  if (fresh) history.replaceState(null, '', `?id=${encodeURIComponent(next.id)}`);
  if (isActive(next)) {
    setState('writing');
    ui.status.textContent = t('reviewWriting');
    return;
  }
  busy = false;
  const error = errorOf(next);
  if (next.state !== 'done') {
    ui.status.textContent = '';
    showError(error?.message ?? t('reviewNotDone'));
    // A new version that failed: the one it came from stays on screen, its actions offered again.
    if (shown) {
      job = shown;
      setState('done');
      draw();
    } else setState('error');
    return;
  }
  shown = next;
  article ??= await versionStore()
    .getSource(next.id)
    .catch(() => null);
  if (!article) {
    setState('error');
    showError(t('reviewNoSource'));
    return;
  }
  showError(null);
  ui.status.textContent = next.checks ? '' : t('reviewChecking');
  const { headline, body } = answerOf(next);
  const offset = headline.trim() ? headline.trim().length + 2 : 0;
  const text = copyAll(headline, body);
  const source = sourceParagraphs(article);
  const rewrite = rewriteParagraphs(body, offset);
  const rows = alignParagraphs(
    source.map((p) => p.text),
    rewrite.map((p) => text.slice(p.start, p.end)),
  );
  layout = { source, rewrite, rows, offset };
  if (fresh) picked = null;
  ui.copyCms.disabled = ui.copyAll.disabled = false;
  wp.render(next);
  setState('done');
  draw();
  drawFindings();
}

function onMessage(message: BackgroundMessage): void {
  if (message.type === 'job') void showJob(message.job, message.versions);
  else if (message.type === 'refused') {
    busy = false;
    if (job) setState('done');
    ui.status.textContent = '';
    showError(message.error.message);
    draw();
  }
}

function send(message: PopupMessage): void {
  if (!port) connect();
  port?.postMessage(message);
}

function connect(): void {
  const p = browser.runtime.connect({ name: JOB_PORT });
  p.onMessage.addListener((m: unknown) => onMessage(m as BackgroundMessage));
  p.onDisconnect.addListener(() => {
    port = null;
    // The worker went away: show the same version again (never a request).
    setTimeout(() => job && send({ type: 'show', id: job.id }), 200);
  });
  port = p;
}

async function copy(plain: string, html: string | undefined, done: MessageKey): Promise<void> {
  try {
    if (html === undefined) await navigator.clipboard.writeText(plain);
    else
      await navigator.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([plain], { type: 'text/plain' }) }),
      ]);
    ui.status.textContent = t(done);
  } catch {
    ui.status.textContent = t('copyRefused');
  }
}

function copyForCms(): void {
  if (!job) return;
  const { headline, body, seo } = answerOf(job);
  const payload = cmsPayload(headline, body, seo, cmsLabels(t));
  void copy(payload.plain, payload.html, 'copiedCms');
}

keyHint(ui.copyCms, 'cms');
ui.copyCms.addEventListener('click', copyForCms);
ui.copyAll.addEventListener('click', () => {
  if (!job) return;
  const { headline, body } = answerOf(job);
  void copy(copyAll(headline, body), undefined, 'copiedAll');
});
document.addEventListener('keydown', (e) => {
  if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyC' && job) {
    e.preventDefault();
    copyForCms();
  }
});
new ResizeObserver(() => alignRows()).observe(ui.rewriteSide);

const id = new URLSearchParams(location.search).get('id');
if (!id) {
  setState('error');
  showError(t('reviewNoVersion'));
} else {
  send({ type: 'show', id });
}
