// A profile's prompt versions, newest first, with the active one marked and (for admins) an
// Activate button on the others. Prompt text is shown as plain text.
import type { ComponentProps } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { formatUtcDateTime } from "@/components/ui/relative-time";

type Version = {
  id: string;
  versionNumber: number;
  note: string | null;
  content: string;
  isActive: boolean;
  createdAt: Date;
};

type Props = {
  versions: readonly Version[];
  profileId: string;
  /** the activate server action; only given to admins */
  activate?: ComponentProps<typeof ActionForm>["action"];
};

export function PromptVersionList({ versions, profileId, activate }: Props) {
  if (versions.length === 0)
    return (
      <p className="p-4 text-sm text-fg-muted">No prompt versions yet: agents asking for this profile get no prompt.</p>
    );
  return (
    <ul className="divide-y divide-line" aria-label="Prompt versions">
      {versions.map((v) => (
        <li key={v.id} className="space-y-2 px-4 py-3" data-testid="prompt-version" data-version={v.versionNumber}>
          <div className="flex flex-wrap items-center gap-3">
            <span className="font-semibold text-fg tabular-nums">v{v.versionNumber}</span>
            {v.isActive && (
              <span className="rounded-full border border-ok/40 bg-ok-soft px-2 py-0.5 text-xs font-medium text-ok">
                Active
              </span>
            )}
            <span className="text-xs text-fg-muted">{formatUtcDateTime(v.createdAt)}</span>
            {v.note && <span className="min-w-0 text-sm break-words text-fg">{v.note}</span>}
            {activate && !v.isActive && (
              <ActionForm
                action={activate}
                submit="Activate"
                variant="secondary"
                label={`Activate version ${v.versionNumber}`}
                className="ml-auto"
              >
                <input type="hidden" name="profileId" value={profileId} />
                <input type="hidden" name="versionId" value={v.id} />
              </ActionForm>
            )}
          </div>
          <details>
            <summary className="cursor-pointer text-xs text-fg-muted">
              Show prompt ({v.content.length.toLocaleString("en-US")} characters)
            </summary>
            <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs whitespace-pre-wrap text-fg">
              {v.content}
            </pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
