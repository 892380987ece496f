// The UI in the browser's language: Chromium started in German (--lang=de, LANGUAGE=de) shows the popup, the
// options page, the history page and an error from the endpoint in German, with <html lang="de">.
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { plans } from '../support/llm-server';
import { saveOptions, useSession } from './fixtures/setup';

const s = useSession({ configure: false, lang: 'de' });

describe('German UI (browser language de)', () => {
  it('popup without a key: German words and lang="de"', async () => {
    const { popup } = await s.open(s.articleUrl('de-nokey'));
    await popup.waitForState('needs-key', 10_000);
    expect(await popup.eval<string>('document.documentElement.lang')).toBe('de');
    expect(await popup.text('open-options')).toBe('Optionen öffnen');
    expect(await popup.text('copy-prompt')).toBe('Prompt kopieren');
    expect(await popup.text('open-history')).toBe('Verlauf');
    expect(await popup.text('needs-key')).toContain('Hinterlegen Sie in den Optionen einen API-Schlüssel');
    // A counted message: the article's word count with the German plural.
    await popup.waitFor(`(document.querySelector('[data-testid="prompt-hint"]')?.textContent ?? '') !== ''`, 5000);
    expect(await popup.text('prompt-hint')).toMatch(/^Noch kein Schlüssel\? Kopieren Sie den Prompt für „.+“ \([\d.]+ Wörter\)/);
    expect(await popup.text('shortcut')).toMatch(/^(Tastenkürzel: |Kein Tastenkürzel festgelegt)/);
    // The manifest's __MSG_…__: the toolbar button's tooltip.
    expect(await popup.eval<string>('chrome.action.getTitle({})')).toBe('Diesen Artikel mit Newsmith umschreiben');
  });

  it('options page: German labels, German field errors, lang="de"', async () => {
    const page = await s.ext.openOptions();
    await page.locator('form[data-ready=true]').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.title()).toBe('Newsmith-Optionen');
    expect(await page.locator('legend').first().textContent()).toBe('Modell-Endpunkt');
    expect(await page.getByTestId('save').textContent()).toBe('Speichern');
    expect(await page.getByTestId('api-key').getAttribute('placeholder')).toBe('API-Schlüssel hier einfügen');
    expect(await page.getByTestId('preset').locator('option').first().textContent()).toBe('SEO-Neufassung (Standard)');
    // Chrome built-in AI: its product name and this Chromium's state (the API, no model), the download button's words.
    const onDevice = page.locator('[data-testid=provider] option[value=chrome-ai]');
    await expect.poll(() => onDevice.textContent()).toBe('Integrierte KI von Chrome (auf dem Gerät): auf diesem Computer nicht verfügbar');
    expect(await page.getByTestId('download-model').textContent()).toBe('Modell herunterladen');
    expect(await page.getByTestId('download-progress').getAttribute('aria-label')).toBe('Modell-Download');
    await page.getByTestId('base-url').fill('localhost:11434');
    await page.getByTestId('save').click();
    await poll(async () => (await page.getByTestId('save-status').textContent()) ?? '', 5000, 'the save status');
    expect(await page.getByTestId('save-status').textContent()).toBe('Nicht gespeichert: Korrigieren Sie die oben markierten Felder.');
    expect(await page.locator('#base-url-error').textContent()).toMatch(/^Geben Sie eine vollständige http:\/\/- oder https:\/\/-Adresse ein/);
    await page.close();
  });

  it('an error from the endpoint is said in German', async () => {
    await saveOptions(s, { 'api-key': 'sk-e2e-0123456789abcdef', 'base-url': s.server.baseURL, model: 'test-model' });
    s.server.enqueue(plans.unauthorized());
    const { popup } = await s.open(s.articleUrl('de-401'));
    await popup.waitForState('error', 10_000);
    expect(await popup.text('error')).toMatch(/hat den API-Schlüssel abgelehnt \(401\)\. Prüfen Sie Ihren API-Schlüssel in den Newsmith-Optionen\./);
    expect(await popup.text('regenerate')).toBe('Neu erstellen');
  });

  it('history page: German, with the German status word', async () => {
    const page = await s.ext.context.newPage();
    await page.goto(`${s.ext.origin}/history/index.html`);
    await poll(async () => (await page.getByTestId('entry').count()) > 0, 5000, 'history entries');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.title()).toBe('Newsmith-Verlauf');
    expect(await page.getByTestId('export-json').textContent()).toBe('Als JSON exportieren');
    expect(await page.getByTestId('search').getAttribute('placeholder')).toBe('Titel, Überschriften und Text durchsuchen');
    expect(await page.getByTestId('count').textContent()).toMatch(/^\d+ von \d+ Neufassung(en)?$/);
    expect(await page.getByTestId('entry').first().textContent()).toContain('fehlgeschlagen');
    await page.close();
  });
});
