// ru texts: the audit log. Merged by src/admin/locale/index.ts.
export default {
  resources: {
    AuditEntry: {
      properties: {
        at: 'Время',
        action: 'Действие',
        actor: 'Пользователь',
        actorKey: 'Id пользователя',
        address: 'Адрес',
        subject: 'Объект',
        facts: 'Подробности',
      },
      labels: {
        action: {
          login: 'Вход',
          login_failed: 'Неудачный вход',
          logout: 'Выход',
          report_requested: 'Выгрузка отчёта',
          report_downloaded: 'Скачивание отчёта',
          chat_created: 'Чат создан',
          chat_changed: 'Чат изменён',
          chat_deleted: 'Чат удалён',
          facebook_connected: 'Facebook подключён',
          facebook_disconnected: 'Facebook отключён',
          user_created: 'Пользователь создан',
          user_changed: 'Пользователь изменён',
          user_role_changed: 'Роль изменена',
          user_deleted: 'Пользователь удалён',
          client_erased: 'Клиент стёрт',
          retention_run: 'Срок хранения применён',
          audit_pruned: 'Журнал аудита очищен',
        },
      },
      actions: { list: 'Журнал аудита', show: 'Запись' },
    },
  },
};
