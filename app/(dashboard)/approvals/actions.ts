"use server";
// Deciding a gate. Any signed-in user may ask; decideGate checks the role stored for the
// user (approver or admin), refuses and audits everyone else, and lets exactly one decision win.
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { AuthError, requireUser } from "@/lib/auth/current-user";
import { requestMeta } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { decideGate } from "@/lib/gates/decide-gate";
import { DECIDE_ACTIONS, type DecideAction } from "@/lib/gates/schemas";

export type DecisionState = { ok?: string; error?: string; field?: string };

export async function decideAction(_: DecisionState, form: FormData): Promise<DecisionState> {
  let user;
  try {
    user = await requireUser("viewer");
  } catch (error) {
    if (error instanceof AuthError) return { error: "Sign in again to decide." };
    throw error;
  }
  const action = form.get("action");
  if (typeof action !== "string" || !(DECIDE_ACTIONS as readonly string[]).includes(action)) return { error: "Unknown decision.", field: "action" };
  const gateId = String(form.get("gateId") ?? "");
  const comment = String(form.get("comment") ?? "").trim();
  const meta = requestMeta(await headers());
  const result = await decideGate(db(), {
    gateId,
    action: action as DecideAction,
    comment: comment === "" ? undefined : comment,
    payload: action === "edit_approve" ? String(form.get("payload") ?? "") : undefined,
    actor: { userId: user.id, email: user.email, name: user.name, role: user.role },
    ip: meta.ip ?? undefined,
    userAgent: meta.userAgent ?? undefined,
  });
  revalidatePath("/approvals");
  switch (result.kind) {
    case "decided":
      return { ok: `Gate ${result.gate.status}.` };
    case "invalid":
      return { error: result.message, field: result.path };
    default:
      return { error: result.message };
  }
}
