import type { Command } from "commander";
import { composeRecords } from "../../../compose.ts";
import { loadConfig } from "../../../config.ts";
import { renderTimelineText } from "../../../domain/records/render-timeline.ts";
import { AppError } from "../../../services/errors.ts";

export function registerTimeline(program: Command, out: (text: string) => void): void {
  program
    .command("timeline")
    .description("Read medical records (PDF or text) and print the patient's clinical timeline, citing document and page")
    .requiredOption("-r, --records <files...>", "medical records, PDF or plain text; reports are split out of each file")
    .option("-f, --format <format>", "json | text", "text")
    .option("--ur-date <date>", "date of the UR decision (YYYY-MM-DD), when the records do not hold the UR determination")
    .addHelpText(
      "after",
      `
Examples:
  openimr timeline --records test/fixtures/records/full-case-file.pdf
  openimr timeline --records pr2-jan.pdf pr2-feb.pdf --format json`,
    )
    .action(async (options: { records: string[]; format: string; urDate?: string }) => {
      if (!["json", "text"].includes(options.format)) throw new AppError("INPUT_INVALID", `Unknown format "${options.format}": use json or text.`);
      if (options.urDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.urDate))
        throw new AppError("INPUT_INVALID", `--ur-date must be YYYY-MM-DD, not "${options.urDate}".`);
      const records = composeRecords(loadConfig(process.env));
      const caseFile = await records.readCaseFile(options.records);
      if (caseFile.documents.length === 0) {
        const first = caseFile.problems[0];
        throw new AppError(first?.code ?? "RECORD_EMPTY", caseFile.problems.map((p) => p.message).join(" ") || "No record could be read.");
      }
      const timeline = records.timeline(caseFile, undefined, options.urDate);
      const caseSummary = records.caseSummary(caseFile, timeline);
      if (options.format === "json") {
        out(`${JSON.stringify({ timeline, caseSummaryDraft: caseSummary, recordProblems: caseFile.problems }, null, 2)}\n`);
        return;
      }
      const problems = caseFile.problems.map((p) => `  ${p.code}: ${p.message}`);
      out(
        `${renderTimelineText(timeline)}\nCLINICAL CASE SUMMARY (draft)\n  ${caseSummary}\n${problems.length > 0 ? `\nRECORDS NOT READ\n${problems.join("\n")}\n` : ""}`,
      );
    });
}
