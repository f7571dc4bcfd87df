import pg from "pg";
import { type Db, normaliseRow, PG_TYPES, parseInt8, parseTimestamp, type Queryable, type Row } from "./db.ts";

const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === PG_TYPES.INT8) return parseInt8;
    if (oid === PG_TYPES.DATE) return (value: string) => value;
    if (oid === PG_TYPES.TIMESTAMPTZ) return parseTimestamp;
    return pg.types.getTypeParser(oid, format);
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return (result.rows as T[]).map(normaliseRow);
    },
    async exec(script: string) {
      await client.query(script);
    },
  };
}

/**
 * Connects to PostgreSQL. `schema` (tests) puts every table in that schema through the connection's search_path.
 */
export async function openPostgres(url: string, options: { schema?: string; max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on("error", () => {}); // an idle client dropped by the server is replaced on next use
  await pool.query("select 1");
  const base = wrap(pool);
  return {
    kind: "postgres",
    ...base,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
