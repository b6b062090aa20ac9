// ru texts: clients, markers and operators (src/admin/resources/client, marker, operator). Merged by src/admin/locale/index.ts.
export default {
  resources: {
    Client: {
      properties: { id: 'Id', externalId: 'Id клиента', chat: 'Чат', channel: 'Канал', createdAt: 'Первое обращение' },
      labels: { channel: { web: 'Сайт', facebook: 'Facebook' } },
      actions: { list: 'Клиенты' },
    },
    Marker: {
      properties: { id: 'Id', name: 'Название', createdAt: 'Создан' },
      actions: { list: 'Маркеры', new: 'Новый маркер' },
    },
    Operator: {
      properties: { id: 'Id', name: 'Имя', email: 'E-mail', userKey: 'Id пользователя', createdAt: 'Впервые', updatedAt: 'Обновлён' },
      actions: { list: 'Операторы' },
    },
  },
};
