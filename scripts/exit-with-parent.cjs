// Loaded into the Next.js processes of `npm start` and `npm run dev` (NODE_OPTIONS=--require):
// a process whose parent died (SIGKILL of the launcher, which cannot pass anything on) stops
// itself, so no orphaned server keeps the port. Linux re-parents an orphan, changing its ppid.
"use strict";
const parent = process.ppid;
const timer = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(timer);
  // SIGTERM lets Next.js close its server; exit anyway if it does not within 5 s
  setTimeout(() => process.exit(0), 5_000).unref();
  process.kill(process.pid, "SIGTERM");
}, 500);
timer.unref();
