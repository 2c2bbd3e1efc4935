"use server";
// Settings → Projects. Admins create and rename projects and set their gate webhook;
// project-admin.ts validates and audits each change.
import { revalidatePath } from "next/cache";
import type { Notice } from "@/lib/actions/action-result";
import { adminAction } from "@/lib/actions/role-action";
import {
  createProject,
  createProjectSchema,
  renameProject,
  renameProjectSchema,
  setProjectWebhook,
  webhookSchema,
} from "@/lib/projects/project-admin";

const PATH = "/settings/projects";

export const createProjectAction = adminAction(
  { action: "project.created", schema: createProjectSchema },
  async ({ input, db, audit }) => {
    const created = await createProject(db, input, audit);
    revalidatePath(PATH);
    return { message: `Created project ${created.slug}.` };
  },
);

export const renameProjectAction = adminAction(
  { action: "project.updated", schema: renameProjectSchema },
  async ({ input, db, audit }) => {
    const result = await renameProject(db, input, audit);
    revalidatePath(PATH);
    return { message: result.changed ? `Renamed ${result.slug}.` : "That is already its name." };
  },
);

export const setWebhookAction = adminAction(
  { action: "project.updated", schema: webhookSchema },
  async ({ input, db, audit }): Promise<Notice> => {
    const result = await setProjectWebhook(db, input, audit);
    revalidatePath(PATH);
    if (!result.url) return { message: `Removed the webhook of ${result.slug}.` };
    return result.secret
      ? { message: `Webhook of ${result.slug} set with a new signing secret.`, secret: result.secret }
      : { message: `Webhook of ${result.slug} set; the signing secret is unchanged.` };
  },
);
