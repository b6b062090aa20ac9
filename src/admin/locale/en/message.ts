// en texts: message. Merged by src/admin/locale/index.ts.
export default {
  resources: {
    Message: {
      properties: {
        id: 'Id',
        dialog: 'Dialog',
        authorType: 'Author type',
        authorName: 'Author',
        operator: 'Operator',
        text: 'Text',
        sentAt: 'Date',
        isPaid: 'Paid',
        cost: 'Cost',
        deliveryStatus: 'Delivery',
        deliveryAttempts: 'Delivery attempts',
        deliveryError: 'Delivery error',
        nextDeliveryAt: 'Next attempt',
      },
      labels: {
        authorType: { client: 'Client', bot: 'Bot', operator: 'Operator', system: 'System' },
        deliveryStatus: { pending: 'Pending', sent: 'Sent', failed: 'Failed' },
        isPaid: { true: 'Yes', false: 'No' },
      },
      actions: { list: 'Messages', show: 'Message details' },
      messages: {
        invalidFilterValue: 'This filter value cannot match any message',
        unknownFilter: 'Unknown filter',
      },
    },
  },
};
