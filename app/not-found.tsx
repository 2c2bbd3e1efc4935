import type { Metadata } from "next";
import { CompassIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TextLink } from "@/components/ui/text-link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <Card className="mt-6">
      <EmptyState
        titleAs="h1"
        title="Page not found"
        icon={<CompassIcon className="size-5" />}
        action={<TextLink href="/">Go to the home page</TextLink>}
      >
        <p>This page does not exist, or what it showed has been removed. Pick a page from the menu.</p>
      </EmptyState>
    </Card>
  );
}
