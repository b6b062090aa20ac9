// A dialogue's transcript as one SQL expression: every message becomes an `Author: text` line and
// the lines are aggregated per dialogue in time order, so a report reads a whole conversation in
// the same row as its dialogue (no query per dialogue). Times are formatted by PostgreSQL in the
// report's zone, which knows every IANA zone and its history.

/** Who a line is attributed to: the stored author name, else the kind of author. */
function authorSql(m: string): string {
  return `COALESCE(NULLIF(${m}.author_name, ''), CASE ${m}.author_type`
    + ` WHEN 'client' THEN 'Client' WHEN 'bot' THEN 'Bot' WHEN 'operator' THEN 'Operator' ELSE 'System' END)`;
}

/**
 * One line per message of the messages table aliased `m`. With a time zone parameter (e.g. `$1`,
 * bound to an IANA name) each line starts with `[YYYY-MM-DD HH:MM:SS] `.
 */
export function transcriptLineSql(m: string, timeZoneParam: string | null): string {
  const line = `${authorSql(m)} || ': ' || ${m}.text`;
  if (timeZoneParam === null) return line;
  return `'[' || to_char(${m}.sent_at AT TIME ZONE ${timeZoneParam}, 'YYYY-MM-DD HH24:MI:SS') || '] ' || ${line}`;
}

/** Aggregate of the lines in time order (ties by id), newline-separated; NULL with no messages. */
export function transcriptAggregateSql(m: string, timeZoneParam: string | null): string {
  return `string_agg(${transcriptLineSql(m, timeZoneParam)}, E'\\n' ORDER BY ${m}.sent_at, ${m}.id)`;
}
