// Next.js calls register() once per server process at start-up. Background work that must
// run without any request lives here, on the Node.js runtime only (not during the build).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  (await import("./lib/gates/gate-sweeper")).startGateSweeper();
  (await import("./lib/importers/source-follower")).startSourceFollowing();
}
