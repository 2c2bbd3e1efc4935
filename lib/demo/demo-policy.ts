// When `npm start` and `npm run dev` load demo data: only into the embedded default SQLite
// database, on its first run (no sessions yet). A database the user named with DATABASE_URL
// (their PostgreSQL, their own SQLite file) is never filled with demo data unless they ask:
// OBSERVATORY_DEMO=1, or `npm run cli -- seed`.
export type DemoDecision = { load: boolean; why: string };

export function demoDecision(input: {
  demo: boolean | undefined;
  databaseUrlGiven: boolean;
  sessions: number;
}): DemoDecision {
  if (input.demo === false) return { load: false, why: "demo data disabled (OBSERVATORY_DEMO=0)" };
  if (input.sessions > 0) return { load: false, why: "the database already has sessions" };
  if (input.demo === true) return { load: true, why: "OBSERVATORY_DEMO=1 on an empty database" };
  if (input.databaseUrlGiven)
    return {
      load: false,
      why: "DATABASE_URL names your database: no demo data (npm run cli -- seed loads it on request)",
    };
  return { load: true, why: "first run of the embedded database" };
}
