"use server";
// Agent profile and prompt version edits: admins only (checked on the server by
// adminAction), each audited in the same transaction as the change.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Notice } from "@/lib/actions/action-result";
import { adminAction } from "@/lib/actions/role-action";
import {
  activatePromptVersionSchema,
  addPromptVersionSchema,
  createProfileSchema,
  deleteProfileSchema,
  updateProfileSchema,
} from "@/lib/profiles/profile-schemas";
import { createProfile, deleteProfile, updateProfile } from "@/lib/profiles/profile-settings";
import { activatePromptVersion, addPromptVersion } from "@/lib/profiles/prompt-versions";

export const createProfileAction = adminAction(
  { action: "profile.created", schema: createProfileSchema },
  async ({ input, db, audit }) => {
    const profile = await createProfile(db, input, audit);
    revalidatePath("/settings/profiles");
    return { message: `Profile ${profile.name} created.` };
  },
);

export const updateProfileAction = adminAction(
  { action: "profile.updated", schema: updateProfileSchema },
  async ({ input, db, audit }) => {
    const profile = await updateProfile(db, input, audit);
    revalidatePath("/settings/profiles");
    revalidatePath(`/settings/profiles/${profile.id}`);
    return { message: `Profile ${profile.name} saved.` };
  },
);

export const deleteProfileAction = adminAction(
  { action: "profile.deleted", schema: deleteProfileSchema },
  async ({ input, db, audit }): Promise<Notice> => {
    await deleteProfile(db, input.id, audit);
    revalidatePath("/settings/profiles");
    redirect("/settings/profiles");
  },
);

export const addPromptVersionAction = adminAction(
  { action: "prompt.created", schema: addPromptVersionSchema },
  async ({ input, db, audit }) => {
    const version = await addPromptVersion(db, input, audit);
    revalidatePath(`/settings/profiles/${input.profileId}`);
    return { message: `Version ${version.versionNumber} added.` };
  },
);

export const activatePromptVersionAction = adminAction(
  { action: "prompt.activated", schema: activatePromptVersionSchema },
  async ({ input, db, audit }) => {
    const version = await activatePromptVersion(db, input, audit);
    revalidatePath(`/settings/profiles/${input.profileId}`);
    revalidatePath("/settings/profiles");
    return { message: `Version ${version.versionNumber} is now active.` };
  },
);
