/** The body the model wrote (light Markdown) → plain text for the clipboard. */

/** `**bold**`, `__bold__` and `*italic*` markers removed, the words kept. A lone `*` (5 * 3, a list bullet) stays. */
function stripInline(line: string): string {
  return line
    .replace(/\*\*(?=\S)(.*?\S)\*\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}_])__(?=\S)(.*?\S)__(?![\p{L}\p{N}_])/gu, '$1$2')
    .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '$1');
}

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;

/** Plain text: paragraphs apart by one blank line, `## Sub` lines as plain subheading lines, no emphasis markers. */
export function toPlainText(body: string): string {
  const out: string[] = [];
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const heading = HEADING.exec(line);
    // A subheading stands alone, with a blank line on each side, even if the model glued it to a paragraph.
    if (heading) out.push('', stripInline(heading[1] as string), '');
    else out.push(stripInline(line));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** What "Copy all" puts on the clipboard: the headline, a blank line, the body as plain text. */
export function copyAll(headline: string, body: string): string {
  return [headline.trim(), toPlainText(body)].filter((part) => part !== '').join('\n\n');
}
