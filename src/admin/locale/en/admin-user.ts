// en texts: admin-user. Merged by src/admin/locale/index.ts.
export default {
  resources: {
    AdminUser: {
      properties: {
        id: 'Id',
        email: 'Email',
        name: 'Name',
        role: 'Role',
        password: 'Password',
        createdAt: 'Created',
      },
      labels: {
        role: { admin: 'Administrator', operator: 'Operator', viewer: 'Viewer' },
      },
      actions: { list: 'Admin users', new: 'New user', show: 'Details' },
    },
  },
};
