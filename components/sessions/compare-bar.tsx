"use client";

// The compare form: row checkboxes in the table belong to it (form attribute), so the
// selection submits as ?s=...&s=... even without JavaScript. This island counts them.
import { useEffect, useState } from "react";
import { COMPARE_FORM_ID, COMPARE_MAX, COMPARE_MIN } from "@/lib/sessions/compare-table";

export function CompareBar() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const recount = () => setCount(document.querySelectorAll(`input[form="${COMPARE_FORM_ID}"]:checked`).length);
    document.addEventListener("change", recount);
    recount();
    return () => document.removeEventListener("change", recount);
  }, []);
  const ok = count >= COMPARE_MIN && count <= COMPARE_MAX;
  return (
    <form id={COMPARE_FORM_ID} action="/sessions/compare" method="get" className="flex items-center gap-2">
      <span className="text-xs text-fg-muted" aria-live="polite">
        {count === 0 ? `Select ${COMPARE_MIN}–${COMPARE_MAX} sessions to compare` : `${count} selected`}
      </span>
      <button
        type="submit"
        disabled={!ok}
        className="rounded-md border border-line bg-surface px-2.5 py-1 text-xs font-medium text-fg hover:bg-surface-hover disabled:cursor-not-allowed disabled:opacity-50"
      >
        Compare
      </button>
    </form>
  );
}
