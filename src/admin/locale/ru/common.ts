// ru texts shared by all screens. Merged by src/admin/locale/index.ts.
export default {
  labels: {
    chats: 'Чаты',
    administration: 'Администрирование',
    Chat: 'Онлайн-чаты',
    Dialog: 'Диалоги',
    Message: 'Сообщения',
    Client: 'Клиенты',
    Marker: 'Маркеры',
    AdminUser: 'Администраторы',
  },
};
