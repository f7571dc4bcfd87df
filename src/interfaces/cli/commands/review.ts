import { type Command, Option } from "commander";
import { wrap } from "../../../domain/letter/render-decisions.ts";
import type { WorkingCopy, WorkingCopyEdit } from "../../../domain/letter/working-copy.ts";
import { AppError } from "../../../services/errors.ts";
import type { QaReport } from "../../../services/review.ts";
import { actorOption, cliActor, dataOption, formatOption, withCaseServices } from "../case-services.ts";
import { readInput } from "../io.ts";

type Out = (text: string) => void;
export type ReviewCommon = { data?: string; format: string; actor?: string };

function positive(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError("INPUT_INVALID", `${option} "${value}" is not an item number (1, 2, ...).`, [
      { code: "INPUT_INVALID", message: "expected a whole number from 1", path: option },
    ]);
  return n;
}

function renderCopy(copy: WorkingCopy): string {
  const lines = [`Working copy of case ${copy.caseId} (version ${copy.version}, knowledge base ${copy.knowledgeBaseVersion})`, ""];
  copy.items.forEach((item, i) => {
    const g = item.imroGuideline;
    lines.push(
      `Item ${i + 1}: ${item.request}:  ${item.decision}${item.decision !== item.drafted.decision ? ` (engine drafted ${item.drafted.decision})` : ""}`,
    );
    lines.push(`  guideline: ${g ? `${g.source}${g.section ? `, ${g.section}` : ""}${g.pages ? ` Page(s): ${g.pages}` : ""}` : "none cited"}`);
    lines.push(...wrap(`rationale: ${item.rationale}`, 92).map((l) => `  ${l}`));
    lines.push(`  ${item.signature ? `signed by ${item.signature.by} at ${item.signature.at}` : "NOT SIGNED"}`, "");
  });
  lines.push("Case summary:", ...wrap(copy.caseSummary || "(empty: write it with review edit --case-summary-file FILE)", 92).map((l) => `  ${l}`), "");
  if (copy.delayReason) lines.push(`Delay recorded: ${copy.delayReason}`, "");
  if (copy.override)
    lines.push(`QA override by ${copy.override.by} at ${copy.override.at} for ${copy.override.checks.join(", ")}: ${copy.override.reason}`, "");
  lines.push(
    `Revisions (${copy.revisions.length}):`,
    ...copy.revisions.map((r) => `  #${r.n} ${r.at} ${r.by} changed ${r.field}${r.item ? ` of item ${r.item}` : ""}`),
  );
  return `${lines.join("\n")}\n`;
}

export function renderQa(report: QaReport): string {
  const lines = report.results.map(
    (r) =>
      `${r.passed ? "PASS" : "FAIL"} ${r.code}: ${r.title}\n${wrap(r.passed ? `Passed. ${r.explain}` : r.message, 92)
        .map((l) => `     ${l}`)
        .join("\n")}`,
  );
  const verdict = report.passed
    ? "All QA checks pass."
    : report.coveredByOverride
      ? `QA checks fail but the medical director's override covers them (${report.override!.reason}).`
      : "QA checks fail: the letter cannot issue until they pass or the medical director overrides them (review override).";
  return `${lines.join("\n")}\n${report.dueDate ? `Determination due: ${report.dueDate}\n` : ""}${report.unsigned.length ? `Unsigned item(s): ${report.unsigned.join(", ")}\n` : ""}${verdict}\n`;
}

function print(out: Out, format: string, json: unknown, text: () => string): void {
  out(format === "json" ? `${JSON.stringify(json, null, 2)}\n` : text());
}

/** `openimr review <action> CASE`: the expert reviewer's working copy, edits, signatures, QA, override and issue. */
export function registerReview(program: Command, out: Out): void {
  const group = program
    .command("review")
    .description("The expert reviewer's working copy of a case's determination: show, edit, sign, QA, override, issue")
    .addHelpText(
      "after",
      `
The engine's draft becomes the working copy the first time a case is reviewed. Every edit is a revision (who, when,
what) and is audited; editing an item removes its signature. The letter issues only when every item is signed and
the QA checks pass, or the medical director has overridden the failing checks with a reason.
Examples:
  openimr review show IMR-2015-0A1B2C3D
  openimr review edit IMR-2015-0A1B2C3D --item 1 --decision Overturned --rationale-file rationale.txt
  openimr review edit IMR-2015-0A1B2C3D --case-summary-file summary.txt
  openimr review edit IMR-2015-0A1B2C3D --delay-reason "Records arrived late."
  openimr review sign IMR-2015-0A1B2C3D --all
  openimr review qa IMR-2015-0A1B2C3D
  openimr review override IMR-2015-0A1B2C3D --reason "..." --actor staff:medical-director
  openimr review issue IMR-2015-0A1B2C3D`,
    );
  const sub = (name: string, description: string) =>
    group.command(`${name} <case>`).description(description).addOption(formatOption()).addOption(actorOption()).addOption(dataOption());

  sub("show", "Show the working copy: each item's decision, citation, rationale and signature, the case summary and the revisions").action(
    async (id: string, options: ReviewCommon) => {
      const copy = await withCaseServices(options, (s) => s.review.workingCopy(id, { actor: cliActor(options) }));
      print(out, options.format, copy, () => renderCopy(copy));
    },
  );

  sub("edit", "Change an item's decision, rationale or citation, the case summary or the delay reason (each change is a revision)")
    .option("--item <n>", "the item (1-based) whose decision, rationale or citation changes", (v) => positive(v, "--item"))
    .addOption(new Option("--decision <decision>", "Upheld | Overturned").choices(["Upheld", "Overturned"]))
    .option("--rationale <text>", "the new rationale")
    .option("--rationale-file <file>", "the new rationale, read from a file (- reads standard input)")
    .option("--guideline-source <source>", "the IMR organisation's guideline: its source")
    .option("--guideline-section <section>", "its section")
    .option("--guideline-pages <pages>", "its pages")
    .option("--case-summary-file <file>", "the new clinical case summary, read from a file")
    .option("--delay-reason <text>", "why the determination is late (the deadline QA check)")
    .option("--expect-version <n>", "refuse if the working copy is no longer at this version", (v) => Number(v))
    .action(
      async (
        id: string,
        options: ReviewCommon & {
          item?: number;
          decision?: "Upheld" | "Overturned";
          rationale?: string;
          rationaleFile?: string;
          guidelineSource?: string;
          guidelineSection?: string;
          guidelinePages?: string;
          caseSummaryFile?: string;
          delayReason?: string;
          expectVersion?: number;
        },
      ) => {
        const edit: WorkingCopyEdit = {};
        if (options.item !== undefined) edit.item = options.item;
        if (options.decision) edit.decision = options.decision;
        if (options.rationale !== undefined && options.rationaleFile) throw new AppError("INPUT_INVALID", "Give --rationale or --rationale-file, not both.");
        if (options.rationale !== undefined) edit.rationale = options.rationale;
        if (options.rationaleFile) edit.rationale = readInput(options.rationaleFile);
        if (options.guidelineSource)
          edit.citation = {
            source: options.guidelineSource,
            ...(options.guidelineSection ? { section: options.guidelineSection } : {}),
            pages: options.guidelinePages ?? null,
          };
        else if (options.guidelineSection || options.guidelinePages)
          throw new AppError("INPUT_INVALID", "--guideline-section and --guideline-pages go with --guideline-source.");
        if (options.caseSummaryFile) edit.caseSummary = readInput(options.caseSummaryFile);
        if (options.delayReason !== undefined) edit.delayReason = options.delayReason;
        if (Object.keys(edit).filter((k) => k !== "item").length === 0)
          throw new AppError(
            "INPUT_INVALID",
            "Nothing to change: give --decision, --rationale(-file), --guideline-source, --case-summary-file or --delay-reason.",
          );
        const copy = await withCaseServices(options, (s) =>
          s.review.edit(id, edit, { actor: cliActor(options), ...(options.expectVersion !== undefined ? { expectedVersion: options.expectVersion } : {}) }),
        );
        print(out, options.format, copy, () => renderCopy(copy));
      },
    );

  sub("sign", "Sign items as the expert reviewer (--item N, repeatable, or --all)")
    .option("--item <n>", "an item to sign (1-based); repeat for several", (v, prev: number[] = []) => [...prev, positive(v, "--item")])
    .option("--all", "sign every item")
    .action(async (id: string, options: ReviewCommon & { item?: number[]; all?: boolean }) => {
      if (!options.all && !options.item?.length) throw new AppError("INPUT_INVALID", "Name the items to sign with --item N (repeatable) or --all.");
      const copy = await withCaseServices(options, (s) => s.review.sign(id, options.all ? "all" : options.item!, { actor: cliActor(options) }));
      print(out, options.format, copy, () => renderCopy(copy));
    });

  sub("qa", "Run the QA checks on the letter as it would issue today, each explained").action(async (id: string, options: ReviewCommon) => {
    const report = await withCaseServices(options, (s) => s.review.qa(id, { actor: cliActor(options) }));
    print(out, options.format, report, () => renderQa(report));
  });

  sub("override", "As medical director, let the letter issue although QA checks fail (the reason is audited)")
    .requiredOption("--reason <text>", "why the letter may issue despite the failing checks")
    .action(async (id: string, options: ReviewCommon & { reason: string }) => {
      const report = await withCaseServices(options, (s) => s.review.override(id, options.reason, { actor: cliActor(options) }));
      print(out, options.format, report, () => renderQa(report));
    });

  sub("issue", "Issue the Final Determination Letter: the case goes to decided, then letter issued").action(async (id: string, options: ReviewCommon) => {
    const issued = await withCaseServices(options, (s) => s.review.issue(id, { actor: cliActor(options) }));
    print(
      out,
      options.format,
      { caseId: issued.caseId, issuedOn: issued.issuedOn, qa: issued.qa, override: issued.override ?? null },
      () =>
        `Letter of case ${issued.caseId} issued on ${issued.issuedOn}${issued.override ? ` with the medical director's override of ${issued.override.checks.join(", ")}` : ""}.\nopenimr letter ${issued.caseId} --format pdf --output letter.pdf prints it.\n`,
    );
  });
}
