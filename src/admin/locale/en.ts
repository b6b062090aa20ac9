// English interface texts, merged into AdminJS' locale.
export const en = {
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
  resources: {},
  actions: {},
  buttons: {},
  messages: {},
  properties: {},
};
