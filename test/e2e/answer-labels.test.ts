// A labelled answer ("Headline: …", "**Rewritten article:**", a preamble, a note after a rule) streamed in small
// chunks into the real popup: every rendering of the headline and the article, recorded as it happens, and the
// copied text never contain a label, the preamble or the note; the article shown is always the start of the final one.
// A second answer labels with dashes and ends with closing chatter: neither is ever shown or copied.
import { describe, expect, it } from 'vitest';
import { poll } from '../support/browser';
import { lines, useSession } from './fixtures/setup';

const s = useSession();

const HEADLINE = 'Ferry service resumes after storm';
const PARAGRAPHS = [
  'The ferry between the two islands ran again on Monday, three days after the storm closed the harbour.',
  'Why it matters',
  'About 4,000 people cross each day, most of them to work or school on the mainland.',
  'Text messages from the operator told passengers to expect delays until Wednesday.',
];
const ANSWER =
  "Sure! Here's the rewritten article:\n\n" +
  `**Headline:** ${HEADLINE}\n\n` +
  '**Rewritten article:**\n\n' +
  `${PARAGRAPHS[0]}\n\n## ${PARAGRAPHS[1]}\n\n${PARAGRAPHS[2]}\n\n${PARAGRAPHS[3]}\n\n` +
  '---\n\n**Note:** I kept every figure and quote from the source.';
const BODY_PLAIN = PARAGRAPHS.join('\n\n');

/** Chunks of three characters, and one cut inside "Headline" ("**Head" + "line: Fer…"). */
function chunks(text: string): string[] {
  const cut = text.indexOf('line:');
  const out: string[] = [];
  for (const part of [text.slice(0, cut), text.slice(cut)]) for (let i = 0; i < part.length; i += 3) out.push(part.slice(i, i + 3));
  return out;
}

const LABEL = /headline\s*:|rewritten article|here's the|\bnote\s*:|^\s*\*\*|---/im;

/** In the popup: record the headline's and the article's text on every change of the page. */
const RECORD = `(() => {
  const seen = [];
  window.__seen = seen;
  const read = () => {
    const h = document.querySelector('[data-testid=headline]');
    const a = document.querySelector('[data-testid=article]');
    seen.push([h ? h.innerText : '', a ? a.innerText : '']);
  };
  new MutationObserver(read).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  read();
  return true;
})()`;

describe('a labelled answer streamed in small chunks', () => {
  it('never shows a label, the preamble or the note in the headline, the article or the copied text', async () => {
    const pieces = chunks(ANSWER);
    // A pause before the first chunk, so the recorder is in place before any text arrives.
    s.server.enqueue({ chunks: pieces, chunkDelayMs: [1500, ...pieces.slice(1).map(() => 15)] });
    const { popup } = await s.open(s.articleUrl('labels'));
    expect(await popup.eval<boolean>(RECORD)).toBe(true);

    expect(await popup.waitForState('done', 30_000)).toBe('done');
    expect((await popup.text('headline'))?.trim()).toBe(HEADLINE);
    expect(lines(await popup.text('article'))).toEqual(PARAGRAPHS);

    const seen = await popup.eval<Array<[string, string]>>('window.__seen');
    const withText = seen.filter(([h, a]) => h.trim() !== '' || a.trim() !== '');
    // The article grew in many steps while it streamed, each one recorded.
    expect(new Set(withText.map(([, a]) => a)).size).toBeGreaterThan(5);
    const finalArticle = lines(PARAGRAPHS.join('\n')).join(' ');
    for (const [h, a] of withText) {
      expect(h, `headline ${JSON.stringify(h)}`).not.toMatch(LABEL);
      expect(a, `article ${JSON.stringify(a.slice(0, 80))}`).not.toMatch(LABEL);
      if (h.trim() !== '') expect(h.trim()).toBe(HEADLINE);
      // What the article shows is the start of the final article (the last word may still be growing).
      const shown = lines(a).join(' ');
      expect(finalArticle.startsWith(shown), `article ${JSON.stringify(shown.slice(-80))}`).toBe(true);
    }

    await s.ext.writeClipboard('(nothing copied yet)');
    await popup.click('copy-all');
    await poll(async () => (await s.ext.readClipboard()) !== '(nothing copied yet)', 3000, 'the clipboard to change after copy-all');
    const copied = await s.ext.readClipboard();
    expect(copied).toBe(`${HEADLINE}\n\n${BODY_PLAIN}`);
    expect(copied).not.toMatch(LABEL);

    await popup.click('copy-article');
    await poll(async () => (await s.ext.readClipboard()) !== copied, 3000, 'the clipboard to change after copy-article');
    expect(await s.ext.readClipboard()).toBe(BODY_PLAIN);
  }, 60_000);

  it('dash labels and closing chatter, one character at a time: never shown, never copied', async () => {
    const headline = 'Fähre fährt nach dem Sturm wieder';
    const paragraphs = ['Die Fähre zwischen den Inseln fuhr am Montag wieder.', 'Der Hafen sei sicher, hieß es aus dem Rathaus.'];
    const answer = `**Titel** — ${headline}\n\nArtikel – ${paragraphs.join('\n\n')}\n\n---\n\nIch hoffe, das hilft! Sag Bescheid, wenn du Änderungen möchtest.`;
    const pieces = [...answer];
    s.server.enqueue({ chunks: pieces, chunkDelayMs: [1500, ...pieces.slice(1).map(() => 8)] });
    const { popup } = await s.open(s.articleUrl('dash-labels'));
    expect(await popup.eval<boolean>(RECORD)).toBe(true);
    expect(await popup.waitForState('done', 30_000)).toBe('done');
    expect((await popup.text('headline'))?.trim()).toBe(headline);
    expect(lines(await popup.text('article'))).toEqual(paragraphs);
    const chatter = /titel|artikel\s*–|hoffe|bescheid|---/i;
    const finalArticle = paragraphs.join(' ');
    for (const [h, a] of await popup.eval<Array<[string, string]>>('window.__seen')) {
      expect(h, `headline ${JSON.stringify(h)}`).not.toMatch(chatter);
      expect(a, `article ${JSON.stringify(a.slice(-80))}`).not.toMatch(chatter);
      expect(finalArticle.startsWith(lines(a).join(' ')), `article ${JSON.stringify(a.slice(-80))}`).toBe(true);
    }
    await s.ext.writeClipboard('(nothing copied yet)');
    await popup.click('copy-all');
    await poll(async () => (await s.ext.readClipboard()) !== '(nothing copied yet)', 3000, 'the clipboard to change after copy-all');
    expect(await s.ext.readClipboard()).toBe(`${headline}\n\n${paragraphs.join('\n\n')}`);
  }, 60_000);
});
