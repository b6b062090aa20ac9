// Interface languages: English (default) and Russian.
import type { LocaleTranslations } from 'adminjs';
import { en } from './en.js';

export const locale = {
  language: 'en',
  availableLanguages: ['en', 'ru'],
  translations: { en: en as LocaleTranslations },
};
