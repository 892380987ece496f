import { describe, expect, it } from 'vitest';
import { CONFIRM_WAIT_MS, errorOf, isIncomplete, newJob, noArticleMessage, pageKey, restrictedReason } from '../../src/job';
import { markInterrupted } from '../../src/job-transitions';
import { jobFrom } from '../support/job-shapes';
import { isOwnPage, isPopupMessage } from '../../src/messages';
import { english } from '../../src/i18n-en';
import { LINK_LIST_DETAIL, NO_ARTICLE_DETAIL, tooShortDetail } from '../../src/extract/details';

describe('pageKey: one stored result per article', () => {
  it('ignores the fragment and tracking parameters, keeps the rest', () => {
    const a = pageKey('https://news.example/a/story?id=7&utm_source=x&fbclid=y#comments');
    expect(a).toBe('https://news.example/a/story?id=7');
    expect(pageKey('https://news.example/a/story?id=7')).toBe(a);
    expect(pageKey('https://news.example/a/story?id=8')).not.toBe(a);
  });

  it('orders query parameters so the same page compares equal', () => {
    expect(pageKey('https://n.example/p?b=2&a=1')).toBe(pageKey('https://n.example/p?a=1&b=2'));
  });
});

describe('restrictedReason: pages no extension may read', () => {
  it.each([
    'chrome://version',
    'chrome-extension://abc/popup.html',
    'about:blank',
    'edge://settings',
    'view-source:https://example.com/',
    'https://chromewebstore.google.com/detail/x/abc',
    'https://chrome.google.com/webstore/detail/x',
    'https://addons.mozilla.org/en-US/firefox/addon/x/',
    'https://example.com/report.pdf',
    undefined,
  ])('refuses %s with a sentence saying it cannot read it', (url) => {
    expect(restrictedReason(url, english)).toMatch(/cannot read/i);
  });

  it('lets news pages through', () => {
    expect(restrictedReason('https://www.reuters.com/world/some-story-2024-01-01/', english)).toBeNull();
    expect(restrictedReason('http://127.0.0.1:8080/page/article?x=1', english)).toBeNull();
  });
});

describe('markInterrupted', () => {
  const running = { ...newJob('j1', 'k', 'https://n.example/a', 'm', 1), state: 'writing' as const, section: null, notice: null, text: '# H\n\nPartial' };

  it('turns a job left running into an interrupted one that keeps its text and offers Continue', () => {
    const j = markInterrupted(running, 5, english);
    expect(j.state).toBe('interrupted');
    expect(errorOf(j)?.code).toBe('interrupted');
    expect(errorOf(j)?.message).toMatch(/interrupted/i);
    expect(j.text).toBe(running.text);
    expect(isIncomplete(j)).toBe(true);
    expect(j).toMatchObject({ canContinue: true, updatedAt: 5 });
  });

  it('a job waiting for confirmation when the worker died goes on waiting (nothing ran); one that waited too long ends, not sent', () => {
    const waiting = { ...newJob('j2', 'k', 'https://n.example/a', 'm', 1), state: 'awaiting-confirmation' as const };
    expect(markInterrupted(waiting, 5, english)).toBe(waiting);
    const late = markInterrupted(waiting, 1 + CONFIRM_WAIT_MS, english);
    expect(late).toMatchObject({ state: 'stopped', canContinue: false, text: '' });
    expect(errorOf(late)?.message).toBe(english('errNotSent'));
  });

  it('leaves finished jobs alone', () => {
    const done = jobFrom({ state: 'done', text: '# H\n\nAll.' });
    expect(markInterrupted(done, 5, english)).toBe(done);
  });
});

describe('messages: who may talk to the background', () => {
  const origin = 'chrome-extension://abcdefghijklmnop/';
  it('accepts only our own listed pages', () => {
    expect(isOwnPage('chrome-extension://abcdefghijklmnop/popup/index.html', origin, ['/popup/index.html'])).toBe(true);
    expect(isOwnPage('chrome-extension://abcdefghijklmnop/popup/index.html?x=1', origin, ['/popup/index.html'])).toBe(true);
    expect(isOwnPage('chrome-extension://otherextension/popup/index.html', origin, ['/popup/index.html'])).toBe(false);
    expect(isOwnPage('https://evil.example/popup/index.html', origin, ['/popup/index.html'])).toBe(false);
    expect(isOwnPage('chrome-extension://abcdefghijklmnop/options/index.html', origin, ['/popup/index.html'])).toBe(false);
    expect(isOwnPage(undefined, origin, ['/popup/index.html'])).toBe(false);
  });

  it('validates popup messages by shape', () => {
    expect(isPopupMessage({ type: 'open', tabId: 3 })).toBe(true);
    expect(isPopupMessage({ type: 'open', tabId: '3' })).toBe(false);
    expect(isPopupMessage({ type: 'stop' })).toBe(true);
    for (const type of ['confirm', 'cancel']) {
      expect(isPopupMessage({ type })).toBe(true);
      expect(isPopupMessage({ type, tabId: 3 })).toBe(true);
      expect(isPopupMessage({ type, tabId: 'x' })).toBe(false);
    }
    expect(isPopupMessage({ type: 'start-anything' })).toBe(false);
    expect(isPopupMessage({ type: 'revise', tabId: 3, id: 'v1', what: 'passages' })).toBe(true);
    expect(isPopupMessage({ type: 'revise', tabId: 3, id: 'v1', what: 'headline' })).toBe(true);
    expect(isPopupMessage({ type: 'revise', tabId: 3, id: 'v1', what: 'everything' })).toBe(false);
    expect(isPopupMessage({ type: 'revise', tabId: 3, what: 'headline' })).toBe(false);
    expect(isPopupMessage(null)).toBe(false);
  });
});

describe('noArticleMessage', () => {
  it('always leads with "no article", then the reason', () => {
    expect(noArticleMessage({ reason: 'too-short', detail: tooShortDetail(18), words: 18 }, english)).toBe(
      'No article found on this page: it has only 18 words of article text, too little to rewrite. Open a news article and click Newsmith again.',
    );
    expect(noArticleMessage({ reason: 'too-short', detail: tooShortDetail(1), words: 1 }, english)).toMatch(/only 1 word of article text/);
    expect(noArticleMessage({ reason: 'no-article', detail: LINK_LIST_DETAIL }, english)).toMatch(
      /^No article found on this page: it looks like a list of links/,
    );
    expect(noArticleMessage({ reason: 'no-article', detail: NO_ARTICLE_DETAIL }, english)).toMatch(/^Newsmith found no article on this page\. Open/);
  });
});
