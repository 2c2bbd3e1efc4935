import { LIMITS, TRUNCATION_MARKER } from "./schemas";

/** Keeps at most `cap` characters and says visibly how many were cut. */
export function capText(text: string, cap: number = LIMITS.textCap): { text: string; truncated: boolean } {
  if (text.length <= cap) return { text, truncated: false };
  return { text: text.slice(0, cap) + TRUNCATION_MARKER.replace("{n}", String(text.length - cap)), truncated: true };
}

export function capOptional(text: string | undefined, cap?: number): string | undefined {
  return text === undefined ? undefined : capText(text, cap).text;
}
