import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { csvCell, csvLine } from "@/lib/export/csv";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { appendAudit, type AuditInput } from "./append-audit";
import { auditChainStatus, resetAuditStatusCache } from "./audit-status";
import {
  auditCsvLine,
  auditFilterParams,
  auditNdjsonLine,
  iterateAuditEntries,
  listAuditEntries,
  parseAuditFilters,
  type AuditFilters,
} from "./audit-queries";

describe("audit filters from the URL", () => {
  it("parses, defaults and names a bad field", () => {
    const ok = parseAuditFilters(
      new URLSearchParams("action=apikey&outcome=denied&from=2026-11-01T10:30&limit=20&before=99"),
    );
    expect(ok).toMatchObject({ ok: true, filters: { action: "apikey", outcome: "denied", limit: 20, before: 99 } });
    expect(ok.filters.from?.toISOString()).toBe("2026-11-01T10:30:00.000Z");
    expect(parseAuditFilters({}).filters.limit).toBe(50);
    expect(parseAuditFilters({ limit: "500" })).toMatchObject({ ok: false, field: "limit" });
    expect(parseAuditFilters({ outcome: "maybe" })).toMatchObject({ ok: false, field: "outcome" });
    expect(parseAuditFilters({ from: "yesterday" })).toMatchObject({ ok: false, field: "from" });
    expect(parseAuditFilters({ from: "2026-11-02T00:00", to: "2026-11-01T00:00" })).toMatchObject({
      ok: false,
      field: "to",
    });
    expect(parseAuditFilters({ before: "-3" })).toMatchObject({ ok: false, field: "before" });
    // round trip through the URL, without the cursor
    const back = parseAuditFilters(auditFilterParams(ok.filters));
    expect(back.filters).toEqual({ ...ok.filters, before: undefined });
  });
});

describe("CSV cells", () => {
  it("neutralizes spreadsheet formulas and quotes separators", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe("");
    expect(csvLine(["x", 1, null])).toBe("x,1,\r\n");
  });
});

describe.each(databaseKinds())("audit queries on %s", (kind) => {
  let t: TestDatabase;
  const base = Date.parse("2026-11-01T00:00:00Z");
  const at = (minutes: number) => new Date(base + minutes * 60_000);

  async function add(input: Partial<AuditInput> & { action: string }, minutes: number) {
    await t.db.$transaction((tx) =>
      appendAudit(
        tx,
        { actor: { type: "user", id: "u-1", name: "ada@example.com", role: "admin" }, outcome: "success", ...input },
        at(minutes),
      ),
    );
  }
  const all = (f: Partial<AuditFilters>): AuditFilters => ({ ...parseAuditFilters({}).filters, ...f });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    resetAuditStatusCache();
    for (let i = 0; i < 30; i++) {
      await add(
        {
          action: i % 3 === 0 ? "apikey.created" : "user.login",
          target: { type: i % 3 === 0 ? "api_key" : "user", id: `t-${i}` },
          details: { i },
        },
        i,
      );
    }
    await add(
      {
        action: "user.login_failed",
        outcome: "denied",
        actor: { type: "user", name: "mallory@example.com" },
        details: { reason: "=cmd|' /C calc'!A0" },
      },
      40,
    );
    await add(
      { action: "gate.expired", actor: { type: "system", name: "gate expiry" }, target: { type: "gate", id: "g-1" } },
      41,
    );
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("filters by action, actor, target, outcome and time", async () => {
    const seqs = async (f: Partial<AuditFilters>) =>
      (await listAuditEntries(t.db, all({ limit: 200, ...f }))).entries.map((e) => e.action);
    expect(await seqs({ action: "apikey" })).toEqual(Array(10).fill("apikey.created"));
    expect(await seqs({ action: "APIKEY.CREATED" })).toHaveLength(10);
    expect(await seqs({ actor: "MALLORY" })).toEqual(["user.login_failed"]);
    expect(await seqs({ actor: "system" })).toEqual(["gate.expired"]);
    expect(await seqs({ target: "gate" })).toEqual(["gate.expired"]);
    expect(await seqs({ target: "t-29" })).toEqual(["user.login"]);
    expect(await seqs({ outcome: "denied" })).toEqual(["user.login_failed"]);
    expect(await seqs({ from: at(10), to: at(12) })).toHaveLength(3);
    expect(await seqs({ action: "apikey", from: at(10) })).toHaveLength(6);
  });

  it("pages newest first by seq with a cursor, without gaps or repeats", async () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await listAuditEntries(t.db, all({ limit: 7, before }));
      seen.push(...result.entries.map((e) => e.seq));
      if (result.nextBefore === null) break;
      before = result.nextBefore;
    }
    expect(seen).toEqual(Array.from({ length: 32 }, (_, i) => 32 - i));
    const filtered = await listAuditEntries(t.db, all({ action: "apikey", limit: 4 }));
    expect(filtered.entries).toHaveLength(4);
    const next = await listAuditEntries(
      t.db,
      all({ action: "apikey", limit: 4, before: filtered.nextBefore ?? undefined }),
    );
    expect(next.entries.every((e) => e.action === "apikey.created" && e.seq < filtered.nextBefore!)).toBe(true);
  });

  it("exports every matching row in pages as CSV and NDJSON", async () => {
    const rows = [];
    let pages = 0;
    for await (const page of iterateAuditEntries(t.db, all({ action: "user.login" }), 5)) {
      pages++;
      rows.push(...page);
    }
    expect(rows).toHaveLength(21);
    expect(pages).toBe(5);
    const denied = rows.find((r) => r.outcome === "denied")!;
    const line = auditCsvLine(denied);
    expect(line).toContain(`${denied.seq},2026-11-01T00:40:00.000Z,user,,mallory@example.com`);
    expect(line.endsWith("\r\n")).toBe(true);
    const parsed = JSON.parse(auditNdjsonLine(denied)) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      seq: denied.seq,
      action: "user.login_failed",
      details: { reason: "=cmd|' /C calc'!A0" },
      createdAt: "2026-11-01T00:40:00.000Z",
    });
  });

  it("reports the chain intact, then verifies only new entries", async () => {
    const first = await auditChainStatus(t.db);
    expect(first).toMatchObject({ ok: true, entries: 32, lastSeq: 32, incremental: false });
    await add({ action: "audit.exported" }, 50);
    const second = await auditChainStatus(t.db);
    expect(second).toMatchObject({ ok: true, entries: 33, lastSeq: 33, incremental: true });
  });
});
