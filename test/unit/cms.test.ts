// Copy for CMS: every field under its label, as plain text and as our own escaped HTML; fields the rewrite lacks are left out.
import { describe, expect, it } from 'vitest';
import { cmsPayload } from '../../src/rewrite/cms';

const LABELS = { headline: 'Headline', article: 'Article', metaDescription: 'Meta description', slug: 'URL slug', keywords: 'Keywords' };

describe('cmsPayload', () => {
  it('puts headline, article, meta description, slug and keywords under their labels, in that order', () => {
    const p = cmsPayload(
      'Ferry <Timetable> Approved',
      'The council **approved** it.\n\n## What changes\n\n- Earlier boats\n- Later boats',
      { metaDescription: 'A new timetable & more.', slug: 'ferry-timetable', keywords: ['ferry', ' timetable '] },
      LABELS,
    );
    expect(p.plain).toBe(
      'Headline:\nFerry <Timetable> Approved\n\nArticle:\nThe council approved it.\n\nWhat changes\n\n- Earlier boats\n- Later boats\n\n' +
        'Meta description:\nA new timetable & more.\n\nURL slug:\nferry-timetable\n\nKeywords:\nferry, timetable',
    );
    expect(p.html).toBe(
      [
        '<p><strong>Headline:</strong></p>',
        '<h1>Ferry &lt;Timetable&gt; Approved</h1>',
        '<p><strong>Article:</strong></p>',
        '<p>The council <strong>approved</strong> it.</p>\n<h2>What changes</h2>\n<ul>\n<li>Earlier boats</li>\n<li>Later boats</li>\n</ul>',
        '<p><strong>Meta description:</strong> A new timetable &amp; more.</p>',
        '<p><strong>URL slug:</strong> ferry-timetable</p>',
        '<p><strong>Keywords:</strong> ferry, timetable</p>',
      ].join('\n'),
    );
  });

  it('leaves out what the rewrite does not have, and escapes labels and values', () => {
    const p = cmsPayload('Title', 'Body.', { slug: '' }, { ...LABELS, slug: '<Slug>' });
    expect(p.plain).toBe('Headline:\nTitle\n\nArticle:\nBody.');
    expect(p.html).not.toMatch(/slug/i);
    const q = cmsPayload('T', 'B.', { slug: 'a"b<script>' }, { ...LABELS, slug: '<Slug>' });
    expect(q.html).toContain('<p><strong>&lt;Slug&gt;:</strong> a"b&lt;script&gt;</p>');
  });
});
