// The time window's presets, apart from the parser so the client-side picker does not
// bundle zod.
export const WINDOW_PRESETS = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type WindowPreset = keyof typeof WINDOW_PRESETS;

/** The picker's buttons, in order. */
export const WINDOW_PRESET_LABELS: { value: WindowPreset; label: string }[] = [
  { value: "24h", label: "24 h" },
  { value: "7d", label: "7 d" },
  { value: "30d", label: "30 d" },
];
