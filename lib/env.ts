// The one place that reads process.env (ESLint forbids it elsewhere in lib/, app/ and
// components/). Every setting has a safe local default; a value that does not parse is an
// error naming the variable when the setting is first read, never a NaN that spreads.
import { z } from "zod";
import { firstIssue } from "@/lib/validation/zod-issues";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "1" || v === "true"));

/** Text whose empty value means "not set". */
const text = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));
const positive = z.coerce.number().positive("must be a positive number").finite();
const count = (min: number) => z.coerce.number().int("must be an integer").min(min, `must be at least ${min}`);

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).default("file:./data/observatory.db"),
  OBSERVATORY_DEMO: flag,
  // 0: the server does not follow the sources registered in Settings → Sources
  OBSERVATORY_FOLLOW_SOURCES: flag,
  // redact API keys, tokens and passwords in ingested text (on unless "0")
  OBSERVATORY_REDACT_SECRETS: flag,
  // events waiting to be written before API ingest is refused with 503 + Retry-After
  OBSERVATORY_INGEST_QUEUE_EVENTS: z.coerce.number().int().min(1).default(20_000),
  // events written in one transaction at most, however many requests they came in
  OBSERVATORY_INGEST_EVENTS_PER_WRITE: z.coerce.number().int().min(1).default(4_000),
  // SQLite: read-only connections on worker threads that run long reads off the server's main
  // thread (lib/db/sqlite-read-pool.ts); 0 runs every read on the main thread
  OBSERVATORY_SQLITE_READ_WORKERS: count(0).default(1),
  // V8 old-generation cap of the production server, in MB (scripts/launch.ts)
  OBSERVATORY_MAX_HEAP_MB: z.coerce.number().int().min(128).default(384),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  TEST_POSTGRES_URL: z.string().default("postgresql://postgres@127.0.0.1:5432/postgres"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // where TAC keeps its orchestrator.db: the tac importer's default source
  ORCHESTRATOR_DB_PATH: z.string().optional(),
  TAC_ORCHESTRATOR_DB: z.string().optional(),
  // API limits (lib/api/route.ts): per-key requests per second and burst, and the write gate
  OBSERVATORY_RATE_LIMIT: positive.default(200),
  OBSERVATORY_RATE_BURST: positive.default(400),
  OBSERVATORY_WRITE_CONCURRENCY: count(1).default(16),
  OBSERVATORY_WRITE_QUEUE: count(0).default(64),
  OBSERVATORY_WRITE_BUDGET_MB: positive.default(32),
  // 1: believe X-Forwarded-For / X-Real-IP (only behind a proxy the operator runs)
  OBSERVATORY_TRUSTED_PROXY: flag,
  // public URL of the dashboard, for auth redirects behind a proxy (default: the request's origin)
  OBSERVATORY_URL: text,
  // signs session cookies; used when 32+ characters, else one is generated into the database
  OBSERVATORY_AUTH_SECRET: text,
  // where the real source databases for tests and vocabularies are (default ../shared/seed-data)
  OBSERVATORY_SEED_DATA: text,
  // the checkout whose prisma/ migrations are applied (default: the working directory)
  OBSERVATORY_ROOT: text,
});

export type Env = z.infer<typeof envSchema> & {
  /** whether DATABASE_URL came from the user (not the embedded default database) */
  DATABASE_URL_GIVEN: boolean;
};

let cached: Env | undefined;

/** The settings of an environment; a value that does not parse throws, naming its variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw new Error(`invalid environment variable ${issue.field ?? "(unknown)"}: ${issue.message}`);
  }
  const given = source.DATABASE_URL;
  return { ...parsed.data, DATABASE_URL_GIVEN: given !== undefined && given.trim() !== "" };
}

/** This process's settings, parsed on first use (tests set the environment before that). */
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/**
 * The environment a child process (pg_dump, pg_restore) inherits, with extra variables: it
 * needs PATH, HOME, locale and the like as they are, not the settings above.
 */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
