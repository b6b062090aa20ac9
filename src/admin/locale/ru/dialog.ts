// ru texts: dialog. Merged by src/admin/locale/index.ts.
export default {
  resources: {
    Dialog: {
      properties: {
        id: 'ID сессии',
        chat: 'Чат',
        client: 'ID клиента',
        channel: 'Канал',
        status: 'Статус',
        createdAt: 'Дата чата',
        cost: 'Стоимость диалога',
        operator: 'Оператор',
        markers: 'Маркер',
        text: 'Поиск по тексту',
        transferredAt: 'Передан оператору',
        firstOperatorReplyAt: 'Первый ответ оператора',
        closedAt: 'Закрыт',
        lastMessageAt: 'Последнее сообщение',
        messageCount: 'Сообщений',
      },
      labels: {
        status: {
          all: 'Активные и закрытые диалоги',
          active: 'Активные',
          closed: 'Закрытые',
          no_operator_response: 'Без ответа оператора',
        },
        // статус одного диалога (варианты фильтра выше — во множественном числе)
        statusValue: { active: 'Активен', closed: 'Закрыт' },
        channel: { web: 'Сайт', facebook: 'Facebook' },
        markerNames: 'Маркеры',
        pagesVisited: 'Посещённые страницы',
        messagesHeader: 'Сообщения',
        noMessages: 'Сообщений пока нет',
      },
      actions: {
        list: 'Диалоги',
        show: 'Просмотр диалога',
        delete: 'Удалить',
        messagesPage: 'Сообщения',
      },
      buttons: {
        copyLink: 'Копировать ссылку',
        loadMoreMessages: 'Показать ещё сообщения',
      },
      messages: {
        linkCopied: 'Ссылка скопирована',
        linkNotCopied: 'Не удалось скопировать ссылку: {{link}}',
        invalidFilterValue: 'Это значение фильтра не подходит ни одному диалогу',
        unknownFilter: 'Неизвестный фильтр',
      },
    },
  },
};
