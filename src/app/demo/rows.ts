// Plain rows as the bulk writer inserts them (column names mapped in bulk-writer.ts). Money is a
// decimal string, times are Dates. Message and page-visit ids come from the table sequences.
import type { AuthorType, ChannelName } from '../../domain/money.js';

export interface ClientRow { id: number; chatId: number; channel: ChannelName; externalId: string; createdAt: Date }

export interface DialogRow {
  id: string;
  chatId: number;
  clientId: number;
  channel: ChannelName;
  status: 'active' | 'closed';
  operatorId: number | null;
  transferredAt: Date | null;
  firstOperatorReplyAt: Date | null;
  closedAt: Date | null;
  lastMessageAt: Date | null;
  messageCount: number;
  cost: string;
  createdAt: Date;
}

export interface MessageRow {
  dialogId: string;
  authorType: AuthorType;
  authorName: string | null;
  operatorId: number | null;
  text: string;
  sentAt: Date;
  isPaid: boolean;
  cost: string;
}

export interface DialogMarkerRow { dialogId: string; markerId: number; setAt: Date }

export interface PageVisitRow { dialogId: string; url: string; title: string | null; visitedAt: Date }

/** Whole dialogues only: every message, marker and visit of a batch's dialogues is in that batch. */
export interface DemoBatch {
  clients: ClientRow[];
  dialogs: DialogRow[];
  messages: MessageRow[];
  dialogMarkers: DialogMarkerRow[];
  pageVisits: PageVisitRow[];
}
