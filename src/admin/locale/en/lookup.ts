// en texts: clients and markers (src/admin/resources/lookup.resources.ts). Merged by src/admin/locale/index.ts.
export default {
  resources: {
    Client: {
      properties: { id: 'Id', externalId: 'Client id', chat: 'Chat', channel: 'Channel', createdAt: 'First seen' },
      labels: { channel: { web: 'Web', facebook: 'Facebook' } },
      actions: { list: 'Clients' },
    },
    Marker: {
      properties: { id: 'Id', name: 'Name', createdAt: 'Created' },
      actions: { list: 'Markers', new: 'New marker' },
    },
  },
};
