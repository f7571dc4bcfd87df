// The databases the store contract suites run on: the embedded database always, PostgreSQL when DATABASE_URL is set
// or a server answers at 127.0.0.1:5432. Each suite gets a fresh place: a new temporary data directory, or a new
// randomly named schema (search_path) that is dropped afterwards, so parallel runs never collide.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Db } from "../../src/adapters/db/db.ts";
import { migrate } from "../../src/adapters/db/migrate.ts";
import { openPglite } from "../../src/adapters/db/pglite.ts";
import { openPostgres } from "../../src/adapters/db/postgres.ts";

export const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";

/** How a child process reaches the same database: an embedded data directory, or a PostgreSQL URL and schema. */
export type DbLocation = { kind: "embedded"; dir: string } | { kind: "postgres"; url: string; schema: string };

export type TestDatabase = { db: Db; location: DbLocation; reopen(): Promise<Db>; drop(): Promise<void> };

export type DbTarget = { name: "embedded" | "postgres"; create(options?: { migrate?: boolean }): Promise<TestDatabase> };

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Opens the database at a location (the embedded one takes the directory's lock). */
export function openAt(location: DbLocation): Promise<Db> {
  return location.kind === "embedded" ? openPglite(location.dir) : openPostgres(location.url, { schema: location.schema, max: 4 });
}

const embedded: DbTarget = {
  name: "embedded",
  async create(options = {}) {
    const dir = mkdtempSync(join(tmpdir(), "openimr-db-"));
    const location: DbLocation = { kind: "embedded", dir };
    const db = await openAt(location);
    if (options.migrate !== false) await migrate(db);
    return {
      db,
      location,
      reopen: () => openAt(location),
      async drop() {
        await db.close().catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(url: string): DbTarget {
  return {
    name: "postgres",
    async create(options = {}) {
      const schema = `openimr_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const location: DbLocation = { kind: "postgres", url, schema };
      const db = await openAt(location);
      if (options.migrate !== false) await migrate(db);
      return {
        db,
        location,
        reopen: () => openAt(location),
        async drop() {
          await db.close().catch(() => {});
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`drop schema if exists ${schema} cascade`);
          await client.end();
        },
      };
    },
  };
}

/**
 * The targets to run on. PostgreSQL missing is a skip with a printed reason, except under OPENIMR_REQUIRE_SERVICES=1
 * (set by .ci/run), where `missing` is returned for the suite to fail on.
 */
export async function databaseTargets(): Promise<{ targets: DbTarget[]; missing?: string }> {
  const url = process.env.DATABASE_URL?.trim() || LOCAL_POSTGRES;
  const problem = await reachable(url);
  if (!problem) return { targets: [embedded, postgres(url)] };
  const where = process.env.DATABASE_URL ? "DATABASE_URL" : "127.0.0.1:5432";
  const message = `PostgreSQL is not reachable at ${where} (${problem}): the store contract suites run on the embedded database only.`;
  if (process.env.OPENIMR_REQUIRE_SERVICES === "1") return { targets: [embedded], missing: `${message} OPENIMR_REQUIRE_SERVICES=1 requires it.` };
  console.warn(`SKIPPED (PostgreSQL): ${message} Set DATABASE_URL or start a local server to run them.`);
  return { targets: [embedded] };
}
