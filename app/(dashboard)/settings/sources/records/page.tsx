import type { Metadata } from "next";
import Link from "next/link";
import { SourceRecordList } from "@/components/sessions/source-record-list";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { projectOptions } from "@/lib/projects/projects";
import { loadSourceRecords } from "@/lib/sessions/source-records";

export const metadata: Metadata = { title: "Kept source records · Settings" };
export const dynamic = "force-dynamic";

// Source rows with no session (a registry table, a schema version, …) that the importer kept
// unmapped, per project. Rows of a session are on that session's page.
export default async function SourceRecordsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser();
  const query = await searchParams;
  const slug = typeof query.project === "string" ? query.project : undefined;
  const projects = await projectOptions(db());
  const project = projects.find((p) => p.slug === slug) ?? projects[0];
  return (
    <div className="space-y-5">
      <nav aria-label="Projects" className="flex flex-wrap gap-2 text-sm">
        {projects.map((p) => (
          <Link
            key={p.id}
            href={`/settings/sources/records?project=${encodeURIComponent(p.slug)}`}
            aria-current={p.id === project?.id ? "page" : undefined}
            className={`rounded border px-2 py-0.5 ${p.id === project?.id ? "border-accent font-semibold text-fg" : "border-line text-fg-muted hover:text-fg"}`}
          >
            {p.name}
          </Link>
        ))}
      </nav>
      <Card
        title={`Kept source records${project ? ` · ${project.name}` : ""}`}
        description="Rows of tables no importer mapping knows and that belong to no session, kept as the source wrote them, with rows deleted in the source. A session's own kept rows are on its page (Source records tab)."
      >
        {project ? (
          <SourceRecordList
            page={await loadSourceRecords(project.id, null)}
            empty="Nothing was kept unmapped for this project."
          />
        ) : (
          <p className="text-sm text-fg-muted">No projects yet.</p>
        )}
      </Card>
    </div>
  );
}
