import { PGlite } from "@electric-sql/pglite";
import { type Db, normaliseRow, PG_TYPES, parseInt8, parseTimestamp, type Queryable, type Row } from "./db.ts";
import { lockDataDir } from "./lock.ts";

const parsers = {
  [PG_TYPES.INT8]: parseInt8,
  [PG_TYPES.DATE]: (value: string) => value,
  [PG_TYPES.TIMESTAMPTZ]: parseTimestamp,
};

function wrap(target: Pick<PGlite, "query" | "exec">): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const result = await target.query<T>(sql, params);
      return result.rows.map(normaliseRow);
    },
    async exec(script: string) {
      await target.exec(script);
    },
  };
}

/**
 * Opens the embedded database in `dir` (created when missing), holding the directory's lock while it is open.
 * With `dir` undefined the database lives in memory (tests).
 */
export async function openPglite(dir: string | undefined): Promise<Db> {
  const release = dir ? lockDataDir(dir) : () => {};
  let lite: PGlite;
  try {
    lite = await PGlite.create(dir ? `${dir}/pgdata` : undefined, { parsers });
  } catch (error) {
    release();
    throw error;
  }
  const base = wrap(lite);
  return {
    kind: "pglite",
    ...base,
    transaction: (work) => lite.transaction((tx) => work(wrap(tx))),
    async close() {
      try {
        await lite.close();
      } finally {
        release();
      }
    },
  };
}
