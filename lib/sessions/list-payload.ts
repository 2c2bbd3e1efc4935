// What a row of the session's lists carries: agent text shortened and JSON only when small,
// so a page stays light; the whole text or JSON loads on demand.

/** Shortens agent text for a list; the whole text loads on demand. */
export function clip(text: string, max: number): { text: string; clipped: boolean } {
  return text.length <= max ? { text, clipped: false } : { text: text.slice(0, max), clipped: true };
}

/** JSON small enough to send with a list row, else undefined (loaded on demand). */
export function smallJson(value: unknown, maxChars = 8_000): { value: unknown; omitted: boolean } {
  if (value === null || value === undefined) return { value: null, omitted: false };
  return JSON.stringify(value).length <= maxChars ? { value, omitted: false } : { value: null, omitted: true };
}
