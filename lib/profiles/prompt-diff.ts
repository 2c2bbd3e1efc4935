// Line diff between two prompt versions, computed by jsdiff (Myers' algorithm) over the
// lines; this module only keeps the UI's DiffLine shape and the CRLF/empty-text rules.
import { diffArrays } from "diff";

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/**
 * Beyond this many changed lines the diff is "all removed, then all added": Myers' cost grows
 * with the edit distance, and a diff that large is not read line by line anyway.
 */
export const MAX_EDIT_LENGTH = 2_000;

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // Lines are compared as array items, so a missing final newline never counts as a change.
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes) {
    return changes.flatMap((change) => {
      const kind: DiffLine["kind"] = change.added ? "added" : change.removed ? "removed" : "same";
      return change.value.map((text) => ({ kind, text }));
    });
  }
  // Too different: keep the common head and tail as context around one block of changes.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const as = (kind: DiffLine["kind"], lines: string[]) => lines.map((text): DiffLine => ({ kind, text }));
  return [
    ...as("same", a.slice(0, start)),
    ...as("removed", a.slice(start, endA)),
    ...as("added", b.slice(start, endB)),
    ...as("same", a.slice(endA)),
  ];
}

/** Counts for a one-line summary ("+3 −1"). */
export function diffStats(lines: readonly DiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
  };
}
