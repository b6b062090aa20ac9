// en texts: clients, markers and operators (src/admin/resources/client, marker, operator). Merged by src/admin/locale/index.ts.
export default {
  resources: {
    Client: {
      properties: { id: 'Id', externalId: 'Client id', chat: 'Chat', channel: 'Channel', createdAt: 'First seen' },
      labels: { channel: { web: 'Web', facebook: 'Facebook' } },
      actions: { list: 'Clients', show: 'Details' },
    },
    Marker: {
      properties: { id: 'Id', name: 'Name', createdAt: 'Created' },
      actions: { list: 'Markers', new: 'New marker', show: 'Details' },
    },
    Operator: {
      properties: { id: 'Id', name: 'Name', email: 'E-mail', userKey: 'User id', createdAt: 'First seen', updatedAt: 'Updated' },
      actions: { list: 'Operators', show: 'Details' },
    },
  },
};
