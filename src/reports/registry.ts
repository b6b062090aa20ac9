// The nine reports by type (PRODUCT.md, "Reports").
import type { ReportDefinition, ReportType } from './report-definition.js';
import { allSessionsReport } from './definitions/all-sessions.js';
import { sessionsWithMarkersReport } from './definitions/sessions-with-markers.js';
import { billingReport } from './definitions/billing.js';
import { operatorMetricsReport } from './definitions/operator-metrics.js';
import { productivityReport } from './definitions/productivity.js';
import { sourcesReport } from './definitions/sources.js';
import { webPagesReport } from './definitions/web-pages.js';
import { popularPhrasesReport } from './definitions/popular-phrases.js';
import { clientPhrasesReport } from './definitions/client-phrases.js';

const DEFINITIONS: Record<ReportType, ReportDefinition> = {
  all_sessions: allSessionsReport,
  sessions_with_markers: sessionsWithMarkersReport,
  billing: billingReport,
  operator_metrics: operatorMetricsReport,
  productivity: productivityReport,
  sources: sourcesReport,
  web_pages: webPagesReport,
  popular_phrases: popularPhrasesReport,
  client_phrases: clientPhrasesReport,
};

export function getReport(type: ReportType): ReportDefinition {
  return DEFINITIONS[type];
}

export function allReports(): ReportDefinition[] {
  return Object.values(DEFINITIONS);
}
