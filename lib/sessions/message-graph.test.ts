import { describe, expect, it } from "vitest";
import { layoutMessageGraph } from "./message-graph";
import { usageChartData, usageRows, usageTotals, UNKNOWN_LABEL } from "./usage-breakdown";

describe("layoutMessageGraph", () => {
  it("places every agent on the circle and draws one arrow per direction", () => {
    const graph = layoutMessageGraph(
      [
        { from: "pm", to: "dev", count: 3 },
        { from: "dev", to: "pm", count: 2 },
        { from: "dev", to: "qa", count: 1 },
      ],
      300,
    );
    expect(graph.nodes.map((n) => [n.name, n.sent, n.received])).toEqual([
      ["dev", 3, 3],
      ["pm", 3, 2],
      ["qa", 0, 1],
    ]);
    for (const n of graph.nodes) expect(Math.hypot(n.x - 150, n.y - 150)).toBeCloseTo(90, 0);
    expect(graph.edges).toHaveLength(3);
    const there = graph.edges.find((e) => e.from === "pm")!;
    const back = graph.edges.find((e) => e.from === "dev" && e.to === "pm")!;
    expect([there.labelX, there.labelY]).not.toEqual([back.labelX, back.labelY]);
    expect(there.path).toMatch(/^M [\d.]+ [\d.]+ Q /);
  });

  it("keeps the busiest agents and counts the rest as hidden", () => {
    const edges = Array.from({ length: 5 }, (_, i) => ({ from: "hub", to: `a${i}`, count: i + 1 }));
    const graph = layoutMessageGraph(edges, 300, 3);
    expect(graph.nodes.map((n) => n.name)).toEqual(["a3", "a4", "hub"]);
    expect(graph.hiddenAgents).toBe(3);
    expect(graph.edges).toHaveLength(2);
  });

  it("draws a loop for messages an agent sends itself", () => {
    const graph = layoutMessageGraph([
      { from: "a", to: "a", count: 1 },
      { from: "a", to: "b", count: 1 },
    ]);
    expect(graph.edges.find((e) => e.to === "a")?.path).toContain("Q");
  });
});

describe("usage breakdown", () => {
  const groups = [
    {
      key: "qa",
      calls: 1,
      inputTokens: 10,
      outputTokens: 10,
      cacheReadTokens: 0,
      totalTokens: 20,
      costUsd: 0.1,
      unknownCostCalls: 0,
    },
    {
      key: null,
      calls: 2,
      inputTokens: 50,
      outputTokens: 30,
      cacheReadTokens: 5,
      totalTokens: 80,
      costUsd: 0,
      unknownCostCalls: 2,
    },
  ];
  it("sorts by tokens, labels missing keys and computes shares", () => {
    const rows = usageRows(groups);
    expect(rows.map((r) => [r.label, r.tokenShare])).toEqual([
      [UNKNOWN_LABEL, 0.8],
      ["qa", 0.2],
    ]);
    expect(usageChartData(rows)).toEqual([
      { name: UNKNOWN_LABEL, input: 50, output: 30, unsplit: 0, costUsd: 0 },
      { name: "qa", input: 10, output: 10, unsplit: 0, costUsd: 0.1 },
    ]);
    expect(usageTotals(groups)).toMatchObject({ calls: 3, totalTokens: 100, unknownCostCalls: 2 });
  });

  it("draws totals reported without an input/output split as unsplit", () => {
    const rows = usageRows([{ ...groups[0]!, inputTokens: 0, outputTokens: 0, totalTokens: 500 }]);
    expect(usageChartData(rows)[0]).toMatchObject({ input: 0, output: 0, unsplit: 500 });
  });

  it("has zero shares when nothing was used", () => {
    expect(usageRows([{ ...groups[0]!, totalTokens: 0 }])[0]?.tokenShare).toBe(0);
  });
});
