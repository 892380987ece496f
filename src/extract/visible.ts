/**
 * What a sighted reader of the LIVE page can see, judged from computed style and layout, while the page is
 * cloned for extraction (`cloneVisible`). The live page is only read; the clone loses every element and text
 * node judged invisible. Needs a laid-out document (a browser): on a DOM without `getComputedStyle` it only clones.
 *
 * Judged per element (its subtree goes): `display:none`, `content-visibility:hidden` (`hidden="until-found"`
 * too), an opacity of less than 0.1 after multiplying its ancestors', `<template>`, `<noscript>`, and what a
 * closed `<details>` holds besides its `<summary>`.
 *
 * Judged per text node, from its element's computed style and the text's own box (a Range, so text-indent,
 * transforms and font size count): `visibility` other than visible, a font size of 1 px or less, a transparent
 * colour, a colour of less than 1.2:1 contrast against the background painted behind it (when that is a known
 * colour: no background image, not floating over something else), a box less than 1 px wide or high (scaled to
 * nothing, zero width), a box that lies outside the page (off-screen positioning, text-indent:-9999px) or that
 * the ancestors' clipping leaves less than 2 px of (`overflow:hidden` with zero or 1 px height/width/max-height,
 * the sr-only pattern, `clip`, `clip-path: inset()/circle(0)`), and text wholly under a later absolutely
 * positioned opaque box that paints above it (an overlay).
 */
import { domOf, getterOf, methodOf, type SafeDom } from './dom';
import { NOT_JUDGED } from './hidden';

interface Box {
  l: number;
  t: number;
  r: number;
  b: number;
}

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** What an element hands down to what it holds. */
interface State {
  opacity: number;
  /** The visible region for its content (viewport coordinates). */
  clip: Box;
  /** The visible region for an absolutely positioned descendant whose containing block is this element or above. */
  cbClip: Box;
  /** The colour painted behind its content, or null when unknown (an image, something floating). */
  bg: Rgba | null;
  /** The z-index of the outermost stacking context around it (0 outside any). */
  rootZ: number;
  inContext: boolean;
  /** It or an ancestor is positioned (paints in the positioned layer). */
  positioned: boolean;
  /** Document order of the element. */
  order: number;
}

interface Overlay {
  box: Box;
  el: Element;
  z: number;
  order: number;
}

interface TextSeen {
  box: Box;
  node: Node;
  copy: Node;
  state: State;
}

/** Never rendered: their content goes from the copy. */
const NEVER_RENDERED = new Set(['template', 'noscript']);
/** Not descended into (their text is never article text, and the survey drops `<svg>`). */
const LEAVES = new Set(['svg', 'math', 'iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'select', 'textarea']);

const MIN_OPACITY = 0.1;
const MIN_CONTRAST = 1.2;
const MAX_OVERLAYS = 200;
const NOWHERE: Box = { l: 0, t: 0, r: 0, b: 0 };

function intersect(a: Box, b: Box): Box {
  return { l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) };
}

function parseColour(s: string): Rgba | null {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(s);
  if (!m) return s === 'transparent' ? { r: 0, g: 0, b: 0, a: 0 } : null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: alpha };
}

function luminance(c: Rgba): number {
  const lin = (v: number): number => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG contrast ratio of `fg` (blended over `bg` by its alpha) against `bg`. */
function contrast(fg: Rgba, bg: Rgba): number {
  const mix = (f: number, b: number): number => f * fg.a + b * (1 - fg.a);
  const shown = { r: mix(fg.r, bg.r), g: mix(fg.g, bg.g), b: mix(fg.b, bg.b), a: 1 };
  const [hi, lo] = [luminance(shown), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The region `clip-path` leaves of `box`: `inset()` in px or %, a zero `circle()`/`ellipse()`; other shapes keep the box. */
function clipPathBox(value: string, box: Box): Box {
  if (value === 'none' || value === '') return box;
  if (/^(?:circle|ellipse)\(\s*0(?:px|%)?[\s)]/.test(value)) return NOWHERE;
  const inset = /^inset\(([^)]*)\)/.exec(value);
  if (!inset) return box;
  const parts = (inset[1] as string)
    .split(/\s+round\s+/)[0]!
    .trim()
    .split(/\s+/);
  const w = box.r - box.l;
  const h = box.b - box.t;
  const len = (v: string | undefined, of: number): number => (v === undefined ? NaN : v.endsWith('%') ? (parseFloat(v) / 100) * of : parseFloat(v));
  const [t, r = t, b = t, l = r] = parts;
  return { l: box.l + (len(l, w) || 0), t: box.t + (len(t, h) || 0), r: box.r - (len(r, w) || 0), b: box.b - (len(b, h) || 0) };
}

/** The region `clip: rect(top, right, bottom, left)` leaves of `box` (absolutely positioned boxes only). */
function clipRectBox(value: string, box: Box): Box {
  const m = /^rect\(([^)]*)\)/.exec(value);
  if (!m) return box;
  const [t, r, b, l] = (m[1] as string).split(/[\s,]+/).filter(Boolean);
  const at = (v: string | undefined, auto: number, from: number): number => (v === undefined || v === 'auto' ? auto : from + parseFloat(v));
  return { l: at(l, box.l, box.l), t: at(t, box.t, box.t), r: at(r, box.r, box.l), b: at(b, box.b, box.t) };
}

const CLIPPING = new Set(['hidden', 'clip']);

class Judge {
  private readonly getStyle: (el: Element) => CSSStyleDeclaration;
  private readonly rectOf: (el: Element) => DOMRect;
  private readonly range: Range | null;
  private readonly rangeRect: ((r: Range) => DOMRect) | null;
  private readonly selectContents: ((r: Range, n: Node) => void) | null;
  readonly overlays: Overlay[] = [];
  private order = 0;

  constructor(
    readonly dom: SafeDom,
    doc: Document,
    view: Window & typeof globalThis,
  ) {
    this.getStyle = (el) => view.getComputedStyle(el);
    const root = dom.documentElement(doc) as Element;
    const rect = methodOf<[], DOMRect>(root, 'getBoundingClientRect');
    this.rectOf = (el) => rect(el);
    let range: Range | null = null;
    try {
      range = methodOf<[], Range>(doc, 'createRange')(doc);
    } catch {
      range = null;
    }
    this.range = range;
    this.rangeRect = range ? methodOf<[], DOMRect>(range, 'getBoundingClientRect') : null;
    this.selectContents = range ? methodOf<[Node], void>(range, 'selectNodeContents') : null;
  }

  /** The state of the page itself: the document's whole area, a white canvas. */
  rootState(doc: Document, view: Window & typeof globalThis): State {
    const root = this.dom.documentElement(doc) as Element;
    const width = getterOf<number>(root, 'scrollWidth')(root);
    const height = getterOf<number>(root, 'scrollHeight')(root);
    const x = view.scrollX;
    const y = view.scrollY;
    const page = { l: -x, t: -y, r: Math.max(width, view.innerWidth) - x, b: Math.max(height, view.innerHeight) - y };
    return { opacity: 1, clip: page, cbClip: page, bg: { r: 255, g: 255, b: 255, a: 1 }, rootZ: 0, inContext: false, positioned: false, order: 0 };
  }

  /** The state `el` hands down, or null when it and all it holds are invisible. */
  element(el: Element, parent: State, viewport: Box, root = false): State | null {
    const cs = this.getStyle(el);
    const display = cs.display;
    if (display === 'none') return null;
    if (cs.getPropertyValue('content-visibility') === 'hidden') return null;
    const opacity = parent.opacity * (parseFloat(cs.opacity) || 0);
    if (opacity < MIN_OPACITY) return null;
    const position = cs.position;
    const floating = position === 'absolute' || position === 'fixed';
    const clip = position === 'fixed' ? viewport : position === 'absolute' ? parent.cbClip : parent.clip;
    let inner = clip;
    const rect = this.rectOf(el);
    const box = { l: rect.left, t: rect.top, r: rect.right, b: rect.bottom };
    if (display !== 'contents') {
      // Overflow: clipped to the box; a scroll container shows all it holds (scrolled) when any of it shows. The
      // root elements' overflow is the viewport's: the page itself, already the starting region.
      if (!root && display !== 'inline') {
        const vis = intersect(box, clip);
        const shows = vis.r - vis.l >= 2 && vis.b - vis.t >= 2;
        const ox = cs.overflowX;
        const oy = cs.overflowY;
        if (CLIPPING.has(ox)) inner = { ...inner, l: Math.max(inner.l, box.l), r: Math.min(inner.r, box.r) };
        else if (ox === 'auto' || ox === 'scroll') inner = shows ? { ...inner, l: -Infinity, r: Infinity } : NOWHERE;
        if (CLIPPING.has(oy)) inner = { ...inner, t: Math.max(inner.t, box.t), b: Math.min(inner.b, box.b) };
        else if (oy === 'auto' || oy === 'scroll') inner = shows ? { ...inner, t: -Infinity, b: Infinity } : NOWHERE;
      }
      if (floating && cs.clip && cs.clip !== 'auto') inner = intersect(inner, clipRectBox(cs.clip, box));
      const clipPath = cs.clipPath;
      if (clipPath && clipPath !== 'none') inner = intersect(inner, clipPathBox(clipPath, box));
    }
    const own = parseColour(cs.backgroundColor);
    let bg = parent.bg;
    if (cs.backgroundImage !== 'none') bg = null;
    else if (own && own.a >= 0.5) bg = { ...own, a: 1 };
    else if (floating) bg = null;
    const z = position !== 'static' && cs.zIndex !== 'auto' ? parseInt(cs.zIndex, 10) || 0 : null;
    const order = ++this.order;
    const state: State = {
      opacity,
      clip: inner,
      cbClip: position !== 'static' ? inner : parent.cbClip,
      bg,
      rootZ: parent.inContext ? parent.rootZ : (z ?? 0),
      inContext: parent.inContext || z !== null,
      positioned: parent.positioned || position !== 'static',
      order,
    };
    if (
      position === 'absolute' &&
      this.overlays.length < MAX_OVERLAYS &&
      own &&
      own.a >= 0.95 &&
      cs.backgroundImage === 'none' &&
      opacity >= 0.95 &&
      cs.visibility === 'visible' &&
      box.r - box.l >= 8 &&
      box.b - box.t >= 8
    ) {
      this.overlays.push({ box: intersect(box, clip), el, z: state.rootZ, order });
    }
    return state;
  }

  /** The text's box, or null when it is invisible by its style, size or place. */
  text(node: Node, parentEl: Element, state: State): Box | null {
    const cs = this.getStyle(parentEl);
    if (cs.visibility !== 'visible') return null;
    if (parseFloat(cs.fontSize) <= 1) return null;
    // A shadow, an outline or a background clipped to the glyphs paints text whose colour is transparent.
    const outlined =
      (cs.textShadow && cs.textShadow !== 'none') ||
      parseFloat(cs.getPropertyValue('-webkit-text-stroke-width')) > 0 ||
      cs.getPropertyValue('-webkit-background-clip') === 'text' ||
      cs.backgroundClip === 'text';
    const fill = parseColour(cs.getPropertyValue('-webkit-text-fill-color') || cs.color) ?? parseColour(cs.color);
    if (fill && !outlined) {
      if (fill.a < 0.1) return null;
      if (state.bg && contrast(fill, state.bg) < MIN_CONTRAST) return null;
    }
    if (!this.range || !this.rangeRect || !this.selectContents) return { ...state.clip };
    this.selectContents(this.range, node);
    const r = this.rangeRect(this.range);
    if (r.width < 1 || r.height < 1) return null;
    const box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
    const seen = intersect(box, state.clip);
    if (seen.r - seen.l < 2 || seen.b - seen.t < 2) return null;
    return box;
  }

  /** True when an opaque overlay covers the whole text and paints above it. */
  occluded(text: TextSeen): boolean {
    for (const o of this.overlays) {
      const b = o.box;
      if (b.l > text.box.l + 1 || b.t > text.box.t + 1 || b.r < text.box.r - 1 || b.b < text.box.b - 1) continue;
      if (this.dom.contains(o.el, text.node)) continue;
      const tz = text.state.rootZ;
      const above = o.z !== tz ? o.z > tz : !text.state.positioned ? o.z >= 0 : o.order > text.state.order;
      if (above) return true;
    }
    return false;
  }
}

/**
 * A copy of `doc` without what a reader of the live page cannot see (see the file comment). The copy has the
 * same tree as the page, so the two are walked in lockstep; where they differ (a custom element's constructor
 * changed the copy), the rest of that parent's children go from the copy.
 */
export function cloneVisible(doc: Document): Document {
  const dom = domOf(doc);
  const clone = dom.cloneDocument(doc);
  const view = dom.defaultView(doc);
  const liveBody = dom.body(doc);
  const copyBody = dom.body(clone);
  if (!view || typeof view.getComputedStyle !== 'function' || !liveBody || !copyBody) return clone;
  const judge = new Judge(dom, doc, view);
  const viewport: Box = { l: 0, t: 0, r: view.innerWidth, b: view.innerHeight };
  const doomed: Node[] = [];
  const texts: TextSeen[] = [];
  const html = dom.documentElement(doc);
  const top = html ? judge.element(html, judge.rootState(doc, view), viewport, true) : null;
  const bodyState = top ? judge.element(liveBody, top, viewport, true) : null;
  if (!bodyState) {
    copyBody.replaceChildren();
    return clone;
  }
  const stack: Array<[Element, Element, State]> = [[liveBody, copyBody, bodyState]];
  while (stack.length > 0) {
    const [live, copy, state] = stack.pop() as [Element, Element, State];
    const closedDetails = dom.localName(live) === 'details' && !dom.hasAttribute(live, 'open');
    let summary = closedDetails;
    let l = dom.firstChild(live);
    let c = dom.firstChild(copy);
    for (; l && c; l = dom.nextSibling(l), c = dom.nextSibling(c)) {
      const type = dom.nodeType(l);
      if (type !== dom.nodeType(c) || (type === 1 && dom.localName(l as Element) !== dom.localName(c as Element))) break;
      if (type === 3) {
        if (!/\S/.test(l.nodeValue ?? '')) continue;
        if (closedDetails) {
          doomed.push(c);
          continue;
        }
        const box = judge.text(l, live, state);
        if (box) texts.push({ box, node: l, copy: c, state });
        else doomed.push(c);
        continue;
      }
      if (type !== 1) continue;
      const el = l as Element;
      const name = dom.localName(el);
      if (closedDetails) {
        if (summary && name === 'summary') summary = false;
        else {
          doomed.push(c);
          continue;
        }
      }
      if (NEVER_RENDERED.has(name)) {
        doomed.push(c);
        continue;
      }
      if (NOT_JUDGED.has(name)) continue;
      const inner = judge.element(el, state, viewport);
      if (!inner) doomed.push(c);
      else if (!LEAVES.has(name)) stack.push([el, c as Element, inner]);
    }
    // The trees diverged: what is left of the copy's list is not judged, so it goes.
    for (; c; c = dom.nextSibling(c)) doomed.push(c);
  }
  for (const t of texts) if (judge.occluded(t)) doomed.push(t.copy);
  for (const n of doomed) dom.remove(n);
  return clone;
}

/**
 * A copy of `doc` without the elements `isHidden` reports on the LIVE page (a simpler judge than `cloneVisible`,
 * for tests and DOMs without layout). The live page is only read.
 */
export function cloneWithoutHidden(doc: Document, isHidden: (el: Element) => boolean): Document {
  const dom = domOf(doc);
  const clone = dom.cloneDocument(doc);
  const liveBody = dom.body(doc);
  const copyBody = dom.body(clone);
  if (!liveBody || !copyBody) return clone;
  const doomed: Element[] = [];
  const stack: Array<[Element, Element]> = [[liveBody, copyBody]];
  while (stack.length > 0) {
    const [live, copy] = stack.pop() as [Element, Element];
    let l = dom.firstElementChild(live);
    let c = dom.firstElementChild(copy);
    for (; l && c; l = dom.nextElementSibling(l), c = dom.nextElementSibling(c)) {
      if (dom.localName(l) !== dom.localName(c)) break;
      if (NOT_JUDGED.has(dom.localName(l))) continue;
      if (isHidden(l)) doomed.push(c);
      else stack.push([l, c]);
    }
    for (; c; c = dom.nextElementSibling(c)) doomed.push(c);
  }
  for (const el of doomed) dom.remove(el);
  return clone;
}
