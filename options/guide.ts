/**
 * The first-run guide on the options page: provider → key → test → done. It shows while no writer is saved, marks
 * the step to do now, and the last step saves the settings once Test connection worked.
 */

export type GuideStep = 'provider' | 'key' | 'test' | 'done';

export interface GuideState {
  /** The user picked a provider, or went on to the key (the preset shown is their choice). */
  providerChosen: boolean;
  /** A key is typed or saved for the endpoint in the form, or none is needed (on-device). */
  hasKey: boolean;
  /** Test connection worked for the form as it is now. */
  tested: boolean;
}

/** The step to do now: the first one not done. */
export function guideStep(s: GuideState): GuideStep {
  if (!s.providerChosen) return 'provider';
  if (!s.hasKey) return 'key';
  return s.tested ? 'done' : 'test';
}

/** Shows `step` on the guide's root (data-step), marking each list item as current or done. */
export function showGuideStep(root: HTMLElement, step: GuideStep): void {
  root.dataset.step = step;
  const order: GuideStep[] = ['provider', 'key', 'test', 'done'];
  for (const li of root.querySelectorAll<HTMLElement>('[data-guide-step]')) {
    const at = order.indexOf(li.dataset.guideStep as GuideStep);
    if (li.dataset.guideStep === step) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
    li.dataset.done = String(at < order.indexOf(step));
  }
}
