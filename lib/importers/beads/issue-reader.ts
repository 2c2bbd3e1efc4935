// Beads issues (from --beads) become tasks with their dependencies, labels and comments. An
// issue belongs to the session of its workflow (workflow_mappings.beads_issue_id), or of its
// nearest parent (parent-child) that has one; the others go to one "Beads issues" session
// per issue store, so tasks always have a session.
import { normalizeStatus, TERMINAL_STATUSES, type Status } from "@/lib/ingest/status";
import { parseSourceTime } from "../map-context";
import type { Row } from "../source";
import { boundedText, countColumn, sourceWord, timeColumn } from "../source-words";
import { extras, str } from "../sql-reader";
import type { MapContext, Mapped, TableReader } from "../types";
import type { IssueStore } from "./issue-store";
import { ISSUE_KEYS, ISSUE_STATUS } from "./vocabulary";

/** beads issue id → the workflow session it belongs to */
export type IssueLinks = () => Promise<Map<string, string>>;

export const ISSUE_STATUSES = Object.keys(ISSUE_STATUS);
/** keys that become task fields (the others named in ISSUE_KEYS go to metadata) */
const ISSUE_FIELDS = Object.entries(ISSUE_KEYS)
  .filter(([, use]) => use !== "metadata")
  .map(([key]) => key);
const MAX_PARENT_DEPTH = 50;

type Dependency = { id: string; type: string };

function isIssue(row: Row): boolean {
  return !("_invalid" in row) && str(row.id) !== undefined;
}

function rawDependencies(row: Row): Row[] {
  return Array.isArray(row.dependencies)
    ? row.dependencies.filter((d): d is Row => d !== null && typeof d === "object")
    : [];
}

/** The parent-child dependency's target, else the Dolt export's `parent` key. */
function parentOf(row: Row): string | undefined {
  const dep = rawDependencies(row).find((d) => str(d.type) === "parent-child");
  return (dep ? str(dep.depends_on_id) : undefined) ?? str(row.parent);
}

/** An issue's status word mapped by the Beads vocabulary, else by the shared rules. */
export function issueStatus(word: string | undefined): Status | undefined {
  if (word === undefined) return undefined;
  return ISSUE_STATUS[word.trim().toLowerCase()] ?? normalizeStatus(word);
}

/** The store's rows with the session each issue goes to, its parent when that is in the store, and dependencies on issues that are not. */
async function prepareIssues(store: IssueStore, links: IssueLinks): Promise<Row[]> {
  const rows = await store.load();
  const ids = new Set(rows.filter(isIssue).map((r) => String(r.id)));
  const parents = new Map<string, string>();
  for (const r of rows.filter(isIssue)) {
    const parent = parentOf(r);
    if (parent !== undefined) parents.set(String(r.id), parent);
  }
  const linked = await links();
  const sessionOf = (id: string): string => {
    let current: string | undefined = id;
    for (let depth = 0; current !== undefined && depth < MAX_PARENT_DEPTH; depth++) {
      const session = linked.get(current);
      if (session) return session;
      current = parents.get(current);
    }
    return store.sessionId;
  };
  return rows.map((r) => {
    if (!isIssue(r)) return r;
    const id = String(r.id);
    const parent = parents.get(id);
    const missing = rawDependencies(r)
      .map((d) => str(d.depends_on_id))
      .filter((target): target is string => target !== undefined && !ids.has(target));
    return {
      ...r,
      _session: sessionOf(id),
      _parent: parent !== undefined && ids.has(parent) && parent !== id ? parent : null,
      _missing: missing,
    };
  });
}

function labelsOf(value: unknown, ctx: MapContext): string[] | undefined {
  const parsed = typeof value === "string" ? ctx.json(value, "labels") : value;
  if (parsed === undefined || parsed === null) return undefined;
  if (!Array.isArray(parsed)) {
    ctx.issue("invalid labels");
    return undefined;
  }
  return parsed
    .map((l) => boundedText(l))
    .filter((l): l is string => l !== undefined)
    .slice(0, 200);
}

function dependenciesOf(row: Row, ctx: MapContext): Dependency[] | undefined {
  if (row.dependencies === undefined || row.dependencies === null) return undefined;
  if (!Array.isArray(row.dependencies)) {
    ctx.issue("invalid dependencies");
    return undefined;
  }
  const out: Dependency[] = [];
  for (const d of rawDependencies(row)) {
    const id = str(d.depends_on_id);
    if (id === undefined) {
      ctx.issue("dependency without depends_on_id");
      continue;
    }
    out.push({ id, type: boundedText(d.type) ?? "blocks" });
  }
  return out;
}

/**
 * The Dolt export's per-dependency `metadata` (a JSON string, "{}" so far), by target: kept on
 * the task when a dependency carries any, since the dependency table has no place for it.
 */
function dependencyMetadata(row: Row, ctx: MapContext): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const d of rawDependencies(row)) {
    const value = typeof d.metadata === "string" ? ctx.json(d.metadata, "dependencies.metadata") : d.metadata;
    const empty =
      value === undefined || value === null || (typeof value === "object" && Object.keys(value).length === 0);
    if (!empty) out[`${str(d.type) ?? "blocks"}:${str(d.depends_on_id) ?? "?"}`] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function commentsOf(row: Row, ctx: MapContext) {
  if (!Array.isArray(row.comments)) return undefined;
  const out: { id: string; author?: string; body: string; createdAt?: string }[] = [];
  row.comments.forEach((c: unknown, i) => {
    if (c === null || typeof c !== "object") return;
    const comment = c as Row;
    const body = str(comment.text) ?? str(comment.body);
    if (body === undefined) {
      ctx.issue("comment without text");
      return;
    }
    out.push({
      id: str(comment.id) ?? String(i + 1),
      author: boundedText(comment.author),
      body,
      createdAt: ctx.optionalTime(comment.created_at, "comments.created_at")?.toISOString(),
    });
  });
  return out;
}

export function mapIssue(r: Row, ctx: MapContext): Mapped {
  if ("_invalid" in r) throw new Error(`line ${String(r._line)} is not a JSON object`);
  const id = str(r.id);
  if (id === undefined) throw new Error("an issue without an id");
  const invalid: Record<string, unknown> = {};
  const created = timeColumn(ctx, r.created_at, "created_at", invalid);
  const updated = timeColumn(ctx, r.updated_at, "updated_at", invalid);
  const closed = timeColumn(ctx, r.closed_at, "closed_at", invalid);
  const missing = Array.isArray(r._missing) ? (r._missing as string[]) : [];
  for (let i = 0; i < missing.length; i++) ctx.issue("dependency on an issue not in the store");
  const name = boundedText(r.title);
  if (name === undefined) ctx.issue("missing title");
  const at = updated ?? closed ?? created ?? ctx.importedAt;
  const word = sourceWord(ctx, r.status, "status", ISSUE_STATUSES) ?? "open";
  const status = issueStatus(word);
  // keys no vocabulary names: kept raw (and in metadata), so a new export's keys are visible
  const unnamed = Object.keys(r).filter((k) => !k.startsWith("_") && !(k in ISSUE_KEYS));
  const depMeta = dependencyMetadata(r, ctx);
  return {
    events: [
      {
        id: ctx.eventId("task"),
        type: "task",
        timestamp: at.toISOString(),
        body: {
          taskId: id,
          sessionId: String(r._session),
          name: name ?? id,
          description: str(r.description),
          status: status ?? word,
          sourceStatus: word,
          assignee: boundedText(r.assignee),
          priority: countColumn(ctx, r.priority, "priority", invalid),
          kind: boundedText(r.issue_type),
          labels: labelsOf(r.labels, ctx),
          parentTaskId: str(r._parent),
          dependsOn: dependenciesOf(r, ctx),
          comments: commentsOf(r, ctx),
          createdAt: created?.toISOString(),
          // an open issue has no closed time: null clears one left by an earlier close
          closedAt: closed
            ? closed.toISOString()
            : status !== undefined && TERMINAL_STATUSES.includes(status)
              ? undefined
              : null,
          metadata: {
            ...extras(r, [...ISSUE_FIELDS, "_session", "_parent", "_missing"]),
            ...(created ? { created_at: created.toISOString() } : {}),
            ...(closed ? { closed_at: closed.toISOString() } : {}),
            ...(missing.length > 0 ? { missing_dependencies: missing } : {}),
            ...(depMeta ? { dependency_metadata: depMeta } : {}),
            ...invalid,
          },
        },
      },
    ],
    raw:
      unnamed.length > 0
        ? [
            {
              reason: "unmapped columns",
              sessionRef: String(r._session),
              at,
              data: Object.fromEntries(unnamed.map((k) => [k, r[k]])),
            },
          ]
        : undefined,
  };
}

/** One task per issue; re-sent when the issue (or the workflow it belongs to) changes. */
export function issueReader(store: IssueStore, links: IssueLinks): TableReader {
  return {
    table: "issues",
    mode: { kind: "mutable" },
    key: (r) => ("_invalid" in r ? `line:${String(r._line)}` : String(r.id)),
    read: () => prepareIssues(store, links),
    map: mapIssue,
  };
}

function isOpen(row: Row): boolean {
  const status = issueStatus(str(row.status) ?? "open");
  return status === undefined || !TERMINAL_STATUSES.includes(status);
}

/** The session of the issues no workflow holds: one row, there when such issues exist. */
export function issueStoreSessionReader(store: IssueStore, links: IssueLinks): TableReader {
  return {
    table: "issue_store",
    mode: { kind: "mutable" },
    key: () => store.sessionId,
    async read() {
      const own = (await prepareIssues(store, links)).filter((r) => isIssue(r) && r._session === store.sessionId);
      if (own.length === 0) return [];
      const times = (field: string) =>
        own
          .map((r) => parseSourceTime(r[field]))
          .filter((d): d is Date => d !== undefined)
          .map((d) => d.toISOString())
          .sort();
      return [
        {
          session_id: store.sessionId,
          path: store.path,
          store: store.kind,
          issues: own.length,
          open: own.filter(isOpen).length,
          first_created: times("created_at")[0] ?? null,
          last_updated: times("updated_at").at(-1) ?? null,
        },
      ];
    },
    map(r, ctx) {
      const startedAt = ctx.optionalTime(r.first_created, "first_created");
      const at = ctx.optionalTime(r.last_updated, "last_updated") ?? startedAt ?? ctx.importedAt;
      return {
        events: [
          {
            id: ctx.eventId("session"),
            type: "session",
            timestamp: at.toISOString(),
            body: {
              sessionId: String(r.session_id),
              source: "beads",
              title: "Beads issues",
              kind: "issue_store",
              status: Number(r.open) > 0 ? "active" : "completed",
              startedAt: startedAt?.toISOString(),
              metadata: { path: r.path, store: r.store, issues: r.issues, open: r.open },
            },
          },
        ],
      };
    },
  };
}
