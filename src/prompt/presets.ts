/** Prompt presets the options page offers besides the user's own default. Each is a template with our variables. */

import { DEFAULT_TEMPLATE } from './default';

export interface Preset {
  id: string;
  name: string;
  template: string;
}

export const PRESETS: readonly Preset[] = [
  { id: 'default', name: 'SEO rewrite (default)', template: DEFAULT_TEMPLATE },
  {
    id: 'keep-structure',
    name: 'Keep length and structure',
    template:
      'Rephrase the title:{title}\n' +
      '\n' +
      'Rewrite the article below in {language}, in your own words, as the writer {persona}. ' +
      'Keep its length (about {wordCount} words), its order of ideas and its subheadings. ' +
      'Make sure there is zero plagiarism.:\n' +
      '\n' +
      '{article}',
  },
  {
    id: 'brief',
    name: 'Short news brief (150 words)',
    template:
      'Rephrase the title:{title}\n' +
      '\n' +
      'Write a short news brief of about 150 words in {language}, as the writer {persona}, from the article below. ' +
      'Lead with the most important fact. Use your own words. Make sure there is zero plagiarism.:\n' +
      '\n' +
      '{article}',
  },
  {
    id: 'audience',
    name: 'Rewrite for a different audience (tone)',
    template:
      'Rephrase the title:{title}\n' +
      '\n' +
      'Rephrase and rearrange the whole content into a news article in {language} for this audience and tone: {tone}. ' +
      'Write as the writer {persona}. Make sure there is zero plagiarism.:\n' +
      '\n' +
      '{article}',
  },
];
