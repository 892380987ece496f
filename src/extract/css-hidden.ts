/**
 * What a block of CSS declarations does to the text, without layout: for DOMs with no computed styles (Node).
 * The same techniques the browser judges from computed style (`./visible.ts`), read from the declarations
 * themselves: an inline `style` attribute, or a rule of the page's own `<style>` sheets (`./hidden.ts`).
 *
 * - `'subtree'`: the element and everything in it is hidden: `display:none`, `visibility:hidden|collapse`,
 *   `content-visibility:hidden`, `transform: scale(0)` or a translation 500 px or more off
 *   the left or top, an empty `clip-path` (`inset(50%)`,
 *   `circle(0)`), `clip: rect(…)` of at most 1 px on a positioned box, a positioned box placed 500 px or
 *   more off the left or top, `text-indent` of 500 px or more either way, or a box of at most 1 px width or height
 *   (`height`, `max-height`, `width`, `max-width`) that clips its overflow (the `sr-only` pattern included).
 * - `'faded'`: an opacity below 0.1 with no transform, transition or animation beside it (those are a script's
 *   fade-in, which a page without scripts never finishes).
 * - `'text'`: the element's own text is invisible but a child may restyle itself: `font-size` of at most 1 px,
 *   a transparent colour, or a colour equal to the background the same block sets.
 */

/** `'faded'`: an opacity below 0.1 and nothing else; `./hidden.ts` hides it unless it holds much text (see `FADED_MAX_CHARS`). */
export type Hiding = 'subtree' | 'faded' | 'text' | null;

/** Declarations as a map, property names lower case, `!important` and comments dropped; the last one wins. */
export function parseDeclarations(css: string): Map<string, string> {
  const out = new Map<string, string>();
  const text = css.includes('/*') ? css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' ') : css;
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const prop = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!\s*important\s*$/i, '')
      .trim()
      .toLowerCase();
    if (prop && value) out.set(prop, value);
  }
  return out;
}

/** A length in px when it is one (`0`, `0px`, `-9999px`, `0em`, `0%`: zero in any unit), else NaN. */
function px(value: string | undefined): number {
  if (value === undefined) return NaN;
  const m = /^(-?\d*\.?\d+)(px|em|rem|%|pt|vw|vh)?$/.exec(value.trim());
  if (!m) return NaN;
  const n = parseFloat(m[1] as string);
  if (n === 0) return 0;
  const unit = m[2] ?? '';
  if (unit === 'px' || unit === '') return n;
  if (unit === 'pt') return n * (4 / 3);
  if (unit === 'em' || unit === 'rem') return n * 16;
  return NaN;
}

/** True when a `color` value is fully transparent. */
function transparent(color: string | undefined): boolean {
  if (!color) return false;
  if (color === 'transparent') return true;
  if (/^#[0-9a-f]{3}0$|^#[0-9a-f]{6}00$/.test(color)) return true;
  const fn = /^(?:rgba?|hsla?)\((.*)\)$/.exec(color);
  if (!fn) return false;
  const parts = (fn[1] as string).split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 4) return false;
  const alpha = parts[3] as string;
  return parseFloat(alpha) === 0;
}

/** The background colour a block sets (`background-color`, or a `background` that is one colour word or hex). */
function backgroundColour(d: ReadonlyMap<string, string>): string | undefined {
  const bg = d.get('background-color') ?? d.get('background');
  if (!bg || /url\(|gradient/.test(bg)) return undefined;
  return bg.replace(/\s+/g, '');
}

/** Declarations that animate: an opacity of 0 beside one of them is the start of a script's fade-in. */
const ANIMATED = ['transform', '-webkit-transform', 'transition', 'animation', 'animation-name', 'will-change'];
/** Keywords that name no colour of their own (two `inherit`s are not the same colour). */
const NOT_A_COLOUR = /^(?:inherit|initial|unset|revert|revert-layer|currentcolor)$/;

const SCALE_ZERO = /\bscale[xyz3d]*\(\s*0(?:\.0*)?\s*[,)]|\bscale\(\s*[^,)]+,\s*0(?:\.0*)?\s*\)/;
const CLIPS = /^(?:hidden|clip)(?:\s+(?:hidden|clip|visible|auto|scroll))?$|^(?:visible|auto|scroll)\s+(?:hidden|clip)$/;

/** A `translate(…)` that moves the box 500 px or more to the left or up. */
function translatedAway(transform: string): boolean {
  for (const m of transform.matchAll(/\btranslate(x|y|3d)?\(([^)]*)\)/g)) {
    const args = (m[2] as string).split(',').map((a) => px(a));
    const [x, y] = m[1] === 'y' ? [0, args[0]] : [args[0], m[1] === 'x' ? 0 : args[1]];
    if ((x ?? 0) <= -500 || (y ?? 0) <= -500) return true;
  }
  return false;
}

/** An empty `clip-path`: `inset()` that meets itself, a zero `circle()`/`ellipse()`. */
function emptyClipPath(value: string | undefined): boolean {
  if (!value) return false;
  const inset = /^inset\(([^)]*)\)/.exec(value);
  if (inset) {
    const v = (inset[1] as string)
      .split(/\s+round\s+/)[0]!
      .trim()
      .split(/\s+/);
    const [t, r = t, b = t, l = r] = v.map((x) => (x.endsWith('%') ? parseFloat(x) : NaN));
    return t! + b! >= 100 || l! + r! >= 100;
  }
  return /^(?:circle|ellipse)\(\s*0(?:px|%)?(?:\s|\)|\s+at)/.test(value);
}

function clipRectEmpty(value: string | undefined): boolean {
  const m = value && /^rect\(([^)]*)\)/.exec(value);
  if (!m) return false;
  const [top, right, bottom, left] = (m[1] as string)
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(px);
  if ([top, right, bottom, left].some((n) => n === undefined || Number.isNaN(n))) return false;
  return (right as number) - (left as number) <= 1 || (bottom as number) - (top as number) <= 1;
}

/** What these declarations hide (see the file comment). */
export function hidingOf(d: ReadonlyMap<string, string>): Hiding {
  if (d.size === 0) return null;
  if (d.get('display') === 'none') return 'subtree';
  const visibility = d.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return 'subtree';

  if (d.get('content-visibility') === 'hidden') return 'subtree';
  const transform = d.get('transform');
  if (transform && (SCALE_ZERO.test(transform) || translatedAway(transform))) return 'subtree';
  if (emptyClipPath(d.get('clip-path'))) return 'subtree';
  const position = d.get('position');
  const positioned = position === 'absolute' || position === 'fixed';
  if (positioned && clipRectEmpty(d.get('clip'))) return 'subtree';
  if ((positioned || position === 'relative') && (px(d.get('left')) <= -500 || px(d.get('top')) <= -500 || px(d.get('right')) >= 5000)) return 'subtree';
  const indent = px(d.get('text-indent'));
  if (indent <= -500 || indent >= 5000) return 'subtree';
  const overflow = d.get('overflow') ?? `${d.get('overflow-x') ?? 'visible'} ${d.get('overflow-y') ?? 'visible'}`;
  if (CLIPS.test(overflow)) {
    for (const p of ['height', 'max-height', 'width', 'max-width']) if (px(d.get(p)) <= 1) return 'subtree';
  }
  // Opacity 0 is also where a script starts a fade-in: with a transform, transition or animation beside it, it is one.
  const opacity = d.get('opacity');
  if (opacity !== undefined && (opacity.endsWith('%') ? parseFloat(opacity) / 100 : parseFloat(opacity)) < 0.1) {
    if (!ANIMATED.some((p) => d.has(p))) return 'faded';
  }
  const fontSize = px(d.get('font-size'));
  if (fontSize <= 1) return 'text';
  const color = d.get('color');
  const clipsToText = d.get('background-clip') === 'text' || d.get('-webkit-background-clip') === 'text';
  if (!clipsToText && (transparent(color) || transparent(d.get('-webkit-text-fill-color')))) return 'text';
  if (color && !NOT_A_COLOUR.test(color) && color.replace(/\s+/g, '') === backgroundColour(d)) return 'text';
  return null;
}

/** The hiding of an inline `style` attribute (see `hidingOf`). */
export function inlineHiding(style: string): Hiding {
  return hidingOf(parseDeclarations(style));
}
