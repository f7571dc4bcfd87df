import { Command, CommanderError } from "commander";
import { AppError } from "../../services/errors.ts";
import { registerDraft } from "./commands/draft.ts";
import { registerParseLetter } from "./commands/parse-letter.ts";
import { registerTimeline } from "./commands/timeline.ts";
import { registerCase } from "./commands/case.ts";
import { registerServe } from "./commands/serve.ts";
import { registerCaseAssign } from "./commands/case-assign.ts";
import { registerReviewers } from "./commands/reviewers.ts";
import { registerUsers } from "./commands/users.ts";
import { registerLetter } from "./commands/letter.ts";
import { registerReview } from "./commands/review.ts";

/** Builds the `openimr` command line; each command lives in its own file under commands/. */
export function buildProgram(out: (text: string) => void): Command {
  const program = new Command("openimr")
    .description("OpenIMR: California workers' compensation Independent Medical Review, end to end")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError();
  registerDraft(program, out);
  registerParseLetter(program, out);
  registerTimeline(program, out);
  registerCase(program, out);
  registerServe(program, out);
  registerReview(program, out);
  registerLetter(program, out);
  registerCaseAssign(program, out);
  registerReviewers(program, out);
  registerUsers(program, out);
  return program;
}

/** Runs the CLI and returns the exit code; errors are printed as "openimr: CODE: message". */
export async function main(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t), err: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  const program = buildProgram(out);
  program.configureOutput({ writeOut: out, writeErr: err });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof AppError) {
      err(`openimr: ${error.code}: ${error.message}\n`);
      return error.status >= 500 ? 1 : 2;
    }
    err(`openimr: INTERNAL: ${(error as Error).message}\n`);
    return 1;
  }
}
