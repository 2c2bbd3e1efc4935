import "server-only";
// Loads the demo data through the same ingest pipeline agents use, so the demo exercises
// the real write path and re-seeding is a no-op (event ids are deterministic).
import type { Db } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import type { IngestEventInput } from "@/lib/ingest/schemas";
import { ensureProject } from "@/lib/projects/projects";
import { ensureDefaultPrices } from "@/lib/usage/prices";
import { generateDemoEvents } from "./generate";

/** Demo sessions are spread over three projects by orchestrator. */
const PROJECT_BY_SOURCE: Record<string, { slug: string; name: string }> = {
  bazinga: { slug: "checkout-service", name: "Checkout service" },
  tac: { slug: "checkout-service", name: "Checkout service" },
  studio: { slug: "studio-app", name: "Studio app" },
  "agents-orchestrator": { slug: "research-lab", name: "Research lab" },
  beads: { slug: "research-lab", name: "Research lab" },
};
const FALLBACK_PROJECT = { slug: "demo", name: "Demo" };

export type SeedSummary = { events: number; stored: number; duplicates: number; rejected: number; projects: string[] };

function sessionSources(events: readonly IngestEventInput[]): Map<string, string> {
  const sources = new Map<string, string>();
  for (const e of events) {
    if (e.type === "session" && typeof e.body.source === "string") sources.set(String(e.body.sessionId), e.body.source);
  }
  return sources;
}

function sessionOf(e: IngestEventInput): string | undefined {
  return "sessionId" in e.body && e.body.sessionId !== undefined ? String(e.body.sessionId) : undefined;
}

/** Agent events name no session: place each agent with the first session that uses it. */
function agentSessions(events: readonly IngestEventInput[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of events) {
    const sessionId = sessionOf(e);
    const agentId =
      "agentId" in e.body && e.body.agentId !== undefined && e.type !== "agent" ? String(e.body.agentId) : undefined;
    if (sessionId && agentId && !map.has(agentId)) map.set(agentId, sessionId);
  }
  return map;
}

function projectOf(
  e: IngestEventInput,
  sources: Map<string, string>,
  agents: Map<string, string>,
): { slug: string; name: string } | undefined {
  const sessionId = e.type === "agent" ? agents.get(String(e.body.agentId)) : sessionOf(e);
  return PROJECT_BY_SOURCE[sources.get(sessionId ?? "") ?? ""];
}

const DEMO_CLOCK_KEY = "demo.now";

/**
 * The demo's "now", fixed per database on first seed: some orchestrators' ids embed their
 * start time, so a re-seed must replay the same timeline to add nothing.
 */
async function demoClock(db: Db, requested: Date | undefined): Promise<Date> {
  const stored = await db.config.findFirst({ where: { projectId: null, source: "observatory", key: DEMO_CLOCK_KEY } });
  if (stored && typeof stored.value === "string") return new Date(stored.value);
  const now = requested ?? new Date();
  await db.config.create({ data: { source: "observatory", key: DEMO_CLOCK_KEY, value: now.toISOString() } });
  return now;
}

export async function seedDemo(
  db: Db,
  options: { sessions?: number; now?: Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<SeedSummary> {
  await ensureDefaultPrices(db);
  const now = await demoClock(db, options.now);
  const events = generateDemoEvents({ sessions: options.sessions, now });
  const sources = sessionSources(events);
  const agents = agentSessions(events);
  const byProject = new Map<string, { name: string; events: IngestEventInput[] }>();
  // An agent no session uses (a profile defined but not reached yet) goes with the session
  // being emitted around it.
  let previous = FALLBACK_PROJECT;
  for (const e of events) {
    const project = projectOf(e, sources, agents) ?? previous;
    previous = project;
    const group = byProject.get(project.slug) ?? { name: project.name, events: [] };
    group.events.push(e);
    byProject.set(project.slug, group);
  }
  const summary: SeedSummary = { events: events.length, stored: 0, duplicates: 0, rejected: 0, projects: [] };
  let done = 0;
  for (const [slug, group] of byProject) {
    const project = await ensureProject(db, slug, group.name);
    summary.projects.push(slug);
    for (let i = 0; i < group.events.length; i += 500) {
      const chunk = group.events.slice(i, i + 500);
      const results = await ingestEvents(db, project.id, chunk, { source: "demo" });
      for (const r of results) {
        if (r.status === 201) summary.stored++;
        else if (r.status === 200) summary.duplicates++;
        else summary.rejected++;
      }
      done += chunk.length;
      options.onProgress?.(done, events.length);
    }
  }
  return summary;
}
