/**
 * Why a page gave no article, in English, for the CLI and the logs (the `detail` of a failed ExtractResult).
 * The extension's pages say it in the user's language from the result's `reason` (see noArticleMessage).
 */

export const NO_ARTICLE_DETAIL = 'Newsmith found no article on this page.';
export const LINK_LIST_DETAIL = 'This page looks like a list of links, not an article.';

export function tooShortDetail(words: number): string {
  return `This page has only ${words} word${words === 1 ? '' : 's'} of article text, too little to rewrite.`;
}

export const TOO_DEEP_DETAIL = 'This page nests its markup too deeply to be read as an article.';
