// A structural diff of two JSON values, for comparing state snapshots: one entry per
// added, removed or changed leaf, with its path. Arrays compare by index.

export type JsonDiffKind = "added" | "removed" | "changed";
export type JsonDiffEntry = { path: string; kind: JsonDiffKind; before?: unknown; after?: unknown };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** At most `limit` entries, so two huge snapshots cannot produce a huge page. */
export function diffJson(
  before: unknown,
  after: unknown,
  limit = 1000,
): { entries: JsonDiffEntry[]; truncated: boolean } {
  const entries: JsonDiffEntry[] = [];
  let truncated = false;
  const push = (entry: JsonDiffEntry) => {
    if (entries.length >= limit) truncated = true;
    else entries.push(entry);
  };
  const walk = (a: unknown, b: unknown, path: string) => {
    if (truncated) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (i >= a.length) push({ path: childPath(path, i), kind: "added", after: b[i] });
        else if (i >= b.length) push({ path: childPath(path, i), kind: "removed", before: a[i] });
        else walk(a[i], b[i], childPath(path, i));
      }
      return;
    }
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const key of keys) {
        const inA = Object.prototype.hasOwnProperty.call(a, key);
        const inB = Object.prototype.hasOwnProperty.call(b, key);
        if (!inA) push({ path: childPath(path, key), kind: "added", after: b[key] });
        else if (!inB) push({ path: childPath(path, key), kind: "removed", before: a[key] });
        else walk(a[key], b[key], childPath(path, key));
      }
      return;
    }
    if (!Object.is(a, b)) push({ path: path || "(root)", kind: "changed", before: a, after: b });
  };
  walk(before, after, "");
  return { entries, truncated };
}
