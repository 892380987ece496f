// Chrome built-in AI (on-device, the Prompt API), against a faithful stand-in for `LanguageModel`: this Chromium
// has no on-device model. The stand-in is put into the service worker (where jobs run) and into the options page,
// only here; no API key is ever set in this file.
import type { Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { poll, sleep } from '../support/browser';
import { installLanguageModelStandIn, type StandInConfig, type StandInRecord } from '../support/language-model-stand-in';
import { ANSWER, ARTICLE_TITLE } from './fixtures/index';
import { hasText, lines, textMatches, useSession } from './fixtures/setup';

const s = useSession({ configure: false });

function worker(): Worker {
  const w = s.ext.context.serviceWorkers().find((sw) => sw.url().startsWith(s.ext.origin));
  if (!w) throw new Error('no extension service worker');
  return w;
}

/** Puts the stand-in into the service worker (anew: a fresh record, the given state). */
async function standInWorker(config: Partial<StandInConfig> = {}): Promise<void> {
  await worker().evaluate(() => {
    const g = globalThis as { LanguageModel?: unknown; __realLanguageModel?: unknown };
    if (!('__realLanguageModel' in g)) g.__realLanguageModel = g.LanguageModel;
  });
  const full: StandInConfig = { availability: 'available', answer: ANSWER.raw, chunkChars: 16, delayMs: 25, ...config };
  await worker().evaluate(installLanguageModelStandIn, full);
}

async function record(): Promise<StandInRecord> {
  return worker().evaluate(() => (globalThis as unknown as { __languageModelStandIn: { record: StandInRecord } }).__languageModelStandIn.record);
}

/** The options page with the stand-in in it (before any of its scripts run), settings loaded. */
async function optionsWithStandIn(config: Partial<StandInConfig> = {}): Promise<Page> {
  const page = await s.ext.context.newPage();
  const full: StandInConfig = { availability: 'available', answer: ANSWER.raw, ...config };
  await page.addInitScript(installLanguageModelStandIn, full);
  await page.goto(s.ext.optionsUrl);
  await page.locator('form[data-ready=true]').waitFor();
  return page;
}

async function chooseOnDevice(): Promise<void> {
  const page = await optionsWithStandIn();
  await page.getByTestId('provider').selectOption('chrome-ai');
  await page.getByTestId('save').click();
  await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
  await page.close();
}

describe('Chrome built-in AI (on-device)', () => {
  it('is listed with its live availability; picking it hides the key and endpoint, and Test connection asks the model', async () => {
    await standInWorker({ contextWindow: 6144 });
    const page = await optionsWithStandIn();
    const option = page.locator('[data-testid=provider] option[value=chrome-ai]');
    await expect.poll(() => option.textContent()).toBe('Chrome built-in AI (on-device): ready');
    await page.getByTestId('provider').selectOption('openai');
    expect(await page.getByTestId('endpoint-fields').isVisible()).toBe(true);
    expect(await page.getByTestId('on-device').isVisible()).toBe(false);
    await page.getByTestId('provider').selectOption('chrome-ai');
    expect(await page.getByTestId('endpoint-fields').isVisible()).toBe(false);
    expect(await page.getByTestId('api-key').isVisible()).toBe(false);
    expect(await page.getByTestId('on-device-status').textContent()).toMatch(/ready/);
    expect(await page.getByTestId('download-model').isVisible()).toBe(false);

    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid=connection-status][data-ok=true]').filter({ hasText: 'ready' }).waitFor();
    expect(await page.getByTestId('connection-status').textContent()).toMatch(/on-device model is ready\. It takes prompts of up to about 2,764 tokens/);
    expect((await record()).created).toBe(1);
    expect((await record()).destroyed).toBe(1);
    // On a fresh profile the first-run guide saves a choice whose test worked.
    await page.locator('[data-testid=guide][data-step=done]').waitFor();
    expect(await page.evaluate(() => chrome.storage.local.get('provider'))).toEqual({ provider: 'chrome-ai' });
    await page.evaluate(() => chrome.storage.local.remove('provider'));
    await page.close();

    // No stand-in: this Chromium's own Prompt API, which has the API but no model ("unavailable"), as it says.
    const bare = await s.ext.openOptions();
    await bare.locator('form[data-ready=true]').waitFor();
    const bareOption = bare.locator('[data-testid=provider] option[value=chrome-ai]');
    await expect.poll(() => bareOption.textContent()).toBe('Chrome built-in AI (on-device): not available on this computer');
    expect(await bareOption.isDisabled()).toBe(true);
    // And where the browser has no Prompt API at all (Firefox, older Chrome).
    await bare.evaluate(() => {
      delete (globalThis as { LanguageModel?: unknown }).LanguageModel;
      window.dispatchEvent(new Event('focus'));
    });
    await expect.poll(() => bareOption.textContent()).toBe('Chrome built-in AI (on-device): not in this browser');
    expect(await bareOption.isDisabled()).toBe(true);
    await bare.close();
  });

  it("with this Chromium's own Prompt API (it has no model): no job starts, the popup says so and offers Copy prompt", async () => {
    // Picked on a page that has the stand-in (the real API would not let the option be chosen); the worker gets its
    // own API back.
    await chooseOnDevice();
    await worker().evaluate(() => {
      const g = globalThis as { LanguageModel?: unknown; __realLanguageModel?: unknown };
      g.LanguageModel = g.__realLanguageModel;
    });
    expect(await worker().evaluate(() => typeof (globalThis as { LanguageModel?: unknown }).LanguageModel)).toBe('function');
    const { popup } = await s.open(s.articleUrl('on-device-real'));
    await popup.waitForState('needs-key', 10_000);
    expect(await popup.text('error')).toMatch(/on-device model cannot run here/);
    await popup.waitFor(`!document.querySelector('[data-testid="copy-prompt"]').disabled`, 5000);
    expect(await popup.visible('copy-prompt')).toBe(true);

    const page = await s.ext.openOptions();
    await page.locator('form[data-ready=true]').waitFor();
    expect(await page.getByTestId('endpoint-fields').isVisible()).toBe(false);
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid=connection-status][data-ok=false]').filter({ hasText: 'cannot run here' }).waitFor();
    await page.close();
    expect(s.server.chatRequests).toHaveLength(0);
  });

  it('streams the rewrite into the popup from the on-device model, with no API key and no request anywhere', async () => {
    await chooseOnDevice();
    await standInWorker({ chunkChars: 9, delayMs: 30 });
    const { popup } = await s.open(s.articleUrl('on-device'));
    await popup.waitForState('writing', 10_000);
    await popup.waitFor(hasText('article'), 10_000);
    // Mid-stream: only part of the answer is there yet.
    expect(lines(await popup.text('article')).join(' ').length).toBeLessThan(ANSWER.body.length);
    expect(await popup.waitForState('done', 20_000)).toBe('done');
    expect((await popup.text('headline'))?.trim()).toBe(ANSWER.headline);
    expect(lines(await popup.text('article'))).toEqual(ANSWER.paragraphs);
    expect(await popup.text('estimate')).toMatch(/free/);

    const r = await record();
    expect(r.prompts).toHaveLength(1);
    const prompt = r.prompts[0]!;
    const initial = prompt.initialPrompts as { role: string; content: string }[];
    expect(initial).toHaveLength(1);
    expect(initial[0]!.role).toBe('system');
    expect(initial[0]!.content).toContain('English');
    const input = prompt.input as { role: string; content: string }[];
    expect(input[0]!.role).toBe('user');
    expect(input[0]!.content).toContain(ARTICLE_TITLE);
    expect(prompt.expectedOutputs).toEqual([{ type: 'text', languages: ['en'] }]);
    expect(r.destroyed).toBe(r.created);
    expect(s.server.chatRequests).toHaveLength(0);
    expect(s.server.preflights).toHaveLength(0);
  });

  it('with a key and an OpenAI model also saved, the article still goes nowhere: not even to be counted', async () => {
    // An OpenAI model name with a key would have its prompt counted by the endpoint; on-device it must not be.
    const page = await optionsWithStandIn();
    await page.getByTestId('provider').selectOption('openai');
    await page.getByTestId('api-key').fill(s.settings.apiKey);
    await page.getByTestId('base-url').fill(s.settings.baseURL);
    await page.getByTestId('model').fill('gpt-4o-mini');
    await page.getByTestId('provider').selectOption('chrome-ai');
    await page.getByTestId('save').click();
    await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
    await page.close();
    await standInWorker({ chunkChars: 40, delayMs: 5 });
    const { popup } = await s.open(s.articleUrl('on-device-with-key'));
    expect(await popup.waitForState('done', 20_000)).toBe('done');
    await sleep(500);
    expect(s.server.requests.filter((r) => r.path.startsWith('/v1'))).toEqual([]);
    expect(s.server.preflights).toHaveLength(0);
    expect((await record()).prompts).toHaveLength(1);
  });

  it('Stop ends the on-device stream: the text so far is kept and the session is freed', async () => {
    await chooseOnDevice();
    await standInWorker({ chunkChars: 4, delayMs: 120 });
    const { popup } = await s.open(s.articleUrl('on-device-stop'));
    await popup.waitFor(hasText('article'), 10_000);
    await popup.click('stop');
    await popup.waitForState('error', 10_000);
    expect(await popup.eval(`document.querySelector('[data-testid="error"]').dataset.code`)).toBe('stopped');
    expect(await popup.text('error')).toMatch(/Stopped\. The text so far is kept/);
    const kept = (await popup.text('article')) ?? '';
    expect(kept.length).toBeGreaterThan(0);
    const r = await poll(
      async () => {
        const now = await record();
        return now.aborted === 1 && now.destroyed === now.created ? now : null;
      },
      3000,
      'the stand-in to see the abort and the session destroyed',
    );
    expect(r.prompts).toHaveLength(1);
    // Nothing more arrives after the stop.
    await sleep(400);
    expect((await popup.text('article')) ?? '').toBe(kept);
  });

  it('an article too long for the model gets a clear message before anything is written', async () => {
    await chooseOnDevice();
    // A window so small that even one section's prompt cannot fit.
    await standInWorker({ contextWindow: 300 });
    const { popup } = await s.open(s.articleUrl('on-device-long'));
    await popup.waitForState('error', 15_000);
    expect(await popup.eval(`document.querySelector('[data-testid="error"]').dataset.code`)).toBe('too-long');
    expect(await popup.text('error')).toMatch(
      /too long for Chrome's on-device model \(≈ [\d,]+ tokens; it takes [\d,]+\)\. Lower "Largest prompt per request" in options so it is rewritten in sections, or choose another provider/,
    );
    expect((await record()).prompts).toHaveLength(0);
  });

  it("a long article is written in sections sized to the model's window", async () => {
    await chooseOnDevice();
    // About 2,000 tokens a prompt: the ~500-word article takes two sections of about 500 tokens each.
    await standInWorker({ contextWindow: 2_400, chunkChars: 40, delayMs: 5 });
    const { popup } = await s.open(s.articleUrl('on-device-sections'));
    expect(await popup.waitForState('done', 30_000)).toBe('done');
    const r = await record();
    expect(r.prompts.length).toBeGreaterThan(1);
    expect(await popup.text('estimate')).toMatch(new RegExp(`in ${r.prompts.length} sections`));
  });

  it('unavailable or missing: no job starts, the popup says why and Copy prompt stays', async () => {
    await chooseOnDevice();
    await standInWorker({ availability: 'unavailable' });
    const { popup } = await s.open(s.articleUrl('on-device-unavailable'));
    await popup.waitForState('needs-key', 10_000);
    expect(await popup.text('error')).toMatch(/on-device model cannot run here.*Choose another provider/);
    await popup.waitFor(`!document.querySelector('[data-testid="copy-prompt"]').disabled`, 5000);
    expect(await popup.visible('copy-prompt')).toBe(true);
    expect(await popup.visible('open-options')).toBe(true);
    expect(await popup.text('prompt-hint')).toMatch(/^Meanwhile, copy the prompt/);
    expect((await record()).created).toBe(0);

    await worker().evaluate(() => {
      delete (globalThis as { LanguageModel?: unknown }).LanguageModel;
    });
    const again = await s.open(s.articleUrl('on-device-missing'));
    await again.popup.waitForState('needs-key', 10_000);
    expect(await again.popup.text('error')).toMatch(/no built-in model \(Chrome's Prompt API needs Chrome 138 or newer\)/);
    expect(s.server.chatRequests).toHaveLength(0);
  });

  it('not downloaded yet: the popup points to the options, where the download starts on a click and shows its progress', async () => {
    await chooseOnDevice();
    await standInWorker({ availability: 'downloadable' });
    const { popup } = await s.open(s.articleUrl('on-device-download'));
    await popup.waitForState('needs-key', 10_000);
    await popup.waitFor(textMatches('error', /has not downloaded its on-device model yet.*Download the model/), 5000);
    // The worker never starts a download itself (it has no user gesture).
    expect((await record()).created).toBe(0);

    const page = await optionsWithStandIn({ availability: 'downloadable', downloadSteps: 5, downloadDelayMs: 150 });
    const option = page.locator('[data-testid=provider] option[value=chrome-ai]');
    await expect.poll(() => option.textContent()).toBe('Chrome built-in AI (on-device): needs a download');
    expect(await page.getByTestId('endpoint-fields').isVisible()).toBe(false);
    await page.getByTestId('download-model').click();
    await page.getByTestId('download-progress').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('on-device-status').textContent(), { timeout: 5000 }).toMatch(/Downloading the on-device model… [1-9]\d*%/);
    await expect.poll(() => option.textContent(), { timeout: 5000 }).toBe('Chrome built-in AI (on-device): ready');
    expect(await page.getByTestId('download-progress').isVisible()).toBe(false);
    expect(await page.getByTestId('download-model').isVisible()).toBe(false);
    const progress = await page.evaluate(
      () => (globalThis as unknown as { __languageModelStandIn: { record: StandInRecord } }).__languageModelStandIn.record.progress,
    );
    expect(progress).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    await page.close();
  });
});
