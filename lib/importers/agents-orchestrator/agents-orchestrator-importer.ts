// agents-orchestrator (seed 003). The source is the project folder: the central database
// .agents-orchestrator/session.db, the per-agent databases .agents/<agent>/data/*.db and the
// file-based state under .orchestrate/orchestrator_system/ (each imported when present). The
// central database alone (its file, or a PostgreSQL URL holding its tables) works too.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { detectSystem } from "../detect";
import { ImportError } from "../import-error";
import { isSqliteFile, openSqlSource, type SqlSource } from "../source";
import type { Importer, OpenedImport, TableReader } from "../types";
import { agentDbReaders, type AgentDb } from "./agent-db-readers";
import { CENTRAL_TABLES, centralReaders, emptyIndex, loadCentralIndex } from "./central-readers";
import { fileStateReaders, ORCHESTRATOR_SYSTEM, orchestratorSystemDir } from "./file-state-readers";

const CENTRAL_DB = path.join(".agents-orchestrator", "session.db");

type Layout = { root?: string; central?: string; agentDbs: { agent: string; file: string }[]; fileState: boolean };

function agentDatabases(root: string): { agent: string; file: string }[] {
  const agentsDir = path.join(root, ".agents");
  if (!existsSync(agentsDir)) return [];
  const out: { agent: string; file: string }[] = [];
  for (const agent of readdirSync(agentsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const dataDir = path.join(agentsDir, agent, "data");
    if (!existsSync(dataDir)) continue;
    for (const name of readdirSync(dataDir).filter((n) => n.endsWith(".db")).sort()) {
      if (statSync(path.join(dataDir, name)).isFile()) out.push({ agent, file: path.join(dataDir, name) });
    }
  }
  return out;
}

function folderLayout(root: string): Layout {
  const central = path.join(root, CENTRAL_DB);
  return {
    root,
    central: existsSync(central) ? central : undefined,
    agentDbs: agentDatabases(root),
    fileState: orchestratorSystemDir(root) !== undefined,
  };
}

/** Where the state is, for a project folder, its .agents-orchestrator folder or the session.db file. */
function layoutOf(location: string): Layout {
  if (/^postgres(ql)?:\/\//.test(location)) return { central: location, agentDbs: [], fileState: false };
  if (!existsSync(location)) throw new ImportError(`no such file or folder: ${location}`);
  const abs = path.resolve(location);
  if (!statSync(abs).isDirectory()) {
    if (!isSqliteFile(abs)) throw new ImportError(`${location} is not a SQLite database`);
    const dir = path.dirname(abs);
    // the central database inside its project: import the whole project
    if (path.basename(dir) === ".agents-orchestrator" && path.basename(abs) === "session.db") return folderLayout(path.dirname(dir));
    return { central: abs, agentDbs: [], fileState: false };
  }
  const layout = folderLayout(path.basename(abs) === ".agents-orchestrator" ? path.dirname(abs) : abs);
  if (!layout.central && layout.agentDbs.length === 0 && !layout.fileState) {
    throw new ImportError(`${location} has no agents-orchestrator state: expected ${CENTRAL_DB}, .agents/<agent>/data/*.db or ${ORCHESTRATOR_SYSTEM}/`);
  }
  return layout;
}

/** Opens a database and checks it is not another system's. */
async function openChecked(file: string, what: string, accept: (tables: string[]) => boolean): Promise<{ source: SqlSource; tables: string[] }> {
  if (!/^postgres(ql)?:\/\//.test(file) && !isSqliteFile(file)) throw new ImportError(`${file} is not a SQLite database`);
  const source = await openSqlSource(file);
  try {
    const tables = (await source.tables()).filter((t) => !t.startsWith("sqlite_"));
    const sessionsColumns = tables.includes("sessions") ? await source.columns("sessions") : undefined;
    const detected = detectSystem(tables, sessionsColumns);
    if (detected !== undefined && detected !== "agents-orchestrator") {
      throw new ImportError(`${file} looks like a ${detected} database (tables: ${tables.slice(0, 6).join(", ")}), not agents-orchestrator`);
    }
    if (!accept(tables)) throw new ImportError(`${file} is not an agents-orchestrator ${what}: it has none of the tables ${CENTRAL_TABLES.join(", ")}`);
    return { source, tables };
  } catch (error) {
    await source.close();
    throw error;
  }
}

export const agentsOrchestratorImporter: Importer = {
  system: "agents-orchestrator",
  async open(location): Promise<OpenedImport> {
    const layout = layoutOf(location);
    const sources: SqlSource[] = [];
    try {
      const readers: TableReader[] = [];
      let loadIndex = async () => emptyIndex();
      if (layout.central) {
        const { source, tables } = await openChecked(layout.central, "central database", (t) => CENTRAL_TABLES.some((c) => t.includes(c)));
        sources.push(source);
        loadIndex = () => loadCentralIndex(source, tables);
        readers.push(...(await centralReaders(source, tables)));
      }
      if (layout.root && layout.fileState) readers.push(...fileStateReaders(layout.root));
      const perAgent = new Map<string, number>();
      for (const { agent } of layout.agentDbs) perAgent.set(agent, (perAgent.get(agent) ?? 0) + 1);
      for (const { agent, file } of layout.agentDbs) {
        const { source, tables } = await openChecked(file, "agent database", () => true);
        sources.push(source);
        const prefix = (perAgent.get(agent) ?? 0) > 1 ? `${agent}/${path.basename(file, ".db")}` : agent;
        const db: AgentDb = { agent, file, source, tables, prefix };
        readers.push(...(await agentDbReaders(db, loadIndex)));
      }
      return {
        readers,
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
