/**
 * DOM reads that a page cannot shadow. A `<form>` exposes its controls by name (`<input name="tagName">` makes
 * `form.tagName` that input) and a document its images, forms and embeds (`<img name="body">` makes
 * `document.body` that image): "DOM clobbering". Every walk that decides what is hidden reads through these
 * functions, which call the getters and methods of the element's own prototypes (found with
 * `Object.getPrototypeOf`, which no markup can shadow), so they come from the realm of the document walked.
 *
 * Where a DOM keeps a member as a plain own property (linkedom's `localName`, `nodeType`, `parentNode`), no
 * prototype defines it and there are no named properties either: the plain read is then the safe one.
 */

type Getter = (this: unknown) => unknown;

/** The getter (or method, as a getter of itself) of `name` on the first prototype of `obj` that defines it, never `obj` itself. */
function member(obj: object, name: string): { get?: Getter; fn?: (...args: unknown[]) => unknown } | null {
  for (let p = Object.getPrototypeOf(obj) as object | null; p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (!d) continue;
    if (d.get) return { get: d.get as Getter };
    if (typeof d.value === 'function') return { fn: d.value as (...args: unknown[]) => unknown };
    return null;
  }
  return null;
}

/** A read of `name` through the prototype's getter; `plain` (the same read written out, so it stays fast) where no prototype has one. */
export function getterOf<T>(obj: object, name: string, plain?: (o: never) => T): (o: object) => T {
  const get = member(obj, name)?.get;
  if (get) return (o) => get.call(o) as T;
  return (plain as ((o: object) => T) | undefined) ?? ((o) => (o as Record<string, T>)[name] as T);
}

/** The document a node belongs to (through the prototype's getter: a form's control can be named "ownerDocument"). */
export function docOf(node: Node): Document {
  const get = member(node, 'ownerDocument')?.get;
  const owner = (get ? get.call(node) : node.ownerDocument) as Document | null;
  return owner ?? (node as Document);
}

export function methodOf<A extends unknown[], R>(obj: object, name: string): (o: object, ...args: A) => R {
  const fn = member(obj, name)?.fn;
  if (!fn) throw new TypeError(`This DOM has no ${name}()`);
  return (o, ...args) => fn.apply(o, args) as R;
}

/** Safe reads for one document's nodes (see the file comment). Made once per document by `domOf`. */
export interface SafeDom {
  nodeType(n: Node): number;
  /** Lower case for HTML elements. */
  localName(el: Element): string;
  parentNode(n: Node): Node | null;
  firstChild(n: Node): Node | null;
  nextSibling(n: Node): Node | null;
  firstElementChild(el: Element | Document): Element | null;
  lastElementChild(el: Element): Element | null;
  nextElementSibling(el: Element): Element | null;
  previousElementSibling(el: Element): Element | null;
  getAttribute(el: Element, name: string): string | null;
  hasAttribute(el: Element, name: string): boolean;
  hasAttributes(el: Element): boolean;
  /** The `class` attribute as written (through `getAttributeNode`: linkedom's `getAttribute('class')` rebuilds it). */
  classOf(el: Element): string | null;
  removeAttribute(el: Element, name: string): void;
  /** Removes a node (element or text) from its parent. */
  remove(n: Node): void;
  textContent(n: Node): string;
  contains(a: Node, b: Node): boolean;
  body(doc: Document): Element | null;
  head(doc: Document): Element | null;
  documentElement(doc: Document): Element | null;
  defaultView(doc: Document): (Window & typeof globalThis) | null;
  cloneDocument(doc: Document): Document;
}

const cache = new WeakMap<object, SafeDom>();

/** The safe reads for `doc`'s realm (cached per document prototype). */
export function domOf(doc: Document): SafeDom {
  const docProto = Object.getPrototypeOf(doc) as object;
  const known = cache.get(docProto);
  if (known) return known;
  const documentElement = getterOf<Element | null>(doc, 'documentElement');
  const root = documentElement(doc) ?? doc.createElement('html');
  const nodeType = getterOf<number>(root, 'nodeType', (o: Node) => o.nodeType);
  const elFirstChild = getterOf<Node | null>(root, 'firstChild');
  const elNextSibling = getterOf<Node | null>(root, 'nextSibling');
  const removeChild = methodOf<[Node], Node>(root, 'removeChild');
  const parentNode = getterOf<Node | null>(root, 'parentNode', (o: Node) => o.parentNode);
  const elTextContent = getterOf<string | null>(root, 'textContent');
  const docFirstElementChild = getterOf<Element | null>(doc, 'firstElementChild');
  const elFirstElementChild = getterOf<Element | null>(root, 'firstElementChild');
  const docBody = getterOf<Element | null>(doc, 'body');
  const docHead = getterOf<Element | null>(doc, 'head');
  const docView = getterOf<(Window & typeof globalThis) | null>(doc, 'defaultView');
  const docClone = methodOf<[boolean], Document>(doc, 'cloneNode');
  const isElement = (n: Node): boolean => nodeType(n) === 1;
  const getAttributeNode = methodOf<[string], Attr | null>(root, 'getAttributeNode');
  const dom: SafeDom = {
    nodeType,
    localName: getterOf<string>(root, 'localName', (o: Element) => o.localName),
    parentNode,
    firstChild: (n) => (isElement(n) ? elFirstChild(n) : n.firstChild),
    nextSibling: (n) => (isElement(n) ? elNextSibling(n) : n.nextSibling),
    firstElementChild: (el) => (isElement(el) ? elFirstElementChild(el) : docFirstElementChild(el)),
    lastElementChild: getterOf<Element | null>(root, 'lastElementChild'),
    nextElementSibling: getterOf<Element | null>(root, 'nextElementSibling'),
    previousElementSibling: getterOf<Element | null>(root, 'previousElementSibling'),
    getAttribute: methodOf<[string], string | null>(root, 'getAttribute'),
    hasAttribute: methodOf<[string], boolean>(root, 'hasAttribute'),
    hasAttributes: methodOf<[], boolean>(root, 'hasAttributes'),
    classOf: (el) => getAttributeNode(el, 'class')?.value ?? null,
    removeAttribute: methodOf<[string], void>(root, 'removeAttribute'),
    remove(n) {
      const parent = parentNode(n);
      if (parent) removeChild(parent, n);
    },
    textContent: (n) => (isElement(n) ? elTextContent(n) : n.textContent) ?? '',
    contains: methodOf<[Node], boolean>(root, 'contains'),
    body: docBody,
    head: docHead,
    documentElement,
    defaultView: docView,
    cloneDocument: (d) => docClone(d, true),
  };
  cache.set(docProto, dom);
  return dom;
}
