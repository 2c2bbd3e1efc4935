import type { Metadata } from "next";
import { AuditIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit" };

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit" description="Who did what, when: an append-only, hash-chained trail." />
      <Card>
        <EmptyState title="The audit trail is not available yet." icon={<AuditIcon className="size-5" />}>
          <p>
            The audit capability will record every approval, API key and settings change with its actor and outcome,
            list the entries here and check that the chain is unbroken. Nothing needs doing now: entries start once
            sign-in and approvals exist.
          </p>
        </EmptyState>
      </Card>
    </>
  );
}
