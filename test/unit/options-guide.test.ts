import { describe, expect, it } from 'vitest';
import { guideStep } from '../../options/guide';

describe('the first-run guide', () => {
  it('goes provider → key → test → done, the first step not done', () => {
    expect(guideStep({ providerChosen: false, hasKey: false, tested: false })).toBe('provider');
    expect(guideStep({ providerChosen: true, hasKey: false, tested: false })).toBe('key');
    expect(guideStep({ providerChosen: true, hasKey: true, tested: false })).toBe('test');
    expect(guideStep({ providerChosen: true, hasKey: true, tested: true })).toBe('done');
    expect(guideStep({ providerChosen: false, hasKey: true, tested: true })).toBe('provider');
  });
});
