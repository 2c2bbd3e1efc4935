// Agent types get colours from one palette, assigned in name order over the set shown, so
// a chart never gives two agent types the same colour (up to the palette's size) and the
// same set always looks the same. Mid-tone hues that read on both light and dark surfaces;
// every use also prints the agent type as text, so colour is never the only cue.
export const AGENT_PALETTE = [
  "#4f7cff",
  "#e0672b",
  "#1f9d6b",
  "#c0468e",
  "#8a63d2",
  "#c79a1a",
  "#1b9bb5",
  "#d0454c",
  "#6b8e23",
  "#9c6b4f",
  "#5a6acf",
  "#2e8b57",
] as const;

export const UNKNOWN_AGENT_COLOR = "#8b93a3";

export function assignAgentColors(agentTypes: Iterable<string | null | undefined>): Map<string, string> {
  const names = [...new Set([...agentTypes].filter((t): t is string => typeof t === "string" && t !== ""))].sort();
  return new Map(names.map((name, i) => [name, AGENT_PALETTE[i % AGENT_PALETTE.length]!]));
}

export function colorOf(colors: Map<string, string>, agentType: string | null | undefined): string {
  return (agentType && colors.get(agentType)) || UNKNOWN_AGENT_COLOR;
}
