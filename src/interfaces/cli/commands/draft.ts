import type { Command } from "commander";
import { composeDrafting } from "../../../compose.ts";
import { loadConfig } from "../../../config.ts";
import { renderDecisionsText } from "../../../domain/letter/render-decisions.ts";
import { AppError } from "../../../services/errors.ts";
import { DraftInputBody, toDraftInput, zodIssues } from "../../contract.ts";
import { parseJsonDocuments, readInput } from "../io.ts";

export function registerDraft(program: Command, out: (text: string) => void): void {
  program
    .command("draft")
    .description("Draft a determination for each disputed item of a case (or of each case in a .jsonl file)")
    .requiredOption("-i, --input <file>", "case as JSON, or .jsonl with one case per line; - reads standard input")
    .option("-f, --format <format>", "json | jsonl | text", "json")
    .addHelpText(
      "after",
      `
Input: { "caseSummary": "...", "items": [ { "request": "Zanaflex 4mg #60 with 3 refills" } ],
         "records": [ { "title": "PR-2 10/22/2014", "date": "2014-10-22", "text": "..." } ] }
Examples:
  openimr draft --input case.json
  openimr draft --input cases.jsonl --format jsonl
  openimr draft --input case.json --format text`,
    )
    .action((options: { input: string; format: string }) => {
      if (!["json", "jsonl", "text"].includes(options.format)) {
        throw new AppError("INPUT_INVALID", `Unknown format "${options.format}": use json, jsonl or text.`);
      }
      const config = loadConfig(process.env);
      const drafting = composeDrafting(config);
      const documents = parseJsonDocuments(readInput(options.input), options.input);
      const drafts = documents.map((doc, index) => {
        const parsed = DraftInputBody.safeParse(doc);
        if (!parsed.success) {
          const where = documents.length > 1 ? `case ${index + 1} of ${options.input}` : options.input;
          throw new AppError("INPUT_INVALID", `${where}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`, zodIssues(parsed.error));
        }
        const draft = drafting.draft(toDraftInput(parsed.data));
        return parsed.data.id ? { id: parsed.data.id, ...draft } : draft;
      });
      const lines = options.format === "jsonl" || (documents.length > 1 && options.format === "json");
      if (options.format === "text") out(drafts.map((d) => renderDecisionsText(d, config.organisationName)).join("\n"));
      else if (lines) out(`${drafts.map((d) => JSON.stringify(d)).join("\n")}\n`);
      else out(`${JSON.stringify(drafts[0], null, 2)}\n`);
    });
}
