// Send to WordPress from the built extension, against a real WordPress (test/support/wordpress.ts): the site added and
// tested in the options (the application password kept in storage.local only), a finished rewrite sent as a draft
// from the popup and read back through the REST API, sent again (the same post updated), a wrong password and the
// site stopped each said in words. Skipped, saying why, where WordPress is not installed; .ci/run installs it.
// The extension reaches the site through corsFrontDoor, which stands in for the host permission the options page
// asks for (headless Chromium cannot answer that prompt).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsFrontDoor, startWordPress, wordpressMissing, type WordPress, type WpPost } from '../support/wordpress';
import { poll } from '../support/browser';
import { useSession } from './fixtures/setup';

const missing = await wordpressMissing();
if (missing) console.warn(`e2e/wordpress.test.ts skipped: ${missing}`);

const ANSWER =
  '# Night Reading Room <b>Opens</b> in Harbour City\n\n' +
  'Harbour City Library will keep its main reading room open until midnight.\n\n' +
  '## What changes\n\n' +
  'The room opens late on weekdays, the library said.\n\n' +
  'Meta description: The library opens its reading room until midnight.\n' +
  'Slug: night-reading-room\n' +
  'Keywords: library, Harbour City';

describe.skipIf(missing !== null)('Send to WordPress as draft', () => {
  const s = useSession();
  let wp: WordPress;
  let door: Awaited<ReturnType<typeof corsFrontDoor>>;
  /** The site's address as the user gives it (the front door). */
  let site: string;
  beforeAll(async () => {
    wp = await startWordPress();
    door = await corsFrontDoor(wp);
    site = door.url;
  }, 120_000);
  afterAll(async () => {
    await door?.close();
    await wp?.stop();
  });

  const post = (id: number) => wp.get<WpPost>(`/wp/v2/posts/${id}?context=edit`);
  const drafts = async () => (await wp.get<WpPost[]>('/wp/v2/posts?status=draft,pending&per_page=100&context=edit')).length;

  async function saveSite(password: string): Promise<Page> {
    const page = await s.ext.openOptions();
    await page.locator('form[data-ready=true]').waitFor();
    await page.getByTestId('wp-url').fill(site);
    await page.getByTestId('wp-user').fill(wp.admin.user);
    await page.getByTestId('wp-password').fill(password);
    return page;
  }

  it('adds the site in the options: Test says who the password is for, and the password stays in storage.local', async () => {
    const page = await saveSite(wp.admin.appPassword);
    try {
      // Plain http to another computer is refused before anything is saved or sent.
      await page.getByTestId('wp-url').fill('http://news.example/');
      await page.getByTestId('wp-save').click();
      await page.locator('[data-testid=wp-result][data-ok=false]', { hasText: 'Use https:// for news.example' }).waitFor();
      expect(await page.evaluate(() => chrome.storage.local.get('wordpressSite'))).toEqual({});
      await page.getByTestId('wp-url').fill(site);
      await page.getByTestId('wp-test').click();
      await page.locator('[data-testid=wp-result][data-ok=true]', { hasText: 'Connected as editor: drafts can be sent.' }).waitFor({ timeout: 15_000 });
      // Test listed the site's categories: drafts go in the one picked.
      await page.getByTestId('wp-category').selectOption({ label: 'Harbour News' });
      await page.getByTestId('wp-save').click();
      await page.locator('[data-testid=wp-result]', { hasText: 'Site saved.' }).waitFor();
      const local = (await page.evaluate(() => chrome.storage.local.get('wordpressSite'))) as { wordpressSite: { url: string; password: string } };
      expect(local.wordpressSite).toMatchObject({ url: site, password: wp.admin.appPassword });
      expect(JSON.stringify(await page.evaluate(() => chrome.storage.sync.get(null)))).not.toContain(wp.admin.appPassword);
      expect(await page.getByTestId('wp-password').inputValue()).toBe('');
      expect(await page.getByTestId('wp-password').getAttribute('placeholder')).toMatch(/Saved \(hidden\)/);
    } finally {
      await page.close();
    }
  });

  it('sends a finished rewrite as a draft with every field right; sending it again updates the same post', async () => {
    s.server.enqueue({ text: ANSWER });
    const { popup } = await s.open(s.articleUrl('review'));
    await popup.waitForState('done', 15_000);
    await popup.waitFor(`!document.querySelector('[data-testid=send-wp]').hidden`, 5_000);
    const before = await drafts();
    await popup.click('send-wp');
    await popup.waitFor(`/Saved in WordPress as post \\d+/.test(document.querySelector('[data-testid=wp-sent-text]').textContent)`, 15_000);
    const id = Number(/post (\d+)/.exec((await popup.text('wp-sent-text')) ?? '')?.[1]);
    expect(await popup.eval(`document.querySelector('[data-testid=wp-open]').href`)).toBe(`${site}wp-admin/post.php?post=${id}&action=edit`);
    const p = await post(id);
    expect(p.status).toBe('draft');
    expect(p.title.raw).toBe('Night Reading Room &lt;b&gt;Opens&lt;/b&gt; in Harbour City');
    expect(p.content.raw).toMatch(
      /^<p>Harbour City Library will keep its main reading room open until midnight\.<\/p>\n<h2>What changes<\/h2>\n<p>The room opens late on weekdays, the library said\.<\/p>\n<p>Source: <a href="http:\/\/127\.0\.0\.1:\d+\/page\/article\?[^"]*case=review">127\.0\.0\.1:\d+<\/a><\/p>$/,
    );
    expect(p.excerpt.raw).toBe('The library opens its reading room until midnight.');
    expect(p.slug).toBe('night-reading-room');
    const category = (await wp.get<{ id: number; name: string }[]>('/wp/v2/categories?search=Harbour')).find((c) => c.name === 'Harbour News');
    expect(p.categories).toEqual([category?.id]);
    const tags = await Promise.all(p.tags.map((t) => wp.get<{ name: string }>(`/wp/v2/tags/${t}`)));
    expect(tags.map((t) => t.name).sort()).toEqual(['Harbour City', 'library']);
    expect(await drafts()).toBe(before + 1);

    // Again: the version remembers its post, so the draft is updated, not doubled.
    expect(await popup.text('send-wp')).toBe('Update the draft in WordPress');
    await popup.click('send-wp');
    await popup.waitFor(
      `document.querySelector('[data-testid=send-wp]').disabled === false && /post ${id}/.test(document.querySelector('[data-testid=wp-sent-text]').textContent)`,
      15_000,
    );
    expect(await drafts()).toBe(before + 1);
  });

  it('a new version of a sent page asks: replace that post or make a new draft; the review page sends too', async () => {
    s.server.enqueue({ text: ANSWER }, { text: ANSWER.replace('until midnight.', 'until one in the morning.') });
    const { popup } = await s.open(s.articleUrl('versions'));
    await popup.waitForState('done', 15_000);
    await popup.waitFor(`!document.querySelector('[data-testid=send-wp]').hidden`, 5_000);
    await popup.click('send-wp');
    await popup.waitFor(`/Saved in WordPress as post \\d+/.test(document.querySelector('[data-testid=wp-sent-text]').textContent)`, 15_000);
    const first = Number(/post (\d+)/.exec((await popup.text('wp-sent-text')) ?? '')?.[1]);
    const count = await drafts();

    await popup.click('regenerate');
    await popup.waitFor(`document.querySelector('[data-testid=article]').textContent.includes('one in the morning')`, 15_000);
    await popup.waitForState('done', 15_000);
    await popup.click('send-wp');
    await popup.waitFor(`!!document.querySelector('[data-testid=wp-replace]')`, 15_000);
    expect(await popup.text('wp-sent-text')).toBe(`An earlier version of this page is post ${first} in WordPress.`);
    expect(await popup.text('wp-replace')).toBe(`Replace post ${first}`);
    expect(await drafts()).toBe(count); // nothing sent before the choice
    await popup.click('wp-replace');
    await popup.waitFor(`/Saved in WordPress as post ${first}\\./.test(document.querySelector('[data-testid=wp-sent-text]').textContent)`, 15_000);
    expect(await drafts()).toBe(count);
    expect((await post(first)).content.raw).toContain('until one in the morning.');

    // The review page of that version: it knows its post, so Send updates it.
    await popup.click('open-review');
    const review = await poll(() => s.ext.context.pages().find((p) => p.url().includes('/review/index.html?id=')) ?? null, 10_000, 'the review tab');
    await review.locator('#review[data-state=done]').waitFor({ timeout: 10_000 });
    expect(await review.getByTestId('send-wp').textContent()).toBe('Update the draft in WordPress');
    await review.getByTestId('send-wp').click();
    await review.locator('[data-testid=wp-sent-text]', { hasText: `Saved in WordPress as post ${first}.` }).waitFor({ timeout: 15_000 });
    expect(await review.getByTestId('wp-open').getAttribute('href')).toBe(`${site}wp-admin/post.php?post=${first}&action=edit`);
    expect(await drafts()).toBe(count);
    await review.close();
  });

  it('a wrong password and a stopped site each get a clear message; the rewrite stays as it was', async () => {
    const page = await saveSite('wrong wrong wrong wrong');
    await page.getByTestId('wp-save').click();
    await page.locator('[data-testid=wp-result]', { hasText: 'Site saved.' }).waitFor();
    await page.close();
    s.server.enqueue({ text: ANSWER });
    const { popup } = await s.open(s.articleUrl('review'));
    await popup.waitForState('done', 15_000);
    await popup.click('send-wp');
    await popup.waitFor(`document.querySelector('[data-testid=wp-sent]').dataset.ok === 'false'`, 15_000);
    expect(await popup.text('wp-sent-text')).toMatch(/refused the user name or application password/);
    expect(await popup.text('wp-sent-text')).not.toContain('wrong');

    // The site down: nothing answers at its address.
    await door.close();
    await popup.click('send-wp');
    await popup.waitFor(`/Cannot reach .*did not answer/.test(document.querySelector('[data-testid=wp-sent-text]').textContent)`, 30_000);
    expect(await popup.state()).toBe('done');
    expect(await popup.text('headline')).toBe('Night Reading Room <b>Opens</b> in Harbour City');
  });
});
