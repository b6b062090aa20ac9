// en texts: the audit log. Merged by src/admin/locale/index.ts.
export default {
  resources: {
    AuditEntry: {
      properties: {
        at: 'Time',
        action: 'Action',
        actor: 'User',
        actorKey: 'User id',
        address: 'Address',
        subject: 'Subject',
        facts: 'Details',
      },
      labels: {
        action: {
          login: 'Login',
          login_failed: 'Failed login',
          logout: 'Logout',
          report_requested: 'Report exported',
          report_downloaded: 'Report downloaded',
          chat_created: 'Chat created',
          chat_changed: 'Chat changed',
          chat_deleted: 'Chat deleted',
          facebook_connected: 'Facebook connected',
          facebook_disconnected: 'Facebook disconnected',
          user_created: 'User created',
          user_changed: 'User changed',
          user_role_changed: 'Role changed',
          user_deleted: 'User deleted',
          client_erased: 'Client erased',
          retention_run: 'Retention run',
          audit_pruned: 'Audit log pruned',
        },
      },
      actions: { list: 'Audit log', show: 'Entry' },
    },
  },
};
