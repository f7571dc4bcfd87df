import { main } from "../src/interfaces/cli/main.ts";

export type CliRun = { code: number; out: string; err: string };

/** Runs `openimr` in-process with these arguments and returns its exit code and what it wrote to stdout and stderr. */
export async function runCli(args: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main(["node", "openimr", ...args], (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}
