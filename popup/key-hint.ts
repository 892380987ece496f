/** The copy buttons' keyboard shortcuts: Alt and a letter, read by key position (KeyboardEvent.code) so every layout has them. */

import type { CopyWhat } from './seo-extras';

export const COPY_SHORTCUTS: readonly [string, CopyWhat][] = [
  ['KeyH', 'headline'],
  ['KeyA', 'article'],
  ['KeyM', 'meta-description'],
  ['KeyS', 'slug'],
  ['KeyK', 'keywords'],
  ['KeyC', 'cms'],
];

/** Tells a copy button's shortcut to assistive technology (aria-keyshortcuts) and in its tooltip. */
export function keyHint(button: HTMLElement, what: CopyWhat): void {
  const code = COPY_SHORTCUTS.find(([, w]) => w === what)?.[0];
  if (!code) return;
  const keys = `Alt+${code.slice(3)}`;
  button.setAttribute('aria-keyshortcuts', keys);
  button.title = keys;
}
