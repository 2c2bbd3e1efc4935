// How close a profile is to its daily limit, for the Settings badge and progress bar.

export type BudgetState = "ok" | "warning" | "over" | "unlimited";

export const WARNING_SHARE = 0.8;

/** share = used / limit (null when there is no limit); warning from 80 %, over from 100 %. */
export function budgetState(used: number, limit: number): { state: BudgetState; share: number | null } {
  if (!(limit > 0)) return { state: "unlimited", share: null };
  const share = used / limit;
  return { state: share >= 1 ? "over" : share >= WARNING_SHARE ? "warning" : "ok", share };
}
