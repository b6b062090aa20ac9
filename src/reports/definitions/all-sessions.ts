// "All chat sessions": one row per dialogue of the filtered list, with its transcript.
import type { ReportDefinition } from '../report-definition.js';
import { sessionReport } from '../sql/session-rows.js';

export const allSessionsReport: ReportDefinition = sessionReport({
  type: 'all_sessions',
  title: 'All chat sessions',
  markedOnly: false,
});
