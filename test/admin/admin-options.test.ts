// adminOptions(host) adds the chats to a host's AdminJS options and takes nothing of the host's
// away: its resources, pages, branding, landing page, locale and texts stay; the plugin's
// components land in the host's ComponentLoader; the dashboard is replaced only when asked.
import path from 'node:path';
import { ComponentLoader } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import { createChatsAdmin, type ChatsAdminOptions } from '../../src/index.js';
import type { SqlRunner } from '../../src/db/sql-runner.js';

// nothing here touches the database: the options are only assembled
const offline = (extra: Partial<ChatsAdminOptions> = {}) => createChatsAdmin({
  prisma: {} as PrismaClient,
  sql: {} as SqlRunner,
  secret: 'a-secret-of-some-length',
  reports: { dir: '/tmp/chats-admin-options-test' },
  ...extra,
});

const hostDashboard = { component: 'HostDashboard', handler: async () => ({ host: true }) };
const hostResource = { resource: { host: true }, options: {} } as never;

describe('adminOptions(host)', () => {
  it('keeps the host branding, landing page, pages and resources, and adds the chats after them', () => {
    const chats = offline();
    const options = chats.adminOptions({
      rootPath: '/admin',
      branding: { companyName: 'Acme' },
      dashboard: hostDashboard,
      pages: { hostPage: { component: 'HostPage' } },
      resources: [hostResource],
    });
    expect(options.branding).toEqual({ companyName: 'Acme' });
    expect(options.dashboard).toBe(hostDashboard);
    expect(Object.keys(options.pages ?? {})).toEqual(['hostPage', 'chatsDashboard', 'chatsReports']);
    expect(options.resources?.[0]).toBe(hostResource);
    expect(options.resources).toHaveLength(1 + chats.resources.length);
  });

  it('replaces the landing page with the chats dashboard only with dashboard: true', () => {
    const chats = offline({ dashboard: true });
    const options = chats.adminOptions({ dashboard: hostDashboard });
    expect(options.dashboard).toBe(chats.dashboard);
    expect(Object.keys(options.pages ?? {})).toEqual(['chatsReports']);
  });

  it('merges translations under the host\'s: the host\'s texts win, its languages stay, unknown ones get English', () => {
    const options = offline().adminOptions({
      locale: {
        language: 'de',
        availableLanguages: ['de', 'en'],
        translations: { en: { labels: { Chat: 'Widgets' }, actions: { show: 'Show' } }, de: { labels: { Dialog: 'Gespräche' } } },
      },
    });
    const locale = options.locale as { language: string; availableLanguages: string[]; translations: Record<string, Record<string, Record<string, unknown>>> };
    expect(locale.language).toBe('de');
    expect(locale.availableLanguages).toEqual(['de', 'en']);
    expect(locale.translations.en.labels.Chat).toBe('Widgets');
    expect(locale.translations.en.labels.Dialog).toBe('Dialogs'); // ours where the host has none
    expect(locale.translations.en.actions.show).toBe('Show'); // the host's global action names are its own
    expect(locale.translations.de.labels.Dialog).toBe('Gespräche');
    expect(locale.translations.de.labels.Message).toBe('Messages'); // no German of ours: English
    expect(Object.keys(locale.translations).sort()).toEqual(['de', 'en']); // no Russian forced on the host
  });

  it('without a host locale, offers English and Russian', () => {
    const locale = offline().adminOptions({}).locale as { availableLanguages: string[]; translations: Record<string, unknown> };
    expect(locale.availableLanguages).toEqual(['en', 'ru']);
    expect(Object.keys(locale.translations)).toEqual(['en', 'ru']);
  });

  it('registers the chats components in the host\'s ComponentLoader, under prefixed names', () => {
    const hostLoader = new ComponentLoader();
    const hostFile = path.resolve('components/ShowOrDash.tsx'); // any existing file stands in for the host's
    hostLoader.add('Dashboard', hostFile);
    const options = offline().adminOptions({ componentLoader: hostLoader });
    expect(options.componentLoader).toBe(hostLoader);
    const names = Object.keys(hostLoader.getComponents());
    expect(names).toContain('Dashboard'); // the host's own, untouched
    expect(names).toEqual(expect.arrayContaining(['ChatsDashboard', 'ChatsDialogShow', 'ChatsExportReport', 'ChatsReportsPage']));
    expect(hostLoader.getComponents().Dashboard).toBe(hostFile.replace(/\.tsx$/, ''));
  });

  it('refuses an AdminJS rootPath that differs from the plugin\'s, with a message that says what to do', () => {
    expect(() => offline().adminOptions({ rootPath: '/backoffice' })).toThrow(/pass the same rootPath to createChatsAdmin/);
    expect(offline({ rootPath: '/backoffice' }).adminOptions({ rootPath: '/backoffice' }).rootPath).toBe('/backoffice');
  });

  it('names every action and page so that AdminJS\' own and its feature packages\' cannot collide', () => {
    const chats = offline();
    const builtIn = new Set(['list', 'search', 'new', 'show', 'edit', 'delete', 'bulkDelete']);
    for (const { options } of chats.resources) {
      for (const name of Object.keys(options?.actions ?? {})) {
        // overriding a built-in (e.g. the chat's delete with its confirmation) is deliberate
        if (!builtIn.has(name)) expect(name).toMatch(/^chats[A-Z]/);
      }
    }
    for (const name of Object.keys(chats.pages)) expect(name).toMatch(/^chats[A-Z]/);
  });
});
