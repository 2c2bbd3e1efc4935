import "server-only";
import { ZodError } from "zod";
import { db } from "@/lib/db/client";
import { createUser, ROLES, UserExistsError, type Role } from "@/lib/auth/users";
import { firstIssue } from "@/lib/validation/zod-issues";
import { CliError, parseFlags, type Command } from "../command";

const USAGE = `users <create|list>

  users create --email <e> --name <n> --role <viewer|approver|admin> --password-stdin
      creates a user; the password is read from standard input (never from the command line)
  users list
      lists users and their roles`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export const usersCommand: Command = {
  name: "users",
  summary: "create and list dashboard users",
  usage: USAGE,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === "create") {
      const { values } = parseFlags(rest, {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        "password-stdin": { type: "boolean" },
      });
      if (!values.email) throw new CliError("create: --email is required", 2);
      if (!values.name) throw new CliError("create: --name is required", 2);
      if (!values.role || !(ROLES as readonly string[]).includes(values.role))
        throw new CliError(`create: --role must be one of ${ROLES.join(", ")}`, 2);
      if (!values["password-stdin"])
        throw new CliError("create: pass the password on standard input with --password-stdin", 2);
      const password = await readStdin();
      try {
        const user = await createUser(
          db(),
          { email: values.email, name: values.name, role: values.role as Role, password },
          { type: "system", name: "cli" },
        );
        console.log(`created ${user.role} ${user.email} (${user.id})`);
      } catch (error) {
        if (error instanceof UserExistsError) throw new CliError(error.message);
        if (error instanceof ZodError) {
          throw new CliError(firstIssue(error, { whole: "input" }).text, 2);
        }
        throw error;
      }
      return;
    }
    if (sub === "list") {
      parseFlags(rest, {});
      const users = await db().user.findMany({
        orderBy: { createdAt: "asc" },
        select: { id: true, email: true, name: true, role: true, disabled: true },
      });
      if (users.length === 0) console.log("no users yet: the first visit to the dashboard asks for the first admin");
      for (const u of users)
        console.log(`${u.id}  ${u.email}  "${u.name}"  ${u.role}${u.disabled ? "  (disabled)" : ""}`);
      return;
    }
    throw new CliError(`expected create or list\n${USAGE}`, 2);
  },
};
