// An audit entry's details as lines a person reads on the log's pages ("name: Shop → Store")
// instead of the flattened JSON keys AdminJS would show.
const show = (value: unknown): string => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

export function detailsText(details: unknown): string {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return '';
  const lines: string[] = [];
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    if (key === 'values' && value && typeof value === 'object') {
      for (const [field, change] of Object.entries(value as Record<string, { from?: unknown; to?: unknown }>)) {
        lines.push(`${field}: ${show(change?.from)} → ${show(change?.to)}`);
      }
    } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      lines.push(`${key}: ${value.length ? value.join(', ') : '—'}`);
    } else {
      lines.push(`${key}: ${show(value)}`);
    }
  }
  return lines.join('\n');
}
