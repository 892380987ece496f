/**
 * The user's own prompt, word for word (see test/fixtures/prompt-example.txt).
 * Placeholders: {title}, {language}, {persona}, {article}. No trailing newline.
 * Note: no space after "title:" and the persona paragraph ends in ".:" — both are the user's text, kept as is.
 */
export const DEFAULT_TEMPLATE =
  'Rephrase the title:{title}\n' +
  '\n' +
  'Rephrase and rearrange the whole content into a news article. ' +
  'I want you to respond only in language {language}. ' +
  'I want you to act as a very proficient SEO and high-end writer {persona} that speaks and writes fluently {language}. ' +
  'I want you to pretend that you can write content so well in {language} that it can outrank other websites. ' +
  'Make sure there is zero plagiarism.:\n' +
  '\n' +
  '{article}';
