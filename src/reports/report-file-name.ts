// Report file names: "<report> - <chat or All chats> - <period>.xlsx", safe on every OS.
import type { DialogFilter } from '../domain/dialog-filter.js';

const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

function day(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function reportFileName(title: string, chatName: string | null, filter: DialogFilter, timeZone: string): string {
  const period = filter.createdFrom || filter.createdTo
    ? `${filter.createdFrom ? day(filter.createdFrom, timeZone) : '…'} to ${filter.createdTo ? day(filter.createdTo, timeZone) : '…'}`
    : 'all time';
  const name = [title, chatName ?? 'All chats', period].join(' - ').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return `${name.slice(0, 200)}.xlsx`;
}
