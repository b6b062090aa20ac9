// "All chat sessions with markers": the dialogues of the filtered list that have at least one
// marker, with the markers as the first column.
import type { ReportDefinition } from '../report-definition.js';
import { sessionReport } from '../sql/session-rows.js';

export const sessionsWithMarkersReport: ReportDefinition = sessionReport({
  type: 'sessions_with_markers',
  title: 'All chat sessions with markers',
  markedOnly: true,
});
