// The one place that reads process.env. Every setting has a safe local default.
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === undefined || v === "" ? undefined : v === "1" || v === "true");

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
  // V8 old-generation cap of the production server, in MB (scripts/launch.ts)
  OBSERVATORY_MAX_HEAP_MB: z.coerce.number().int().min(128).default(384),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  TEST_POSTGRES_URL: z.string().default("postgresql://postgres@127.0.0.1:5432/postgres"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // where TAC keeps its orchestrator.db: the tac importer's default source
  ORCHESTRATOR_DB_PATH: z.string().optional(),
  TAC_ORCHESTRATOR_DB: z.string().optional(),
});

export type Env = z.infer<typeof envSchema> & {
  /** whether DATABASE_URL came from the user (not the embedded default database) */
  DATABASE_URL_GIVEN: boolean;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const given = process.env.DATABASE_URL;
  cached = { ...parsed.data, DATABASE_URL_GIVEN: given !== undefined && given.trim() !== "" };
  return cached;
}
