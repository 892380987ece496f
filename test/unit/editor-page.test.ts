// Which pages look like an editor (the CMS tab a rewrite is going to) and which are articles, even with a comment
// box, a search field or a newsletter form. Sizes come from a style the test gives each element (Node has no layout).
import { describe, expect, it } from 'vitest';
import { editorSign, type Measure } from '../../src/extract/editor-page';
import { parseHtmlDocument } from '../../src/extract/node';

/** Each element's size from its inline width/height (px), as a browser would lay it out; 200×20 for a bare field. */
const measure: Measure = (el) => {
  const style = el.getAttribute('style') ?? '';
  const px = (prop: string, fallback: number) => Number(new RegExp(`(?:^|;)\\s*${prop}:\\s*(\\d+)px`).exec(style)?.[1] ?? fallback);
  if (/display:\s*none/.test(style)) return { width: 0, height: 0 };
  return { width: px('width', 200), height: px('height', 20) };
};
const sign = (body: string, url = 'https://news.example/2026/story') => editorSign(parseHtmlDocument(`<!doctype html><body>${body}</body>`, url), url, measure);
const ARTICLE = '<article><h1>Ferry timetable approved</h1><p>The council approved the new ferry timetable on Monday.</p></article>';

describe('editorSign', () => {
  it('reads CMS admin screens from the address alone', () => {
    for (const url of [
      'https://site.example/wp-admin/post.php?post=12&action=edit',
      'https://site.example/wp-admin/post-new.php',
      'https://blog.example/ghost/#/editor/post',
      'https://site.example/node/42/edit',
      'https://site.example/node/add/article',
      'https://site.example/administrator/index.php?option=com_content',
    ])
      expect(sign(ARTICLE, url), url).toBe('cms-admin');
    for (const url of ['https://news.example/world/ghosts-of-the-past', 'https://news.example/node/42', 'https://news.example/wp-content/uploads/x.jpg'])
      expect(sign(ARTICLE, url), url).toBeNull();
  });

  it('a large editable area, a same-page rich editor or a large text area is an editor', () => {
    expect(sign(`<div contenteditable="true" style="width:700px;height:300px"></div>`)).toBe('editable');
    expect(sign(`<div contenteditable style="width:700px;height:300px"></div>`)).toBe('editable');
    expect(sign(`<div contenteditable="plaintext-only" style="width:600px;height:60px"></div>`)).toBe('editable');
    expect(sign(`<form><input name="title"><textarea name="content" style="width:640px;height:400px"></textarea></form>`)).toBe('form');
    expect(sign(`<form>${'<input>'.repeat(4)}<select></select><textarea></textarea></form>`)).toBe('form');
  });

  it('an article with a comment box, a search field, a newsletter form or a tiny editable widget is not', () => {
    expect(sign(ARTICLE)).toBeNull();
    expect(
      sign(
        `${ARTICLE}<section id="comments"><form action="/wp-comments-post.php"><textarea style="width:640px;height:180px"></textarea><input><input type="email"><input></form></section>`,
      ),
    ).toBeNull();
    expect(sign(`${ARTICLE}<div class="comment-respond"><div contenteditable="true" style="width:640px;height:120px"></div></div>`)).toBeNull();
    expect(sign(`${ARTICLE}<form role="search" class="search-form"><input type="search"></form>`)).toBeNull();
    expect(sign(`${ARTICLE}<form class="newsletter-signup"><input type="email"><input><button>Sign up</button></form>`)).toBeNull();
    expect(sign(`${ARTICLE}<span contenteditable="true" style="width:80px;height:20px">note</span>`)).toBeNull();
    expect(sign(`${ARTICLE}<div contenteditable="false" style="width:700px;height:300px"></div>`)).toBeNull();
    // Hidden fields are not a form to fill.
    expect(sign(`${ARTICLE}<form>${'<input style="display:none">'.repeat(8)}</form>`)).toBeNull();
  });

  it('a theme’s body class does not hide an editor', () => {
    const url = 'https://desk.example/compose';
    const doc = parseHtmlDocument(
      `<!doctype html><body class="single comments-open"><div contenteditable="true" style="width:700px;height:300px"></div></body>`,
      url,
    );
    expect(editorSign(doc, url, measure)).toBe('editable');
  });
});
