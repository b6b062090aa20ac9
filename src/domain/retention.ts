// A chat's retention period (README "Personal data" › "Retention"): dialogues whose last message
// (or creation, when they have none) is older than this many days lose their content; none: kept.
export const RETENTION_DAYS_MIN = 1;
/** Ten years: a longer period is almost certainly a typo. */
export const RETENTION_DAYS_MAX = 3650;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Dialogues whose last message is before this instant are due. */
export const retentionCutoff = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

