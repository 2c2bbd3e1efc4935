// Next.js calls register() once when a server process starts. Background work that must run
// without any request lives here, on the Node.js runtime only.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/lib/gates/gate-sweeper")).startGateSweeper();
}
