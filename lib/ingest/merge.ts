// Order-independent merging of upserted entities. An event carries a timestamp; the newest
// event's values win, and an older event only fills fields that are still empty. So the
// final state does not depend on arrival order when timestamps tell the truth.

export type Fields = Record<string, unknown>;

/** True when an event at `at` may overwrite fields last set by an event at `lastEventAt`. */
export function isNewer(at: Date, lastEventAt: Date | null | undefined): boolean {
  return lastEventAt === null || lastEventAt === undefined || at.getTime() >= lastEventAt.getTime();
}

/** The fields of `incoming` to write onto `existing`; undefined values are ignored. */
export function mergeFields(existing: Fields, incoming: Fields, newer: boolean): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (newer || existing[key] === null || existing[key] === undefined) out[key] = value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Shallow-merges metadata objects; on a key conflict the newer side wins. */
export function mergeMetadata(existing: unknown, incoming: Fields | undefined, newer: boolean): Fields | undefined {
  if (!incoming || Object.keys(incoming).length === 0) return undefined;
  const base = isPlainObject(existing) ? existing : {};
  return newer ? { ...base, ...incoming } : { ...incoming, ...base };
}

/** Body fields the schema does not know, kept for metadata. */
export function extraFields(body: Fields, known: readonly string[]): Fields {
  const extras: Fields = {};
  for (const [key, value] of Object.entries(body)) {
    if (!known.includes(key) && value !== undefined) extras[key] = value;
  }
  return extras;
}

export type PhaseStep = { phase: string; at: string };

const MAX_PHASE_OBSERVATIONS = 500;

function phaseObservations(history: unknown): PhaseStep[] {
  return Array.isArray(history)
    ? history.filter((s): s is PhaseStep => isPlainObject(s) && typeof s.phase === "string" && typeof s.at === "string")
    : [];
}

function byTime(a: PhaseStep, b: PhaseStep): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.phase.localeCompare(b.phase);
}

/**
 * Records that a session was in `phase` at `at`. Every distinct observation is kept (sorted),
 * so the history is the same whatever order events arrive in; redundant repeats are only
 * dropped past a size bound.
 */
export function addPhase(history: unknown, phase: string, at: Date): PhaseStep[] {
  const steps = phaseObservations(history);
  const iso = at.toISOString();
  if (!steps.some((s) => s.phase === phase && s.at === iso)) steps.push({ phase, at: iso });
  steps.sort(byTime);
  if (steps.length <= MAX_PHASE_OBSERVATIONS) return steps;
  return steps.filter((s, i) => i === 0 || steps[i - 1]?.phase !== s.phase).slice(-MAX_PHASE_OBSERVATIONS);
}

/** The phases a session went through, in order, repeats collapsed (for the stepper). */
export function phaseSteps(history: unknown): PhaseStep[] {
  const out: PhaseStep[] = [];
  for (const step of phaseObservations(history).sort(byTime)) {
    if (out[out.length - 1]?.phase !== step.phase) out.push(step);
  }
  return out;
}
