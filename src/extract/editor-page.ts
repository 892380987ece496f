/**
 * Whether a page looks like an editor (a CMS screen, a document being written, a form to fill) rather than an
 * article: a click there most likely wants the rewrite just made, not a paid rewrite of the editor. Read on the live
 * page before anything is extracted. A comment box under an article is not an editor.
 */

/** Why a page looks like an editor. */
export type EditorSign = 'cms-admin' | 'editable' | 'form';

/** Admin screens of the common CMSs, by path. */
const ADMIN_PATH =
  /\/(?:wp-admin|ghost|umbraco|typo3|administrator|craft|keystatic|sanity|strapi\/admin|_admin)(?:\/|$)|\/node\/(?:add|\d+\/edit)(?:\/|$)|\/wp-login\.php/i;
/** A place for readers' comments, a contact or feedback form: not where a rewrite goes. */
const COMMENTS = /comment|reply|respond|disqus|feedback|contact|newsletter|subscribe|search/i;
/** Fields a CMS form has many of; a sign-up or search form has one or two. */
const FIELD = 'input:not([type]),input[type=text],input[type=url],input[type=search],input[type=number],input[type=date],textarea,select';
const MIN_FIELDS = 6;

/** The laid-out size of an element (the live page's boxes; a test may give its own). */
export type Measure = (el: Element) => { width: number; height: number };

const liveSize: Measure = (el) => el.getBoundingClientRect();

function inComments(el: Element): boolean {
  // Up to the body, not beyond: themes put words like "comments-open" on the body of every article.
  for (let e: Element | null = el; e && e.localName !== 'body'; e = e.parentElement) {
    const label = `${e.id} ${e.getAttribute('class') ?? ''} ${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('action') ?? ''}`;
    if (COMMENTS.test(label)) return true;
  }
  return false;
}

/** A surface someone writes in: an editable element or a text area at least this big, outside comment boxes. */
function writingSurface(el: Element, size: Measure, minWidth: number, minHeight: number): boolean {
  const box = size(el);
  return box.width >= minWidth && box.height >= minHeight && !inComments(el);
}

/** A same-origin frame whose document is being edited (TinyMCE, CKEditor 4 and the like edit inside an iframe). */
function editedFrame(frame: HTMLIFrameElement): boolean {
  try {
    const doc = frame.contentDocument;
    return !!doc && (doc.designMode === 'on' || doc.body?.isContentEditable === true);
  } catch {
    return false; // another origin's frame
  }
}

export function editorSign(doc: Document, url: string, size: Measure = liveSize): EditorSign | null {
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    // not a URL: judged on the page alone
  }
  if (ADMIN_PATH.test(path)) return 'cms-admin';
  if (doc.designMode === 'on') return 'editable';
  for (const el of doc.querySelectorAll('[contenteditable]')) {
    const value = el.getAttribute('contenteditable')?.toLowerCase();
    if (value === 'false') continue;
    if (writingSurface(el, size, 150, 40)) return 'editable';
  }
  for (const frame of doc.querySelectorAll('iframe')) if (editedFrame(frame) && writingSurface(frame, size, 200, 100)) return 'editable';
  for (const area of doc.querySelectorAll('textarea')) if (writingSurface(area, size, 300, 150)) return 'form';
  const fields = [...doc.querySelectorAll(FIELD)].filter((f) => !inComments(f) && size(f).width > 0);
  return fields.length >= MIN_FIELDS ? 'form' : null;
}
