import { SessionsIcon } from "@/components/icons";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";

export function NoSessions({ titleAs = "h2" }: { titleAs?: "h2" | "h3" }) {
  return (
    <EmptyState title="No sessions yet." titleAs={titleAs} icon={<SessionsIcon className="size-5" />}>
      <p>
        Start with demo data: <Code>npm run cli -- seed --demo</Code>, or send events to{" "}
        <Code>POST /api/v1/ingest</Code> (see the API docs).
      </p>
    </EmptyState>
  );
}
