/**
 * Google Ads writes date-times as `YYYY-MM-DD HH:MM:SS` in the account's own time zone
 * (`customer.time_zone`, an IANA name) with no offset, so reading one needs the zone.
 */

const FORMAT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The wall clock of `timeZone` at `ms`, as the UTC instant with the same digits. */
function wallClock(ms: number, format: Intl.DateTimeFormat): number {
  const parts = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** True when `timeZone` is an IANA name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant (ms since the epoch) of a Google Ads date-time in `timeZone`; undefined when
 * the text is not in that format. A wall time a DST jump skips reads with the offset from
 * before the jump; one the clock repeats reads as its first occurrence.
 */
export function zonedToUtc(text: string, timeZone: string): number | undefined {
  const match = FORMAT.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (Number.isNaN(wall) || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const format = formatter(timeZone);
  // Offsets on both sides of the wall time: before and after any transition within a day.
  const offsets = [...new Set([wall - 86_400_000, wall + 86_400_000].map((probe) => wallClock(probe, format) - probe))].sort((a, b) => b - a);
  for (const offset of offsets) {
    if (wallClock(wall - offset, format) === wall) return wall - offset;
  }
  return wall - Math.min(...offsets);
}

/** `ms` as a Google Ads date-time in `timeZone`. */
export function utcToZoned(ms: number, timeZone: string): string {
  return new Date(wallClock(ms, formatter(timeZone))).toISOString().slice(0, 19).replace('T', ' ');
}
