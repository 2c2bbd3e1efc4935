import type { Metadata } from "next";
import { ApprovalsIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";

export const metadata: Metadata = { title: "Approvals" };

export default function ApprovalsPage() {
  return (
    <>
      <PageHeader title="Approvals" description="Human gates: an agent pauses until a reviewer approves or rejects." />
      <Card>
        <EmptyState
          title="Approvals are not available yet."
          icon={<ApprovalsIcon className="size-5" />}
          action={<TextLink href="/sessions">Open the session list</TextLink>}
        >
          <p>
            The gates capability will list every pending gate here, with its summary and deadline, and let reviewers
            approve or reject it; each decision is written to the audit trail. Until then, sessions waiting for a person
            show as “Awaiting approval” on the Overview and Sessions pages.
          </p>
        </EmptyState>
      </Card>
    </>
  );
}
