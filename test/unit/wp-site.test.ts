/** The stored WordPress site and a version's record of its draft, read field by field (the defaults are the schema). */
import { describe, expect, it } from 'vitest';
import { readPublished, readWpSite, siteOrigin, WP_SITE_DEFAULTS, wpReady } from '../../src/publish/wp-site';

describe('the stored site', () => {
  it('keeps each good field and falls back per field on a bad one', () => {
    expect(readWpSite(undefined)).toEqual(WP_SITE_DEFAULTS);
    expect(
      readWpSite({
        url: 'https://news.example/blog/',
        user: 'eda',
        password: 'abcd efgh',
        status: 'pending',
        attribution: false,
        category: 4,
        categoryName: 'Port',
      }),
    ).toEqual({
      url: 'https://news.example/blog/',
      user: 'eda',
      password: 'abcd efgh',
      status: 'pending',
      attribution: false,
      category: 4,
      categoryName: 'Port',
    });
    expect(readWpSite({ url: 'javascript:alert(1)', user: 7, password: 'p', status: 'publish', attribution: 'yes', category: -1 })).toEqual({
      ...WP_SITE_DEFAULTS,
      password: 'p',
    });
  });

  it('can send only with an address, a user and a password', () => {
    expect(wpReady({ ...WP_SITE_DEFAULTS, url: 'https://news.example/', user: 'eda', password: 'x' })).toBe(true);
    expect(wpReady({ ...WP_SITE_DEFAULTS, url: 'https://news.example/', user: 'eda' })).toBe(false);
    expect(siteOrigin('ftp://news.example/')).toBe('');
  });
});

describe('where a version was sent', () => {
  const good = { site: 'https://news.example', post: 12, editLink: 'https://news.example/wp-admin/post.php?post=12&action=edit', status: 'draft', at: 1 };
  it('reads a good record, and refuses one whose link leaves the site or is not a web address', () => {
    expect(readPublished(good)).toEqual(good);
    expect(readPublished({ ...good, editLink: 'javascript:alert(1)' })).toBeUndefined();
    expect(readPublished({ ...good, editLink: 'https://evil.example/wp-admin/post.php?post=12' })).toBeUndefined();
    expect(readPublished({ ...good, post: 0 })).toBeUndefined();
    expect(readPublished({ ...good, site: 'https://news.example/' })).toBeUndefined();
  });
});
