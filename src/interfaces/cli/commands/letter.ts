import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { renderPdf } from "../../../compose.ts";
import type { FinalDeterminationLetter } from "../../../domain/letter/model.ts";
import { renderLetterHtml } from "../../../domain/letter/render-html.ts";
import { renderLetterText } from "../../../domain/letter/render-text.ts";
import { AppError } from "../../../services/errors.ts";
import { cliActor, dataOption, withCaseServices } from "../case-services.ts";
import type { ReviewCommon } from "./review.ts";

type Out = (text: string) => void;

/** Writes a rendered letter to --output or standard output (a PDF never to a terminal). */
async function emitLetter(letter: FinalDeterminationLetter, format: string, output: string | undefined, out: Out, published: boolean): Promise<void> {
  if (format === "pdf") {
    const bytes = await renderPdf(letter, { published });
    if (output) return writeFileSync(output, bytes);
    if (process.stdout.isTTY) throw new AppError("INPUT_INVALID", "Refusing to write a PDF to the terminal: use --output FILE or redirect standard output.");
    process.stdout.write(bytes);
    return;
  }
  const text =
    format === "html"
      ? renderLetterHtml(letter, { published })
      : format === "json"
        ? `${JSON.stringify(letter, null, 2)}\n`
        : renderLetterText(letter, { published });
  if (output) writeFileSync(output, text);
  else out(text);
}

/** `openimr letter CASE` (the parties' copy, the working copy, or the published copy) and `openimr publish CASE`. */
export function registerLetter(program: Command, out: Out): void {
  program
    .command("letter <case>")
    .description(
      "Print a case's Final Determination Letter: the parties' copy as issued (default), the working copy (--draft) or the published copy (--published)",
    )
    .addOption(new Option("-f, --format <format>", "text | html | pdf | json").choices(["text", "html", "pdf", "json"]).default("text"))
    .option("-o, --output <file>", "write to a file instead of standard output (needed for pdf on a terminal)")
    .option("--draft", "the reviewer's working copy as a letter dated today (before issue)")
    .option("--published", "the redacted copy published for the public")
    .option("--actor <name>", "who asks, for the audit log when the working copy is created")
    .addOption(dataOption())
    .addHelpText(
      "after",
      `
The parties' copy states the expert reviewer's qualifications, never the reviewer's name.
Examples:
  openimr letter IMR-2015-0A1B2C3D --format pdf --output letter.pdf
  openimr letter IMR-2015-0A1B2C3D --draft --format text
  openimr letter IMR-2015-0A1B2C3D --published --format html --output published.html`,
    )
    .action(async (id: string, options: ReviewCommon & { output?: string; draft?: boolean; published?: boolean }) => {
      if (options.draft && options.published) throw new AppError("INPUT_INVALID", "Give --draft or --published, not both.");
      const letter = await withCaseServices(options, async (s) => {
        if (options.published) {
          const published = await s.review.publishedForCase(id);
          return published.letter;
        }
        return s.review.letter(id, { actor: cliActor(options), draft: options.draft === true });
      });
      await emitLetter(letter, options.format, options.output, out, options.published === true);
    });

  program
    .command("publish <case>")
    .description("Publish the redacted copy of an issued letter; refused while an identifier from the case record would remain")
    .addOption(new Option("-f, --format <format>", "text | json").choices(["text", "json"]).default("text"))
    .option("--actor <name>", "who publishes, for the audit log (default $OPENIMR_ACTOR or cli:<user>)")
    .addOption(dataOption())
    .addHelpText(
      "after",
      `
Removes the names of the worker, the providers and the reviewer, dates of birth, claim and case numbers, addresses
and phone numbers; keeps age, sex, date of injury and the clinical content. The public copy carries a publication
number instead of the case number. When an identifier would remain, nothing is published and the message names
its kind and section (never the value).
Example:
  openimr publish IMR-2015-0A1B2C3D`,
    )
    .action(async (id: string, options: ReviewCommon) => {
      const published = await withCaseServices(options, (s) => s.review.publish(id, { actor: cliActor(options) }));
      out(
        options.format === "json"
          ? `${JSON.stringify({ publicationNumber: published.publicationNumber, caseId: published.caseId, publishedOn: published.publishedOn }, null, 2)}\n`
          : `Case ${published.caseId} published as ${published.publicationNumber} on ${published.publishedOn}.\nopenimr letter ${published.caseId} --published prints the public copy.\n`,
      );
    });
}
