// The Russian interface in a real browser: the top bar's language selector offers Russian; the
// Dialog list, its status filter, a dialogue, AdminJS' own buttons and notices, and the login page
// are then in Russian, and the choice survives a reload and a logout.
// Screenshots: screenshots/russian-<nn>-<step>.png (git-ignored).
import type { Page } from 'playwright-core';
import {
  closeFilterDrawer, eventually, listedIds, logIn, screenshot, type BrowserApp, useBrowserSession,
} from '../support/browser.js';

describe('Russian interface in Chromium', () => {
  const session = useBrowserSession();
  let app: BrowserApp;
  let page: Page;
  beforeAll(() => ({ app, page } = session));

  const shot = (step: string) => screenshot(page, `russian-${step}`);
  const visible = (locator: ReturnType<Page['locator']>) => locator.waitFor({ state: 'visible' });
  const drawer = () => page.locator('[data-css="Dialog-filter-drawer"]');

  it('01 switches the language to Russian from the top bar', async () => {
    await page.goto(`${app.baseUrl}/admin`);
    await logIn(page, 'admin@example.com');
    await page.goto(`${app.baseUrl}/admin/resources/Dialog`);
    await page.locator('[data-testid="property-list-id"]').first().waitFor();
    await visible(page.getByRole('heading', { name: /Dialogs/ }));

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Русский', { exact: true }).click();

    await visible(page.getByRole('heading', { name: /Диалоги/ }));
    await visible(page.getByRole('button', { name: 'Русский' }));
    const headers = (await page.locator('thead td').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
    expect(headers).toEqual(['ID сессии', 'Чат', 'ID клиента', 'Канал', 'Статус', 'Дата чата', 'Стоимость диалога', 'Оператор']);
    const statuses = page.locator('[data-testid="property-list-status"]');
    await visible(statuses.getByText('Активен').first());
    await visible(statuses.getByText('Закрыт').first());
    expect(await page.locator('[data-testid="no-operator-response"]').allInnerTexts()).toEqual(Array(3).fill('Без ответа оператора'));
    expect(new Set(await page.locator('[data-testid="property-list-channel"]').allInnerTexts())).toEqual(new Set(['Сайт', 'Facebook']));
    await visible(page.locator('[data-css="Dialog-filter-button"]').getByText('Фильтр', { exact: true }));
    await visible(page.getByText('Навигация', { exact: true }));
    await visible(page.getByText('Чаты', { exact: true }).first());
    await page.mouse.move(700, 600); // closes the language menu, which opens on hover
    await page.getByText('English', { exact: true }).waitFor({ state: 'hidden' });
    await shot('01-dialogs');
  });

  it('02 filters by status with Russian options and buttons', async () => {
    await page.locator('[data-css="Dialog-filter-button"]').click();
    const status = drawer().locator('[data-testid="property-filter-status"]');
    await visible(status.getByText('Статус', { exact: true }));
    await visible(drawer().getByText('Фильтры', { exact: true }));
    await visible(drawer().getByRole('button', { name: 'Сбросить' }));
    await status.locator('.adminjs_Select').click();
    const options = page.locator('[id*="-option-"]');
    expect(await options.allInnerTexts()).toEqual(['Активные и закрытые диалоги', 'Активные', 'Закрытые', 'Без ответа оператора']);
    await shot('02-status-options');
    await options.filter({ hasText: 'Без ответа оператора' }).click();
    await drawer().getByRole('button', { name: 'Применить' }).click();
    await page.waitForURL((url) => url.searchParams.get('filters.status') === 'no_operator_response');
    const f = app.fixture;
    await eventually(() => listedIds(page), [f.b2, f.a4, f.a2]);
    await closeFilterDrawer(page, 'Dialog');
    await visible(page.locator('[data-css="Dialog-filter-button"]').getByText('Фильтр (1)'));
    await shot('03-filtered');
  });

  it('03 keeps Russian after a reload and shows a dialogue in Russian', async () => {
    await page.reload();
    await page.locator('[data-testid="property-list-id"]').first().waitFor();
    await visible(page.getByRole('heading', { name: /Диалоги/ }));
    await page.locator('tbody tr').filter({ hasText: app.fixture.a2 }).locator('[data-testid="property-list-id"]').click();
    const show = page.locator('[data-testid="dialog-show"]');
    await visible(show.getByText(app.fixture.a2));
    // the page is headed by the record (its session id); the breadcrumb names the action
    await visible(page.getByRole('heading', { name: app.fixture.a2 }));
    await visible(show.getByRole('button', { name: 'Копировать ссылку' }));
    for (const label of ['ID сессии', 'Дата чата', 'Стоимость диалога', 'Передан оператору', 'Маркеры', 'Посещённые страницы']) {
      await visible(show.getByText(label, { exact: true }));
    }
    await visible(show.getByText('Сообщения (3)'));
    const authors = page.locator('[data-testid="dialog-message"] .adminjs_Badge');
    await eventually(() => authors.allInnerTexts(), ['Клиент', 'Бот', 'Система']);
    await shot('04-dialog');
  });

  it('04 shows AdminJS notices and empty lists in Russian', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/Chat/actions/new`);
    await visible(page.getByRole('heading', { name: 'Новый чат' }));
    await page.locator('input[name="name"]').fill('Чайная лавка');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await visible(page.getByText('Запись создана'));
    await shot('05-created');

    await page.goto(`${app.baseUrl}/admin/resources/Chat?filters.name=${encodeURIComponent('нет такого')}`);
    await visible(page.getByRole('heading', { name: 'Нет записей' }));
    await visible(page.getByText('В этом разделе пока нет записей'));
    await shot('06-no-records');
  });

  it('05 keeps Russian on the login page after logging out', async () => {
    await page.goto(`${app.baseUrl}/admin/logout`);
    await page.waitForURL(/\/admin\/login$/);
    await visible(page.getByText('Электронная почта', { exact: true }));
    await visible(page.getByText('Пароль', { exact: true }));
    await page.locator('input[name="email"]').fill('admin@example.com');
    await page.locator('input[name="password"]').fill('wrong password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await visible(page.getByText('Неверный адрес электронной почты или пароль'));
    await shot('07-login');
  });
});
