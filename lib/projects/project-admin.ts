import "server-only";
// Projects as admins manage them on the settings page: create, rename, and set the gate
// webhook (Project.settings.webhook = {url, secret}, read by lib/gates/webhook.ts). Each
// change commits with a project.created / project.updated audit entry carrying before and
// after; the webhook secret is never written to the audit trail, only whether one is set.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ActionError } from "@/lib/actions/action-result";
import type { AuditFn } from "@/lib/audit/audit-as";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { webhookTarget } from "@/lib/gates/webhook";
import { SLUG_PATTERN, slugify } from "./projects";
import { forgetProjectNames } from "./project-names";

export type ProjectRow = {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  sessions: number;
  apiKeys: number;
  webhookUrl: string | null;
};

function settingsObject(settings: unknown): Record<string, unknown> {
  return settings !== null && typeof settings === "object" && !Array.isArray(settings)
    ? { ...(settings as Record<string, unknown>) }
    : {};
}

function webhookOf(settings: unknown): { url: string | null; hasSecret: boolean } {
  const raw = settingsObject(settings).webhook as { url?: unknown; secret?: unknown } | undefined;
  return {
    url: typeof raw?.url === "string" ? raw.url : null,
    hasSecret: typeof raw?.secret === "string" && raw.secret !== "",
  };
}

export async function listProjects(db: Db): Promise<ProjectRow[]> {
  const rows = await db.project.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      createdAt: true,
      settings: true,
      _count: { select: { sessions: true, apiKeys: true } },
    },
  });
  return rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    createdAt: p.createdAt,
    sessions: p._count.sessions,
    apiKeys: p._count.apiKeys,
    webhookUrl: webhookOf(p.settings).url,
  }));
}

const nameField = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const projectIdField = z.string().trim().min(1, "choose a project").max(100);

export const createProjectSchema = z
  .object({
    name: nameField,
    slug: z
      .string()
      .trim()
      .max(64, "must be at most 64 characters")
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .transform((v, ctx) => {
    const slug = v.slug ?? slugify(v.name);
    if (!SLUG_PATTERN.test(slug)) {
      ctx.addIssue({
        code: "custom",
        path: ["slug"],
        message: "use lowercase letters, digits and single dashes (e.g. my-project)",
      });
      return z.NEVER;
    }
    return { name: v.name, slug };
  });

export const renameProjectSchema = z.object({ projectId: projectIdField, name: nameField });

export const webhookSchema = z.object({
  projectId: projectIdField,
  url: z
    .string()
    .trim()
    .max(2000, "must be at most 2000 characters")
    .refine(
      (v) => v === "" || webhookTarget({ webhook: { url: v, secret: "x" } }) !== null,
      "must be an http:// or https:// URL (or empty to remove the webhook)",
    ),
  /** "on" from a checkbox: make a new signing secret even if one exists (a boolean is accepted too) */
  newSecret: z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});

export async function createProject(
  db: Db,
  input: z.input<typeof createProjectSchema>,
  audit: AuditFn,
): Promise<{ id: string; slug: string }> {
  const { name, slug } = createProjectSchema.parse(input);
  return db.$transaction(async (tx) => {
    if (await tx.project.findUnique({ where: { slug }, select: { id: true } }))
      throw new ActionError(`A project with the slug "${slug}" already exists.`, "slug");
    const created = await tx.project.create({ data: { slug, name }, select: { id: true, slug: true } });
    await audit(tx, {
      action: "project.created",
      outcome: "success",
      target: { type: "project", id: created.id },
      projectId: created.id,
      after: { slug, name },
    });
    return created;
  });
}

async function projectFor(tx: Prisma.TransactionClient, projectId: string) {
  const project = await tx.project.findUnique({
    where: { id: projectId },
    select: { id: true, slug: true, name: true, settings: true },
  });
  if (!project) throw new ActionError("There is no such project.", "projectId");
  return project;
}

export async function renameProject(
  db: Db,
  input: z.input<typeof renameProjectSchema>,
  audit: AuditFn,
): Promise<{ changed: boolean; slug: string }> {
  const { projectId, name } = renameProjectSchema.parse(input);
  const result = await db.$transaction(async (tx) => {
    const project = await projectFor(tx, projectId);
    if (project.name === name) return { changed: false, slug: project.slug };
    await tx.project.update({ where: { id: projectId }, data: { name } });
    await audit(tx, {
      action: "project.updated",
      outcome: "success",
      target: { type: "project", id: projectId },
      projectId,
      details: { slug: project.slug },
      before: { name: project.name },
      after: { name },
    });
    return { changed: true, slug: project.slug };
  });
  if (result.changed) forgetProjectNames();
  return result;
}

/**
 * Sets (or, with an empty URL, removes) the project's gate webhook. A signing secret is made
 * when the project has none or when asked; it is returned only then, to be shown once.
 */
export async function setProjectWebhook(
  db: Db,
  input: z.input<typeof webhookSchema>,
  audit: AuditFn,
): Promise<{ slug: string; url: string | null; secret?: string }> {
  const { projectId, url, newSecret } = webhookSchema.parse(input);
  return db.$transaction(async (tx) => {
    const project = await projectFor(tx, projectId);
    const settings = settingsObject(project.settings);
    const before = webhookOf(settings);
    const oldSecret = (settings.webhook as { secret?: unknown } | undefined)?.secret;
    let secret: string | undefined;
    if (url === "") {
      delete settings.webhook;
    } else {
      if (newSecret || !before.hasSecret) secret = randomBytes(32).toString("base64url");
      settings.webhook = { url, secret: secret ?? oldSecret };
    }
    await tx.project.update({ where: { id: projectId }, data: { settings: settings as Prisma.InputJsonValue } });
    await audit(tx, {
      action: "project.updated",
      outcome: "success",
      target: { type: "project", id: projectId },
      projectId,
      details: { slug: project.slug, secretGenerated: secret !== undefined },
      before: { webhookUrl: before.url, webhookSecretSet: before.hasSecret },
      after: { webhookUrl: url === "" ? null : url, webhookSecretSet: url !== "" },
    });
    return { slug: project.slug, url: url === "" ? null : url, secret };
  });
}
