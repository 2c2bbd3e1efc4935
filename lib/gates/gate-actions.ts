"use server";
// Deciding a gate from the Approvals page. Any signed-in user may ask (viewerAction):
// decideGate itself checks the role stored for the user (approver or admin), refuses and
// audits everyone else as gate.denied with the gate as target, and lets exactly one
// decision win. A role check here would audit refusals without naming the gate.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ActionError, type Notice } from "@/lib/actions/action-result";
import { viewerAction } from "@/lib/actions/role-action";
import { decideGate } from "./decide-gate";
import { DECIDE_ACTIONS } from "./schemas";

const decideFormSchema = z.object({
  gateId: z.string().default(""),
  action: z.enum(DECIDE_ACTIONS, { error: "Unknown decision." }),
  comment: z
    .string()
    .default("")
    .transform((c) => c.trim() || undefined),
  payload: z.string().optional(),
});

export const decideAction = viewerAction(
  { action: "gate.denied", schema: decideFormSchema },
  async ({ input, user, db, request }): Promise<Notice> => {
    const result = await decideGate(db, {
      gateId: input.gateId,
      action: input.action,
      comment: input.comment,
      payload: input.action === "edit_approve" ? (input.payload ?? "") : undefined,
      actor: { userId: user.id, email: user.email, name: user.name, role: user.role },
      ...request,
    });
    revalidatePath("/approvals");
    switch (result.kind) {
      case "decided":
        return { message: `Gate ${result.gate.status}.` };
      case "invalid":
        throw new ActionError(result.message, result.field);
      default:
        throw new ActionError(result.message);
    }
  },
);
