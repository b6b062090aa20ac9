// Which fields a change touched, for the audit log: names always, values only where they are
// neither secret nor long. A secret column (a password hash, an encrypted token) is named as
// changed and never valued, so the log cannot leak what the record hides.

export interface ChangeRules {
  /** Columns named without their values (secrets, keys). */
  secret?: readonly string[];
  /** Columns left out altogether (timestamps, counters the database keeps). */
  ignore?: readonly string[];
  /** How a column is named in the log (passwordHash → password). */
  names?: Readonly<Record<string, string>>;
}

export interface FieldChanges {
  /** Every changed field, by its log name. */
  fields: string[];
  /** from → to of the changed fields that may be shown. */
  values: Record<string, { from: unknown; to: unknown }>;
}

/** Longest text value recorded; longer ones are named only (a greeting, bot rules). */
export const MAX_RECORDED_VALUE = 200;

// Dates, decimals and arrays compare (and are kept) as their JSON
const plain = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value ?? null)));
const recordable = (value: unknown): boolean =>
  value === null || typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= MAX_RECORDED_VALUE);

/** The fields that differ between `before` (null: created) and `after` (null: deleted). */
export function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null, rules: ChangeRules = {}): FieldChanges {
  const secret = new Set(rules.secret ?? []);
  const ignore = new Set(rules.ignore ?? []);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((key) => !ignore.has(key));
  const result: FieldChanges = { fields: [], values: {} };
  for (const key of keys) {
    const from = plain(before?.[key]);
    const to = plain(after?.[key]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    const name = rules.names?.[key] ?? key;
    result.fields.push(name);
    if (!secret.has(key) && recordable(from) && recordable(to)) result.values[name] = { from, to };
  }
  return result;
}
