// The Usage page's costliest sessions of a window: read in cost order (Session_costUsd_idx),
// with the project's name from the process-wide copy instead of a relation query.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideDbForTests } from "@/lib/db/client";
import { forgetProjectNames } from "@/lib/projects/project-names";
import { ensureProject } from "@/lib/projects/projects";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { topSessionsByCost } from "./page-data";
import type { TimeWindow } from "./time-window";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);

describe.each(databaseKinds())("topSessionsByCost on %s", (kind) => {
  let t: TestDatabase;
  let ids: { alpha: string; beta: string };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    forgetProjectNames();
    ids = { alpha: (await ensureProject(t.db, "alpha")).id, beta: (await ensureProject(t.db, "beta")).id };
    const session = (n: number, projectId: string, costUsd: number, startDay: number, endDay: number) =>
      t.db.session.create({
        data: {
          projectId,
          externalId: `s${n}`,
          source: "tac",
          costUsd,
          startedAt: new Date(T0 + startDay * DAY),
          updatedAt: new Date(T0 + endDay * DAY),
        },
      });
    await session(1, ids.alpha, 5, 1, 2); // in the window
    await session(2, ids.beta, 9, 3, 4); // in the window, costliest
    await session(3, ids.alpha, 50, -20, -15); // ended before the window
    await session(4, ids.beta, 70, 40, 41); // starts after it
    await session(5, ids.alpha, 0, 2, 3); // no cost
    await session(6, ids.alpha, 5, 0, 11); // ties with s1: by id
    await session(7, ids.beta, 1, 5, 6);
  });

  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("lists the window's sessions by cost, with their project's name", async () => {
    const window: TimeWindow = { preset: "30d", from: new Date(T0), to: new Date(T0 + 30 * DAY), bucket: "day" };
    const top = await topSessionsByCost([ids.alpha, ids.beta], window, 3);
    expect(top[0]).toMatchObject({ externalId: "s2", costUsd: 9, project: { name: "beta" } });
    // s1 and s6 cost the same: both follow, in id order
    const tied = await t.db.session.findMany({
      where: { externalId: { in: ["s1", "s6"] } },
      orderBy: { id: "asc" },
      select: { externalId: true },
    });
    expect(top.slice(1).map((s) => [s.externalId, s.costUsd, s.project.name])).toEqual(
      tied.map((s) => [s.externalId, 5, "alpha"]),
    );
    const all = await topSessionsByCost([ids.alpha, ids.beta], window);
    expect(all.map((s) => s.externalId).sort()).toEqual(["s1", "s2", "s6", "s7"]);
    expect((await topSessionsByCost([ids.beta], window)).map((s) => s.externalId)).toEqual(["s2", "s7"]);
  });
});
