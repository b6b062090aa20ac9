// en texts shared by all screens. Merged by src/admin/locale/index.ts. AdminJS' own English texts
// (node_modules/adminjs/lib/locale/en) are loaded by AdminJS; only overrides and additions are here.
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
    AuditEntry: 'Audit log',
    Operator: 'Operators',
  },
  buttons: {
    ok: 'OK',
    // AdminJS ships i18next v3 plural keys (`_plural`); its i18next reads `_one` / `_other`
    confirmRemovalMany_one: 'Confirm the removal of {{count}} record',
    confirmRemovalMany_other: 'Confirm the removal of {{count}} records',
  },
  messages: {
    successfullyBulkDeleted_one: 'Successfully removed {{count}} record',
    successfullyBulkDeleted_other: 'Successfully removed {{count}} records',
    theseRecordsWillBeRemoved_one: 'Following record will be removed',
    theseRecordsWillBeRemoved_other: 'Following records will be removed',
  },
  components: {
    // the language selector in the top bar: each language under its own name
    LanguageSelector: { availableLanguages: { en: 'English', ru: 'Русский' } },
    Login: { loginButton: 'Log in' },
  },
};
