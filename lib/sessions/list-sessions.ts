import "server-only";
import { db } from "@/lib/db/client";
import { projectNamesById } from "@/lib/projects/project-names";
import type { Status } from "@/lib/db/generated/sqlite/enums";
import { sessionLabel } from "./session-label";

export type SessionListItem = {
  id: string;
  externalId: string;
  source: string;
  /** title, else mission, else externalId, whitespace collapsed and shortened */
  label: string;
  status: Status;
  phase: string | null;
  projectName: string;
  startedAt: Date;
  updatedAt: Date;
  totalTokens: number;
};

export type SessionOrder = "recently-updated" | "newest";

export type ListSessionsOptions = { order: SessionOrder; limit: number };

/** `asOf` is the clock the list was read at; relative times ("5 min ago") use it. */
export type SessionList = { items: SessionListItem[]; asOf: Date };

/** Sessions across all projects, for simple lists (overview, sessions page). */
export async function listSessions({ order, limit }: ListSessionsOptions): Promise<SessionList> {
  const asOf = new Date();
  const rows = await db().session.findMany({
    orderBy: order === "newest" ? [{ startedAt: "desc" }, { id: "desc" }] : [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      externalId: true,
      source: true,
      title: true,
      mission: true,
      status: true,
      phase: true,
      startedAt: true,
      updatedAt: true,
      totalTokens: true,
      projectId: true,
    },
  });
  const projects = await projectNamesById(db(), rows.map((r) => r.projectId));
  const items = rows.map((row) => ({
    id: row.id,
    externalId: row.externalId,
    source: row.source,
    label: sessionLabel(row),
    status: row.status,
    phase: row.phase,
    projectName: projects.get(row.projectId)?.name ?? "",
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    totalTokens: row.totalTokens,
  }));
  return { items, asOf };
}
