// Edm.DateTimeOffset as Graph keeps it: .NET's DateTimeOffset, to 100 ns (7 fractional digits). JavaScript's
// Date holds milliseconds only, so the fraction is carried as text beside the whole seconds.

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * The stored form: UTC, fixed width, 7 fractional digits (`2017-01-01T08:02:49.3205976Z`), which orders as
 * text exactly as the instants do. Digits beyond the 7th are dropped. The text must be a valid date-time
 * (the spec's `format: date-time` or the $filter parser has checked it).
 */
export function storedDateTimeOffset(text: string): string {
  const match = ISO.exec(text);
  if (!match) throw new Error(`Not an ISO 8601 date-time: '${text}'.`);
  const [, wholeSeconds, fraction = "", zone] = match as unknown as [string, string, string | undefined, string];
  // Offsets are whole minutes, so converting to UTC moves only the whole seconds, never the fraction.
  const utc = new Date(`${wholeSeconds}${zone.toUpperCase()}`).toISOString().slice(0, 19);
  return `${utc}.${fraction.padEnd(7, "0").slice(0, 7)}Z`;
}

/** The answered form: UTC with the fractional digits that carry a value, at least 3 (`.320Z`, `.3205976Z`). */
export function answeredDateTimeOffset(text: string): string {
  const stored = storedDateTimeOffset(text);
  const fraction = stored.slice(20, 27).replace(/0+$/, "").padEnd(3, "0");
  return `${stored.slice(0, 19)}.${fraction}Z`;
}
