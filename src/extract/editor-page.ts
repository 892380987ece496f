/**
 * Whether a page looks like an editor (a CMS screen, a document being written, a form to fill) rather than an
 * article: a click there most likely wants the rewrite just made, not a paid rewrite of the editor. Read on the live
 * page before anything is extracted. A comment box under an article is not an editor.
 */

import { domOf, getterOf, methodOf, type SafeDom } from './dom';

/**
 * Why a page looks like an editor. `rewrite-open` is the worker's own sign (a page that is no article while a page
 * rewritten in this session is open in another tab); the others are read on the page.
 */
export type EditorSign = 'cms-admin' | 'editable' | 'form' | 'rewrite-open';

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

/**
 * The page's own markup can shadow DOM properties (a form's `<input name="parentElement">`): every read here goes
 * through the prototypes (./dom.ts), so a hostile page can neither hide an editor nor send this walk in circles.
 */
interface Reads {
  dom: SafeDom;
  all(root: Document | Element, selector: string): Element[];
  size: Measure;
}

function readsOf(doc: Document, size?: Measure): Reads {
  const dom = domOf(doc);
  const root = dom.documentElement(doc) ?? doc.createElement('html');
  const docAll = methodOf<[string], NodeListOf<Element>>(doc, 'querySelectorAll');
  const elAll = methodOf<[string], NodeListOf<Element>>(root, 'querySelectorAll');
  const rect = methodOf<[], DOMRect>(root, 'getBoundingClientRect');
  return {
    dom,
    all: (r, selector) => [...(dom.nodeType(r) === 9 ? docAll(r, selector) : elAll(r, selector))],
    size: size ?? ((el) => rect(el)),
  };
}

function inComments(el: Element, r: Reads): boolean {
  // Up to the body, not beyond: themes put words like "comments-open" on the body of every article.
  for (let e: Node | null = el; e && r.dom.nodeType(e) === 1 && r.dom.localName(e as Element) !== 'body'; e = r.dom.parentNode(e)) {
    const x = e as Element;
    const label = ['id', 'aria-label', 'action'].map((a) => r.dom.getAttribute(x, a) ?? '').join(' ') + ` ${r.dom.classOf(x) ?? ''}`;
    if (COMMENTS.test(label)) return true;
  }
  return false;
}

/** A surface someone writes in: an editable element or a text area at least this big, outside comment boxes. */
function writingSurface(el: Element, r: Reads, minWidth: number, minHeight: number): boolean {
  const box = r.size(el);
  return box.width >= minWidth && box.height >= minHeight && !inComments(el, r);
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

export function editorSign(doc: Document, url: string, size?: Measure): EditorSign | null {
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    // not a URL: judged on the page alone
  }
  if (ADMIN_PATH.test(path)) return 'cms-admin';
  const r = readsOf(doc, size);
  if (String(getterOf<string>(doc, 'designMode')(doc)).toLowerCase() === 'on') return 'editable';
  for (const el of r.all(doc, '[contenteditable]')) {
    if (r.dom.getAttribute(el, 'contenteditable')?.toLowerCase() === 'false') continue;
    if (writingSurface(el, r, 150, 40)) return 'editable';
  }
  for (const frame of r.all(doc, 'iframe')) if (editedFrame(frame as HTMLIFrameElement) && writingSurface(frame, r, 200, 100)) return 'editable';
  for (const area of r.all(doc, 'textarea')) if (writingSurface(area, r, 300, 150)) return 'form';
  const fields = r.all(doc, FIELD).filter((f) => !inComments(f, r) && r.size(f).width > 0);
  return fields.length >= MIN_FIELDS ? 'form' : null;
}
