import "server-only";
// The values the sessions list's filter menus offer.
import { db } from "@/lib/db/client";

export type SessionFacets = {
  sources: string[];
  phases: string[];
  projects: { slug: string; name: string }[];
  agentTypes: string[];
};

const FACETS_TTL_MS = 30_000;
const facetCache = globalThis as unknown as { __observatoryFacets?: { at: number; value: Promise<SessionFacets> } };

/** The values the list's filter menus offer. Cached briefly: they change rarely and the distinct agent types scan runs. */
export function clearSessionFacetsCache(): void {
  facetCache.__observatoryFacets = undefined;
}

export function sessionFacets(): Promise<SessionFacets> {
  const cached = facetCache.__observatoryFacets;
  if (cached && Date.now() - cached.at < FACETS_TTL_MS) return cached.value;
  const value = loadFacets();
  facetCache.__observatoryFacets = { at: Date.now(), value };
  value.catch(() => clearSessionFacetsCache());
  return value;
}

async function loadFacets(): Promise<SessionFacets> {
  const client = db();
  const [sources, phases, projects, agentTypes] = await Promise.all([
    client.session.groupBy({ by: ["source"], orderBy: { source: "asc" } }),
    client.session.groupBy({ by: ["phase"], where: { phase: { not: null } }, orderBy: { phase: "asc" } }),
    client.project.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    client.run.groupBy({ by: ["agentType"], where: { agentType: { not: null } }, orderBy: { agentType: "asc" } }),
  ]);
  return {
    sources: sources.map((s) => s.source),
    phases: phases.flatMap((p) => (p.phase ? [p.phase] : [])),
    projects,
    agentTypes: agentTypes.flatMap((a) => (a.agentType ? [a.agentType] : [])),
  };
}
