import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "@/lib/actions/action-result";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { createApiKey } from "@/lib/auth/api-keys";
import { overrideDbForTests } from "@/lib/db/client";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { ensureProject } from "@/lib/projects/projects";
import { BASE_URL, dispatch } from "@/test/support/api-harness";
import { testAudit } from "@/test/support/test-audit";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@/test/support/test-database";
import { profileResponseSchema } from "@/lib/usage/usage-schemas";
import { listProfilesWithUsage } from "./profile-list";
import { addPromptVersionSchema, createProfileSchema, updateProfileSchema } from "./profile-schemas";
import { createProfile, deleteProfile, updateProfile } from "./profile-settings";
import { activatePromptVersion, addPromptVersion, listPromptVersions } from "./prompt-versions";

const fields = (over: Record<string, unknown> = {}) =>
  createProfileSchema.parse({
    projectId: "",
    name: "planner",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    dailyLimit: "10",
    usageUnit: "runs",
    ...over,
  });

describe.each(databaseKinds())("agent profiles and prompt versions on %s", (kind) => {
  let t: TestDatabase;
  let projectId: string;
  let key: string;

  const audits = (action: string) => t.db.auditEntry.findMany({ where: { action }, orderBy: { seq: "asc" } });
  const apiProfile = async (name: string) => {
    const res = await dispatch(
      new Request(`${BASE_URL}/api/v1/profiles/${encodeURIComponent(name)}`, {
        headers: { authorization: `Bearer ${key}` },
      }),
    );
    expect(res.status).toBe(200);
    return profileResponseSchema.parse(await res.json());
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    overrideDbForTests({ db: t.db, kind });
    projectId = (await ensureProject(t.db, "profiles")).id;
    key = (await createApiKey(t.db, { projectId, name: "p" })).key;
  });
  afterAll(async () => {
    overrideDbForTests(undefined);
    await t.drop();
  });

  it("creates, edits and deletes a profile, auditing each with before and after", async () => {
    const created = await createProfile(
      t.db,
      fields({ name: "scratch", hardLimit: "on", envOverrides: '{"LOG_LEVEL":"debug"}' }),
      testAudit,
    );
    expect(created).toMatchObject({ projectId: null, hardLimit: true, envOverrides: { LOG_LEVEL: "debug" } });
    const updated = await updateProfile(
      t.db,
      updateProfileSchema.parse({
        id: created.id,
        projectId,
        name: "scratch",
        dailyLimit: "5",
        usageUnit: "usd",
        envOverrides: "",
      }),
      testAudit,
    );
    expect(updated).toMatchObject({
      projectId,
      dailyLimit: 5,
      usageUnit: "usd",
      hardLimit: false,
      envOverrides: null,
      provider: null,
    });
    await deleteProfile(t.db, created.id, testAudit);
    expect(await t.db.agentProfile.findUnique({ where: { id: created.id } })).toBeNull();

    const [c] = await audits("profile.created");
    expect(c).toMatchObject({
      targetId: created.id,
      outcome: "success",
      before: null,
      after: { name: "scratch", projectId: null, hardLimit: true, envOverrides: { LOG_LEVEL: "debug" } },
    });
    const [u] = await audits("profile.updated");
    expect(u).toMatchObject({
      before: { projectId: null, dailyLimit: 10, usageUnit: "runs" },
      after: { projectId, dailyLimit: 5, usageUnit: "usd", envOverrides: null },
      projectId,
    });
    const [d] = await audits("profile.deleted");
    expect(d).toMatchObject({ targetId: created.id, after: null, before: { name: "scratch", projectId } });
  });

  it("refuses a duplicate name in the same scope (global included) and an unknown project, naming the field", async () => {
    await createProfile(t.db, fields({ name: "dup" }), testAudit);
    await expect(createProfile(t.db, fields({ name: "dup" }), testAudit)).rejects.toMatchObject({
      field: "name",
      message: expect.stringContaining('global scope already has a profile named "dup"'),
    });
    // the same name in a project is a different profile (it overrides the global one there)
    await expect(createProfile(t.db, fields({ name: "dup", projectId }), testAudit)).resolves.toMatchObject({
      projectId,
    });
    await expect(createProfile(t.db, fields({ name: "dup", projectId }), testAudit)).rejects.toBeInstanceOf(
      ActionError,
    );
    await expect(createProfile(t.db, fields({ name: "x", projectId: "nope" }), testAudit)).rejects.toMatchObject({
      field: "projectId",
    });
  });

  it("validates the form, naming the field", () => {
    const issue = (over: Record<string, unknown>) => {
      const r = createProfileSchema.safeParse({ name: "a", dailyLimit: "1", usageUnit: "runs", ...over });
      return r.success ? null : r.error.issues[0]!.path.join(".");
    };
    expect(issue({ name: " " })).toBe("name");
    expect(issue({ dailyLimit: "-1" })).toBe("dailyLimit");
    expect(issue({ dailyLimit: "lots" })).toBe("dailyLimit");
    expect(issue({ usageUnit: "hours" })).toBe("usageUnit");
    expect(issue({ envOverrides: "[1]" })).toBe("envOverrides");
    expect(issue({ envOverrides: "{not json" })).toBe("envOverrides");
    expect(issue({})).toBeNull();
    expect(addPromptVersionSchema.safeParse({ profileId: "p", content: "   " }).error?.issues[0]?.path).toEqual([
      "content",
    ]);
  });

  it("numbers prompt versions, keeps exactly one active, audits activation, and the API serves the active one", async () => {
    const profile = await createProfile(t.db, fields({ name: "reviewer" }), testAudit);
    const v1 = await addPromptVersion(
      t.db,
      addPromptVersionSchema.parse({ profileId: profile.id, content: "You review code.\nBe kind.", note: "first" }),
      testAudit,
    );
    const v2 = await addPromptVersion(
      t.db,
      addPromptVersionSchema.parse({ profileId: profile.id, content: "You review code.\nBe strict.", note: "" }),
      testAudit,
    );
    expect([v1.versionNumber, v2.versionNumber, v2.note, v2.isActive]).toEqual([1, 2, null, false]);
    expect((await apiProfile("reviewer")).activePrompt).toBeNull();

    await activatePromptVersion(t.db, { profileId: profile.id, versionId: v1.id }, testAudit);
    expect((await apiProfile("reviewer")).activePrompt).toMatchObject({
      versionNumber: 1,
      content: "You review code.\nBe kind.",
      note: "first",
    });

    await activatePromptVersion(t.db, { profileId: profile.id, versionId: v2.id }, testAudit);
    const versions = await listPromptVersions(t.db, profile.id);
    expect(versions.filter((v) => v.isActive).map((v) => v.versionNumber)).toEqual([2]);
    expect((await apiProfile("reviewer")).activePrompt).toMatchObject({
      versionNumber: 2,
      content: "You review code.\nBe strict.",
    });

    const activations = await audits("prompt.activated");
    expect(activations.map((a) => [a.before, a.after])).toEqual([
      [{ versionNumber: null }, { versionNumber: 1 }],
      [{ versionNumber: 1 }, { versionNumber: 2 }],
    ]);
    expect(activations[1]).toMatchObject({ targetId: profile.id, actorName: "admin@example.com" });

    // a version of another profile cannot be activated through this one
    const other = await createProfile(t.db, fields({ name: "other" }), testAudit);
    await expect(
      activatePromptVersion(t.db, { profileId: other.id, versionId: v1.id }, testAudit),
    ).rejects.toMatchObject({ field: "versionId" });
    expect((await listPromptVersions(t.db, profile.id)).filter((v) => v.isActive)).toHaveLength(1);
  });

  it("concurrent activations still leave exactly one active version", async () => {
    const profile = await createProfile(t.db, fields({ name: "racer" }), testAudit);
    const versions = [];
    for (let i = 0; i < 4; i++)
      versions.push(await addPromptVersion(t.db, { profileId: profile.id, content: `v${i}`, note: null }, testAudit));
    await Promise.all(
      versions.map((v) => activatePromptVersion(t.db, { profileId: profile.id, versionId: v.id }, testAudit)),
    );
    expect(await t.db.promptVersion.count({ where: { profileId: profile.id, isActive: true } })).toBe(1);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("lists profiles with today's use against the limit, from the same rollups as the budget API", async () => {
    const now = new Date();
    await createProfile(t.db, fields({ name: "builder", projectId, dailyLimit: "2", usageUnit: "runs" }), testAudit);
    // a global profile counts every project's use
    await createProfile(t.db, fields({ name: "planner", dailyLimit: "10" }), testAudit);
    const at = now.toISOString();
    const results = await ingestEvents(t.db, projectId, [
      { id: "s", type: "session", timestamp: at, body: { sessionId: "b-s" } },
      ...[1, 2, 3].map((i) => ({
        id: `r${i}`,
        type: "run",
        timestamp: at,
        body: { runId: `r${i}`, sessionId: "b-s", agentType: "builder", status: "completed", startedAt: at },
      })),
      {
        id: "r4",
        type: "run",
        timestamp: at,
        body: { runId: "r4", sessionId: "b-s", agentType: "planner", status: "completed", startedAt: at },
      },
    ]);
    expect(results.every((r) => r.status === 201)).toBe(true);
    const list = await listProfilesWithUsage(t.db, now);
    const builder = list.find((p) => p.name === "builder")!;
    expect(builder).toMatchObject({ state: "over", share: 1.5, budget: { usedToday: 3, remaining: 0 } });
    const planner = list.find((p) => p.name === "planner")!;
    expect(planner).toMatchObject({ state: "ok", share: 0.1, budget: { usedToday: 1 } });
    const budget = await dispatch(
      new Request(`${BASE_URL}/api/v1/budgets/builder`, { headers: { authorization: `Bearer ${key}` } }),
    );
    expect(await budget.json()).toMatchObject({ usedToday: builder.budget.usedToday });
  });
});
