// en texts shared by all screens. Merged by src/admin/locale/index.ts.
export default {
  labels: {
    chats: 'Chats',
    administration: 'Administration',
    Chat: 'Online chats',
    Dialog: 'Dialogs',
    Message: 'Messages',
    Client: 'Clients',
    Marker: 'Markers',
    AdminUser: 'Admin users',
  },
};
