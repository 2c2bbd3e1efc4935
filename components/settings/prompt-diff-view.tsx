// A line diff of two prompt versions as plain text: prompts are user content, rendered as
// React text only. Markers (+/−) carry the meaning; colours (theme tokens) only help.
import type { DiffLine } from "@/lib/profiles/prompt-diff";

const STYLE: Record<DiffLine["kind"], { marker: string; className: string; label: string }> = {
  added: { marker: "+", className: "bg-ok-soft text-fg", label: "added" },
  removed: { marker: "-", className: "bg-danger-soft text-fg", label: "removed" },
  same: { marker: " ", className: "text-fg-muted", label: "unchanged" },
};

export function PromptDiffView({ lines }: { lines: readonly DiffLine[] }) {
  if (lines.length === 0) return <p className="p-4 text-sm text-fg-muted">Both versions are empty.</p>;
  return (
    <pre className="overflow-x-auto border-t border-line py-2 font-mono text-xs leading-5" data-testid="prompt-diff">
      {lines.map((line, i) => (
        <div key={i} className={`px-4 whitespace-pre-wrap ${STYLE[line.kind].className}`} data-kind={line.kind}>
          <span
            aria-label={STYLE[line.kind].label}
            className={`inline-block w-4 select-none ${line.kind === "added" ? "text-ok" : line.kind === "removed" ? "text-danger" : ""}`}
          >
            {STYLE[line.kind].marker}
          </span>
          {line.text === "" ? " " : line.text}
        </div>
      ))}
    </pre>
  );
}
