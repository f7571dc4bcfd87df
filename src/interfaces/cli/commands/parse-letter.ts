import { basename } from "node:path";
import type { Command } from "commander";
import { composeLibrary } from "../../../compose.ts";
import { loadConfig } from "../../../config.ts";
import { readInputBytes } from "../io.ts";

export function registerParseLetter(program: Command, out: (text: string) => void): void {
  program
    .command("parse-letter")
    .description("Read a published Final Determination Letter (text or PDF) and print its structured record as JSON")
    .argument("<file>", "the letter as plain text or PDF; - reads standard input")
    .addHelpText("after", "\nExample:\n  openimr parse-letter test/fixtures/shared/letters/fdl-2014-zanaflex.txt")
    .action(async (file: string) => {
      const library = composeLibrary(loadConfig(process.env));
      const bytes = readInputBytes(file);
      const record = await library.readLetterFile(bytes, file === "-" ? "stdin" : basename(file));
      out(`${JSON.stringify(record, null, 2)}\n`);
    });
}
