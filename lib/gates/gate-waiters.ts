// In-process wake-ups for long-polls: a decision made by this process wakes its waiters at
// once. Decisions made by another process are found by the waiters' own database polls.
// Kept on globalThis because Next.js may load this module once per route bundle, and the
// decision (server action) and the long-poll (API route) must share one registry.
type Registry = Map<string, Set<() => void>>;

const globalWaiters = globalThis as unknown as { __observatoryGateWaiters?: Registry };
const registry: Registry = (globalWaiters.__observatoryGateWaiters ??= new Map());

/** Calls `wake` whenever the gate (by internal id) changes, until the returned function is called. */
export function onGateChange(gateId: string, wake: () => void): () => void {
  const set = registry.get(gateId) ?? new Set<() => void>();
  registry.set(gateId, set);
  set.add(wake);
  return () => {
    set.delete(wake);
    if (set.size === 0 && registry.get(gateId) === set) registry.delete(gateId);
  };
}

export function wakeGateWaiters(gateId: string): void {
  for (const wake of [...(registry.get(gateId) ?? [])]) wake();
}

export function gateWaiterCount(): number {
  let n = 0;
  for (const set of registry.values()) n += set.size;
  return n;
}
