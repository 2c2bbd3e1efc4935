import type { Metadata } from "next";
import { NoSessions } from "@/components/sessions/no-sessions";
import { SessionTable } from "@/components/sessions/session-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listSessions } from "@/lib/sessions/list-sessions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sessions" };

const LIMIT = 50;

export default async function SessionsPage() {
  const { items, asOf } = await listSessions({ order: "newest", limit: LIMIT });
  return (
    <>
      <PageHeader
        title="Sessions"
        description={`The newest ${LIMIT} sessions across all projects. Filters, search and a detail view per session come with the sessions capability.`}
      />
      <Card>
        {items.length > 0 ? (
          <SessionTable sessions={items} now={asOf} caption={`Newest ${LIMIT} sessions`} time="startedAt" />
        ) : (
          <NoSessions />
        )}
      </Card>
    </>
  );
}
