import type { Metadata } from "next";
import { SettingsIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Projects, API keys, users and roles." />
      <Card>
        <EmptyState title="Settings are not available here yet." icon={<SettingsIcon className="size-5" />}>
          <p>
            The settings capability will let admins manage projects, API keys, users and roles from this page. Until
            then, use the command-line tool: <Code>npm run cli</Code>.
          </p>
        </EmptyState>
      </Card>
    </>
  );
}
