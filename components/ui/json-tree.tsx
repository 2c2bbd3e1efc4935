// A JSON value as a collapsible tree (native <details>, so it works from the keyboard and
// without JavaScript). Strings are agent-written: they are rendered as text only. Large
// objects and arrays show their first entries and say how many more there are.
import type { ReactNode } from "react";

const MAX_ENTRIES = 200;
const MAX_STRING = 2_000;

type JsonTreeProps = {
  value: unknown;
  /** levels open at first */
  openDepth?: number;
  label?: string;
};

export function JsonTree({ value, openDepth = 1, label }: JsonTreeProps) {
  return (
    <div className="font-mono text-xs leading-5" data-testid="json-tree">
      <Node name={label} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

function Key({ name }: { name: string | undefined }) {
  if (name === undefined) return null;
  return (
    <>
      <span className="text-info">{name}</span>
      <span className="text-fg-subtle">: </span>
    </>
  );
}

function Leaf({ value }: { value: unknown }): ReactNode {
  if (value === null) return <span className="text-fg-subtle">null</span>;
  if (typeof value === "string") {
    const shown = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
    return <span className="break-words whitespace-pre-wrap text-ok">&quot;{shown}&quot;</span>;
  }
  if (typeof value === "number") return <span className="text-warn">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-accent">{String(value)}</span>;
  return <span className="text-fg-subtle">{String(value)}</span>;
}

function Node({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string | undefined;
  value: unknown;
  depth: number;
  openDepth: number;
}) {
  const isArray = Array.isArray(value);
  if (value === null || typeof value !== "object") {
    return (
      <div className="pl-4 -indent-4">
        <Key name={name} />
        <Leaf value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = isArray
    ? (value as unknown[]).map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div>
        <Key name={name} />
        <span className="text-fg-subtle">
          {open}
          {close}
        </span>
      </div>
    );
  }
  const shown = entries.slice(0, MAX_ENTRIES);
  return (
    <details open={depth < openDepth} className="group">
      <summary className="cursor-pointer rounded-sm hover:bg-surface-hover">
        <Key name={name} />
        <span className="text-fg-subtle">
          {open}
          <span className="group-open:hidden">
            {" "}
            {entries.length}{" "}
            {isArray ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"} {close}
          </span>
        </span>
      </summary>
      <div className="ml-1 border-l border-line pl-3">
        {shown.map(([k, v]) => (
          <Node key={k} name={isArray ? undefined : k} value={v} depth={depth + 1} openDepth={openDepth} />
        ))}
        {entries.length > shown.length && <div className="text-fg-subtle">… {entries.length - shown.length} more</div>}
      </div>
      <span className="text-fg-subtle">{close}</span>
    </details>
  );
}
