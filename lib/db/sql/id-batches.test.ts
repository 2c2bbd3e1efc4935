import { describe, expect, it } from "vitest";
import { idBatches, IDS_PER_QUERY } from "./id-batches";

describe("idBatches", () => {
  it("splits a long list into batches of at most IDS_PER_QUERY, in order", () => {
    const ids = Array.from({ length: IDS_PER_QUERY * 2 + 1 }, (_, i) => i);
    const batches = idBatches(ids);
    expect(batches.map((b) => b.length)).toEqual([IDS_PER_QUERY, IDS_PER_QUERY, 1]);
    expect(batches.flat()).toEqual(ids);
  });

  it("sends nothing for no ids", () => {
    expect(idBatches([])).toEqual([]);
  });
});
