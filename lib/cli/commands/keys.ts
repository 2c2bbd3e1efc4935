import "server-only";
import { ActionError } from "@/lib/actions/action-result";
import { auditAs } from "@/lib/audit/audit-as";
import { createProjectApiKey, revokeProjectApiKey } from "@/lib/auth/api-key-admin";
import { listApiKeys } from "@/lib/auth/api-keys";
import { db } from "@/lib/db/client";
import { ensureProject } from "@/lib/projects/projects";
import { CliError, parseFlags, type Command } from "../command";

const USAGE = `keys <create|list|revoke>

  keys create --project <slug> --name <name>   create a key (and the project if missing);
                                               the key is printed alone on the last line, once
  keys list [--project <slug>]                 list keys (prefix, project, last use, revoked)
  keys revoke <id>                             revoke a key; requests with it then get 401

Creating and revoking are audited (actor: system "cli"); the key itself never is.`;

const CLI_ACTOR = auditAs({ type: "system", name: "cli" });

export const keysCommand: Command = {
  name: "keys",
  summary: "create, list and revoke project API keys",
  usage: USAGE,
  async run(argv) {
    const [sub, ...rest] = argv;
    const client = db();
    if (sub === "create") {
      const { values } = parseFlags(rest, { project: { type: "string" }, name: { type: "string" } });
      if (!values.project) throw new CliError("create: --project <slug> is required", 2);
      if (!values.name?.trim()) throw new CliError("create: --name <name> is required", 2);
      const project = await ensureProject(client, values.project);
      const created = await createProjectApiKey(client, { projectId: project.id, name: values.name.trim() }, CLI_ACTOR);
      if (project.created) console.log(`created project ${project.slug}`);
      console.log(`created key ${created.id} (${created.prefix}…) for project ${project.slug}; it is shown only once:`);
      console.log(created.key);
      return;
    }
    if (sub === "list") {
      const { values } = parseFlags(rest, { project: { type: "string" } });
      let projectId: string | undefined;
      if (values.project) {
        const project = await client.project.findUnique({ where: { slug: values.project }, select: { id: true } });
        if (!project) throw new CliError(`list: no project "${values.project}"`);
        projectId = project.id;
      }
      const keys = await listApiKeys(client, projectId);
      if (keys.length === 0) console.log("no API keys");
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active";
        console.log(
          `${k.id}  ${k.prefix}…  ${k.projectSlug}  "${k.name}"  ${state}  last used ${k.lastUsedAt?.toISOString() ?? "never"}`,
        );
      }
      return;
    }
    if (sub === "revoke") {
      const { positionals } = parseFlags(rest, {});
      const id = positionals[0];
      if (!id) throw new CliError("revoke: give the key id (see keys list)", 2);
      try {
        const revoked = await revokeProjectApiKey(client, { keyId: id }, CLI_ACTOR);
        console.log(revoked.alreadyRevoked ? `key ${id} was already revoked` : `revoked key ${id}`);
      } catch (error) {
        if (error instanceof ActionError) throw new CliError(`revoke: no key with id ${id}`);
        throw error;
      }
      return;
    }
    throw new CliError(`expected create, list or revoke\n${USAGE}`, 2);
  },
};
