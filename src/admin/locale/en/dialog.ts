// en texts: dialog. Merged by src/admin/locale/index.ts.
export default {
  resources: {
    Dialog: {
      properties: {
        id: 'Session id',
        chat: 'Chat',
        client: 'Client id',
        channel: 'Channel',
        status: 'Status',
        createdAt: 'Chat date',
        cost: 'Dialog cost',
        operator: 'Operator',
        markers: 'Marker',
        text: 'Text search',
        transferredAt: 'Transferred to operator',
        firstOperatorReplyAt: 'First operator reply',
        closedAt: 'Closed',
        lastMessageAt: 'Last message',
        messageCount: 'Messages',
      },
      labels: {
        status: {
          all: 'Active and closed dialogs',
          active: 'Active',
          closed: 'Closed',
          no_operator_response: 'No operator response',
        },
        // a single dialogue's status (the filter options above are plural in some languages)
        statusValue: { active: 'Active', closed: 'Closed' },
        channel: { web: 'Web', facebook: 'Facebook' },
        markerNames: 'Markers',
        pagesVisited: 'Pages visited',
        messagesHeader: 'Messages',
        noMessages: 'No messages yet',
      },
      actions: {
        list: 'Dialogs',
        show: 'Show dialog',
        delete: 'Delete',
        messagesPage: 'Messages',
      },
      buttons: {
        copyLink: 'Copy link',
        loadMoreMessages: 'Load more messages',
      },
      messages: {
        linkCopied: 'Link copied',
        linkNotCopied: 'Could not copy the link: {{link}}',
        invalidFilterValue: 'This filter value cannot match any dialogue',
        unknownFilter: 'Unknown filter',
      },
    },
  },
};
