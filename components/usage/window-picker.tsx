"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { WINDOW_PRESET_LABELS } from "@/lib/usage/window-presets";

/** 24 h / 7 d / 30 d / custom, kept in the URL (?window=, ?from=, ?to=) so links and back work. */
export function WindowPicker({ current, from, to }: { current: string; from: string; to: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [custom, setCustom] = useState({ from, to });
  const go = (next: Record<string, string | undefined>) => {
    const q = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) q.delete(k);
      else q.set(k, v);
    }
    router.push(`${pathname}?${q.toString()}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (custom.from && custom.to) go({ window: "custom", from: custom.from, to: custom.to });
  };
  const button =
    "rounded-md border px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--accent)]";
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Time window">
      {WINDOW_PRESET_LABELS.map((p) => (
        <button
          key={p.value}
          type="button"
          aria-pressed={current === p.value}
          onClick={() => go({ window: p.value, from: undefined, to: undefined })}
          className={`${button} ${current === p.value ? "border-accent bg-accent text-accent-fg" : "border-line bg-surface text-fg hover:bg-surface-2"}`}
        >
          {p.label}
        </button>
      ))}
      <form onSubmit={submit} className="flex items-center gap-1 text-xs">
        <label className="text-fg-muted" htmlFor="window-from">
          From
        </label>
        <input
          id="window-from"
          type="date"
          value={custom.from}
          onChange={(e) => setCustom({ ...custom, from: e.target.value })}
          className="rounded border border-line bg-surface px-1 py-0.5 text-fg"
        />
        <label className="text-fg-muted" htmlFor="window-to">
          to
        </label>
        <input
          id="window-to"
          type="date"
          value={custom.to}
          onChange={(e) => setCustom({ ...custom, to: e.target.value })}
          className="rounded border border-line bg-surface px-1 py-0.5 text-fg"
        />
        <button
          type="submit"
          aria-pressed={current === "custom"}
          className={`${button} ${current === "custom" ? "border-accent bg-accent text-accent-fg" : "border-line bg-surface text-fg hover:bg-surface-2"}`}
        >
          Apply
        </button>
      </form>
    </div>
  );
}
