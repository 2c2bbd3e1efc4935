// agents-orchestrator. Its real code (KlausUllrich/claude-orchestrator) writes the Guardian MCP
// server's coordination.db, the short-term memory's session_state.db and the file state under
// .orchestrate/; seed 003 proposed a central .agents-orchestrator/session.db and per-agent
// databases .agents/<agent>/data/*.db. The source is the project folder (each of these imported
// when present, the databases also at the places the real code puts them), its .orchestrate/
// or .agents-orchestrator/ folder, or one database file, told apart by its tables. The central
// database works as a PostgreSQL URL too.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { detectSystem } from "../detect";
import { ImportError } from "../import-error";
import { isSqliteFile, openSqlSource, type SqlSource } from "../source";
import { unmappedTableReaders } from "../sql-reader";
import type { Importer, OpenedImport, TableReader } from "../types";
import { agentDbReaders, type AgentDb } from "./agent-db-readers";
import { CENTRAL_TABLES, centralReaders, emptyIndex, loadCentralIndex } from "./central-readers";
import { fileStateReaders, isStateDir, ORCHESTRATE, stateDirOf, type FileState } from "./file-state-readers";
import { GUARDIAN_TABLES, guardianReaders, guardianStale, isGuardianDb } from "./guardian-readers";
import { isShortTermMemoryDb, shortTermMemoryReaders, STM_TABLES } from "./short-term-memory-readers";

const CENTRAL_DB = path.join(".agents-orchestrator", "session.db");
/** Where the real code puts its databases, relative to the project (or the folder itself). */
const REAL_DATABASES = [
  "coordination.db",
  "session_state.db",
  path.join("db", "coordination.db"),
  path.join("mcp-server", "db", "coordination.db"),
  path.join("guardian", "mcp-server", "db", "coordination.db"),
  path.join("short-term-memory", "session_state.db"),
  path.join("claude-orchestrator", "short-term-memory", "session_state.db"),
];

type Layout = {
  root?: string;
  central?: string;
  agentDbs: { agent: string; file: string }[];
  stateDir?: string;
  realDbs: string[];
};

function agentDatabases(root: string): { agent: string; file: string }[] {
  const agentsDir = path.join(root, ".agents");
  if (!existsSync(agentsDir)) return [];
  const out: { agent: string; file: string }[] = [];
  for (const agent of readdirSync(agentsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    const dataDir = path.join(agentsDir, agent, "data");
    if (!existsSync(dataDir)) continue;
    for (const name of readdirSync(dataDir)
      .filter((n) => n.endsWith(".db"))
      .sort()) {
      if (statSync(path.join(dataDir, name)).isFile()) out.push({ agent, file: path.join(dataDir, name) });
    }
  }
  return out;
}

function folderLayout(root: string, stateDir = stateDirOf(root)): Layout {
  const central = path.join(root, CENTRAL_DB);
  return {
    root,
    central: existsSync(central) ? central : undefined,
    agentDbs: agentDatabases(root),
    stateDir,
    realDbs: REAL_DATABASES.map((p) => path.join(root, p)).filter(
      (f) => existsSync(f) && statSync(f).isFile() && isSqliteFile(f),
    ),
  };
}

/** Where the state is, for a project folder, its .agents-orchestrator/.orchestrate folder or a database file. */
function layoutOf(location: string): Layout {
  if (/^postgres(ql)?:\/\//.test(location)) return { central: location, agentDbs: [], realDbs: [] };
  if (!existsSync(location)) throw new ImportError(`no such file or folder: ${location}`);
  const abs = path.resolve(location);
  if (!statSync(abs).isDirectory()) {
    if (!isSqliteFile(abs)) throw new ImportError(`${location} is not a SQLite database`);
    const dir = path.dirname(abs);
    // the central database inside its project: import the whole project
    if (path.basename(dir) === ".agents-orchestrator" && path.basename(abs) === "session.db")
      return folderLayout(path.dirname(dir));
    // one database: the central one, the Guardian's or the short-term memory's (by its tables)
    return { central: abs, agentDbs: [], realDbs: [] };
  }
  // the state folder itself (.orchestrate/): its project, with this folder as the file state
  const layout = isStateDir(abs)
    ? folderLayout(path.dirname(abs), abs)
    : folderLayout(path.basename(abs) === ".agents-orchestrator" ? path.dirname(abs) : abs);
  if (!layout.central && layout.agentDbs.length === 0 && !layout.stateDir && layout.realDbs.length === 0) {
    throw new ImportError(
      `${location} has no agents-orchestrator state: expected ${CENTRAL_DB}, .agents/<agent>/data/*.db, ${ORCHESTRATE}/ (orchestrator_system, dashboard, tests), coordination.db or session_state.db`,
    );
  }
  return layout;
}

type Opened = { source: SqlSource; tables: string[] };

/** Opens a database and checks it is not another system's. */
async function openChecked(file: string, what: string, accept: (tables: string[]) => boolean): Promise<Opened> {
  if (!/^postgres(ql)?:\/\//.test(file) && !isSqliteFile(file))
    throw new ImportError(`${file} is not a SQLite database`);
  const source = await openSqlSource(file);
  try {
    const tables = (await source.tables()).filter((t) => !t.startsWith("sqlite_"));
    const sessionsColumns = tables.includes("sessions") ? await source.columns("sessions") : undefined;
    const detected = detectSystem(tables, sessionsColumns);
    if (detected !== undefined && detected !== "agents-orchestrator") {
      throw new ImportError(
        `${file} looks like a ${detected} database (tables: ${tables.slice(0, 6).join(", ")}), not agents-orchestrator`,
      );
    }
    if (!accept(tables)) {
      throw new ImportError(
        `${file} is not an agents-orchestrator ${what}: it has none of the tables ${[...CENTRAL_TABLES, ...GUARDIAN_TABLES.filter((t) => t === "outputs"), ...STM_TABLES.slice(0, 1)].join(", ")}`,
      );
    }
    return { source, tables };
  } catch (error) {
    await source.close();
    throw error;
  }
}

const isRealDb = (tables: readonly string[]) => isGuardianDb(tables) || isShortTermMemoryDb(tables);

/** The newest change of a real database, and whether it is older than the stale threshold. */
async function staleProbe(opened: Opened): Promise<string> {
  const { source, tables } = opened;
  const columns: [string, string][] = isGuardianDb(tables)
    ? [
        ["agents", "last_heartbeat"],
        ["agents", "created_at"],
        ["messages", "created_at"],
        ["messages", "read_at"],
        ["outputs", "created_at"],
      ]
    : [
        ["session_state", "last_updated"],
        ["session_state", "started_at"],
        ["decisions", "timestamp"],
        ["issues", "timestamp"],
        ["checkpoints", "timestamp"],
        ["checkpoint_schedule", "last_checkpoint_time"],
      ];
  const times: string[] = [];
  for (const [table, column] of columns.filter(([t]) => tables.includes(t))) {
    const v = (await source.all(`SELECT max(${column}) AS t FROM ${table}`).catch(() => []))[0]?.t;
    if (typeof v === "string") times.push(v);
  }
  const last = times.sort().at(-1);
  return last !== undefined && guardianStale(last) ? "stale" : "live";
}

async function realDbReaders(opened: Opened): Promise<{ readers: TableReader[]; version: string }> {
  const { source, tables } = opened;
  if (isGuardianDb(tables)) {
    const readers = [
      ...(await guardianReaders(source, tables)),
      ...(await unmappedTableReaders(source, tables, GUARDIAN_TABLES)),
    ];
    return { readers, version: `Guardian coordination.db (${tables.join(", ")})` };
  }
  const readers = [
    ...(await shortTermMemoryReaders(source, tables)),
    ...(await unmappedTableReaders(source, tables, STM_TABLES)),
  ];
  return { readers, version: `short-term memory session_state.db (${tables.join(", ")})` };
}

export const agentsOrchestratorImporter: Importer = {
  system: "agents-orchestrator",
  async open(location): Promise<OpenedImport> {
    const layout = layoutOf(location);
    const sources: SqlSource[] = [];
    const real: Opened[] = [];
    try {
      const readers: TableReader[] = [];
      const versions: string[] = [];
      let loadIndex = async () => emptyIndex();
      if (layout.central) {
        const opened = await openChecked(
          layout.central,
          "central database",
          (t) => CENTRAL_TABLES.some((c) => t.includes(c)) || isRealDb(t),
        );
        sources.push(opened.source);
        if (isRealDb(opened.tables)) {
          real.push(opened);
        } else {
          const { source, tables } = opened;
          loadIndex = () => loadCentralIndex(source, tables);
          readers.push(...(await centralReaders(source, tables)));
          versions.push("seed 003 central session.db");
        }
      }
      for (const file of layout.realDbs) {
        // a database at one of the real code's places that is not one of its own is left alone
        const opened = await openChecked(file, "database", isRealDb).catch(() => undefined);
        if (!opened) continue;
        sources.push(opened.source);
        real.push(opened);
      }
      for (const opened of real) {
        const r = await realDbReaders(opened);
        readers.push(...r.readers);
        versions.push(r.version);
      }
      let fileState: FileState | undefined;
      if (layout.root && layout.stateDir) {
        fileState = fileStateReaders(layout.root, layout.stateDir);
        readers.push(...fileState.readers);
        versions.push(
          `file state (${path.basename(layout.stateDir)}/: ${readdirSync(layout.stateDir).sort().join(", ")})`,
        );
      }
      const perAgent = new Map<string, number>();
      for (const { agent } of layout.agentDbs) perAgent.set(agent, (perAgent.get(agent) ?? 0) + 1);
      for (const { agent, file } of layout.agentDbs) {
        const { source, tables } = await openChecked(file, "agent database", () => true);
        sources.push(source);
        const prefix = (perAgent.get(agent) ?? 0) > 1 ? `${agent}/${path.basename(file, ".db")}` : agent;
        const db: AgentDb = { agent, file, source, tables, prefix };
        readers.push(...(await agentDbReaders(db, loadIndex)));
      }
      if (layout.agentDbs.length > 0) versions.push(`seed 003 agent databases (${layout.agentDbs.length})`);
      return {
        readers,
        version: versions.join(" + "),
        async changeToken() {
          // the sources' own tokens, and whether each went stale: a session ends without a write
          const hash = createHash("sha256");
          for (const s of sources) hash.update(`${await s.changeToken()};`);
          for (const opened of real) hash.update(`${await staleProbe(opened)};`);
          if (fileState) hash.update(fileState.changeToken());
          return hash.digest("hex").slice(0, 24);
        },
        async close() {
          for (const s of sources) await s.close();
        },
      };
    } catch (error) {
      for (const s of sources) await s.close().catch(() => {});
      throw error;
    }
  },
};
