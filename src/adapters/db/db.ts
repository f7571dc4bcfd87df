/** A row as both drivers return it after normalisation: int8 as number, date as "YYYY-MM-DD", timestamptz as ISO string. */
export type Row = Record<string, unknown>;

/** What a query inside or outside a transaction can do. Parameters are positional ($1, $2, ...); never interpolate values. */
export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/**
 * The one database interface the stores use, implemented on embedded PGlite and on PostgreSQL (pg).
 * Write PostgreSQL 15 SQL only (PGlite is 18): it must run unchanged on both.
 */
export interface Db extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL type ids the drivers are told to parse the same way. */
export const PG_TYPES = { INT8: 20, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;

/** int8 (bigserial ids, count(*)) → number: our counts and ids stay far below 2^53. */
export function parseInt8(value: string): number {
  return Number(value);
}

/** timestamptz → ISO string in UTC, whatever the server's time zone. */
export function parseTimestamp(value: string): string {
  return new Date(value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00")).toISOString();
}

/** Last safety net: a bigint or Date a driver produced despite the parsers becomes a number / ISO string. */
export function normaliseRow<T extends Row>(row: T): T {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (typeof value === "bigint") (row as Row)[key] = Number(value);
    else if (value instanceof Date) (row as Row)[key] = value.toISOString();
  }
  return row;
}

/** The SQLSTATE of a driver error (both drivers set `code`). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
