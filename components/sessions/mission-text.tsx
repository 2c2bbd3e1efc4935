"use client";

// A long mission folded to a few lines, with a toggle. Agent text: rendered as text only.
import { useId, useState } from "react";

export function MissionText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const long = text.length > 280 || text.split("\n").length > 3;
  return (
    <div className="max-w-4xl">
      <p
        id={id}
        data-testid="session-mission"
        className={`text-sm break-words whitespace-pre-wrap text-fg-muted ${long && !open ? "line-clamp-3" : ""}`}
      >
        {text}
      </p>
      {long && (
        <button
          type="button"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
          className="mt-0.5 text-xs font-medium text-accent hover:underline"
        >
          {open ? "Show less" : "Show the whole mission"}
        </button>
      )}
    </div>
  );
}
