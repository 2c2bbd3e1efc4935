"use client";

import { useActionState } from "react";
import { decideAction } from "@/lib/gates/gate-actions";

/** Approve (optional comment), reject (comment required) and, when allowed, edit the payload and approve. */
export function DecisionForm({ gateId, allowEdit, payload }: { gateId: string; allowEdit: boolean; payload: string }) {
  const [state, action, pending] = useActionState(decideAction, null);
  const id = (name: string) => `${name}-${gateId}`;
  const button =
    "rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2";
  return (
    <form action={action} className="space-y-2" aria-label="Decision">
      <input type="hidden" name="gateId" value={gateId} />
      <div className="space-y-1">
        <label htmlFor={id("comment")} className="text-xs font-medium text-fg">
          Comment
        </label>
        <textarea
          id={id("comment")}
          name="comment"
          rows={2}
          className="w-full rounded-md border border-line bg-surface px-2 py-1 text-sm text-fg"
        />
      </div>
      {allowEdit && (
        <div className="space-y-1">
          <label htmlFor={id("payload")} className="text-xs font-medium text-fg">
            Payload (JSON)
          </label>
          <textarea
            id={id("payload")}
            name="payload"
            rows={4}
            defaultValue={payload}
            className="w-full rounded-md border border-line bg-surface px-2 py-1 font-mono text-xs text-fg"
          />
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="action"
          value="approve"
          disabled={pending}
          className={`${button} border-ok bg-ok-soft text-fg`}
        >
          Approve
        </button>
        {allowEdit && (
          <button
            type="submit"
            name="action"
            value="edit_approve"
            disabled={pending}
            className={`${button} border-accent bg-accent-soft text-fg`}
          >
            Edit and approve
          </button>
        )}
        <button
          type="submit"
          name="action"
          value="reject"
          disabled={pending}
          className={`${button} border-danger bg-danger-soft text-fg`}
        >
          Reject
        </button>
      </div>
      {state?.ok === false && (
        <p role="alert" className="text-sm text-danger">
          {state.error.message}
        </p>
      )}
      {state?.ok && (
        <p role="status" className="text-sm text-ok">
          {state.data.message}
        </p>
      )}
    </form>
  );
}
