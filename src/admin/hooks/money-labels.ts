// `after` hooks that add display labels for money to records (list and show): a chat's prices
// and a message's cost, with the chat's currency ("0.20 USD", "0.0025 EUR"); the dialogue hooks
// label its cost with moneyLabelOf too. The labels are made here from the exact decimals
// (src/domain/money.ts, which states the rounding rule); the components only print them.
import type { ActionResponse, RecordJSON } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import { moneyLabel, type MoneyPrecision } from '../../domain/money.js';

type Params = Record<string, unknown>;

const recordsOf = (response: ActionResponse): RecordJSON[] => (response.records as RecordJSON[] | undefined) ?? (response.record ? [response.record as RecordJSON] : []);

/** The label of a record param; an empty amount is 0, one that is not a decimal is shown as stored. */
export function moneyLabelOf(amount: unknown, currency: unknown, precision: MoneyPrecision = 'exact'): string {
  const text = amount === undefined || amount === null || amount === '' ? '0' : String(amount);
  try {
    return moneyLabel(text, typeof currency === 'string' ? currency : null, precision);
  } catch {
    return text;
  }
}

function addPriceLabels(params: Params): void {
  params.priceWebLabel = moneyLabelOf(params.priceWeb, params.currency);
  params.priceFacebookLabel = moneyLabelOf(params.priceFacebook, params.currency);
}

/** Chat list and show: `priceWebLabel`, `priceFacebookLabel`. */
export const chatPriceLabels = () => async (response: ActionResponse): Promise<ActionResponse> => {
  for (const record of recordsOf(response)) addPriceLabels(record.params);
  return response;
};

/** Message list and show: `costLabel`, with the currency of the dialogue's chat (one query a page). */
export const messageCostLabels = (prisma: PrismaClient) => async (response: ActionResponse): Promise<ActionResponse> => {
  const records = recordsOf(response);
  const dialogIds = [...new Set(records.map((record) => String(record.params.dialog ?? '')).filter(Boolean))];
  const dialogs = dialogIds.length
    ? await prisma.dialog.findMany({ where: { id: { in: dialogIds } }, select: { id: true, chat: { select: { currency: true } } } })
    : [];
  const currencyOf = new Map(dialogs.map((dialog) => [dialog.id, dialog.chat.currency]));
  for (const record of records) {
    record.params.costLabel = moneyLabelOf(record.params.cost, currencyOf.get(String(record.params.dialog ?? '')));
  }
  return response;
};
