"use client";

import { useEffect } from "react";
import { AlertTriangleIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TextLink } from "@/components/ui/text-link";

function digestOf(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "digest" in error) {
    const { digest } = error as { digest: unknown };
    return typeof digest === "string" ? digest : undefined;
  }
  return undefined;
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = digestOf(error);

  return (
    <Card className="mt-6">
      <EmptyState
        titleAs="h1"
        title="Something went wrong"
        icon={<AlertTriangleIcon className="size-5 text-danger" />}
        action={
          <div className="flex items-center gap-4">
            <button
              type="button"
              onClick={retry}
              className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg hover:opacity-90"
            >
              Try again
            </button>
            <TextLink href="/">Go to the home page</TextLink>
          </div>
        }
      >
        <p>
          This page could not be loaded. It may be a passing problem, such as the database being busy; try again. If it
          keeps happening, the server log has the details
          {digest !== undefined && (
            <>
              {" "}
              under reference <code className="text-fg">{digest}</code>
            </>
          )}
          .
        </p>
      </EmptyState>
    </Card>
  );
}
