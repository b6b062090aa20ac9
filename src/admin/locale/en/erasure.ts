// en texts: "Erase client" on clients and dialogues (components/EraseClient.tsx,
// src/admin/resources/client/actions/erase-client.action.ts). Merged by src/admin/locale/index.ts.
export default {
  // the breadcrumb translates the action without its resource
  actions: { chatsErase: 'Erase client', chatsEraseClient: 'Erase client' },
  buttons: { eraseClient: 'Erase client' },
  messages: {
    eraseClientTitle: 'Erase everything this client wrote and left in this chat?',
    eraseClientGoes: 'What goes:',
    eraseClientCount: {
      dialogs: 'dialogues whose content is removed: {{count}}',
      messages: 'message texts (client, bot and operator): {{count}}',
      pageVisits: 'page visits: {{count}}',
      markers: 'marker links: {{count}}',
      queuedFacebookMessages: 'Facebook messages still to be sent, cancelled: {{count}}',
      reportFiles: 'report files that can hold this client\'s data, deleted: {{count}}',
    },
    eraseClientStays: 'The client\'s identifier (web client id or Facebook PSID) goes too: if they come back, they start as a new client. What stays: the dialogues and messages as billing facts, without text (dates, authors, paid messages, costs), so billing, sources, productivity and the dashboard\'s counts for past periods do not change.',
    eraseClientIrreversible: 'This cannot be undone.',
    clientErased: 'Client erased: {{dialogs}} dialogue(s), {{messages}} message text(s), {{pageVisits}} page visit(s), {{markers}} marker link(s), {{queuedFacebookMessages}} queued Facebook message(s) and {{reportFiles}} report file(s) removed',
    clientNotErased: 'The client could not be erased; retry in a moment',
    clientNotFound: 'There is no such client',
    contentRemoved: 'Content removed on {{date}} ({{reason}})',
    contentRemovedReason: { erasure: 'erasure on request', retention: 'retention' },
  },
  // the Reports page: a file removed because of an erasure (components/reports/JobStatus.tsx)
  components: { Reports: { page: { removedErased: 'Removed on {{date}}: a client whose data it held was erased' } } },
  resources: {
    Client: { actions: { chatsErase: 'Erase client' } },
    Dialog: { actions: { chatsEraseClient: 'Erase client' } },
  },
};
