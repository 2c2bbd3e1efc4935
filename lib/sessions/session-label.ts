// What a session is called in lists: its title, else its mission, else its external id.
// Agent-written text, so it is only shortened here; React escapes it when rendering.

export const LABEL_MAX_CHARS = 160;

type Labelled = { title: string | null; mission: string | null; externalId: string };

export function sessionLabel(session: Labelled, maxChars: number = LABEL_MAX_CHARS): string {
  const text = firstNonBlank(session.title, session.mission) ?? session.externalId;
  return truncate(collapseWhitespace(text), maxChars);
}

function firstNonBlank(...values: (string | null)[]): string | undefined {
  return values.find((v): v is string => v !== null && v.trim() !== "");
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text); // code points, so an emoji is never cut in half
  if (chars.length <= maxChars) return text;
  return `${chars
    .slice(0, Math.max(0, maxChars - 1))
    .join("")
    .trimEnd()}…`;
}
