// Beads/Tempolite (seed 004). The source is the coordination database (coordination.db, or a
// PostgreSQL URL holding its tables); `--beads <issues.jsonl | beads.db>` adds a Beads issue
// store as tasks. An issue store alone (issues.jsonl or beads.db as the source) works too, and
// so does a project folder: its .beads/ store, with the coordination.db beside it if there is one.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { detectSystem } from "../detect";
import { ImportError } from "../import-error";
import { isSqliteFile, openSqlSource, type SqlSource } from "../source";
import { boundedText } from "../source-words";
import { str } from "../sql-reader";
import type { Importer, OpenedImport, TableReader } from "../types";
import { coordinationReaders } from "./coordination";
import { loadIndex } from "./coordination-index";
import { issueReader, issueStoreSessionReader, type IssueLinks } from "./issue-reader";
import { isIssueStoreFile, openIssueStore, type IssueStore } from "./issue-store";

function storeReaders(store: IssueStore, links: IssueLinks): TableReader[] {
  return [issueStoreSessionReader(store, links), issueReader(store, links)];
}

/** An issue store alone: skipped while its file (or database) is unchanged. */
function storeImport(store: IssueStore): OpenedImport {
  return {
    readers: storeReaders(store, noLinks),
    version: store.kind === "jsonl" ? "issue store (issues.jsonl)" : "issue store (beads.db)",
    changeToken: () => store.changeToken(),
    close: () => store.close(),
  };
}

const noLinks: IssueLinks = async () => new Map();

async function openCoordination(location: string, beads: string | undefined): Promise<OpenedImport> {
  const source: SqlSource = await openSqlSource(location);
  let store: IssueStore | undefined;
  try {
    const tables = await source.tables();
    const detected = detectSystem(tables);
    if (!tables.includes("workflow_mappings")) {
      // a beads.db given as the source: import the issue store alone
      if (tables.includes("issues") && beads === undefined && source.kind === "sqlite") {
        await source.close();
        return storeImport(await openIssueStore(location));
      }
      throw new ImportError(
        detected && detected !== "beads"
          ? `${location} looks like a ${detected} database (tables: ${tables.slice(0, 6).join(", ")}), not beads`
          : `${location} is not a Beads coordination database: it has no workflow_mappings table`,
      );
    }
    store = beads === undefined ? undefined : await openIssueStore(beads);
    const links: IssueLinks = async () => (await loadIndex(source, tables)).byIssue;
    const issues = store && {
      readers: storeReaders(store, links),
      texts: async () => {
        const out = new Map<string, { title?: string; description?: string }>();
        for (const row of await store!.load()) {
          const id = str(row.id);
          if (id !== undefined && !("_invalid" in row))
            out.set(id, { title: boundedText(row.title), description: str(row.description) });
        }
        return out;
      },
    };
    const opened = store;
    return {
      readers: coordinationReaders(source, tables, issues),
      // the coordination database's token and the issue store's; and the UTC day, because a
      // day's workflow_analytics are imported once the day is over, with no write to notice
      changeToken: async () =>
        `${await source.changeToken()}|${(await opened?.changeToken()) ?? ""}|${new Date().toISOString().slice(0, 10)}`,
      async close() {
        await opened?.close();
        await source.close();
      },
    };
  } catch (error) {
    await store?.close();
    await source.close().catch(() => {});
    throw error;
  }
}

/** A project folder (or its .beads/ folder): the coordination database in it, if any. */
function folderCoordination(folder: string): string | undefined {
  const file = path.join(folder, "coordination.db");
  return existsSync(file) && isSqliteFile(file) ? file : undefined;
}

export const beadsImporter: Importer = {
  system: "beads",
  async open(location, options) {
    const isUrl = /^postgres(ql)?:\/\//.test(location);
    if (!isUrl && existsSync(location) && statSync(location).isDirectory()) {
      // openIssueStore finds beads.db or issues.jsonl in the folder or its .beads/
      const coordination = folderCoordination(location);
      if (coordination) return openCoordination(coordination, options.beads ?? location);
      return storeImport(await openIssueStore(options.beads ?? location));
    }
    if (!isUrl && !isSqliteFile(location) && isIssueStoreFile(location) && options.beads === undefined) {
      return storeImport(await openIssueStore(location));
    }
    return openCoordination(location, options.beads);
  },
};
