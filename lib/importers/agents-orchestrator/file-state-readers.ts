// The file-based state claude-orchestrator keeps under .orchestrate/ (46c979e):
// - orchestrator_system/status/<agent>.json: the agent's current task (launch_agent.py writes
//   it when the task starts and, unless --background, again when it completes);
//   outputs/<agent>_latest.txt its last output; sessions/<agent>_session.txt its Claude session.
// - dashboard/outputs/<agent>.txt: the dashboard's per-agent answers.
// - tests/<test>/: experiment runs (claude_background: work_log.json from parallel_worker.py,
//   signals/<name>.signal written by claude_wrapper.sh when Claude answered, outputs/,
//   status.json from progress_monitor.py; live_parallel: status/<task>.json with a `state`).
//
// orchestrator_system (with dashboard/) is one session, each tests/<test> another. Their ids
// come from the project's name and the folder's own layout, never the absolute path, so the
// same project imported on two machines merges: `orchestrate:<project>` and
// `orchestrate:<project>:tests/<test>` (the project is the folder holding .orchestrate/).
// A session ends (completed) when a signal file says `"completed": true` or a status.json says
// state `completed` (the end markers this code writes), or when none of its files changed
// within STALE_AFTER_MS. Status files' `started`/`completed` and work-log times are Python
// datetime.now() (local time, read in the source's zone); signal timestamps carry their offset.
// Files are read each pass (one row per file) and sent again when their content changes.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { normalizeStatus, type Status } from "@/lib/ingest/status";
import type { Row } from "../source";
import { boundedText, sourceWord } from "../source-words";
import { extras, latest, str } from "../sql-reader";
import type { MapContext, Mapped, TableReader } from "../types";
import { SYSTEM } from "./central-readers";
import { FILE_RUN_STATUS, STALE_AFTER_MS } from "./vocabulary";

export const ORCHESTRATE = ".orchestrate";
/** Sub-folders that mark a state folder. */
const STATE_PARTS = ["orchestrator_system", "dashboard", "tests"];
/** Code and documents kept in the state folder: not state. */
const NOT_STATE = /\.(py|sh|md|pyc)$/i;
const MAX_FILES = 5000;
const OUTPUT_CAP = 256 * 1024;
const RAW_CAP = 64 * 1024;
const AGENT_TYPE = "claude-code";
const RUN_WORDS = Object.keys(FILE_RUN_STATUS);
const STALE = "no change within the stale threshold";

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/**
 * Whether `dir` is a state folder itself: it holds orchestrator_system/, or it is named
 * .orchestrate (orchestrate in copies that dropped the dot) and holds dashboard/ or tests/. A
 * project's own tests/ folder does not make the project a state folder.
 */
export function isStateDir(dir: string): boolean {
  if (isDir(path.join(dir, "orchestrator_system"))) return true;
  return [ORCHESTRATE, "orchestrate"].includes(path.basename(dir)) && STATE_PARTS.some((p) => isDir(path.join(dir, p)));
}

/** The project's state folder: `.orchestrate/`, or `orchestrate/` (copies that dropped the dot). */
export function stateDirOf(root: string): string | undefined {
  return [ORCHESTRATE, "orchestrate"].map((p) => path.join(root, p)).find((p) => isDir(p) && isStateDir(p));
}

/** The orchestrator_system session of a project folder: named by the project, not its path. */
export function fileStateSessionId(root: string): string {
  return `orchestrate:${path.basename(path.resolve(root))}`;
}

type FileEntry = { rel: string; size: number; mtimeMs: number };

function listFiles(stateDir: string): FileEntry[] {
  const out: FileEntry[] = [];
  const walk = (dir: string, rel: string, depth: number) => {
    if (depth > 4 || out.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), childRel, depth + 1);
      else if (e.isFile() && !NOT_STATE.test(e.name)) {
        try {
          const st = statSync(path.join(dir, e.name));
          out.push({ rel: childRel, size: st.size, mtimeMs: st.mtimeMs });
        } catch {
          // vanished between listing and stat
        }
      }
    }
  };
  walk(stateDir, "", 0);
  return out;
}

/** What a file of the state folder is, by its place (the folder's own layout). */
type Kind = "status" | "claude_session" | "output" | "work_log" | "signal" | "monitor" | "test_status" | "unmapped";

const LAYOUT: { pattern: RegExp; kind: Kind }[] = [
  { pattern: /^orchestrator_system\/status\/[^/]+\.json$/i, kind: "status" },
  { pattern: /^orchestrator_system\/sessions\/[^/]+\.txt$/i, kind: "claude_session" },
  { pattern: /^(orchestrator_system|dashboard)\/outputs\/[^/]+$/i, kind: "output" },
  { pattern: /^tests\/[^/]+\/outputs\/[^/]+$/i, kind: "output" },
  { pattern: /^tests\/[^/]+\/work_log\.json$/i, kind: "work_log" },
  { pattern: /^(tests\/[^/]+|orchestrator_system)\/signals\/[^/]+\.signal$/i, kind: "signal" },
  { pattern: /^tests\/[^/]+\/status\.json$/i, kind: "monitor" },
  { pattern: /^tests\/[^/]+\/status\/[^/]+\.json$/i, kind: "test_status" },
];

export function fileKind(rel: string): Kind {
  return LAYOUT.find((l) => l.pattern.test(rel))?.kind ?? "unmapped";
}

/** The session scope of a file: "orchestrator_system" (with dashboard/) or "tests/<test>". */
function scopeOf(rel: string): string {
  const m = /^tests\/([^/]+)\//.exec(rel);
  return m ? `tests/${m[1]}` : "orchestrator_system";
}

type FileRow = { file: string; content: string; mtime: string };

function readText(stateDir: string, rel: string, cap = OUTPUT_CAP): FileRow | undefined {
  const file = path.join(stateDir, ...rel.split("/"));
  try {
    const text = readFileSync(file, "utf8");
    return {
      file: rel,
      content: text.length > cap ? text.slice(0, cap) : text,
      mtime: statSync(file).mtime.toISOString(),
    };
  } catch {
    return undefined;
  }
}

function parseObject(text: string): Row | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Row) : undefined;
  } catch {
    return undefined;
  }
}

const agentOfFile = (file: string, suffix: RegExp) => path.posix.basename(file).replace(suffix, "");

/** A path the source names (".orchestrate/…" from the project folder) as a file of the state folder. */
function stateRel(named: string | undefined): string | undefined {
  if (named === undefined) return undefined;
  const norm = named.replace(/\\/g, "/").replace(/^\.\//, "");
  const m = /(^|\/)\.?orchestrate\/(.+)$/.exec(norm);
  const rel = m ? m[2]! : undefined;
  return rel !== undefined && !rel.split("/").includes("..") ? rel : undefined;
}

/** The canonical path of a state file (as the orchestrator names it): `.orchestrate/<rel>`. */
const canonical = (rel: string) => `${ORCHESTRATE}/${rel}`;

/** A run's status word mapped by the vocabulary, else the shared rules. */
function runStatus(word: string): Status | undefined {
  return FILE_RUN_STATUS[word.toLowerCase()] ?? normalizeStatus(word);
}

export type FileState = {
  readers: TableReader[];
  /** file sizes and mtimes, and which sessions are stale: a pass is skipped when unchanged */
  changeToken(): string;
};

type Scope = { scope: string; sessionId: string; last: number; first: number; ended?: { by: string; at?: string } };

export function fileStateReaders(root: string, stateDir: string): FileState {
  const project = path.basename(path.resolve(root));
  const baseSession = fileStateSessionId(root);
  const sessionOf = (scope: string) => (scope === "orchestrator_system" ? baseSession : `${baseSession}:${scope}`);
  const files = () => listFiles(stateDir);
  const ofKind = (kind: Kind) => files().filter((f) => fileKind(f.rel) === kind);
  const read = (kind: Kind, cap?: number) =>
    ofKind(kind)
      .map((f) => readText(stateDir, f.rel, cap))
      .filter((r): r is FileRow => r !== undefined);

  /** Each session's first and last file change, and its end marker. */
  const scopes = (list = files()): Map<string, Scope> => {
    const out = new Map<string, Scope>();
    for (const f of list) {
      const scope = scopeOf(f.rel);
      const s = out.get(scope) ?? { scope, sessionId: sessionOf(scope), last: 0, first: Number.POSITIVE_INFINITY };
      s.last = Math.max(s.last, f.mtimeMs);
      s.first = Math.min(s.first, f.mtimeMs);
      const kind = fileKind(f.rel);
      if (kind === "signal" || kind === "monitor") {
        const content = readText(stateDir, f.rel)?.content;
        const parsed = content === undefined ? undefined : parseObject(content);
        if (parsed && (parsed.completed === true || str(parsed.state)?.toLowerCase() === "completed")) {
          s.ended = {
            by: `${canonical(f.rel)} says completed`,
            at: str(parsed.timestamp) ?? new Date(f.mtimeMs).toISOString(),
          };
        }
      }
      out.set(scope, s);
    }
    return out;
  };
  const stale = (s: Scope, now = Date.now()) => now - s.last > STALE_AFTER_MS;

  const sessions: TableReader = {
    table: "orchestrate/sessions",
    mode: { kind: "mutable" },
    key: (r) => String(r.scope),
    async read() {
      const now = Date.now();
      const statuses = read("status").map((r) => parseObject(r.content));
      const firstStarted = statuses
        .map((s) => str(s?.started))
        .filter((s): s is string => s !== undefined)
        .sort()[0];
      return [...scopes().values()].map((s) => ({
        scope: s.scope,
        session_id: s.sessionId,
        first_change: new Date(s.first).toISOString(),
        last_change: new Date(s.last).toISOString(),
        first_started: s.scope === "orchestrator_system" ? (firstStarted ?? null) : null,
        stale: stale(s, now),
        ended_by: s.ended?.by ?? (stale(s, now) ? STALE : null),
        ended_at: s.ended?.at ?? (stale(s, now) ? new Date(s.last).toISOString() : null),
      }));
    },
    map(r, ctx) {
      const scope = String(r.scope);
      const lastChange = ctx.optionalTime(r.last_change, "mtime");
      const startedAt = ctx.localTime(r.first_started, "started") ?? ctx.optionalTime(r.first_change, "mtime");
      const endedAt = ctx.optionalTime(r.ended_at, "ended_at");
      const ended = r.ended_by !== null;
      // a session that went stale ended by the rule at last change + STALE_AFTER_MS: that is the
      // event's time (later than the last change), so it wins over the running state sent before
      const ruledAt = r.stale === true && lastChange ? new Date(lastChange.getTime() + STALE_AFTER_MS) : undefined;
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            timestamp: (latest(ruledAt, lastChange, endedAt, startedAt) ?? ctx.importedAt).toISOString(),
            body: {
              sessionId: String(r.session_id),
              source: SYSTEM,
              title: `${project} ${scope}`,
              kind: scope === "orchestrator_system" ? "file_state" : "test",
              status: ended ? "completed" : "running",
              workDir: root,
              project,
              startedAt: startedAt?.toISOString(),
              endedAt: ended ? endedAt?.toISOString() : undefined,
              metadata: {
                state_folder: canonical(scope),
                ended_by: r.ended_by,
                stale_after_minutes: STALE_AFTER_MS / 60_000,
              },
            },
          },
        ],
      };
    },
  };

  // every agent the state names: by status, Claude session, or output file (kept without a status file)
  const agents: TableReader = {
    table: "orchestrator_system/agents",
    mode: { kind: "mutable" },
    key: (r) => String(r.agent),
    async read() {
      const byAgent = new Map<string, Row>();
      const add = (agent: string, rel: string, mtime: string, extra: Row = {}) => {
        const row = byAgent.get(agent) ?? { agent, files: [] as string[], last_change: mtime };
        (row.files as string[]).push(canonical(rel));
        if (mtime > String(row.last_change)) row.last_change = mtime;
        byAgent.set(agent, { ...row, ...extra });
      };
      for (const r of read("status")) {
        const s = parseObject(r.content);
        add(boundedText(s?.agent) ?? agentOfFile(r.file, /\.json$/i), r.file, r.mtime, {
          status: str(s?.status) ?? null,
        });
      }
      for (const r of read("claude_session"))
        add(agentOfFile(r.file, /(_session)?\.txt$/i), r.file, r.mtime, {
          claude_session_id: r.content.trim() || null,
        });
      for (const f of ofKind("output").filter((x) => scopeOf(x.rel) === "orchestrator_system")) {
        add(agentOfFile(f.rel, /(_latest)?\.[^.]*$/i), f.rel, new Date(f.mtimeMs).toISOString());
      }
      return [...byAgent.values()];
    },
    map(r, ctx) {
      const heartbeat = ctx.optionalTime(r.last_change, "mtime");
      return {
        events: [
          {
            id: ctx.eventId("agent"),
            type: "agent",
            timestamp: (heartbeat ?? ctx.importedAt).toISOString(),
            body: {
              agentId: String(r.agent),
              name: String(r.agent),
              type: AGENT_TYPE,
              kind: "instance",
              status: str(r.status),
              heartbeatAt: heartbeat?.toISOString(),
              metadata: {
                claude_session_id: str(r.claude_session_id) ?? null,
                files: r.files,
                session_id: baseSession,
              },
            },
          },
        ],
      };
    },
  };

  const STATUS_KNOWN = ["agent", "task", "status", "started", "completed", "output_file", "error", "type"];

  const status: TableReader = {
    table: "orchestrator_system/status",
    mode: { kind: "mutable" },
    key: (r) => String(r.file),
    async read() {
      const now = Date.now();
      const scope = scopes().get("orchestrator_system");
      // the output a status names is part of the run: a changed output re-sends it
      return read("status").map((r) => {
        const named = stateRel(str(parseObject(r.content)?.output_file));
        const output = named === undefined ? undefined : readText(stateDir, named);
        return {
          ...r,
          _output: output?.content ?? null,
          _output_mtime: output?.mtime ?? null,
          _output_missing: named !== undefined && output === undefined,
          _stale: scope ? stale(scope, now) : false,
        };
      });
    },
    map(r, ctx): Mapped {
      const file = String(r.file);
      const fallbackAgent = agentOfFile(file, /\.json$/i);
      const parsed = ctx.json(r.content, file.replace(/^orchestrator_system\//, ""));
      const s =
        parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && !("raw" in parsed)
          ? (parsed as Row)
          : undefined;
      const at = ctx.optionalTime(r.mtime, "mtime") ?? ctx.importedAt;
      if (!s) {
        if (parsed !== undefined && !(parsed !== null && typeof parsed === "object" && "raw" in parsed))
          ctx.issue("status file is not a JSON object");
        // kept as a log line with the raw text; a later, valid version becomes the run
        return {
          events: [
            {
              id: ctx.eventId("log"),
              type: "log",
              timestamp: at.toISOString(),
              body: {
                sessionId: baseSession,
                agentId: fallbackAgent,
                agentType: AGENT_TYPE,
                kind: "status_file",
                level: "warn",
                component: "orchestrator_system",
                message: `${file} could not be read as a status`,
                details: { raw: String(r.content).slice(0, 10_000) },
              },
            },
          ],
        };
      }
      const invalid: Record<string, unknown> = {};
      if (r._output_missing === true) ctx.issue("output_file not found");
      const agentId = boundedText(s.agent) ?? fallbackAgent;
      const started = localColumn(ctx, s.started, "started", invalid);
      const completed = localColumn(ctx, s.completed, "completed", invalid);
      const word = sourceWord(ctx, s.status, "status", RUN_WORDS) ?? (completed ? "completed" : "running");
      let canonicalStatus = runStatus(word);
      let endedAt = completed;
      let inferred: string | undefined;
      // a background launch never rewrites its status: once the session went stale, the output
      // it wrote ends the run; without one it ran out of time
      if ((canonicalStatus === "running" || canonicalStatus === "pending") && r._stale === true) {
        const outputAt = ctx.optionalTime(r._output_mtime, "output mtime");
        canonicalStatus = outputAt && (!started || outputAt >= started) ? "completed" : "expired";
        endedAt = canonicalStatus === "completed" ? outputAt : undefined;
        inferred =
          canonicalStatus === "completed" ? "output written, status file stale" : "status file stale, no output";
      }
      const runId = runIdOf(baseSession, agentId, s);
      return {
        events: [
          {
            id: ctx.eventId("run"),
            type: "run",
            timestamp: (latest(endedAt, started) ?? at).toISOString(),
            body: {
              runId,
              sessionId: baseSession,
              agentType: boundedText(s.type) ?? AGENT_TYPE,
              agentId,
              status: canonicalStatus ?? word,
              sourceStatus: word,
              startedAt: started?.toISOString(),
              endedAt: endedAt?.toISOString(),
              input: str(s.task),
              output: str(r._output),
              error: str(s.error),
              metadata: {
                status_file: canonical(file),
                output_file: str(s.output_file),
                ...(inferred ? { status_inferred: inferred } : {}),
                ...extras(s, STATUS_KNOWN),
                ...invalid,
              },
            },
          },
        ],
      };
    },
  };

  const outputs: TableReader = {
    table: "orchestrate/outputs",
    mode: { kind: "mutable" },
    key: (r) => String(r.file),
    async read() {
      // the run whose status or signal names this output
      const runs = new Map<string, string>();
      for (const r of read("status")) {
        const s = parseObject(r.content);
        const named = stateRel(str(s?.output_file));
        if (s && named)
          runs.set(named, runIdOf(baseSession, boundedText(s.agent) ?? agentOfFile(r.file, /\.json$/i), s));
      }
      for (const r of read("signal")) {
        const named = stateRel(str(parseObject(r.content)?.output_file));
        if (named) runs.set(named, signalRunId(sessionOf(scopeOf(r.file)), r.file));
      }
      return read("output").map((r) => ({ ...r, _run: runs.get(r.file) ?? null }));
    },
    map(r, ctx) {
      const file = String(r.file);
      const content = String(r.content);
      const scope = scopeOf(file);
      const dashboard = file.startsWith("dashboard/");
      return {
        events: [
          {
            id: ctx.eventId("artifact"),
            type: "artifact",
            timestamp: (ctx.optionalTime(r.mtime, "mtime") ?? ctx.importedAt).toISOString(),
            body: {
              artifactId: `${sessionOf(scope)}:${canonical(file)}`,
              sessionId: sessionOf(scope),
              runId: str(r._run),
              type: dashboard ? "dashboard_output" : scope === "orchestrator_system" ? "agent_output" : "test_output",
              name: path.posix.basename(file),
              path: canonical(file),
              content,
              contentHash: createHash("sha256").update(content).digest("hex"),
              metadata: {
                agent: scope === "orchestrator_system" ? agentOfFile(file, /(_latest)?\.[^.]*$/i) : undefined,
              },
            },
          },
        ],
      };
    },
  };

  // tests/<test>/work_log.json: the parallel worker's progress, rewritten whole per item
  const workLogs: TableReader = {
    table: "tests/work_log",
    mode: { kind: "mutable" },
    key: (r) => String(r.file),
    async read() {
      const now = Date.now();
      const all = scopes();
      return read("work_log").map((r) => {
        const s = all.get(scopeOf(r.file));
        return { ...r, _stale: s ? stale(s, now) : false, _ended: s?.ended !== undefined };
      });
    },
    map(r, ctx): Mapped {
      const file = String(r.file);
      const sessionId = sessionOf(scopeOf(file));
      const parsed = ctx.json(r.content, "work_log.json");
      const log =
        parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && !("raw" in parsed)
          ? (parsed as Row)
          : undefined;
      const at = ctx.optionalTime(r.mtime, "mtime") ?? ctx.importedAt;
      if (!log)
        return {
          events: [],
          raw: [
            {
              reason: "unreadable work log",
              sessionRef: sessionId,
              at,
              data: { file: canonical(file), content: String(r.content).slice(0, RAW_CAP) },
            },
          ],
        };
      const items = Array.isArray(log.completed_items)
        ? log.completed_items.filter((i): i is Row => i !== null && typeof i === "object")
        : [];
      const total = typeof log.total_items === "number" ? log.total_items : undefined;
      const current = typeof log.current_item === "number" ? log.current_item : items.length;
      const done = total !== undefined && current >= total;
      const first = ctx.localTime(items[0]?.timestamp, "completed_items.timestamp");
      const last =
        ctx.localTime(log.timestamp, "timestamp") ??
        ctx.localTime(items.at(-1)?.timestamp, "completed_items.timestamp");
      const word = done ? "completed" : "running";
      const status: Status = done ? "completed" : r._stale === true || r._ended === true ? "expired" : "running";
      const runId = `${sessionId}:work_log`;
      return {
        events: [
          {
            id: ctx.eventId("run"),
            type: "run",
            timestamp: (last ?? at).toISOString(),
            body: {
              runId,
              sessionId,
              agentType: "parallel_worker",
              status,
              sourceStatus: word,
              startedAt: first?.toISOString(),
              endedAt: done ? last?.toISOString() : undefined,
              input: total !== undefined ? `${total} work items` : undefined,
              output: str(items.at(-1)?.result),
              metadata: {
                work_log: canonical(file),
                current_item: current,
                total_items: total ?? null,
                completed: items.length,
              },
            },
          },
        ],
        // each finished item once: the file is rewritten whole, items only grow (a new run of
        // the test starts again at item 1: its items differ by their time)
        once: items.map((item, i) => ({
          id: ctx.eventId("item", str(item.item) ?? String(i + 1), str(item.timestamp) ?? ""),
          type: "log" as const,
          timestamp: (ctx.localTime(item.timestamp, "completed_items.timestamp") ?? at).toISOString(),
          body: {
            sessionId,
            runId,
            agentType: "parallel_worker",
            kind: "work_item",
            level: "info",
            component: "work_log",
            message: `${str(item.task) ?? `item ${i + 1}`}: ${str(item.result) ?? ""}`,
            details: item,
          },
        })),
      };
    },
  };

  // signals/<name>.signal: the wrapper's end marker, one run of the Claude call it waited for
  const signals: TableReader = {
    table: "tests/signals",
    mode: { kind: "mutable" },
    key: (r) => String(r.file),
    async read() {
      return read("signal").map((r) => {
        const named = stateRel(str(parseObject(r.content)?.output_file));
        const output = named === undefined ? undefined : readText(stateDir, named);
        return { ...r, _output: output?.content ?? null };
      });
    },
    map(r, ctx): Mapped {
      const file = String(r.file);
      const sessionId = sessionOf(scopeOf(file));
      const s = parseObject(String(r.content));
      const at = ctx.optionalTime(r.mtime, "mtime") ?? ctx.importedAt;
      if (!s)
        return {
          events: [],
          raw: [
            {
              reason: "unreadable signal",
              sessionRef: sessionId,
              at,
              data: { file: canonical(file), content: String(r.content).slice(0, RAW_CAP) },
            },
          ],
        };
      const completed = s.completed === true;
      const when = ctx.optionalTime(s.timestamp, "timestamp") ?? at;
      return {
        events: [
          {
            id: ctx.eventId("run"),
            type: "run",
            timestamp: when.toISOString(),
            body: {
              runId: signalRunId(sessionId, file),
              sessionId,
              agentType: AGENT_TYPE,
              status: completed ? "completed" : "running",
              sourceStatus: completed ? "completed" : "signalled",
              endedAt: completed ? when.toISOString() : undefined,
              output: str(r._output),
              metadata: {
                signal_file: canonical(file),
                output_file: str(s.output_file),
                ...extras(s, ["completed", "timestamp", "output_file"]),
              },
            },
          },
        ],
      };
    },
  };

  // tests/<test>/status/<task>.json: a task's state (claude_task.sh)
  const testStatus: TableReader = {
    table: "tests/status",
    mode: { kind: "mutable" },
    key: (r) => String(r.file),
    read: async () => read("test_status"),
    map(r, ctx): Mapped {
      const file = String(r.file);
      const sessionId = sessionOf(scopeOf(file));
      const s = parseObject(String(r.content));
      const at = ctx.optionalTime(r.mtime, "mtime") ?? ctx.importedAt;
      if (!s)
        return {
          events: [],
          raw: [
            {
              reason: "unreadable status",
              sessionRef: sessionId,
              at,
              data: { file: canonical(file), content: String(r.content).slice(0, RAW_CAP) },
            },
          ],
        };
      const word = sourceWord(ctx, s.state ?? s.status, "state", RUN_WORDS) ?? "running";
      const status = runStatus(word);
      const when = ctx.optionalTime(s.timestamp, "timestamp") ?? at;
      const task = boundedText(s.task) ?? agentOfFile(file, /\.json$/i);
      return {
        events: [
          {
            id: ctx.eventId("run"),
            type: "run",
            timestamp: when.toISOString(),
            body: {
              runId: `${sessionId}:task:${task}`,
              sessionId,
              agentType: AGENT_TYPE,
              status: status ?? word,
              sourceStatus: word,
              endedAt: status === "completed" || status === "failed" ? when.toISOString() : undefined,
              metadata: { status_file: canonical(file), ...extras(s, ["task", "state", "status", "timestamp"]) },
            },
          },
        ],
      };
    },
  };

  // files of the state folder no mapping knows (a monitor's status.json included): kept raw
  const unmapped: TableReader = {
    table: "orchestrate/unmapped files",
    mode: { kind: "mutable" },
    key: (r) => String(r.file),
    read: async () => [...read("monitor", RAW_CAP), ...read("unmapped", RAW_CAP)],
    map(r, ctx) {
      const file = String(r.file);
      const parsed = parseObject(String(r.content));
      return {
        events: [],
        raw: [
          {
            reason: fileKind(file) === "monitor" ? "monitor status" : "unmapped file",
            sessionRef: sessionOf(scopeOf(file)),
            at: ctx.optionalTime(r.mtime, "mtime"),
            data: { file: canonical(file), ...(parsed ? { json: parsed } : { content: r.content }) },
          },
        ],
      };
    },
  };

  return {
    readers: [sessions, agents, status, outputs, workLogs, signals, testStatus, unmapped],
    changeToken() {
      const list = files();
      const now = Date.now();
      const hash = createHash("sha256");
      for (const f of list) hash.update(`${f.rel}:${f.size}:${f.mtimeMs};`);
      for (const s of scopes(list).values()) hash.update(`${s.scope}:${stale(s, now) ? "stale" : "live"};`);
      return hash.digest("hex").slice(0, 24);
    },
  };
}

/** The run a status file describes: its agent's task that started at `started` (as written). */
function runIdOf(sessionId: string, agent: string, status: Row): string {
  return `${sessionId}:${agent}:${str(status.started) ?? "latest"}`;
}

function signalRunId(sessionId: string, file: string): string {
  return `${sessionId}:signal:${path.posix.basename(file, ".signal")}`;
}

/** A local-time column; an unparseable value is an issue and its raw text goes to `invalid`. */
function localColumn(
  ctx: MapContext,
  value: unknown,
  field: string,
  invalid: Record<string, unknown>,
): Date | undefined {
  const parsed = ctx.localTime(value, field);
  if (parsed === undefined && value !== null && value !== undefined && value !== "") invalid[field] = value;
  return parsed;
}
