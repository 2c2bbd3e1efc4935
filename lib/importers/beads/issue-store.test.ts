import { describe, expect, it } from "vitest";
import { issueStoreSessionId, parseJsonLines } from "./issue-store";

describe("Beads issue store", () => {
  it("parses JSON lines, keeping lines that are not objects and leaving a half-written last line", () => {
    const rows = parseJsonLines('{"id":"bd-1"}\r\n\n[1,2]\n{"id":"bd-2"}\n{"id":"bd-3", "ti');
    expect(rows).toEqual([{ id: "bd-1" }, { _invalid: "[1,2]", _line: 3 }, { id: "bd-2" }]);
    // a complete last line without its newline is read
    expect(parseJsonLines('{"id":"bd-1"}\n{"id":"bd-2"}')).toEqual([{ id: "bd-1" }, { id: "bd-2" }]);
    expect(parseJsonLines("")).toEqual([]);
  });

  it("names the session of unlinked issues after the store", () => {
    expect(issueStoreSessionId("/home/me/tempolite/.beads/issues.jsonl")).toBe(
      "beads-issues:tempolite/.beads/issues.jsonl",
    );
    expect(issueStoreSessionId("/data/beads-issues.jsonl")).toBe("beads-issues:beads-issues.jsonl");
  });
});
