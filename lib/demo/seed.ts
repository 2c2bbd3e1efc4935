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

function projectOf(e: IngestEventInput, sources: Map<string, string>): { slug: string; name: string } {
  const sessionId = "sessionId" in e.body && e.body.sessionId !== undefined ? String(e.body.sessionId) : "";
  return PROJECT_BY_SOURCE[sources.get(sessionId) ?? ""] ?? FALLBACK_PROJECT;
}

export async function seedDemo(
  db: Db,
  options: { sessions?: number; now?: Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<SeedSummary> {
  await ensureDefaultPrices(db);
  const events = generateDemoEvents({ sessions: options.sessions, now: options.now });
  const sources = sessionSources(events);
  const byProject = new Map<string, { name: string; events: IngestEventInput[] }>();
  for (const e of events) {
    const project = projectOf(e, sources);
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
