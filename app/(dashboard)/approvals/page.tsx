import type { Metadata } from "next";
import Link from "next/link";
import { DecisionForm } from "@/components/approvals/decision-form";
import { ExpiryCountdown } from "@/components/approvals/expiry-countdown";
import { ApprovalsIcon } from "@/components/icons";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { JsonTree } from "@/components/ui/json-tree";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { pendingGates } from "@/lib/gates/pending-gates";

export const metadata: Metadata = { title: "Approvals" };
export const dynamic = "force-dynamic";

export default async function ApprovalsPage() {
  const gates = await pendingGates();
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Agents paused at a human gate, oldest first. Approvers and admins decide; the agent learns the decision within seconds."
      />
      {gates.length === 0 ? (
        <Card>
          <EmptyState title="Nothing is waiting for a decision." icon={<ApprovalsIcon className="size-5" />}>
            <p>
              Agents ask with POST /api/v1/sessions/&#123;sessionId&#125;/gates (see the README); their gates show up
              here.
            </p>
          </EmptyState>
        </Card>
      ) : (
        <ul className="space-y-4" aria-label="Pending gates">
          {gates.map((g) => (
            <li key={g.id}>
              <Card>
                <div className="grid gap-4 p-4 lg:grid-cols-[1fr_22rem]" data-testid="gate">
                  <div className="min-w-0 space-y-2">
                    <h2 className="text-base font-semibold text-fg">{g.title}</h2>
                    <p className="text-xs text-fg-muted">
                      <Link className="hover:underline" href={`/sessions/${encodeURIComponent(g.session.externalId)}`}>
                        {g.session.title ?? g.session.mission?.slice(0, 120) ?? g.session.externalId}
                      </Link>{" "}
                      · {g.project.name}
                      {g.phase ? ` · phase ${g.phase}` : ""} · asked <RelativeTime date={g.createdAt} now={now} /> ·{" "}
                      <ExpiryCountdown expiresAt={g.expiresAt.toISOString()} />
                    </p>
                    {g.summary && <p className="text-sm whitespace-pre-wrap text-fg">{g.summary}</p>}
                    {g.payload !== null && <JsonTree value={g.payload} label="Payload" />}
                  </div>
                  <DecisionForm
                    gateId={g.id}
                    allowEdit={g.allowEdit}
                    payload={JSON.stringify(g.payload ?? {}, null, 2)}
                  />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
