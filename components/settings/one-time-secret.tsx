"use client";
// A secret shown once (a new API key, a webhook signing secret): the value, a copy button
// and the warning that it will not be shown again. It lives only in this page's memory.
import { useState } from "react";
import { buttonClass } from "@/components/ui/form-fields";

export function OneTimeSecret({ label, secret }: { label: string; secret: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <div role="region" aria-label={label} className="space-y-2 rounded-md border border-warn-line bg-warn-soft p-3">
      <p className="text-sm font-semibold text-fg">{label}</p>
      <p className="text-xs text-fg">Copy it now: it will not be shown again. Only a hash is stored.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="one-time-secret"
          className="rounded border border-line bg-surface px-2 py-1 font-mono text-xs break-all text-fg select-all"
        >
          {secret}
        </code>
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => {
            navigator.clipboard.writeText(secret).then(
              () => setCopied("yes"),
              () => setCopied("failed"),
            );
          }}
        >
          Copy
        </button>
        <span role="status" className="text-xs text-fg-muted">
          {copied === "yes" ? "Copied." : copied === "failed" ? "Copy failed: select the text and copy it." : ""}
        </span>
      </div>
    </div>
  );
}
