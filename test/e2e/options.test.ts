// The options page as a user meets it: provider presets, loading the endpoint's models, and the shortcut shown in the popup.
import { describe, expect, it } from 'vitest';
import { useSession } from './fixtures/setup';

const s = useSession();

describe('options', () => {
  it('a provider preset fills the endpoint and model and shows its hint', async () => {
    const page = await s.ext.openOptions();
    await page.locator('form[data-ready=true]').waitFor();
    await page.getByTestId('provider').selectOption('ollama');
    expect(await page.getByTestId('base-url').inputValue()).toBe('http://localhost:11434/v1');
    expect(await page.getByTestId('model').inputValue()).toBe('llama3.1');
    expect(await page.getByTestId('provider-hint').textContent()).toContain('OLLAMA_ORIGINS');
    await page.getByTestId('base-url').fill('https://api.groq.com/openai/v1');
    expect(await page.getByTestId('provider').inputValue()).toBe('groq');
    await page.close();
  });

  it('Load models lists the models of the endpoint', async () => {
    s.server.models = ['zeta-model', 'alpha-model'];
    const page = await s.ext.openOptions();
    await page.locator('form[data-ready=true]').waitFor();
    await page.getByTestId('load-models').click();
    await page.getByTestId('models-status').filter({ hasText: '2 models' }).waitFor();
    expect(await page.locator('#models option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['alpha-model', 'zeta-model']);
    await page.close();
  });

  it('asks before a saved key goes to a new host, and saves nothing until then', async () => {
    const page = await s.ext.openOptions();
    await page.locator('form[data-ready=true]').waitFor();
    const otherHost = s.server.baseURL.replace('127.0.0.1', 'localhost');
    await page.getByTestId('base-url').fill(otherHost);
    // Testing the unsaved new host does not send it the saved key either.
    const before = s.server.requests.length;
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid=connection-status][data-ok]').filter({ hasNotText: 'Testing' }).waitFor();
    const probe = s.server.requests.slice(before).find((r) => r.path.endsWith('/models'));
    expect(probe?.headers.authorization).toBeDefined();
    expect(probe?.headers.authorization).not.toContain(s.settings.apiKey);
    await page.getByTestId('save').click();
    await page.getByTestId('confirm-host').waitFor();
    expect(await page.getByTestId('confirm-host').textContent()).toContain('localhost');
    await page.reload();
    await page.locator('form[data-ready=true]').waitFor();
    expect(await page.getByTestId('base-url').inputValue()).toBe(s.server.baseURL);
    // Another port on the same host is another destination: asked too (key-destination.test.ts has scheme and HTTP).
    await page.getByTestId('base-url').fill(s.server.baseURL.replace(/:\d+\//, ':9/'));
    await page.getByTestId('save').click();
    await page.getByTestId('confirm-host').waitFor();
    await page.getByTestId('confirm-host-no').click();
    // Confirming sends the key there.
    await page.getByTestId('base-url').fill(otherHost);
    await page.getByTestId('save').click();
    await page.getByTestId('confirm-host-yes').click();
    await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
    await page.reload();
    await page.locator('form[data-ready=true]').waitFor();
    expect(await page.getByTestId('base-url').inputValue()).toBe(otherHost);
    // Back to the test server: its key stayed saved for it (one key per endpoint), so nothing is asked.
    await page.getByTestId('base-url').fill(s.server.baseURL);
    await page.getByTestId('save').click();
    await page.locator('[data-testid=save-status][data-ok=true]').waitFor();
    expect(await page.getByTestId('confirm-host').isHidden()).toBe(true);
    await page.close();
  });

  it('the popup shows the toolbar shortcut', async () => {
    s.server.enqueue({ text: '# H\n\nBody.' });
    const { popup } = await s.open(s.articleUrl('shortcut'));
    await popup.waitForState('done', 10_000);
    expect(await popup.text('shortcut')).toMatch(/Shortcut: Alt\+Shift\+N|No shortcut set/);
  });
});
