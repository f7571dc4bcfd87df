import { userInfo } from "node:os";
import { Option } from "commander";
import { type CaseServices, composeCaseServices } from "../../compose.ts";
import { loadConfig } from "../../config.ts";

/**
 * Opens the case services on the configured database for one command and closes them after: the embedded
 * database's directory stays locked only while the command runs.
 */
export async function withCaseServices<T>(options: { data?: string }, work: (s: CaseServices) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  if (options.data) config.dataDir = options.data;
  const s = await composeCaseServices(config);
  try {
    return await work(s);
  } finally {
    await s.close();
  }
}

/** Who the audit log records for a CLI action: --actor, $OPENIMR_ACTOR, or the operating-system user. */
export function cliActor(options: { actor?: string }): string {
  return options.actor?.trim() || process.env.OPENIMR_ACTOR?.trim() || `cli:${userInfo().username}`;
}

export const formatOption = () => new Option("-f, --format <format>", "json | text").choices(["json", "text"]).default("text");
export const dataOption = () => new Option("--data <dir>", "embedded database directory (default $OPENIMR_DATA_DIR or ./.openimr-data; DATABASE_URL selects PostgreSQL)");
export const actorOption = () => new Option("--actor <name>", "who does this, for the audit log (default $OPENIMR_ACTOR or cli:<user>)");
