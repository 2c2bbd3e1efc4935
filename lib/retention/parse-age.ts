// "90d", "12h", "30m", "2w": the age of the oldest data retention keeps.

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Milliseconds of an age such as "90d"; throws a message naming the flag on anything else. */
export function parseAge(text: string, flag = "--older-than"): number {
  const m = /^\s*(\d{1,6})\s*([mhdw])\s*$/i.exec(text);
  if (!m) throw new Error(`${flag} must be a number and a unit (m, h, d or w), e.g. 90d or 12h; got "${text}"`);
  const ms = Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
  if (ms <= 0) throw new Error(`${flag} must be more than zero`);
  return ms;
}
