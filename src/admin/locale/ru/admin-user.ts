// ru texts: admin-user. Merged by src/admin/locale/index.ts.
export default {
  resources: {
    AdminUser: {
      properties: {
        id: 'Id',
        email: 'Электронная почта',
        name: 'Имя',
        role: 'Роль',
        password: 'Пароль',
        createdAt: 'Создан',
      },
      labels: {
        role: { admin: 'Администратор', operator: 'Оператор', viewer: 'Наблюдатель' },
      },
      actions: { list: 'Администраторы', new: 'Новый пользователь' },
    },
  },
};
