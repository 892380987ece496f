/** The views of a finished rewrite, loaded together by the popup the first time it shows one. */

export { renderChecks } from './checks-view';
export { renderSeoExtras } from './seo-extras';
