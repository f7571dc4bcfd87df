import { type Command, Option } from "commander";
import type { NewUser } from "../../../services/accounts.ts";
import { AppError } from "../../../services/errors.ts";
import type { PartyKind, Role, StaffRole } from "../../../services/ports.ts";
import { cliActor, dataOption, formatOption, withCaseServices } from "../case-services.ts";

type Out = (text: string) => void;

/** Reads the new password from OPENIMR_PASSWORD or the first line of standard input (never from argv, which `ps` shows). */
async function readPassword(): Promise<string> {
  if (process.env.OPENIMR_PASSWORD) return process.env.OPENIMR_PASSWORD;
  if (process.stdin.isTTY) throw new AppError("INPUT_INVALID", "Give the password on standard input (echo ... | openimr users add ...) or in OPENIMR_PASSWORD.");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "").trim();
}

export function registerUsers(program: Command, out: Out): void {
  const group = program.command("users").description("User accounts: staff, reviewers and parties");

  group
    .command("add <username>")
    .description("Add a user; the password is read from standard input or OPENIMR_PASSWORD (bootstraps the first admin)")
    .addOption(new Option("--role <role>", "staff | reviewer | party").choices(["staff", "reviewer", "party"]).makeOptionMandatory())
    .addOption(new Option("--staff-role <role>", "for staff").choices(["intake", "medical-director", "admin"]))
    .option("--reviewer <reviewerId>", "for a reviewer: the panel reviewer this account is")
    .option("--case <caseId>", "for a party: the one case this account belongs to")
    .addOption(new Option("--party <kind>", "for a party").choices(["employee", "representative", "claims-administrator", "treating-physician"]))
    .option("--actor <name>", "who does this, for the audit log")
    .addOption(formatOption())
    .addOption(dataOption())
    .addHelpText("after", "\nExample:\n  echo 'a long passphrase here' | openimr users add admin --role staff --staff-role admin")
    .action(async (username: string, options: { role: Role; staffRole?: StaffRole; reviewer?: string; case?: string; party?: PartyKind; actor?: string; data?: string; format: string }) => {
      const input: NewUser = {
        username,
        password: await readPassword(),
        role: options.role,
        ...(options.staffRole ? { staffRole: options.staffRole } : {}),
        ...(options.reviewer ? { reviewerId: options.reviewer } : {}),
        ...(options.case ? { caseId: options.case } : {}),
        ...(options.party ? { partyKind: options.party } : {}),
      };
      const user = await withCaseServices(options, (s) => s.accounts.addUser(input, { actor: cliActor(options) }));
      out(options.format === "json" ? `${JSON.stringify(user, null, 2)}\n` : `Added ${user.role} ${user.username}${user.staffRole ? ` (${user.staffRole})` : ""}.\n`);
    });

  group
    .command("list")
    .description("List user accounts")
    .addOption(formatOption())
    .addOption(dataOption())
    .action(async (options: { data?: string; format: string }) => {
      const users = await withCaseServices(options, (s) => s.accounts.list());
      out(
        options.format === "json"
          ? `${JSON.stringify(users, null, 2)}\n`
          : users.length
            ? `${users.map((u) => `${u.username}  ${u.role}${u.staffRole ? `:${u.staffRole}` : ""}${u.reviewerId ? `  reviewer ${u.reviewerId}` : ""}${u.caseId ? `  case ${u.caseId} (${u.partyKind})` : ""}${u.disabled ? "  disabled" : ""}`).join("\n")}\n`
            : "No users. Add the first admin: echo PASSWORD | openimr users add admin --role staff --staff-role admin\n",
      );
    });
}
