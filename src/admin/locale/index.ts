// Interface languages: English (default) and Russian. Each screen keeps its texts in its own
// file (locale/<lang>/<screen>.ts); they are deep-merged here into AdminJS' translation shape.
import type { LocaleTranslations } from 'adminjs';
import enCommon from './en/common.js';
import enChat from './en/chat.js';
import enDialog from './en/dialog.js';
import enMessage from './en/message.js';
import enAdminUser from './en/admin-user.js';
import enDashboard from './en/dashboard.js';
import enReports from './en/reports.js';
import enLookup from './en/lookup.js';
import enAuditLog from './en/audit-log.js';
import enErasure from './en/erasure.js';
import ruCommon from './ru/common.js';
import ruChat from './ru/chat.js';
import ruDialog from './ru/dialog.js';
import ruMessage from './ru/message.js';
import ruAdminUser from './ru/admin-user.js';
import ruDashboard from './ru/dashboard.js';
import ruReports from './ru/reports.js';
import ruLookup from './ru/lookup.js';
import ruAuditLog from './ru/audit-log.js';
import ruErasure from './ru/erasure.js';

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
  en: deepMerge(enCommon, enChat, enDialog, enMessage, enAdminUser, enDashboard, enReports, enLookup, enAuditLog, enErasure) as LocaleTranslations,
  ru: deepMerge(ruCommon, ruChat, ruDialog, ruMessage, ruAdminUser, ruDashboard, ruReports, ruLookup, ruAuditLog, ruErasure) as LocaleTranslations,
};

export const DEFAULT_LANGUAGE = 'en';
export const PLUGIN_LANGUAGES = ['en', 'ru'] as const;

// Without a locale of the host's, the top bar's language selector lists both languages (AdminJS 7
// has no Russian of its own: ru/common.ts translates its texts), and `localeDetection` makes the
// choice stick: i18next's browser detector keeps it in localStorage (so a reload, the login page
// and a copied link stay in the chosen language) and, before any choice, takes the browser's
// language (`?lng=ru` works too). See admin-options.ts mergeLocale.
