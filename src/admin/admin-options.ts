// Adds the plugin to a host's AdminJS options without taking anything of the host's away: its
// resources and pages come first, its translations win over ours where both have a text, its
// branding, theme and landing page stay (ours replaces the landing page only with `dashboard: true`).
import type { AdminJSOptions, AdminPage, ComponentLoader, LocaleTranslations, ResourceWithOptions } from 'adminjs';
import { registerComponents } from './components.js';
import { deepMerge, DEFAULT_LANGUAGE, PLUGIN_LANGUAGES } from './locale/index.js';

/** What the plugin contributes to AdminJS. */
export interface ChatsAdminParts {
  resources: ResourceWithOptions[];
  /** `chatsReports`, and `chatsDashboard` unless the dashboard is the landing page. */
  pages: Record<string, AdminPage>;
  dashboard: { handler: NonNullable<AdminJSOptions['dashboard']>['handler']; component: string };
  /** The plugin's texts by language (en, ru), AdminJS' translation shape. */
  translations: Record<string, LocaleTranslations>;
  componentLoader: ComponentLoader;
  rootPath: string;
}

type Locale = NonNullable<AdminJSOptions['locale']>;
type Tree = Parameters<typeof deepMerge>[0];

/** The host's locale with the plugin's texts under it; languages the plugin lacks get its English. */
export function mergeLocale(host: AdminJSOptions['locale'], plugin: Record<string, LocaleTranslations>): Locale {
  if (!host || typeof host === 'function') {
    return { language: DEFAULT_LANGUAGE, availableLanguages: [...PLUGIN_LANGUAGES], localeDetection: true, translations: plugin };
  }
  const hostTranslations = (host.translations ?? {}) as Record<string, LocaleTranslations>;
  const languages = new Set([host.language ?? DEFAULT_LANGUAGE, ...(host.availableLanguages ?? []), ...Object.keys(hostTranslations)]);
  const translations: Record<string, LocaleTranslations> = {};
  for (const language of languages) {
    const ours = plugin[language] ?? plugin[DEFAULT_LANGUAGE];
    translations[language] = deepMerge(ours as Tree, (hostTranslations[language] ?? {}) as Tree) as LocaleTranslations;
  }
  return { ...host, translations };
}

export function withChats(host: AdminJSOptions, parts: ChatsAdminParts, options: { dashboard: boolean }): AdminJSOptions {
  const rootPath = host.rootPath ?? parts.rootPath;
  if (rootPath !== parts.rootPath) {
    throw new Error(`AdminJS rootPath "${rootPath}" differs from the chats' "${parts.rootPath}": pass the same rootPath to createChatsAdmin`);
  }
  const componentLoader = host.componentLoader ?? parts.componentLoader;
  // same names, same files: the resources' component names stay valid in the host's loader
  if (componentLoader !== parts.componentLoader) registerComponents(componentLoader);
  return {
    ...host,
    rootPath,
    componentLoader,
    resources: [...(host.resources ?? []), ...parts.resources],
    pages: { ...(host.pages ?? {}), ...parts.pages },
    locale: mergeLocale(host.locale, parts.translations),
    ...(options.dashboard ? { dashboard: parts.dashboard } : {}),
  };
}
