// ru texts: "Erase client" on clients and dialogues (components/EraseClient.tsx,
// src/admin/resources/client/actions/erase-client.action.ts). Merged by src/admin/locale/index.ts.
export default {
  // the breadcrumb translates the action without its resource
  actions: { chatsErase: 'Стереть клиента', chatsEraseClient: 'Стереть клиента' },
  buttons: { eraseClient: 'Стереть клиента' },
  messages: {
    eraseClientTitle: 'Стереть всё, что этот клиент написал и оставил в этом чате?',
    eraseClientGoes: 'Что будет удалено:',
    eraseClientCount: {
      dialogs: 'диалоги, содержимое которых удаляется: {{count}}',
      messages: 'тексты сообщений (клиента, бота и операторов): {{count}}',
      pageVisits: 'посещения страниц: {{count}}',
      markers: 'метки диалогов: {{count}}',
      queuedFacebookMessages: 'неотправленные сообщения в Facebook, отменяются: {{count}}',
      reportFiles: 'файлы отчётов, где могут быть данные клиента, удаляются: {{count}}',
    },
    eraseClientStays: 'Идентификатор клиента (id клиента виджета или PSID в Facebook) тоже удаляется: если клиент вернётся, он начнёт как новый. Что остаётся: диалоги и сообщения как факты для биллинга, без текста (даты, авторы, платные сообщения, стоимость), поэтому биллинг, источники, продуктивность и счётчики дашборда за прошлые периоды не меняются.',
    eraseClientIrreversible: 'Это действие нельзя отменить.',
    clientErased: 'Клиент стёрт; удалено диалогов: {{dialogs}}, текстов сообщений: {{messages}}, посещений страниц: {{pageVisits}}, меток: {{markers}}, сообщений в очереди Facebook: {{queuedFacebookMessages}}, файлов отчётов: {{reportFiles}}',
    clientNotErased: 'Не удалось стереть клиента; повторите чуть позже',
    clientNotFound: 'Такого клиента нет',
    contentRemoved: 'Содержимое удалено {{date}} ({{reason}})',
    contentRemovedReason: { erasure: 'стёрто по запросу', retention: 'срок хранения' },
  },
  // the Reports page: a file removed because of an erasure (components/reports/JobStatus.tsx)
  components: { Reports: { page: { removedErased: 'Удалён {{date}}: в нём были данные клиента, которого стёрли' } } },
  resources: {
    Client: { actions: { chatsErase: 'Стереть клиента' } },
    Dialog: { actions: { chatsEraseClient: 'Стереть клиента' } },
  },
};
