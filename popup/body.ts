/** Draws the article body as paragraphs and subheadings, with text nodes only: model text is never parsed as HTML. */

const SUBHEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;

export function renderBody(container: HTMLElement, body: string): void {
  const blocks = body.split(/\n{2,}/).filter((b) => b.trim() !== '');
  const nodes = blocks.map((block) => {
    const heading = SUBHEADING.exec(block.trim());
    const el = document.createElement(heading ? 'h2' : 'p');
    el.textContent = heading ? (heading[1] ?? '') : block.trim();
    el.dir = 'auto';
    return el;
  });
  container.replaceChildren(...nodes);
}
