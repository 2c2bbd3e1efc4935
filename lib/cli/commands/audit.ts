import "server-only";
import { db } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { CliError, parseFlags, type Command } from "../command";

export const auditCommand: Command = {
  name: "audit",
  summary: "verify the audit trail's hash chain (audit verify)",
  usage:
    "audit verify\n\nRe-computes the hash chain of the audit trail. Exits 0 when it is intact; otherwise exits 1\nand names the first broken sequence number.",
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== "verify") throw new CliError("expected: audit verify", 2);
    parseFlags(rest, {});
    const result = await verifyAuditChain(db());
    if (!result.ok)
      throw new CliError(
        `audit chain broken at entry ${result.brokenSeq}: ${result.reason} (${result.entries} entries verified before it)`,
      );
    console.log(`audit chain intact: ${result.entries} entries${result.lastSeq ? `, last #${result.lastSeq}` : ""}`);
  },
};
