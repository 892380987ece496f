/** The English words, for where no browser picks a language: the CLI, the benchmarks and the unit tests. */

import en from '../_locales/en/messages.json';
import { catalogTranslator, type Catalog } from './i18n';

export const english = catalogTranslator(en as Catalog, 'en');
