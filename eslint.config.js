import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import noUnsanitized from 'eslint-plugin-no-unsanitized';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page and model text must never be parsed as HTML.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Set text with textContent; never parse page or model text as HTML.' },
        { property: 'outerHTML', message: 'Never parse page or model text as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Never parse page or model text as HTML.' },
      ],
    },
  },
  {
    // Untrusted HTML: page and model text must never reach an HTML sink (innerHTML, outerHTML, insertAdjacentHTML,
    // document.write, createContextualFragment, …) unless it went through a sanitiser.
    // Enforced on every part of the extension; the tests and tools are left out (they build pages on purpose).
    files: ['{popup,options,history,review,queue,background,content,offscreen,lib,src}/**/*.{ts,js,mjs}'],
    plugins: { 'no-unsanitized': noUnsanitized },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
    },
  },
  {
    // The core runs in Node and in every browser context: no extension APIs there.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'webextension-polyfill', message: 'src/ is the pure core: no browser extension APIs.' }],
          // The rooms around the core know it; it knows none of them.
          patterns: [
            {
              regex: '^(\\.\\./)+(lib|background|content|popup|options|history|review|queue|offscreen|cli|bench|scripts|test)(/|$)',
              message: 'src/ is the pure core: it imports nothing from lib/, background/, content/, the pages, cli/ or the tools.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'src/ is the pure core: no browser extension APIs.' },
        { name: 'browser', message: 'src/ is the pure core.' },
      ],
    },
  },
);
