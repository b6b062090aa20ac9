// Excel date cells have no time zone: they hold a wall-clock reading. exceljs turns a JS Date into
// that reading from its UTC fields, so to show an instant as it was in an IANA zone we hand exceljs
// a Date whose UTC fields ARE the zone's wall clock.

const DAY_MS = 86_400_000;

/**
 * Returns a converter from a UTC instant (epoch ms) to the "wall-clock Date" for the zone.
 * Intl formatting costs microseconds, too slow for millions of cells, so the UTC offset is cached
 * per UTC day; a day whose offset differs at its two ends holds a DST change and is converted
 * instant by instant. Throws RangeError for an unknown zone.
 */
export function zonedWallClock(timeZone: string): (instantMs: number) => Date {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  });

  // offset (wall clock − UTC) at a whole-second instant
  const offsetAt = (ms: number): number => {
    const f: Record<string, number> = {};
    for (const part of format.formatToParts(ms)) if (part.type !== 'literal') f[part.type] = Number(part.value);
    const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    return wall - ms;
  };

  const byDay = new Map<number, number | null>(); // null: a transition inside that day
  return (instantMs: number): Date => {
    const day = Math.floor(instantMs / DAY_MS);
    let offset = byDay.get(day);
    if (offset === undefined) {
      const start = offsetAt(day * DAY_MS);
      offset = start === offsetAt(day * DAY_MS + DAY_MS - 1000) ? start : null;
      byDay.set(day, offset);
    }
    if (offset === null) {
      const second = Math.floor(instantMs / 1000) * 1000;
      return new Date(instantMs + offsetAt(second));
    }
    return new Date(instantMs + offset);
  };
}
