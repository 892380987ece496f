// The floor for "click to first word" (issue 19): the least an extension can do between a toolbar click and the
// first character of an answer on screen. Its popup, on load, asks its worker to fetch the chat stream from the same
// local server with the same request body Newsmith sends, and paints each chunk as it comes; no extraction, no prompt
// building, no checks, no storage. Written by the bench into .bench/minimal-extension/ before each run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const POPUP_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Minimal</title><style>body { width: 480px; font: 14px/1.5 sans-serif; }</style></head>
  <body>
    <div id="app" data-state="extracting"><h1 data-testid="headline"></h1><p data-testid="article"></p></div>
    <script src="popup.js"></script>
  </body>
</html>
`;

const POPUP_JS = `const article = document.querySelector('[data-testid=article]');
const app = document.getElementById('app');
const port = chrome.runtime.connect({ name: 'stream' });
port.onMessage.addListener((m) => {
  if (m.text) {
    app.dataset.state = 'writing';
    article.textContent += m.text;
  }
  if (m.done) app.dataset.state = 'done';
});
`;

/** The worker: on a popup's connection, one streaming fetch, each SSE delta passed on as it is read. */
const backgroundJs = (url, body, key) => `const URL_ = ${JSON.stringify(url)};
const BODY = ${JSON.stringify(body)};
chrome.runtime.onConnect.addListener(async (port) => {
  const res = await fetch(URL_, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ${key}' }, body: BODY });
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += decoder.decode(value, { stream: true });
    const lines = rest.split('\\n');
    rest = lines.pop();
    let text = '';
    for (const line of lines) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      try {
        text += JSON.parse(line.slice(6)).choices?.[0]?.delta?.content ?? '';
      } catch {}
    }
    if (text) port.postMessage({ text });
  }
  port.postMessage({ done: true });
});
`;

/** Writes the minimal extension for `url` (the chat completions route) and `body` (Newsmith's request); returns its folder. */
export function writeMinimalExtension(dir, { url, body, key }) {
  mkdirSync(join(dir, 'popup'), { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify(
      {
        manifest_version: 3,
        name: 'Minimal floor',
        version: '1.0',
        action: { default_popup: 'popup/index.html' },
        background: { service_worker: 'background.js' },
        permissions: ['activeTab'],
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'popup', 'index.html'), POPUP_HTML);
  writeFileSync(join(dir, 'popup', 'popup.js'), POPUP_JS);
  writeFileSync(join(dir, 'background.js'), backgroundJs(url, body, key));
  return dir;
}
