import "server-only";
// The session detail page's header: the session (found by the orchestrator's id, which
// URLs carry), its phases, a pending gate and how many records each tab holds.
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Status } from "@/lib/ingest/status";
import { phaseSteps, type PhaseStep } from "@/lib/ingest/merge";
import { readTabCounts, type SessionTabCounts } from "./tab-counts";

export type SessionHeader = {
  id: string;
  externalId: string;
  projectId: string;
  projectSlug: string;
  projectName: string;
  source: string;
  title: string | null;
  mission: string | null;
  mode: string | null;
  status: Status;
  sourceStatus: string | null;
  phase: string | null;
  phases: PhaseStep[];
  iteration: number | null;
  qaPassed: boolean | null;
  startedAt: Date;
  endedAt: Date | null;
  updatedAt: Date;
  totalTokens: number;
  costUsd: number;
  errorCount: number;
  placeholder: boolean;
  parentExternalId: string | null;
  pendingGate: { externalId: string; title: string; phase: string | null; expiresAt: Date } | null;
  counts: SessionTabCounts;
};

export type SessionLookup =
  | { kind: "found"; session: SessionHeader }
  | { kind: "ambiguous"; candidates: { projectSlug: string; projectName: string; status: Status; updatedAt: Date }[] }
  | { kind: "missing" };

/**
 * External ids are unique per project only. Without a project the id usually names one
 * session; when it names several, the caller shows a choice.
 */
export async function findSessionPage(externalId: string, projectSlug?: string): Promise<SessionLookup> {
  const client = db();
  // the header's columns come with the lookup: the usual single match needs no second read
  const matches = await client.session.findMany({
    where: { externalId, ...(projectSlug ? { project: { slug: projectSlug } } : {}) },
    select: HEADER_SELECT,
    orderBy: { updatedAt: "desc" },
    take: 20,
  });
  const [only] = matches;
  if (!only) return { kind: "missing" };
  if (matches.length > 1) {
    return {
      kind: "ambiguous",
      candidates: matches.map((m) => ({
        projectSlug: m.project.slug,
        projectName: m.project.name,
        status: m.status,
        updatedAt: m.updatedAt,
      })),
    };
  }
  return { kind: "found", session: await headerOf(only) };
}

const HEADER_SELECT = {
  id: true,
  externalId: true,
  projectId: true,
  source: true,
  title: true,
  mission: true,
  mode: true,
  status: true,
  sourceStatus: true,
  phase: true,
  phaseHistory: true,
  iteration: true,
  qaPassed: true,
  startedAt: true,
  endedAt: true,
  updatedAt: true,
  totalTokens: true,
  costUsd: true,
  errorCount: true,
  placeholder: true,
  project: { select: { slug: true, name: true } },
  parent: { select: { externalId: true } },
} satisfies Prisma.SessionSelect;

type HeaderRow = Prisma.SessionGetPayload<{ select: typeof HEADER_SELECT }>;

export async function loadSessionHeader(id: string): Promise<SessionHeader | null> {
  const row = await db().session.findUnique({ where: { id }, select: HEADER_SELECT });
  return row ? headerOf(row) : null;
}

/** The header of a session row: its tab counts and pending gate read alongside. */
async function headerOf(row: HeaderRow): Promise<SessionHeader> {
  const client = db();
  const [counts, gate] = await Promise.all([
    readTabCounts(client, row),
    client.gate.findFirst({
      where: { sessionId: row.id, status: "pending" },
      orderBy: { createdAt: "desc" },
      select: { externalId: true, title: true, phase: true, expiresAt: true },
    }),
  ]);
  const phases = phaseSteps(row.phaseHistory);
  if (phases.length === 0 && row.phase) phases.push({ phase: row.phase, at: row.updatedAt.toISOString() });
  return {
    id: row.id,
    externalId: row.externalId,
    projectId: row.projectId,
    projectSlug: row.project.slug,
    projectName: row.project.name,
    source: row.source,
    title: row.title,
    mission: row.mission,
    mode: row.mode,
    status: row.status,
    sourceStatus: row.sourceStatus,
    phase: row.phase,
    phases,
    iteration: row.iteration,
    qaPassed: row.qaPassed,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    updatedAt: row.updatedAt,
    totalTokens: row.totalTokens,
    costUsd: row.costUsd,
    errorCount: row.errorCount,
    placeholder: row.placeholder,
    parentExternalId: row.parent?.externalId ?? null,
    pendingGate: gate,
    counts,
  };
}
