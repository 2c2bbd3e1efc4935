// The file-based state deployments keep under .orchestrate/orchestrator_system/:
// status/<agent>.json (the agent's current task: task, status, started, completed,
// output_file), outputs/<agent>_latest.txt (its last output) and sessions/<agent>_session.txt
// (its Claude session id). The folder is one session; each task a status file records is a
// run of that agent; outputs are artifacts. Files are read each pass (one row per file) and
// sent again when their content changes.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Row } from "../source";
import { boundedText, sourceWord, timeColumn } from "../source-words";
import { extras, latest, str } from "../sql-reader";
import type { MapContext, Mapped, TableReader } from "../types";
import { SYSTEM } from "./central-readers";

export const ORCHESTRATOR_SYSTEM = path.join(".orchestrate", "orchestrator_system");

/** The state folder: `.orchestrate/orchestrator_system`, or the same without the dot (copies that dropped it). */
export function orchestratorSystemDir(root: string): string | undefined {
  return [ORCHESTRATOR_SYSTEM, path.join("orchestrate", "orchestrator_system")].map((p) => path.join(root, p)).find((p) => existsSync(p));
}
const RUN_STATUSES = ["running", "completed", "failed", "pending", "idle", "error"] as const;
const STATUS_KNOWN = ["agent", "task", "status", "started", "completed", "output_file", "error", "type"];
const AGENT_TYPE = "claude-code";

/** One session per project folder, named by its path (shortened when very long). */
export function fileStateSessionId(root: string): string {
  const id = `orchestrate:${root}`;
  return id.length <= 200 ? id : `orchestrate:${path.basename(root)}:${createHash("sha256").update(root).digest("hex").slice(0, 12)}`;
}

type FileRow = { file: string; content: string; mtime: string };

function listFiles(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** The file's text and time; undefined when it vanished between listing and reading. */
function readRow(systemDir: string, rel: string): FileRow | undefined {
  const file = path.join(systemDir, rel);
  try {
    const content = readFileSync(file, "utf8");
    return { file: rel.split(path.sep).join("/"), content, mtime: statSync(file).mtime.toISOString() };
  } catch {
    return undefined;
  }
}

function rows(systemDir: string, sub: string, pattern: RegExp): FileRow[] {
  return listFiles(path.join(systemDir, sub), pattern)
    .map((name) => readRow(systemDir, path.join(sub, name)))
    .filter((r): r is FileRow => r !== undefined);
}

function parseObject(text: string): Row | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Row) : undefined;
  } catch {
    return undefined;
  }
}

const agentOfFile = (file: string, suffix: RegExp) => path.basename(file).replace(suffix, "");

/** The run a status file describes: its agent's task that started at `started`. */
function runIdOf(sessionId: string, agent: string, status: Row): string {
  return `${sessionId}:${agent}:${str(status.started) ?? "latest"}`;
}

/** A path a status file names, when it lies inside the project folder. */
function insideRoot(root: string, named: string): string | undefined {
  const file = path.resolve(root, named);
  const rel = path.relative(root, file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? undefined : file;
}

const OUTPUT_CAP = 256 * 1024;

function readOutput(root: string, named: string | undefined): { text: string | null; problem: string | null } {
  if (named === undefined) return { text: null, problem: null };
  const file = insideRoot(root, named);
  if (file === undefined) return { text: null, problem: "output_file outside the project folder" };
  try {
    const text = readFileSync(file, "utf8");
    return { text: text.length > OUTPUT_CAP ? text.slice(0, OUTPUT_CAP) : text, problem: null };
  } catch {
    return { text: null, problem: "output_file not found" };
  }
}

function fileTime(r: Row, ctx: MapContext): Date {
  return ctx.optionalTime(r.mtime, "mtime") ?? ctx.importedAt;
}

export function fileStateReaders(root: string): TableReader[] {
  const systemDir = orchestratorSystemDir(root) ?? path.join(root, ORCHESTRATOR_SYSTEM);
  const sessionId = fileStateSessionId(root);
  const project = path.basename(root);
  const statusRows = () => rows(systemDir, "status", /\.json$/i);

  const session: TableReader = {
    table: "orchestrator_system",
    mode: { kind: "mutable" },
    key: () => sessionId,
    async read() {
      const statuses: Row[] = statusRows().map((r) => ({ ...parseObject(r.content), mtime: r.mtime }));
      const started = statuses.map((s) => str(s.started)).filter((s): s is string => s !== undefined);
      return [{ root, agents: statuses.length, first_started: started.sort()[0] ?? null, last_change: statuses.map((s) => String(s.mtime)).sort().at(-1) ?? null }];
    },
    map(r, ctx) {
      const startedAt = ctx.optionalTime(r.first_started, "started");
      const at = latest(ctx.optionalTime(r.last_change, "mtime"), startedAt) ?? ctx.importedAt;
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            timestamp: at.toISOString(),
            body: { sessionId, source: SYSTEM, title: `${project} orchestrator_system`, status: "active", workDir: root, project, startedAt: startedAt?.toISOString(), metadata: { state_folder: ORCHESTRATOR_SYSTEM } },
          },
        ],
      };
    },
  };

  const agentSessions: TableReader = {
    table: "orchestrator_system/sessions",
    mode: { kind: "mutable" },
    key: (r) => String(r.file),
    read: async () => rows(systemDir, "sessions", /\.txt$/i),
    map(r, ctx) {
      const agentId = agentOfFile(String(r.file), /(_session)?\.txt$/i);
      const claudeSession = String(r.content).trim();
      return {
        events: [
          {
            id: ctx.eventId("agent"),
            type: "agent",
            timestamp: fileTime(r, ctx).toISOString(),
            body: { agentId, name: agentId, type: AGENT_TYPE, kind: "instance", metadata: { claude_session_id: claudeSession || null, session_file: `${ORCHESTRATOR_SYSTEM}/${String(r.file)}`.split(path.sep).join("/") } },
          },
        ],
      };
    },
  };

  const status: TableReader = {
    table: "orchestrator_system/status",
    mode: { kind: "mutable" },
    key: (r) => String(r.file),
    async read() {
      // the output a status names is part of the run: a changed output re-sends it
      return statusRows().map((r) => {
        const output = readOutput(root, str(parseObject(r.content)?.output_file));
        return { ...r, _output: output.text, _output_problem: output.problem };
      });
    },
    map(r, ctx): Mapped {
      const file = String(r.file);
      const fallbackAgent = agentOfFile(file, /\.json$/i);
      const parsed = ctx.json(r.content, file);
      const s = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && !("raw" in parsed) ? (parsed as Row) : undefined;
      if (!s) {
        if (parsed !== undefined && !(parsed !== null && typeof parsed === "object" && "raw" in parsed)) ctx.issue("status file is not a JSON object");
        // kept as a log line with the raw text; a later, valid version becomes the run
        return {
          events: [
            {
              id: ctx.eventId("log"),
              type: "log",
              timestamp: fileTime(r, ctx).toISOString(),
              body: { sessionId, agentId: fallbackAgent, agentType: AGENT_TYPE, kind: "status_file", level: "warn", component: "orchestrator_system", message: `${file} could not be read as a status`, details: { raw: String(r.content).slice(0, 10_000) } },
            },
          ],
        };
      }
      const invalid: Record<string, unknown> = {};
      if (r._output_problem) ctx.issue(String(r._output_problem));
      const agentId = boundedText(s.agent) ?? fallbackAgent;
      const started = timeColumn(ctx, s.started, "started", invalid);
      const completed = timeColumn(ctx, s.completed, "completed", invalid);
      const word = sourceWord(ctx, s.status, "status", RUN_STATUSES) ?? (completed ? "completed" : "running");
      return {
        events: [
          {
            id: ctx.eventId("run"),
            type: "run",
            timestamp: (latest(completed, started) ?? fileTime(r, ctx)).toISOString(),
            body: {
              runId: runIdOf(sessionId, agentId, s),
              sessionId,
              agentType: boundedText(s.type) ?? AGENT_TYPE,
              agentId,
              status: word,
              startedAt: started?.toISOString(),
              endedAt: completed?.toISOString(),
              input: str(s.task),
              output: str(r._output),
              error: str(s.error),
              metadata: { status_file: `${ORCHESTRATOR_SYSTEM}/${file}`.split(path.sep).join("/"), output_file: str(s.output_file), ...extras(s, STATUS_KNOWN), ...invalid },
            },
          },
        ],
      };
    },
  };

  const outputs: TableReader = {
    table: "orchestrator_system/outputs",
    mode: { kind: "mutable" },
    key: (r) => String(r.file),
    async read() {
      // the run whose status names this output
      const runs = new Map<string, string>();
      for (const r of statusRows()) {
        const s = parseObject(r.content);
        const named = str(s?.output_file);
        const file = named === undefined ? undefined : insideRoot(root, named);
        if (s && file) runs.set(file, runIdOf(sessionId, boundedText(s.agent) ?? agentOfFile(r.file, /\.json$/i), s));
      }
      return rows(systemDir, "outputs", /./).map((r) => ({ ...r, _run: runs.get(path.join(systemDir, r.file)) ?? null }));
    },
    map(r, ctx) {
      const file = String(r.file);
      const content = String(r.content);
      const rel = `${ORCHESTRATOR_SYSTEM}/${file}`.split(path.sep).join("/");
      return {
        events: [
          {
            id: ctx.eventId("artifact"),
            type: "artifact",
            timestamp: fileTime(r, ctx).toISOString(),
            body: {
              artifactId: `${sessionId}:${rel}`,
              sessionId,
              runId: str(r._run),
              type: "agent_output",
              name: path.basename(file),
              path: rel,
              content,
              contentHash: createHash("sha256").update(content).digest("hex"),
              metadata: { agent: agentOfFile(file, /(_latest)?\.[^.]*$/i) },
            },
          },
        ],
      };
    },
  };

  return [session, agentSessions, status, outputs];
}
