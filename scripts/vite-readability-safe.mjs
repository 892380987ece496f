// A Vite (Rolldown) plugin for the content-script build: it rewrites the two `innerHTML` assignments in
// @mozilla/readability so that `web-ext lint` (addons-linter) has nothing to warn about, without changing what
// Readability computes.
//
// Why the warnings are false alarms here, and why a rewrite rather than an exception:
// - Readability sets `innerHTML` twice: `page.innerHTML = pageCacheHtml` (it puts back the body it serialised
//   itself before a retry) and `tmp.innerHTML = noscript.innerHTML` (it reads an image out of a <noscript>).
//   Upstream marks both with `eslint-disable-next-line no-unsanitized/property`.
// - Newsmith only ever runs Readability on its own clone of the page (`doc.cloneNode(true)`): a document with no
//   browsing context, where no script runs, no handler fires and no image or resource is fetched.
// - addons-linter runs with inline ESLint comments switched off and has no per-file or per-rule ignore for a
//   warning (only whole files can be left out, which would stop content.js being linted at all). So the only
//   honest way to 0 warnings is to stop parsing HTML through `innerHTML`.
//
// What the rewrite does: both statements become `__newsmithSetInertHTML(target, html)`, which
// - refuses (throws) when the target's document is a live one (it has a window): the bundled Readability can then
//   never parse page HTML into the real page, whoever calls it; Newsmith's extractor catches the error;
// - parses the string with DOMParser, which always builds an inert document (scripting off, nothing fetched), in
//   the same parser state as the `innerHTML` setter: "in body" insertion mode, the same quirks mode as the target
//   document, scripting disabled as in any document without a browsing context (XML documents: XML parsing, as
//   the `innerHTML` setter does there);
// - moves the parsed nodes in as the target's children, replacing the old ones, as the setter does.
// So on the documents Newsmith gives it, Readability builds the same tree as before.
//
// The build fails if Readability's code changed so that either statement is not found exactly once: an upgrade
// is then checked again by hand instead of shipping a silently different patch.
//
// Wiring (scripts/build.mjs): `import { readabilitySafe } from './vite-readability-safe.mjs';` and
// `plugins: [readabilitySafe()]` in the shared `common` config.

const MODULE = /[\\/]@mozilla[\\/]readability[\\/]Readability\.js$/;

/** The exact statements replaced, each expected once in Readability.js. */
export const REPLACEMENTS = [
  ['page.innerHTML = pageCacheHtml;', '__newsmithSetInertHTML(page, pageCacheHtml);'],
  ['tmp.innerHTML = noscript.innerHTML;', '__newsmithSetInertHTML(tmp, noscript.innerHTML);'],
];

/** Appended to the module (function declarations are hoisted, so the order does not matter). */
export const HELPER = `
/* Added by scripts/vite-readability-safe.mjs: innerHTML's effect, for inert documents only, through DOMParser. */
function __newsmithSetInertHTML(target, html) {
  var doc = target.ownerDocument;
  if (doc.defaultView) throw new Error("Readability must run on a detached copy of the page, not on the live page");
  var parsed, nodes;
  if (doc.contentType === "text/html" || !doc.contentType) {
    var doctype = doc.compatMode === "BackCompat" ? "" : "<!doctype html>";
    parsed = new DOMParser().parseFromString(doctype + "<body>" + html, "text/html");
    nodes = parsed.body.childNodes;
  } else {
    parsed = new DOMParser().parseFromString('<div xmlns="' + target.namespaceURI + '">' + html + "</div>", "application/xml");
    nodes = parsed.documentElement.childNodes;
  }
  // Copy the live NodeList first: moving a node out of the parsed document shortens it.
  target.replaceChildren.apply(target, Array.from(nodes));
}
`;

/** Rewrites Readability.js source; throws when a statement to replace is missing or not unique. */
export function rewriteReadability(code) {
  let out = code;
  for (const [from, to] of REPLACEMENTS) {
    const count = out.split(from).length - 1;
    if (count !== 1) {
      throw new Error(`vite-readability-safe: expected "${from}" once in @mozilla/readability/Readability.js, found it ${count} times; check the new Readability version by hand`);
    }
    out = out.replace(from, to);
  }
  return out + HELPER;
}

/** The plugin: applies `rewriteReadability` to @mozilla/readability/Readability.js only. */
export function readabilitySafe() {
  return {
    name: 'newsmith:readability-safe',
    transform(code, id) {
      if (!MODULE.test(id.split('?')[0])) return null;
      return { code: rewriteReadability(code), map: null };
    },
  };
}
