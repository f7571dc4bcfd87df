import { duplicateKey, employeeKey } from "../../domain/case/duplicate-key.ts";
import type { CaseId, CaseStatus, ImrCase } from "../../domain/case/types.ts";
import { AppError } from "../../services/errors.ts";
import type { AuditEntry, AuditRecord, AuditTrail, CaseStore } from "../../services/ports.ts";
import { type Db, type Queryable, sqlState } from "./db.ts";

type CaseRow = { id: string; version: number; data: ImrCase | string };

function fromRow(row: CaseRow): ImrCase {
  const data = typeof row.data === "string" ? (JSON.parse(row.data) as ImrCase) : row.data;
  return { ...data, id: row.id, version: row.version };
}

async function appendAudit(tx: Queryable, entityType: string, entityId: string, entries: AuditEntry[]): Promise<void> {
  for (const entry of entries) {
    await tx.query("insert into audit_log (actor, action, entity_type, entity_id, detail) values ($1, $2, $3, $4, $5::jsonb)", [
      entry.actor,
      entry.action,
      entityType,
      entityId,
      JSON.stringify(entry.detail ?? {}),
    ]);
  }
}

const SELECT = "select id, version, data from cases";

/** Cases in the cases table, each change in one transaction with its audit lines (migration 0001). */
export class DbCaseStore implements CaseStore {
  constructor(private readonly db: Db) {}

  async get(id: CaseId): Promise<ImrCase | undefined> {
    const [row] = await this.db.query<CaseRow>(`${SELECT} where id = $1`, [id]);
    return row ? fromRow(row) : undefined;
  }

  async list(filter: { statuses?: CaseStatus[] } = {}): Promise<ImrCase[]> {
    const rows = filter.statuses?.length
      ? await this.db.query<CaseRow>(`${SELECT} where status = any($1::text[]) order by received_on, id`, [filter.statuses])
      : await this.db.query<CaseRow>(`${SELECT} order by received_on, id`);
    return rows.map(fromRow);
  }

  async findDuplicate(key: string): Promise<ImrCase | undefined> {
    const [row] = await this.db.query<CaseRow>(`${SELECT} where duplicate_key = $1 and status not in ('withdrawn', 'ineligible')`, [key]);
    return row ? fromRow(row) : undefined;
  }

  async findByEmployee(key: string): Promise<ImrCase[]> {
    return (await this.db.query<CaseRow>(`${SELECT} where employee_key = $1 order by received_on, id`, [key])).map(fromRow);
  }

  async create(imrCase: ImrCase, audit: AuditEntry[]): Promise<ImrCase> {
    const saved = { ...imrCase, version: 1 };
    try {
      await this.db.transaction(async (tx) => {
        await tx.query(
          "insert into cases (id, version, status, track, received_on, duplicate_key, employee_key, data) values ($1, 1, $2, $3, $4, $5, $6, $7::jsonb)",
          [
            saved.id,
            saved.status,
            saved.track,
            saved.application.receivedDate,
            duplicateKey(saved.application),
            employeeKey(saved.application),
            JSON.stringify(saved),
          ],
        );
        await appendAudit(tx, "case", saved.id, audit);
      });
    } catch (error) {
      if (sqlState(error) === "23505") {
        const existing = await this.findDuplicate(duplicateKey(saved.application));
        if (existing)
          throw new AppError(
            "APPLICATION_DUPLICATE",
            `This application is already case ${existing.id} (same employee, date of injury, UR decision and items).`,
          );
        throw new AppError("CASE_STATE_CONFLICT", `A case with id ${saved.id} already exists.`);
      }
      throw error;
    }
    return saved;
  }

  async update(imrCase: ImrCase, expectedVersion: number, audit: AuditEntry[]): Promise<ImrCase> {
    const saved = { ...imrCase, version: expectedVersion + 1 };
    try {
      await this.db.transaction(async (tx) => {
        const rows = await tx.query(
          "update cases set version = $3, status = $4, track = $5, data = $6::jsonb, updated_at = now() where id = $1 and version = $2 returning id",
          [saved.id, expectedVersion, saved.version, saved.status, saved.track, JSON.stringify(saved)],
        );
        if (rows.length === 0) {
          const [current] = await tx.query<{ version: number }>("select version from cases where id = $1", [saved.id]);
          if (!current) throw new AppError("CASE_NOT_FOUND", `No case ${saved.id}.`);
          throw new AppError(
            "CASE_STATE_CONFLICT",
            `Case ${saved.id} changed since it was read (version ${current.version}, expected ${expectedVersion}); read it again and retry.`,
          );
        }
        await appendAudit(tx, "case", saved.id, audit);
      });
    } catch (error) {
      if (sqlState(error) === "23505")
        throw new AppError("APPLICATION_DUPLICATE", `Case ${saved.id} cannot reopen: the same application is already an open case.`);
      throw error;
    }
    return saved;
  }
}

type AuditRow = { id: number; at: string; actor: string; action: string; entity_type: string; entity_id: string; detail: Record<string, unknown> | string };

/** Reads the audit log (insert-only: migration 0001's triggers refuse UPDATE, DELETE and TRUNCATE). */
export class DbAuditTrail implements AuditTrail {
  constructor(private readonly db: Db) {}

  async listFor(entityType: string, entityId: string): Promise<AuditRecord[]> {
    const rows = await this.db.query<AuditRow>(
      "select id, at, actor, action, entity_type, entity_id, detail from audit_log where entity_type = $1 and entity_id = $2 order by id",
      [entityType, entityId],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      detail: typeof r.detail === "string" ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail,
    }));
  }
}
