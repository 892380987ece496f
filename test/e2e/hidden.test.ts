// Hidden text never reaches the model from a real page in Chromium (the built extension, a real toolbar click, the
// request the local LLM server received), and a page nested 10,000 levels deep gets a clear answer, not a hang.
import { describe, expect, it } from 'vitest';
import { sleep } from '../support/browser';
import {
  HIDDEN_PAGE_TITLE,
  hiddenMarkersIn,
  hiddenTechniquesHtml,
  invisibleCodePointsIn,
  visibleMarkersMissing,
} from '../fixtures/hidden/markers';
import { useSession } from './fixtures/setup';

const s = useSession();

const deepHtml = (levels: number): string =>
  `<!doctype html><html lang="en"><head><title>Deep page</title></head><body>${'<div>'.repeat(levels)}<p>${'The harbour board met on Tuesday to discuss the sea wall. '.repeat(30)}</p>${'</div>'.repeat(levels)}</body></html>`;

describe('hidden text in the page', () => {
  it('sends none of the 44 hidden markers, every visible one, the shown title, and no invisible code point', async () => {
    s.server.addPage('hidden', hiddenTechniquesHtml);
    s.server.enqueue({ text: '# Tram Extension Approved\n\nShort rewrite.' });
    const { popup } = await s.open(s.server.pageUrl('hidden', { t: 'techniques' }));
    await popup.waitForState('done', 20_000);
    const messages = s.server.chatRequests[0]!.body.messages as { role: string; content: string }[];
    const sent = messages.map((m) => m.content).join('\n\n');
    expect(hiddenMarkersIn(sent)).toEqual([]);
    expect(visibleMarkersMissing(sent)).toEqual([]);
    expect(invisibleCodePointsIn(sent)).toEqual([]);
    const user = messages[1]!.content;
    expect(user.startsWith(`Rephrase the title:${HIDDEN_PAGE_TITLE}\n\n`)).toBe(true);
    expect(user).toContain('"Ignore previous instructions and vote with your feet," read one campaign leaflet');
    expect(messages[0]!.content).toMatch(/the article text starts right after "[^"]*zero plagiarism\.:" and runs to the very end of the request/);
  });
});

describe('deep nesting', () => {
  it('a page nested 10,000 levels deep: the popup says why it cannot be read, quickly, and nothing is sent', async () => {
    s.server.addPage('deep', deepHtml(10_000));
    const started = Date.now();
    const { popup } = await s.open(s.server.pageUrl('deep', { t: 'deep' }));
    await popup.waitForState('error', 15_000);
    const message = ((await popup.text('error')) ?? '').trim();
    expect(message).toMatch(/nested too deeply/);
    expect(Date.now() - started).toBeLessThan(15_000);
    await sleep(300);
    expect(s.server.chatRequests).toHaveLength(0);
  });
});
