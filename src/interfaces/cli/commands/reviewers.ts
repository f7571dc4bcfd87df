import { type Command, Option } from "commander";
import { daysBetween } from "../../../domain/shared/dates.ts";
import type { PanelEntry } from "../../../services/panel.ts";
import { CSV_COLUMNS, parsePanelFile } from "../../reviewer-contract.ts";
import { cliActor, dataOption, formatOption, withCaseServices } from "../case-services.ts";
import { readInput } from "../io.ts";

type Out = (text: string) => void;
type Common = { data?: string; format: "json" | "text"; actor?: string };

function panelLine(entry: PanelEntry, today: string): string {
  const r = entry.reviewer;
  const status = entry.issues.length ? `NOT ASSIGNABLE (${entry.issues.map((i) => i.code).join(", ")})` : "qualified";
  const lines = [
    `${r.id}  ${r.name}  ${r.specialties.join(", ")}  ${r.openCases}/${r.capacity} open  ${r.available === false ? "unavailable  " : ""}${status}`,
    ...entry.expiringLicences.map((l) => `  LICENCE EXPIRING: ${l.state} ${l.number} expires ${l.expires} (in ${daysBetween(today, l.expires)} days)`),
    ...entry.issues.map((i) => `  ${i.code}: ${i.message} [${i.citation}]`),
  ];
  return lines.join("\n");
}

export function registerReviewers(program: Command, out: Out): void {
  const group = program.command("reviewers").description("The expert reviewer panel (staff only: shows reviewer identities)");

  group
    .command("import <file>")
    .description("Add or update panel reviewers from JSON or CSV; every row is checked first and nothing is stored if one is bad")
    .addOption(new Option("--input-format <format>", "json | csv (default: from the file name, else the content)").choices(["json", "csv"]))
    .option("--actor <name>", "who does this, for the audit log (default $OPENIMR_ACTOR or cli:<user>)")
    .addOption(formatOption())
    .addOption(dataOption())
    .addHelpText(
      "after",
      `\nJSON: an array of reviewers (or { "reviewers": [...] }) as in test/fixtures/shared/reviewers/panel.example.json.\nCSV header (any order): ${CSV_COLUMNS.join(",")}\n  list cells use ";"; a licence is STATE:NUMBER:STATUS:EXPIRES; an affiliation is KIND:NAME[:NATURE]\nErrors name the row (CSV: the header is row 1; JSON: the first reviewer is row 1) and the field.`,
    )
    .action(async (file: string, options: Common & { inputFormat?: "json" | "csv" }) => {
      const format = options.inputFormat ?? (file.toLowerCase().endsWith(".csv") ? "csv" : file.toLowerCase().endsWith(".json") ? "json" : undefined);
      const reviewers = parsePanelFile(readInput(file), format);
      const result = await withCaseServices(options, (s) => s.panel.importPanel(reviewers, { actor: cliActor(options) }));
      out(
        options.format === "json"
          ? `${JSON.stringify(result, null, 2)}\n`
          : `Imported ${reviewers.length} reviewer(s): ${result.added.length} added, ${result.updated.length} updated, ${result.unchanged.length} unchanged.\n`,
      );
    });

  group
    .command("list")
    .description("The panel with each reviewer's qualification status, workload and licences expiring within 60 days")
    .option("--today <date>", "the day qualifications and expiries are judged on (default today)")
    .addOption(formatOption())
    .addOption(dataOption())
    .action(async (options: Common & { today?: string }) => {
      const { entries, today } = await withCaseServices(options, async (s) => {
        const day = options.today ?? s.panel.today();
        return { entries: await s.panel.list(day), today: day };
      });
      if (options.format === "json") out(`${JSON.stringify(entries, null, 2)}\n`);
      else out(entries.length ? `${entries.map((e) => panelLine(e, today)).join("\n")}\n` : "The panel is empty: import reviewers with `openimr reviewers import FILE`.\n");
    });
}
