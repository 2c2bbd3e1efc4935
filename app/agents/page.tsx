import type { Metadata } from "next";
import { AgentsIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Agents" };

export default function AgentsPage() {
  return (
    <>
      <PageHeader
        title="Agents"
        description="Agent definitions and running instances reported by your orchestrators."
      />
      <Card>
        <EmptyState title="The agent registry is not available yet." icon={<AgentsIcon className="size-5" />}>
          <p>
            The agents capability will list each agent with its type, model, heartbeat and workload. Agents named in
            ingested events are already stored, so they will appear here once it lands: load demo data with{" "}
            <Code>npm run cli -- seed --demo</Code> or send events to <Code>POST /api/v1/ingest</Code>.
          </p>
        </EmptyState>
      </Card>
    </>
  );
}
