import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/index';

describe('each fact finding says where it is', () => {
  const source = 'The council met on Monday. It approved 27,000 pounds for the pier, said chair Maria Lopez. Work starts in May 2025.';

  it('a missing fact: the source sentence around it; an added fact: the rewrite sentence around it', () => {
    const body = 'Work on the pier starts in May 2025. The harbour board under Jonas Berg backed it.';
    const r = runChecks({ source, headline: 'Pier work', body });
    const missing = r.findings.find((f) => f.kind === 'missing-fact' && f.fact?.text.startsWith('27,000'));
    expect(missing?.source).toEqual({ text: 'It approved 27,000 pounds for the pier, said chair Maria Lopez.', start: 27, end: 90 });
    expect(source.slice(missing!.source!.start, missing!.source!.end)).toBe(missing!.source!.text);
    const added = r.findings.find((f) => f.kind === 'added-fact' && f.fact?.text === 'Jonas Berg');
    expect(added?.rewrite?.text).toBe('The harbour board under Jonas Berg backed it.');
    expect(r.text.slice(added!.rewrite!.start, added!.rewrite!.end)).toBe(added!.rewrite!.text);
  });
});
