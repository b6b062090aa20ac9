// Session ids (dialogues) and report job ids are UUIDs. Anything else can never name a row, so it
// is refused before a query: PostgreSQL would otherwise fail the `::uuid` cast with an error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in the 8-4-4-4-12 hex form, in either case (any version). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
