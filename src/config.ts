import { AppError } from "./services/errors.ts";

/** Settings read once from the environment. */
export type Config = {
  /** The IMR organisation's name, printed in letters ("<name> guideline: ..."). */
  organisationName: string;
  /** Letterhead lines under the name (OPENIMR_ORGANISATION_ADDRESS, lines separated by "|"). */
  organisationAddress: string[];
  organisationPhone?: string;
  knowledgeDir?: string;
  /** Largest medical record file read, in bytes (OPENIMR_MAX_RECORD_MB, default 100 MB). */
  maxRecordBytes?: number;
  /** The embedded database's directory (OPENIMR_DATA_DIR, default .openimr-data in the current directory). */
  dataDir: string;
  /** PostgreSQL instead of the embedded database (DATABASE_URL). */
  databaseUrl?: string;
};

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const config: Config = {
    organisationName: env.OPENIMR_ORGANISATION?.trim() || "OpenIMR",
    organisationAddress: (env.OPENIMR_ORGANISATION_ADDRESS ?? "")
      .split("|")
      .map((l) => l.trim())
      .filter(Boolean),
    dataDir: env.OPENIMR_DATA_DIR?.trim() || ".openimr-data",
  };
  if (env.OPENIMR_ORGANISATION_PHONE?.trim()) config.organisationPhone = env.OPENIMR_ORGANISATION_PHONE.trim();
  if (env.DATABASE_URL?.trim()) config.databaseUrl = env.DATABASE_URL.trim();
  if (env.OPENIMR_KNOWLEDGE_DIR) config.knowledgeDir = env.OPENIMR_KNOWLEDGE_DIR;
  if (env.OPENIMR_MAX_RECORD_MB) {
    const mb = Number(env.OPENIMR_MAX_RECORD_MB);
    if (!Number.isFinite(mb) || mb <= 0)
      throw new AppError("CONFIG_INVALID", `OPENIMR_MAX_RECORD_MB must be a positive number of megabytes, not "${env.OPENIMR_MAX_RECORD_MB}".`);
    config.maxRecordBytes = Math.round(mb * 1024 * 1024);
  }
  return config;
}
