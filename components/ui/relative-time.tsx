const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "2 d ago", then the UTC date. */
export function formatRelativeTime(date: Date, now: Date): string {
  const ago = now.getTime() - date.getTime();
  // Small clock skew between the source and us reads as "just now", not "in 3 s".
  if (ago < MINUTE && ago > -MINUTE) return "just now";
  if (ago < 0) return formatUtcDate(date);
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)} d ago`;
  return formatUtcDate(date);
}

export function formatUtcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function formatUtcDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** `now` comes from the caller so rendering stays pure and every row uses the same clock. */
export function RelativeTime({ date, now }: { date: Date; now: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatUtcDateTime(date)} className="whitespace-nowrap">
      {formatRelativeTime(date, now)}
    </time>
  );
}
