// ru texts: message. Merged by src/admin/locale/index.ts.
export default {
  resources: {
    Message: {
      properties: {
        id: 'Id',
        dialog: 'Диалог',
        authorType: 'Тип автора',
        authorName: 'Автор',
        operator: 'Оператор',
        text: 'Текст',
        sentAt: 'Дата',
        isPaid: 'Платное',
        cost: 'Стоимость',
        deliveryStatus: 'Доставка',
        deliveryAttempts: 'Попыток доставки',
        deliveryError: 'Ошибка доставки',
        nextDeliveryAt: 'Следующая попытка',
      },
      labels: {
        authorType: { client: 'Клиент', bot: 'Бот', operator: 'Оператор', system: 'Система' },
        deliveryStatus: { pending: 'Ожидает', sent: 'Отправлено', failed: 'Ошибка' },
        isPaid: { true: 'Да', false: 'Нет' },
      },
      actions: { list: 'Сообщения', show: 'Просмотр сообщения' },
      messages: {
        invalidFilterValue: 'Это значение фильтра не подходит ни одному сообщению',
        unknownFilter: 'Неизвестный фильтр',
      },
    },
  },
};
