import { type Command, Option } from "commander";
import { isPlainDate } from "../../../domain/shared/dates.ts";
import type { AssignmentReport } from "../../../services/assignment.ts";
import { AppError } from "../../../services/errors.ts";
import { cliActor, dataOption, formatOption, withCaseServices } from "../case-services.ts";

type Out = (text: string) => void;
type Options = { data?: string; format: "json" | "text"; actor?: string; on?: string; approval?: string };

function dateOption(value: string | undefined, option: string): string | undefined {
  if (value !== undefined && !isPlainDate(value)) throw new AppError("INPUT_INVALID", `${option} "${value}" is not a date as YYYY-MM-DD.`, [{ code: "INPUT_INVALID", message: "expected a date as YYYY-MM-DD", path: option }]);
  return value;
}

/** The staff report of an assignment: the chosen reviewer and why, then every other reviewer with its rank or exclusion. */
export function renderAssignment(report: AssignmentReport): string {
  const lines: string[] = [];
  if (report.ended) lines.push(`Case ${report.caseId}: ${report.ended.reviewerId} removed (${report.ended.reason}${report.ended.note ? `: ${report.ended.note}` : ""}); deadlines unchanged.`);
  for (const a of report.assigned) {
    lines.push(`Case ${report.caseId}: assigned to ${a.reviewerId} ${a.name} (${a.specialties.join(", ")}) on ${report.on}`, `  items: ${a.items.join("; ")}`, `  why: ${a.why}`);
    if (a.approval) lines.push(`  Administrative Director's approval: ${a.approval}`);
  }
  if (report.needsApproval) lines.push(`  note: ${report.needsApproval.reason} [${report.needsApproval.citation}]`);
  lines.push("Specialties that evaluate or treat the items:");
  for (const s of report.specialtiesByItem) lines.push(`  - ${s.request}: ${s.specialties.join(", ")} (${s.rationale})`);
  const chosen = new Set(report.assigned.map((a) => a.reviewerId));
  const others = report.ranked.filter((r) => !chosen.has(r.reviewerId));
  if (others.length) lines.push("Qualified, conflict-free reviewers ranked lower:");
  for (const r of others) lines.push(`  ${r.rank}. ${r.reviewerId} ${r.name}: score ${r.score} (${r.reasons.join("; ")})${r.flags.length ? ` FLAG: ${r.flags.join(" ")}` : ""}`);
  if (report.excluded.length) lines.push("Excluded:");
  for (const e of report.excluded) {
    lines.push(`  ${e.reviewerId} ${e.name}:`);
    for (const reason of e.reasons) lines.push(`    ${reason.code}: ${reason.message} [${reason.citation}]`);
  }
  if (report.qualificationsStatements.length) lines.push("Qualifications statement (as letters print it):", ...report.qualificationsStatements.map((q) => `  ${q}`));
  return `${lines.join("\n")}\n`;
}

/** `openimr case assign|reassign|assignment`: designate, replace and show the case's expert reviewer (staff output). */
export function registerCaseAssign(program: Command, out: Out): void {
  const group = program.commands.find((c) => c.name() === "case") ?? program.command("case").description("IMR cases");
  const print = (options: Options, report: AssignmentReport) => out(options.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderAssignment(report));

  group
    .command("assign <id>")
    .description("Designate the best qualified, conflict-free reviewer whose specialty fits the items, and say why (staff output)")
    .option("--on <date>", "the day of the designation (default today)")
    .option("--approval <ref>", "the Administrative Director's written approval, when the items need more than one reviewer")
    .addOption(new Option("--notice <channel>", "how the Notice of Assignment is sent, if the case is assigned now").choices(["electronic", "mail"]))
    .option("--actor <name>", "who does this, for the audit log")
    .addOption(formatOption())
    .addOption(dataOption())
    .action(async (id: string, options: Options & { notice?: "electronic" | "mail" }) => {
      const on = dateOption(options.on, "--on");
      const report = await withCaseServices(options, (s) =>
        s.assignment.assign(id, { actor: cliActor(options), ...(on ? { on } : {}), ...(options.approval ? { approval: options.approval } : {}), ...(options.notice ? { noticeChannel: options.notice } : {}) }),
      );
      print(options, report);
    });

  group
    .command("reassign <id>")
    .description("Replace a reviewer who declined or has a conflict; the deadline clocks do not move")
    .addOption(new Option("--reason <reason>", "why the reviewer leaves").choices(["declined", "conflict"]).makeOptionMandatory())
    .option("--reviewer <reviewerId>", "which reviewer leaves (needed when the case has more than one)")
    .option("--note <text>", "details for the audit log (e.g. the conflict found)")
    .option("--on <date>", "the day of the change (default today)")
    .option("--approval <ref>", "the Administrative Director's written approval, when the items need more than one reviewer")
    .option("--actor <name>", "who does this, for the audit log")
    .addOption(formatOption())
    .addOption(dataOption())
    .action(async (id: string, options: Options & { reason: "declined" | "conflict"; reviewer?: string; note?: string }) => {
      const on = dateOption(options.on, "--on");
      const report = await withCaseServices(options, (s) =>
        s.assignment.reassign(id, {
          actor: cliActor(options),
          reason: options.reason,
          ...(options.reviewer ? { reviewerId: options.reviewer } : {}),
          ...(options.note ? { note: options.note } : {}),
          ...(on ? { on } : {}),
          ...(options.approval ? { approval: options.approval } : {}),
        }),
      );
      print(options, report);
    });

  group
    .command("assignment <id>")
    .description("Show the case's reviewer designations and today's ranking of the panel (staff output)")
    .addOption(formatOption())
    .addOption(dataOption())
    .action(async (id: string, options: Options) => {
      const report = await withCaseServices(options, (s) => s.assignment.propose(id));
      print(options, report);
    });
}
