// Next.js calls register() once per server process at start-up.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startSourceFollowing } = await import("./lib/importers/source-follower");
  startSourceFollowing();
}
