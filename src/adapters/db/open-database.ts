import { resolve } from "node:path";
import { AppError } from "../../services/errors.ts";
import type { Db } from "./db.ts";
import { migrate } from "./migrate.ts";

/** Where the data lives: PostgreSQL when a URL is given, else the embedded database in `dataDir`. */
export type DatabaseSettings = { databaseUrl?: string; dataDir: string; schema?: string };

/** Opens the database the settings name and brings its schema up to date (migrations/). */
export async function openDatabase(settings: DatabaseSettings): Promise<Db> {
  let db: Db;
  if (settings.databaseUrl) {
    try {
      // Each driver is loaded only when used, so commands that need no database start fast.
      const { openPostgres } = await import("./postgres.ts");
      db = await openPostgres(settings.databaseUrl, settings.schema ? { schema: settings.schema } : {});
    } catch (error) {
      throw new AppError("DATABASE_UNAVAILABLE", `Cannot connect to the PostgreSQL database of DATABASE_URL: ${(error as Error).message}`);
    }
  } else {
    const { openPglite } = await import("./pglite.ts");
    db = await openPglite(resolve(settings.dataDir));
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
