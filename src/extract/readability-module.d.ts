/**
 * The Readability class alone, from its own file: the package's index also loads `isProbablyReaderable`, which
 * the extraction does not use, and a CommonJS index cannot be tree-shaken (1.2 KiB of the content script).
 */
declare module '@mozilla/readability/Readability.js' {
  import { Readability } from '@mozilla/readability';
  export default Readability;
}
