// Series colours from the theme (works in light and dark); "other" is always neutral.
const PALETTE = ["var(--accent)", "var(--ok)", "var(--warn)", "var(--info)", "var(--danger)", "var(--fg-muted)"];

export function seriesColor(key: string, index: number): string {
  return key === "other" ? "var(--line-strong)" : (PALETTE[index % PALETTE.length] ?? "var(--accent)");
}
