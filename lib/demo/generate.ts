// Deterministic demo data: ingest events for sessions of the five orchestrator styles,
// spread over the last week relative to `now`. Same options ⇒ byte-identical output.
import type { IngestEventInput } from "../ingest/schemas";
import { SessionBuilder, type DemoSource, type DemoStyle, type PlayedOutcome } from "./builder";
import { IdSource, Rng, hash32 } from "./random";
import { agentsOrchestratorStyle } from "./styles/agents-orchestrator";
import { bazingaStyle } from "./styles/bazinga";
import { beadsStyle } from "./styles/beads";
import { studioStyle } from "./styles/studio";
import { tacStyle } from "./styles/tac";

export type { DemoSource } from "./builder";

export const DEMO_SOURCES: readonly DemoSource[] = ["bazinga", "tac", "studio", "agents-orchestrator", "beads"];

export interface DemoOptions {
  /** number of sessions, default 40 */
  sessions?: number;
  /** the present; all times are relative to it (default: the current time) */
  now?: Date;
  seed?: number;
}

export type DemoOutcome = PlayedOutcome | "running" | "awaiting_approval";

const STYLES: Record<DemoSource, DemoStyle> = {
  bazinga: bazingaStyle,
  tac: tacStyle,
  studio: studioStyle,
  "agents-orchestrator": agentsOrchestratorStyle,
  beads: beadsStyle,
};

const DEFAULT_SESSIONS = 40;
const DEFAULT_SEED = 1;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WEEK = 7 * 24 * HOUR;

interface Slot {
  index: number;
  source: DemoSource;
  outcome: DemoOutcome;
  /** index among the sessions of the same source */
  ordinal: number;
  /** how long ago the session ended (or, awaiting approval, since it paused) */
  ageMs: number;
}

interface Placed {
  slot: Slot;
  sessionId: string;
  startMs: number;
  /** relative time the session's events stop at */
  cut: number;
  /** length of the played timeline, to check that pass 2 replays pass 1 exactly */
  span: number;
  parentSessionId?: string;
}

export function generateDemoEvents(options: DemoOptions = {}): IngestEventInput[] {
  const count = Math.max(0, Math.floor(options.sessions ?? DEFAULT_SESSIONS));
  const nowMs = (options.now ?? new Date()).getTime();
  const seed = options.seed ?? DEFAULT_SEED;
  const slots = plan(count, seed);

  // Pass 1 plays each session from time 0 to learn how long it is; only then can it be placed
  // so that finished sessions end in the past and running ones reach up to now. Ids such as
  // bazinga_20250112_143022 embed the start time, so pass 2 plays it again, for real.
  const usedIds = new Set<string>();
  const placed = slots.map((slot) => place(slot, seed, nowMs, usedIds));
  assignParents(placed, seed);

  const events: IngestEventInput[] = [];
  for (const p of placed) {
    const b = play(p.slot, seed, p.sessionId, p.startMs, p.parentSessionId);
    // a style whose random choices depend on its id or start time would break the placement
    if (b.span !== p.span) throw new Error(`demo session ${p.sessionId} did not replay deterministically`);
    if (p.slot.outcome === "running") {
      // the session's current state, as a status poll would report it
      b.session({ status: STYLES[p.slot.source].runningStatus, phase: b.phaseAt(p.cut) }, p.cut);
    }
    events.push(...b.finish(p.cut));
  }
  // arrival order across sessions; the sort is stable, so each session keeps its own order
  return events.sort((x, y) => (x.timestamp < y.timestamp ? -1 : x.timestamp > y.timestamp ? 1 : 0));
}

/** Which style and outcome each session gets and how recent it is (index 0 = newest). */
function plan(count: number, seed: number): Slot[] {
  const rng = new Rng(hash32(seed, "plan"));
  const order = rng.shuffle(DEMO_SOURCES);
  const ordinals = new Map<DemoSource, number>();
  const slots: Slot[] = [];
  for (let k = 0; k < count; k++) {
    const source = order[k % order.length] ?? "bazinga";
    const ordinal = ordinals.get(source) ?? 0;
    ordinals.set(source, ordinal + 1);
    // skewed towards the present so today's charts have data; the oldest are ~7 days back
    const f = (k + rng.between(0.2, 0.9)) / count;
    slots.push({
      index: k,
      source,
      outcome: "completed",
      ordinal,
      ageMs: Math.max(2 * MINUTE, Math.round(WEEK * 0.97 * f ** 1.9)),
    });
  }

  const take = (n: number, outcome: DemoOutcome, eligible: (s: Slot) => boolean, random: boolean): void => {
    const candidates = slots.filter((s) => s.outcome === "completed" && eligible(s));
    for (const s of (random ? rng.shuffle(candidates) : candidates).slice(0, n)) s.outcome = outcome;
  };
  take(Math.max(3, Math.round(count * 0.09)), "running", () => true, false);
  // only Studio has a human gate
  take(Math.max(2, Math.round(count * 0.05)), "awaiting_approval", (s) => s.source === "studio", false);
  // agents-orchestrator sessions only ever end ("ended"), they have no failed state
  take(Math.max(3, Math.round(count * 0.12)), "failed", (s) => s.source !== "agents-orchestrator", true);
  take(Math.round(count * 0.025), "cancelled", (s) => s.source === "tac" || s.source === "beads", true);
  return slots;
}

function play(slot: Slot, seed: number, sessionId: string, startMs: number, parentSessionId?: string): SessionBuilder {
  const b = new SessionBuilder(
    slot.source,
    sessionId,
    startMs,
    new Rng(hash32(seed, slot.index, "play")),
    new IdSource(`${seed}:${slot.index}:ids`),
  );
  const outcome: PlayedOutcome =
    slot.outcome === "running" || slot.outcome === "awaiting_approval" ? "completed" : slot.outcome;
  STYLES[slot.source].generate({ b, outcome, ordinal: slot.ordinal, parentSessionId });
  return b;
}

function place(slot: Slot, seed: number, nowMs: number, usedIds: Set<string>): Placed {
  const probe = play(slot, seed, "probe", 0);
  const rng = new Rng(hash32(seed, slot.index, "place"));
  let cut = probe.span;
  let endAge = slot.ageMs;
  if (slot.outcome === "running") {
    // cut a finished timeline somewhere in its middle; the rest has not happened yet
    cut = probe.adjustCut(Math.round(probe.span * rng.between(0.3, 0.85)));
    endAge = rng.int(2000, 3 * MINUTE);
  } else if (slot.outcome === "awaiting_approval") {
    cut = probe.markAt("gate") ?? probe.span;
    endAge = Math.min(slot.ageMs, 20 * HOUR);
  }
  endAge = Math.min(endAge, Math.max(MINUTE, WEEK - 10 * MINUTE - cut));
  let startMs = nowMs - endAge - cut;
  const ids = new IdSource(`${seed}:${slot.index}:session`);
  const style = STYLES[slot.source];
  let sessionId = style.sessionId(ids, startMs);
  // ids embedding the start second can collide: start a second earlier instead
  while (usedIds.has(sessionId)) {
    startMs -= 1000;
    sessionId = style.sessionId(ids, startMs);
  }
  usedIds.add(sessionId);
  return { slot, sessionId, startMs, cut, span: probe.span };
}

/** Some Beads workflows are nested in one that was still running when they started. */
function assignParents(placed: Placed[], seed: number): void {
  const beads = placed.filter((p) => p.slot.source === "beads").sort((x, y) => x.startMs - y.startMs);
  for (const [i, child] of beads.entries()) {
    if (!new Rng(hash32(seed, child.slot.index, "parent")).chance(0.3)) continue;
    const parent = beads
      .slice(0, i)
      .reverse()
      .find((p) => p.startMs < child.startMs && p.startMs + p.cut > child.startMs);
    if (parent) child.parentSessionId = parent.sessionId;
  }
}
