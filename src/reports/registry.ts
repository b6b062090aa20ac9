// The nine reports by type.
import type { ReportDefinition, ReportType } from './report-definition.js';

const definitions = new Map<ReportType, ReportDefinition>();

export function registerReport(definition: ReportDefinition): void {
  definitions.set(definition.type, definition);
}

export function getReport(type: ReportType): ReportDefinition {
  const definition = definitions.get(type);
  if (!definition) throw new Error(`report ${type} is not defined`);
  return definition;
}

export function allReports(): ReportDefinition[] {
  return [...definitions.values()];
}
