/** Output languages offered in the options, each with its own name for the UI. `name` is what the prompt says. */

export interface Language {
  /** English name, used in the prompt ("respond only in language German"). */
  name: string;
  /** The language's own name, shown in the UI. */
  native: string;
  /** BCP 47 code, for text direction and lang attributes. */
  code: string;
  rtl?: boolean;
}

export const LANGUAGES: readonly Language[] = [
  { name: 'English', native: 'English', code: 'en' },
  { name: 'Spanish', native: 'Español', code: 'es' },
  { name: 'French', native: 'Français', code: 'fr' },
  { name: 'German', native: 'Deutsch', code: 'de' },
  { name: 'Italian', native: 'Italiano', code: 'it' },
  { name: 'Portuguese', native: 'Português', code: 'pt' },
  { name: 'Dutch', native: 'Nederlands', code: 'nl' },
  { name: 'Polish', native: 'Polski', code: 'pl' },
  { name: 'Czech', native: 'Čeština', code: 'cs' },
  { name: 'Slovak', native: 'Slovenčina', code: 'sk' },
  { name: 'Hungarian', native: 'Magyar', code: 'hu' },
  { name: 'Romanian', native: 'Română', code: 'ro' },
  { name: 'Bulgarian', native: 'Български', code: 'bg' },
  { name: 'Greek', native: 'Ελληνικά', code: 'el' },
  { name: 'Swedish', native: 'Svenska', code: 'sv' },
  { name: 'Norwegian', native: 'Norsk', code: 'no' },
  { name: 'Danish', native: 'Dansk', code: 'da' },
  { name: 'Finnish', native: 'Suomi', code: 'fi' },
  { name: 'Ukrainian', native: 'Українська', code: 'uk' },
  { name: 'Russian', native: 'Русский', code: 'ru' },
  { name: 'Turkish', native: 'Türkçe', code: 'tr' },
  { name: 'Arabic', native: 'العربية', code: 'ar', rtl: true },
  { name: 'Hebrew', native: 'עברית', code: 'he', rtl: true },
  { name: 'Persian', native: 'فارسی', code: 'fa', rtl: true },
  { name: 'Urdu', native: 'اردو', code: 'ur', rtl: true },
  { name: 'Hindi', native: 'हिन्दी', code: 'hi' },
  { name: 'Bengali', native: 'বাংলা', code: 'bn' },
  { name: 'Indonesian', native: 'Bahasa Indonesia', code: 'id' },
  { name: 'Malay', native: 'Bahasa Melayu', code: 'ms' },
  { name: 'Vietnamese', native: 'Tiếng Việt', code: 'vi' },
  { name: 'Thai', native: 'ไทย', code: 'th' },
  { name: 'Chinese (Simplified)', native: '简体中文', code: 'zh-Hans' },
  { name: 'Chinese (Traditional)', native: '繁體中文', code: 'zh-Hant' },
  { name: 'Japanese', native: '日本語', code: 'ja' },
  { name: 'Korean', native: '한국어', code: 'ko' },
  { name: 'Swahili', native: 'Kiswahili', code: 'sw' },
];

export function languageByName(name: string): Language | undefined {
  const wanted = name.trim().toLowerCase();
  return LANGUAGES.find((l) => l.name.toLowerCase() === wanted || l.native.toLowerCase() === wanted);
}
