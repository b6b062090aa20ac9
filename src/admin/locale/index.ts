// Interface languages: English (default) and Russian. Each screen keeps its texts in its own
// file (locale/<lang>/<screen>.ts); they are deep-merged here into AdminJS' translation shape.
import type { LocaleTranslations } from 'adminjs';
import enCommon from './en/common.js';
import enChat from './en/chat.js';
import enDialog from './en/dialog.js';
import enMessage from './en/message.js';
import enAdminUser from './en/admin-user.js';
import enDashboard from './en/dashboard.js';
import ruCommon from './ru/common.js';
import ruChat from './ru/chat.js';
import ruDialog from './ru/dialog.js';
import ruMessage from './ru/message.js';
import ruAdminUser from './ru/admin-user.js';
import ruDashboard from './ru/dashboard.js';

type Tree = { [key: string]: string | Tree };

export function deepMerge(...parts: Tree[]): Tree {
  const result: Tree = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = result[key];
      result[key] = typeof value === 'object' && typeof existing === 'object' ? deepMerge(existing, value) : value;
    }
  }
  return result;
}

export const translations = {
  en: deepMerge(enCommon, enChat, enDialog, enMessage, enAdminUser, enDashboard) as LocaleTranslations,
  ru: deepMerge(ruCommon, ruChat, ruDialog, ruMessage, ruAdminUser, ruDashboard) as LocaleTranslations,
};

export const locale = {
  language: 'en',
  availableLanguages: ['en', 'ru'],
  translations,
};
