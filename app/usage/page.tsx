import type { Metadata } from "next";
import { UsageIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";

export const metadata: Metadata = { title: "Usage" };

export default function UsagePage() {
  return (
    <>
      <PageHeader title="Usage" description="Tokens and cost by model, agent, project and day." />
      <Card>
        <EmptyState
          title="Usage charts are not available yet."
          icon={<UsageIcon className="size-5" />}
          action={<TextLink href="/">See current totals</TextLink>}
        >
          <p>
            The usage capability will chart token use and cost from the recorded LLM calls, with prices per model. Every
            LLM call sent to the ingest API is already counted.
          </p>
        </EmptyState>
      </Card>
    </>
  );
}
