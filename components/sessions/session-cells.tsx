import Link from "next/link";
import type { SessionListRow } from "@/lib/sessions/session-list-query";
import { sessionHref } from "@/lib/sessions/session-href";

// The cells both session tables show. Session text comes from agents: plain text only.

/** Label (linking to the session), then its external id and project. */
export function SessionLabelCell({ session }: { session: SessionListRow }) {
  return (
    <>
      <Link
        href={sessionHref(session.externalId)}
        className="block truncate font-medium text-fg hover:underline"
        title={session.label}
      >
        {session.label}
      </Link>
      <div className="truncate text-xs text-fg-subtle">
        <span className="font-mono">{session.externalId}</span>
        <span aria-hidden="true"> · </span>
        <span className="sr-only">, project </span>
        {session.projectName}
      </div>
    </>
  );
}

/** Text that may be long, shortened to the column with the whole text on hover. */
export function TruncatedText({ text }: { text: string | null }) {
  if (text === null) {
    return (
      <span className="text-fg-subtle">
        <span aria-hidden="true">—</span>
        <span className="sr-only">none</span>
      </span>
    );
  }
  return (
    <span className="block truncate" title={text}>
      {text}
    </span>
  );
}
