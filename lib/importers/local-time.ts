// Timestamps a source wrote in local wall-clock time (Python datetime.now().isoformat(),
// `datetime('now','localtime')`): read in the source's IANA zone. A value that carries its
// own zone (Z, +01:00) or is already a Date keeps it.
import { parseSourceTime } from "./map-context";

const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/** This server's zone, the default for sources on the same machine. */
export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Whether `zone` is a zone name Intl knows ("UTC", "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at instant `ms`, in milliseconds (east positive). */
export function zoneOffsetMs(zone: string, ms: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a zone-less wall time means in `zone`. In a DST gap or overlap the earlier
 * offset wins, as Python's fold=0 does.
 */
export function parseLocalTime(value: unknown, zone: string): Date | undefined {
  if (typeof value !== "string") return parseSourceTime(value);
  const m = WALL.exec(value.trim());
  if (!m) return parseSourceTime(value);
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Number(frac.padEnd(3, "0").slice(0, 3)) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (Number.isNaN(wall)) return undefined;
  // the offsets in force a day either side: at most one transition lies between them
  const before = zoneOffsetMs(zone, wall - 86_400_000);
  const after = zoneOffsetMs(zone, wall + 86_400_000);
  const fits = [wall - before, wall - after].filter((t) => zoneOffsetMs(zone, t) === wall - t);
  // in a gap neither fits: read it with the offset before the change, as Python does
  const instant = fits.length > 0 ? Math.min(...fits) : wall - before;
  return parseSourceTime(new Date(instant));
}
