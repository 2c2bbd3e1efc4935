// The phases this session went through, in order, as a stepper. Each step says in text
// whether it is done, current or where the session failed.
import { CheckCircleIcon, PlayCircleIcon, XCircleIcon } from "@/components/icons";
import type { PhaseStep } from "@/lib/ingest/merge";
import type { Status } from "@/lib/ingest/status";

type StepState = "done" | "current" | "failed";

function stepState(index: number, count: number, status: Status): StepState {
  if (index < count - 1) return "done";
  if (status === "failed" || status === "cancelled" || status === "expired") return "failed";
  return status === "completed" ? "done" : "current";
}

const styles: Record<StepState, { className: string; label: string }> = {
  done: { className: "border-ok/40 bg-ok-soft text-ok", label: "done" },
  current: { className: "border-info bg-info-soft text-info font-semibold", label: "current" },
  failed: { className: "border-danger/50 bg-danger-soft text-danger font-semibold", label: "stopped here" },
};

export function PhaseStepper({ phases, status }: { phases: PhaseStep[]; status: Status }) {
  if (phases.length === 0) return null;
  return (
    <ol aria-label="Phases" className="flex flex-wrap items-center gap-1 text-xs" data-testid="phase-stepper">
      {phases.map((step, i) => {
        const state = stepState(i, phases.length, status);
        const style = styles[state];
        return (
          <li
            key={`${step.phase}-${step.at}`}
            className="flex items-center gap-1"
            aria-current={state === "current" ? "step" : undefined}
          >
            {i > 0 && (
              <span aria-hidden="true" className="text-fg-subtle">
                →
              </span>
            )}
            <span
              className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 ${style.className}`}
              title={`${step.phase}: since ${step.at}`}
            >
              {state === "done" ? (
                <CheckCircleIcon className="size-3" />
              ) : state === "failed" ? (
                <XCircleIcon className="size-3" />
              ) : (
                <PlayCircleIcon className="size-3" />
              )}
              {step.phase}
              <span className="sr-only"> ({style.label})</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
