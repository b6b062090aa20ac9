// The AdminJS dashboard handler (GET /admin/api/dashboard): query parameters from, to (YYYY-MM-DD),
// chat (a chat id; all chats when empty) and tz (IANA zone; UTC when empty). Answers the
// dashboard's numbers and the chat list for the selector; a bad parameter is a 400 with a clear
// message (and a code the component translates), never a 500 (src/admin/error-answer.ts).
import type { PageContext, PageHandler } from 'adminjs';
import type { SqlRunner } from '../db/sql-runner.js';
import { canRead } from '../domain/roles.js';
import type { ChatsAdminContext } from '../context.js';
import { ChatsError } from '../domain/errors.js';
import { chatsErrorAnswer, type AdminResponse } from '../admin/error-answer.js';
import { DashboardInputError, MAX_PERIOD_DAYS, parseDashboardParams } from './dashboard-input.js';
import { loadDashboard, type DashboardData } from './dashboard-queries.js';

export interface DashboardChat { id: number; name: string }

export type DashboardResponse =
  | (DashboardData & { chats: DashboardChat[]; maxPeriodDays: number })
  | { error: { code: string; message: string; params: Record<string, string | number> }; chats: DashboardChat[]; maxPeriodDays: number };

export function createDashboardHandler(ctx: Pick<ChatsAdminContext, 'prisma' | 'users'>, sql: Pick<SqlRunner, 'query'>): PageHandler {
  const { prisma } = ctx;
  return async (request: { query?: Record<string, unknown> }, response: AdminResponse, context: PageContext): Promise<DashboardResponse> => {
    let chats: DashboardChat[] = [];
    try {
      if (!canRead(ctx.users.current(context.currentAdmin))) throw new ChatsError('forbidden', 'forbidden', 'You are not allowed to see the dashboard');
      chats = await prisma.chat.findMany({ select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
      const query = parseDashboardParams(request.query ?? {});
      if (query.chatId !== undefined && !chats.some((chat) => chat.id === query.chatId)) {
        throw new DashboardInputError('invalidChat', `Unknown chat "${query.chatId}"`, { value: String(query.chatId) });
      }
      return { ...(await loadDashboard(sql, query)), chats, maxPeriodDays: MAX_PERIOD_DAYS };
    } catch (error) {
      // the chat selector keeps its list, so that the user can correct the choice
      const { code, error: message, details } = chatsErrorAnswer(response, error);
      return { error: { code, message, params: details ?? {} }, chats, maxPeriodDays: MAX_PERIOD_DAYS };
    }
  };
}
