// A Vite (Rolldown) plugin that rewrites the two `innerHTML` assignments in @mozilla/readability, so that `web-ext lint`
// (addons-linter) has nothing to warn about, without changing what Readability computes. Everything that runs
// Readability applies it, so the code the extension ships is the code the tests and the CLI run: the extension build
// (scripts/build.mjs), the tests (vitest.config.ts, every project), the CLI and bench:extract (cli/build.mjs
// buildForNode, which bundles Readability for that) and the bench library (bench/build-lib.mjs).
// test/unit/readability-patch.test.ts checks that, and that the patched and the unpatched Readability extract the
// same from every fixture page (test/slow/readability-patch-corpus.test.ts: the shared corpus).
//
// Why the warnings are false alarms here, and why a rewrite rather than an exception:
// - Readability sets `innerHTML` twice: `page.innerHTML = pageCacheHtml` (it puts back the body it serialised
//   itself before a retry) and `tmp.innerHTML = noscript.innerHTML` (it reads an image out of a <noscript>).
//   Upstream marks both with `eslint-disable-next-line no-unsanitized/property`.
// - Newsmith only ever runs Readability on its own copy of the page (`doc.cloneNode(true)` in the browser, a
//   linkedom parse in Node): a document with no browsing context, where no script runs, no handler fires and no
//   image or resource is fetched.
// - addons-linter runs with inline ESLint comments switched off and has no per-file or per-rule ignore for a
//   warning (only whole files can be left out, which would stop content.js being linted at all). So the only
//   honest way to 0 warnings is to stop parsing HTML through `innerHTML`.
//
// What the rewrite does: both statements become `__newsmithSetInertHTML(target, html)`, which
// - refuses (throws) when the target's document is live, so the bundled Readability can never parse page HTML into
//   the real page, whoever calls it (Newsmith's extractor catches the error). Live means: the document has a window
//   (`defaultView`) AND the code runs in a browser (a `window` global exists). In a browser `defaultView` is non-null
//   exactly for a document with a browsing context (the page, a frame); it is null for a `cloneNode(true)` copy, a
//   DOMParser or a createHTMLDocument document (the HTML standard; test/e2e/readability-helper.test.ts checks it
//   in Chromium). Outside a browser no document has a
//   browsing context, whatever its DOM library puts there: linkedom's `defaultView` is a stand-in over Node's global,
//   on every document, clones and the one being extracted in place (src/extract/node.ts) included, and linkedom
//   never runs a script or fetches anything. The `window` global is what tells the two apart: a browser page, frame
//   or content script always has one, Node never does;
// - parses the string with a DOMParser from the target document's realm: in a browser the global one (the target's
//   document, being inert, has no window to take it from); on linkedom the document's own (`defaultView.DOMParser`,
//   which linkedom gives the documents it parsed, and so to the nodes of their clones; Node has no global one);
// - parses in the same parser state as the `innerHTML` setter: "in body" insertion mode (`<body>` + html, the children
//   of the parsed document's first <body> in tree order, which is its body; linkedom's `body` getter would add a new
//   one), the same quirks mode as the target document (no doctype for a BackCompat one), scripting disabled as in
//   any document without a browsing context (XML documents: XML parsing, as the setter does there, and a SyntaxError
//   for markup that is not well-formed). The tree built is the setter's: in Chromium (test/e2e/readability-helper.test.ts)
//   and on linkedom, whose setter runs the same htmlparser2 parse (test/unit/readability-patch.test.ts);
// - moves the parsed nodes in as the target's children, replacing the old ones, as the setter does.
// So on the documents Newsmith gives it, Readability builds the same tree as before.
//
// The build fails if Readability's code changed so that either statement is not found exactly once: an upgrade
// is then checked again by hand instead of shipping a silently different patch (package.json pins the version).
//
// Wiring: `import { readabilitySafe } from './vite-readability-safe.mjs';` and `plugins: [readabilitySafe()]`; a
// build for Node must also bundle the package (`ssr: { noExternal: ['@mozilla/readability'] }`), vitest inline it
// (`test.server.deps.inline`): a plugin cannot change a module that is loaded past the bundler.

const MODULE = /[\\/]@mozilla[\\/]readability[\\/]Readability\.js$/;

/** The exact statements replaced, each expected once in Readability.js. */
export const REPLACEMENTS = [
  ['page.innerHTML = pageCacheHtml;', '__newsmithSetInertHTML(page, pageCacheHtml);'],
  ['tmp.innerHTML = noscript.innerHTML;', '__newsmithSetInertHTML(tmp, noscript.innerHTML);'],
];

/** Appended to the module (function declarations are hoisted, so the order does not matter). */
export const HELPER = `
/* Added by scripts/vite-readability-safe.mjs: innerHTML's effect through DOMParser, never into a live page. */
function __newsmithSetInertHTML(target, html) {
  var doc = target.ownerDocument;
  var view = doc.defaultView;
  // Live: a browser document with a window. Outside a browser (Node: linkedom) no document is live.
  if (view && typeof window !== "undefined") throw new Error("Readability must run on a detached copy of the page, not on the live page");
  var Parser = (view && view.DOMParser) || (typeof DOMParser === "function" ? DOMParser : null);
  if (!Parser) throw new Error("Readability: no DOMParser for this document");
  var parsed, nodes;
  if (doc.contentType === "text/html" || !doc.contentType) {
    var doctype = doc.compatMode === "BackCompat" ? "" : "<!doctype html>";
    parsed = new Parser().parseFromString(doctype + "<body>" + html, "text/html");
    // The first <body> in tree order: the document's body (linkedom's \`body\` getter adds one of its own).
    nodes = parsed.querySelector("body").childNodes;
  } else {
    parsed = new Parser().parseFromString('<div xmlns="' + target.namespaceURI + '">' + html + "</div>", "application/xml");
    // DOMParser reports markup that is not well-formed with a <parsererror> element; the setter throws.
    if (parsed.getElementsByTagName("parsererror").length) throw new DOMException("Not well-formed XML", "SyntaxError");
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
      throw new Error(
        `vite-readability-safe: expected "${from}" once in @mozilla/readability/Readability.js, found it ${count} times; check the new Readability version by hand`,
      );
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
