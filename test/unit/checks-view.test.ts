// The popup's checks view on hand-made findings, in Node over linkedom (the popup's words mocked with the English
// catalog): the summary line first, changed claims side by side with the differing words marked, where each finding
// is as data attributes, five per group with the rest drawn only when the disclosure opens, and nothing unbounded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runChecks, type ChecksResult, type Finding } from '../../src/checks';
import { english } from '../../src/i18n-en';

vi.mock('../../lib/i18n', () => ({ t: english }));

const { document, window } = parseHTML(
  '<!doctype html><html><body><section data-testid="checks"></section><button data-testid="badge"></button></body></html>',
);
let renderChecks: typeof import('../../popup/checks-view').renderChecks;

beforeAll(async () => {
  Object.assign(globalThis, { document });
  ({ renderChecks } = await import('../../popup/checks-view'));
});

const source = 'The mayor said 5 people came. Police allegedly fired 3 shots.';
const body = 'The mayor said 6 people came.\n\nPolice fired 3 shots.\n\nThe moon is made of cheese.';

function checked(extra: Finding[], lang = 'English'): ChecksResult {
  const r = runChecks({ source, headline: 'Mayor speaks', body, lang });
  const at = (s: string) => ({ text: s, start: r.text.indexOf(s), end: r.text.indexOf(s) + s.length });
  const srcAt = (s: string) => ({ text: s, start: source.indexOf(s), end: source.indexOf(s) + s.length });
  const claims: Finding[] = [
    {
      kind: 'changed-claim',
      change: 'certainty',
      source: srcAt('Police allegedly fired 3 shots.'),
      rewrite: at('Police fired 3 shots.'),
      from: 'allegedly',
      to: '',
    },
    {
      kind: 'changed-claim',
      change: 'figure',
      source: srcAt('The mayor said 5 people came.'),
      rewrite: at('The mayor said 6 people came.'),
      from: '5',
      to: '6',
    },
    { kind: 'changed-claim', change: 'invented', rewrite: at('The moon is made of cheese.') },
  ];
  return { ...r, findings: [...claims, ...extra] };
}

function draw(checks: ChecksResult | null): { box: HTMLElement; badge: HTMLElement } {
  const box = document.querySelector('[data-testid=checks]') as unknown as HTMLElement;
  const badge = document.querySelector('[data-testid=badge]') as unknown as HTMLElement;
  renderChecks(box, checks, badge);
  return { box, badge };
}

const texts = (root: ParentNode, sel: string) => [...root.querySelectorAll(sel)].map((n) => n.textContent);

describe('the checks view', () => {
  it('starts with the summary line, also on the badge', () => {
    const { box, badge } = draw(checked([]));
    expect(box.hidden).toBe(false);
    const [heading, summary] = [...box.children];
    expect(heading?.tagName).toBe('H2');
    expect(summary?.getAttribute('data-testid')).toBe('checks-summary');
    expect(summary?.textContent).toBe('3 to check · 1 changed figure · 1 change of certainty · 1 claim not in the source');
    expect(badge.textContent).toBe('Checks: 3 to check · 1 changed figure · 1 change of certainty · 1 claim not in the source');
    expect(badge.hidden).toBe(false);
  });

  it('a changed claim shows both sentences side by side, the differing words marked, and where they are', () => {
    const checks = checked([]);
    const { box } = draw(checks);
    const figure = box.querySelector('[data-group=figure] [data-testid=finding]') as unknown as HTMLElement;
    expect(texts(figure, '.side-label')).toEqual(['Source', 'Rewrite']);
    expect(texts(figure, '.where')).toEqual(['The mayor said 5 people came.', 'The mayor said 6 people came.']);
    expect(texts(figure, 'mark')).toEqual(['5', '6']);
    expect(figure.dataset).toMatchObject({ kind: 'changed-claim', change: 'figure', sourceStart: '0', sourceEnd: '29' });
    const start = Number(figure.dataset.rewriteStart);
    expect(checks.text.slice(start, Number(figure.dataset.rewriteEnd))).toBe('The mayor said 6 people came.');
    // A dropped hedge: marked in the source, nothing to mark in the rewrite.
    const hedge = box.querySelector('[data-group=certainty] [data-testid=finding]')!;
    expect(texts(hedge, 'mark')).toEqual(['allegedly']);
    // An invented claim: only the rewrite's sentence.
    const invented = box.querySelector('[data-group=invented] [data-testid=finding]')!;
    expect(texts(invented, '.side-label')).toEqual(['Rewrite']);
    // Ranked: figures first.
    expect([...box.querySelectorAll('[data-testid=findings-group]')].map((g) => g.getAttribute('data-group'))).toEqual(['figure', 'certainty', 'invented']);
  });

  it('five per group, "and N more" drawn only when opened; 783 missing facts stay five', () => {
    const many = Array.from({ length: 783 }, (_, i): Finding => ({ kind: 'missing-fact', fact: { kind: 'number', text: String(1000 + i) } }));
    const { box } = draw(checked(many));
    const group = box.querySelector('[data-group=missing-fact]')!;
    expect(group.querySelector('h3')?.textContent).toBe('783 missing facts');
    expect(box.querySelectorAll('[data-testid=finding]').length).toBe(3 + 5);
    const more = group.querySelector('[data-testid=findings-more]') as unknown as HTMLDetailsElement;
    expect(more.querySelector('summary')?.textContent).toBe('and 778 more');
    more.setAttribute('open', '');
    more.dispatchEvent(new window.Event('toggle'));
    expect(group.querySelectorAll('.rest [data-testid=finding]').length).toBe(778);
    // The same checks drawn again keep the opened list.
    draw(checked(many));
    expect(box.querySelector('[data-group=missing-fact] .rest')?.childElementCount).toBe(778);
  });

  it('an added fact without a sentence of its own gets the rewrite sentence that states it', () => {
    const checks = checked([{ kind: 'added-fact', fact: { kind: 'number', text: '6' } }]);
    const { box } = draw(checks);
    const li = box.querySelector('[data-kind=added-fact]') as unknown as HTMLElement;
    expect(texts(li, '.what')).toEqual(['number: 6']);
    expect(texts(li, '.where')).toEqual(['The mayor said 6 people came.']);
    expect(checks.text.slice(Number(li.dataset.rewriteStart), Number(li.dataset.rewriteEnd))).toBe('The mayor said 6 people came.');
  });

  it('clean: "Nothing to check", no list; a language without rules says what was not checked', () => {
    const clean = { ...checked([]), findings: [] };
    let { box } = draw(clean);
    expect(box.querySelector('[data-testid=checks-summary]')?.textContent).toBe('Nothing to check');
    expect(box.querySelector('[data-testid=findings]')).toBeNull();
    expect(box.querySelector('[data-testid=checks-unchecked]')).toBeNull();
    ({ box } = draw({ ...checked([], 'Japanese'), findings: [] }));
    expect(box.querySelector('[data-testid=checks-unchecked]')?.textContent).toBe('Japanese: names and claims are not checked.');
    expect(box.querySelector('[data-testid=seo-figures]')?.textContent).toMatch(/no reading ease for this language/);
    draw(null);
    expect(box.hidden).toBe(true);
    expect(box.childElementCount).toBe(0);
  });

  it('sets text only: no innerHTML, insertAdjacentHTML or outerHTML in the view', () => {
    const code = readFileSync(join(__dirname, '..', '..', 'popup', 'checks-view.ts'), 'utf8');
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|DOMParser/);
  });
});
