// The `audit` a server action hands its domain function (lib/actions/role-action.ts), for
// tests that call those functions directly: entries are written as this admin.
import type { ActionAudit } from "@/lib/actions/role-action";
import { appendAudit } from "@/lib/audit/append-audit";

export const TEST_ADMIN = { type: "user", id: "u-admin", name: "admin@example.com", role: "admin" } as const;

export const testAudit: ActionAudit = (tx, entry) => appendAudit(tx, { ...entry, actor: TEST_ADMIN });
