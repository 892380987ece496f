/**
 * Everything `npm run bench` needs from the TypeScript sources, in one entry. bench/build-lib.mjs bundles it for
 * Node with Vite's build API into .bench/lib/bench-lib.mjs (gitignored); dependencies stay external packages.
 * Node 20 cannot import .ts, and the benches time plain Node, not a test runner.
 */
export { extractFromHtml, extractParsed, parseHtmlDocument } from '../src/extract/node';
export { checkFacts, checkOriginality, checkSeo, rewriteText, runChecks } from '../src/checks/index';
export { toPlainText } from '../src/rewrite/render';
export { parseAnswer } from '../src/rewrite/split';
export { estimateTokens } from '../src/tokens';
export { launchExtension, Popup, POPUP_PATH, type ExtensionHarness } from '../test/support/browser';
export { startLLMServer, type LLMServer } from '../test/support/llm-server';
export { pair } from './pairs';
export { PARSERS, SHAPES } from '../test/support/adversarial-answers';
export { storedVersions, headlineOf } from './stored-versions';
export { LABELLED_DIR, labelledCases, loadLabelled } from '../test/support/labelled';
export { formatLabelledScore, recallOf, scoreLabelled } from '../test/support/labelled-score';
export { runBatch } from '../cli/commands/batch';
