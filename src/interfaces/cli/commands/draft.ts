import type { Command } from "commander";
import { writeFileSync } from "node:fs";
import { composeDrafting, composeRecords, renderPdf, systemToday } from "../../../compose.ts";
import { loadConfig } from "../../../config.ts";
import { renderDecisionsText, wrap } from "../../../domain/letter/render-decisions.ts";
import { renderEvidenceText } from "../../../domain/records/render-timeline.ts";
import { renderLetterHtml } from "../../../domain/letter/render-html.ts";
import { letterFromDraft } from "../../../services/letters.ts";
import { AppError } from "../../../services/errors.ts";
import type { RecordsDraft } from "../../../services/records.ts";
import { DraftCaseFields, DraftInputBody, toDraftInput, zodIssues } from "../../contract.ts";
import { parseJsonDocuments, readInput } from "../io.ts";

export function registerDraft(program: Command, out: (text: string) => void): void {
  program
    .command("draft")
    .description("Draft a determination for each disputed item of a case (or of each case in a .jsonl file)")
    .requiredOption("-i, --input <file>", "case as JSON, or .jsonl with one case per line; - reads standard input")
    .option("-f, --format <format>", "json | jsonl | text | html | pdf", "json")
    .option("-r, --records <files...>", "medical records (PDF or text) to read with the case; reports are split out of each file")
    .option("-o, --output <file>", "write to a file instead of standard output (needed for pdf on a terminal)")
    .addHelpText(
      "after",
      `
Input: { "caseSummary": "...", "items": [ { "request": "Zanaflex 4mg #60 with 3 refills" } ],
         "records": [ { "title": "PR-2 10/22/2014", "date": "2014-10-22", "text": "..." } ] }
Examples:
  openimr draft --input case.json
  openimr draft --input cases.jsonl --format jsonl
  openimr draft --input case.json --format text
  openimr draft --input case.json --format pdf --output draft.pdf
  openimr draft --input case.json --records pr2-2015-01-06.pdf case-file.pdf --format text`,
    )
    .action(async (options: { input: string; format: string; output?: string; records?: string[] }) => {
      if (!["json", "jsonl", "text", "html", "pdf"].includes(options.format)) {
        throw new AppError("INPUT_INVALID", `Unknown format "${options.format}": use json, jsonl, text, html or pdf.`);
      }
      const emit = (text: string) => (options.output ? writeFileSync(options.output, text) : out(text));
      const config = loadConfig(process.env);
      const drafting = composeDrafting(config);
      const documents = parseJsonDocuments(readInput(options.input), options.input);
      const recordFiles = options.records ?? [];
      if (recordFiles.length > 0 && documents.length > 1)
        throw new AppError("INPUT_INVALID", `--records goes with one case; ${options.input} holds ${documents.length}.`);
      const records = recordFiles.length > 0 ? composeRecords(config) : undefined;
      const caseFile = records ? await records.readCaseFile(recordFiles) : undefined;
      const drafts = documents.map((doc, index) => {
        // With record files, the case needs no summary or inline record of its own.
        const parsed = (caseFile ? DraftCaseFields : DraftInputBody).safeParse(doc);
        if (!parsed.success) {
          const where = documents.length > 1 ? `case ${index + 1} of ${options.input}` : options.input;
          throw new AppError("INPUT_INVALID", `${where}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`, zodIssues(parsed.error));
        }
        const input = toDraftInput(parsed.data);
        const recordsDraft = records && caseFile ? records.draftWithRecords((i) => drafting.draft(i), input, caseFile) : undefined;
        const draft = recordsDraft ?? drafting.draft(input);
        // The letter's summary comes from the records when the case gives none.
        if (recordsDraft && !input.caseSummary?.trim()) input.caseSummary = recordsDraft.caseSummaryDraft;
        return { input, recordsDraft, draft: parsed.data.id ? { id: parsed.data.id, ...draft } : draft };
      });
      if (options.format === "html" || options.format === "pdf") {
        if (drafts.length !== 1) throw new AppError("INPUT_INVALID", `--format ${options.format} renders one case; ${options.input} holds ${drafts.length}.`);
        const letterhead = { name: config.organisationName, addressLines: config.organisationAddress, ...(config.organisationPhone ? { phone: config.organisationPhone } : {}) };
        const letter = letterFromDraft(drafts[0]!.draft, drafts[0]!.input, letterhead, systemToday());
        if (options.format === "html") return emit(renderLetterHtml(letter));
        const bytes = await renderPdf(letter);
        if (options.output) return writeFileSync(options.output, bytes);
        if (process.stdout.isTTY) throw new AppError("INPUT_INVALID", "Refusing to write a PDF to the terminal: use --output FILE or redirect standard output.");
        process.stdout.write(bytes);
        return;
      }
      const lines = options.format === "jsonl" || (documents.length > 1 && options.format === "json");
      const asText = (d: (typeof drafts)[number]) => {
        const decisions = renderDecisionsText(d.draft, config.organisationName);
        return d.recordsDraft ? renderWithRecordsText(d.recordsDraft, decisions) : decisions;
      };
      if (options.format === "text") emit(drafts.map(asText).join("\n"));
      else if (lines) emit(`${drafts.map((d) => JSON.stringify(d.draft)).join("\n")}\n`);
      else emit(`${JSON.stringify(drafts[0]!.draft, null, 2)}\n`);
    });
}

/** The text form of a draft made with record files: the case summary, the decisions, the evidence cited by page, and unread records. */
function renderWithRecordsText(draft: RecordsDraft, decisions: string): string {
  const problems = draft.recordProblems.map((p) => `  ${p.code}: ${p.message}`);
  return [
    "CLINICAL CASE SUMMARY",
    ...wrap(draft.caseSummaryDraft),
    "",
    decisions,
    renderEvidenceText(draft.items),
    ...(problems.length > 0 ? ["RECORDS NOT READ", ...problems, ""] : []),
  ].join("\n");
}
