/// <reference types="chrome" />
// Options for people: the first-run guide (provider → key → test → done) on a fresh profile, and one key per
// endpoint (switching provider brings that provider's key back, moves none, and asks nothing).
import { createServer } from 'node:http';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LLMServer } from '../support/llm-server';
import { useSession } from './fixtures/setup';

const s = useSession({ configure: false });

async function options(): Promise<Page> {
  const page = await s.ext.openOptions();
  await page.locator('form[data-ready=true]').waitFor();
  return page;
}

const local = (page: Page): Promise<Record<string, unknown>> => page.evaluate(() => chrome.storage.local.get(null));
const step = (page: Page): Promise<string | null> => page.getByTestId('guide').getAttribute('data-step');

describe('options for people', () => {
  it('a fresh profile is guided from provider to key to test, and the working test saves', async () => {
    const page = await options();
    try {
      expect(await page.getByTestId('guide').isVisible()).toBe(true);
      expect(await step(page)).toBe('provider');
      expect(await page.locator('[data-guide-step=provider]').getAttribute('aria-current')).toBe('step');
      await page.getByTestId('provider').selectOption('lmstudio');
      expect(await step(page)).toBe('key');
      await page.getByTestId('base-url').fill(s.server.baseURL);
      await page.getByTestId('model').fill(s.settings.model);
      expect(await step(page)).toBe('key');
      await page.getByTestId('api-key').fill('sk-guide-0123456789');
      expect(await step(page)).toBe('test');
      expect(await page.locator('[data-guide-step=key]').getAttribute('data-done')).toBe('true');
      expect((await local(page)).apiKey).toBeUndefined();

      await page.getByTestId('test-connection').click();
      await page.locator('[data-testid=guide][data-step=done]').waitFor();
      await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
      expect(await page.getByTestId('guide-done').textContent()).toMatch(/All set and saved/);
      const stored = await local(page);
      expect(stored.apiKey).toBe('sk-guide-0123456789');
      expect(stored.apiKeyOrigin).toBe(new URL(s.server.baseURL).origin);
      expect(stored.baseURL).toBe(s.server.baseURL);
      // The test reached the server from here, so saving asked for no host permission.
      expect(await page.getByTestId('permission-status').textContent()).toMatch(/no permission is needed/);

      await page.reload();
      await page.locator('form[data-ready=true]').waitFor();
      expect(await page.getByTestId('guide').isHidden()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('each endpoint keeps its own key: switching provider moves none, asks nothing, and brings the right one back', async () => {
    const first = 'sk-guide-0123456789'; // saved for 127.0.0.1 by the test above
    const second = 'sk-other-host-5678';
    const ip = s.server.baseURL;
    const named = ip.replace('127.0.0.1', 'localhost');
    const ipOrigin = new URL(ip).origin;
    const namedOrigin = new URL(named).origin;
    const page = await options();
    try {
      // To a preset with no key of its own: nothing asked, the key stays with its endpoint.
      await page.getByTestId('provider').selectOption('groq');
      expect(await page.getByTestId('api-key').getAttribute('placeholder')).not.toMatch(/6789/);
      await page.getByTestId('save').click();
      await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
      expect(await page.getByTestId('confirm-host').isHidden()).toBe(true);
      let stored = await local(page);
      expect(stored.apiKey).toBeUndefined();
      expect(stored.otherKeys).toEqual({ [ipOrigin]: first });
      expect(JSON.stringify(await page.evaluate(() => chrome.storage.sync.get(null)))).not.toContain(first);

      // Back: the key shows (masked) and is in use again, without a question.
      await page.getByTestId('base-url').fill(ip);
      await page.getByTestId('model').fill(s.settings.model);
      expect(await page.getByTestId('api-key').getAttribute('placeholder')).toMatch(/6789/);
      await page.getByTestId('save').click();
      await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
      stored = await local(page);
      expect(stored).toMatchObject({ apiKey: first, apiKeyOrigin: ipOrigin });
      expect(stored.otherKeys).toBeUndefined();

      // A second endpoint with its own key typed.
      await page.getByTestId('base-url').fill(named);
      await page.getByTestId('api-key').fill(second);
      await page.getByTestId('save').click();
      await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
      stored = await local(page);
      expect(stored).toMatchObject({ apiKey: second, apiKeyOrigin: namedOrigin, otherKeys: { [ipOrigin]: first } });

      // Test connection on the first endpoint, not saved yet, uses that endpoint's own key.
      await page.getByTestId('base-url').fill(ip);
      const before = s.server.requests.length;
      await page.getByTestId('test-connection').click();
      await page.locator('[data-testid=connection-status]').filter({ hasNotText: 'Testing' }).waitFor();
      expect(await page.getByTestId('connection-status').textContent()).toMatch(/^Connected/);
      const probe = s.server.requests.slice(before).find((r) => r.path.endsWith('/models'));
      expect(probe?.headers.host).toContain('127.0.0.1');
      expect(probe?.headers.authorization).toBe(`Bearer ${first}`);
      await page.getByTestId('save').click();
      await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
      stored = await local(page);
      expect(stored).toMatchObject({ apiKey: first, apiKeyOrigin: ipOrigin, otherKeys: { [namedOrigin]: second } });

      // No request ever carried a key to the other endpoint's host.
      for (const r of s.server.requests) {
        const auth = String(r.headers.authorization ?? '');
        if (String(r.headers.host).startsWith('localhost')) expect(auth).not.toContain(first);
        else expect(auth).not.toContain(second);
      }
    } finally {
      await page.close();
    }
  });

  it('a problem is shown beside its field and the first bad field gets the focus; Save stays in view', async () => {
    const page = await options();
    try {
      await page.getByTestId('history-limit').fill('3');
      await page.getByTestId('persona').fill('');
      await page.evaluate(() => window.scrollTo(0, 0));
      const bar = await page.getByTestId('save').boundingBox();
      const viewport = page.viewportSize();
      expect(bar && viewport && bar.y + bar.height <= viewport.height).toBe(true);
      await page.getByTestId('save').click();
      expect(await page.getByTestId('save-status').textContent()).toMatch(/not saved/i);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('persona');
      for (const id of ['persona', 'history-limit']) {
        const field = page.locator(`#${id}`);
        expect(await field.getAttribute('aria-invalid')).toBe('true');
        const note = await field.getAttribute('aria-describedby');
        expect(await page.locator(`#${note}`).textContent()).not.toBe('');
      }
    } finally {
      await page.close();
    }
  });

  it('a preset whose server answers the extension saves with no permission prompt; one whose server does not asks on Save', async () => {
    // LM Studio's preset (localhost:1234) answers with CORS headers; Ollama's (localhost:11434) answers without them.
    const lmStudio = await new LLMServer().listen(1234);
    const seen: string[] = [];
    const ollama = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(req.method === 'OPTIONS' ? 204 : 401, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve, reject) => ollama.once('error', reject).listen(11434, '127.0.0.1', resolve));
    const page = await options();
    try {
      await page.getByTestId('provider').selectOption('lmstudio');
      await expect.poll(() => lmStudio.requests.filter((r) => /\/models$/.test(r.path)).length, { timeout: 10_000 }).toBe(1);
      const probe = lmStudio.requests.find((r) => /\/models$/.test(r.path));
      expect(probe?.headers.authorization).toBe('Bearer no-key'); // no saved key goes with the probe
      await page.locator('[data-testid=permission-status][data-probed=true]').waitFor();
      await page.getByTestId('save').click();
      await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
      expect(await page.getByTestId('permission-status').textContent()).toMatch(/localhost:1234 answers the extension directly: no permission is needed/);

      await page.getByTestId('provider').selectOption('ollama');
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(seen.join('\n')).not.toMatch(/sk-/);
      await page.locator('[data-testid=permission-status][data-probed=false]').waitFor();
      await page.getByTestId('save').click();
      await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
      expect(await page.getByTestId('permission-status').textContent()).toMatch(/Asking the browser for access to localhost:11434/);
    } finally {
      await page.close();
      await lmStudio.close();
      await new Promise((resolve) => ollama.close(resolve));
    }
  });
});
