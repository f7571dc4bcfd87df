import type { CaseId } from "../../domain/case/types.ts";
import type { ExpertReviewer } from "../../domain/reviewers/types.ts";
import { AppError } from "../../services/errors.ts";
import type { DesignationChange, PanelStore, ReviewerAssignment } from "../../services/ports.ts";
import type { Db, Queryable } from "./db.ts";

type ReviewerRow = { id: string; capacity: number; open_cases: number; data: StoredReviewer | string };
type StoredReviewer = Omit<ExpertReviewer, "openCases" | "capacity" | "id">;
type AssignmentRow = {
  id: number;
  case_id: string;
  reviewer_id: string;
  items: string[] | string;
  assigned_on: string;
  why: string;
  approval: string | null;
  ended_on: string | null;
  end_reason: "declined" | "conflict" | "removed" | null;
  end_note: string | null;
};

function json<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

function fromRow(row: ReviewerRow): ExpertReviewer {
  return { ...json(row.data), id: row.id, capacity: row.capacity, openCases: row.open_cases };
}

function stored(reviewer: ExpertReviewer): StoredReviewer {
  const { id: _id, openCases: _open, capacity: _capacity, ...rest } = reviewer;
  return rest;
}

/** The same value whatever the key order, to tell an unchanged reviewer from a changed one. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function assignmentFromRow(row: AssignmentRow): ReviewerAssignment {
  return {
    id: row.id,
    caseId: row.case_id,
    reviewerId: row.reviewer_id,
    items: json(row.items),
    assignedOn: row.assigned_on,
    why: row.why,
    ...(row.approval ? { approval: row.approval } : {}),
    ...(row.ended_on ? { endedOn: row.ended_on } : {}),
    ...(row.end_reason ? { endReason: row.end_reason } : {}),
    ...(row.end_note ? { endNote: row.end_note } : {}),
  };
}

async function audit(tx: Queryable, actor: string, action: string, entityType: string, entityId: string, detail: Record<string, unknown>): Promise<void> {
  await tx.query("insert into audit_log (actor, action, entity_type, entity_id, detail) values ($1, $2, $3, $4, $5::jsonb)", [
    actor,
    action,
    entityType,
    entityId,
    JSON.stringify(detail),
  ]);
}

const SELECT_REVIEWER = "select id, capacity, open_cases, data from reviewers";
const SELECT_ASSIGNMENT = "select id, case_id, reviewer_id, items, assigned_on, why, approval, ended_on, end_reason, end_note from reviewer_assignments";

/** The reviewer panel and designations in the reviewers and reviewer_assignments tables (migration 0010). */
export class DbPanelStore implements PanelStore {
  constructor(private readonly db: Db) {}

  async list(): Promise<ExpertReviewer[]> {
    return (await this.db.query<ReviewerRow>(`${SELECT_REVIEWER} order by id`)).map(fromRow);
  }

  async get(id: string): Promise<ExpertReviewer | undefined> {
    const [row] = await this.db.query<ReviewerRow>(`${SELECT_REVIEWER} where id = $1`, [id]);
    return row ? fromRow(row) : undefined;
  }

  async importPanel(reviewers: ExpertReviewer[], actor: string) {
    return this.db.transaction(async (tx) => {
      const result = { added: [] as string[], updated: [] as string[], unchanged: [] as string[] };
      for (const reviewer of reviewers) {
        const [row] = await tx.query<ReviewerRow>(`${SELECT_REVIEWER} where id = $1 for update`, [reviewer.id]);
        const data = stored(reviewer);
        if (!row) {
          await tx.query("insert into reviewers (id, version, capacity, open_cases, data) values ($1, 1, $2, $3, $4::jsonb)", [
            reviewer.id,
            reviewer.capacity,
            reviewer.openCases,
            JSON.stringify(data),
          ]);
          await audit(tx, actor, "reviewer_added", "reviewer", reviewer.id, {
            record: { ...data, capacity: reviewer.capacity, openCases: reviewer.openCases },
          });
          result.added.push(reviewer.id);
          continue;
        }
        const before = { ...json(row.data), capacity: row.capacity } as Record<string, unknown>;
        const after = { ...data, capacity: reviewer.capacity } as Record<string, unknown>;
        const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => canonical(before[k]) !== canonical(after[k])).sort();
        if (changed.length === 0) {
          result.unchanged.push(reviewer.id);
          continue;
        }
        await tx.query("update reviewers set version = version + 1, capacity = $2, data = $3::jsonb, updated_at = now() where id = $1", [
          reviewer.id,
          reviewer.capacity,
          JSON.stringify(data),
        ]);
        await audit(tx, actor, "reviewer_updated", "reviewer", reviewer.id, {
          changed: Object.fromEntries(changed.map((k) => [k, { from: before[k] ?? null, to: after[k] ?? null }])),
        });
        result.updated.push(reviewer.id);
      }
      return result;
    });
  }

  async assignmentsFor(caseId: CaseId): Promise<ReviewerAssignment[]> {
    return (await this.db.query<AssignmentRow>(`${SELECT_ASSIGNMENT} where case_id = $1 order by id`, [caseId])).map(assignmentFromRow);
  }

  async reviewedWorkers(): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ reviewer_id: string; employee_key: string }>("select distinct reviewer_id, employee_key from reviewer_assignments");
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.reviewer_id, [...(map.get(r.reviewer_id) ?? []), r.employee_key]);
    return map;
  }

  async designate(
    caseId: CaseId,
    change: DesignationChange,
    actor: string,
  ): Promise<ReviewerAssignment[]> {
    return this.db.transaction(async (tx) => {
      const [locked] = await tx.query("select id from cases where id = $1 for update", [caseId]);
      if (!locked) throw new AppError("CASE_NOT_FOUND", `No case ${caseId}.`);
      if (change.expectNoneActive) {
        const active = await tx.query("select id from reviewer_assignments where case_id = $1 and ended_on is null", [caseId]);
        if (active.length > 0) throw new AppError("CASE_STATE_CONFLICT", `Case ${caseId} already has a reviewer; use reassign to change it.`);
      }
      for (const end of change.end ?? []) {
        const ended = await tx.query(
          "update reviewer_assignments set ended_on = $3, end_reason = $4, end_note = $5 where case_id = $1 and reviewer_id = $2 and ended_on is null returning id",
          [caseId, end.reviewerId, end.on, end.reason, end.note ?? null],
        );
        if (ended.length === 0) throw new AppError("CASE_STATE_CONFLICT", `Reviewer ${end.reviewerId} is not assigned to case ${caseId}.`);
        await tx.query("update reviewers set open_cases = greatest(open_cases - 1, 0), updated_at = now() where id = $1", [end.reviewerId]);
        await audit(tx, actor, "reviewer_removed", "case", caseId, {
          reviewerId: end.reviewerId,
          reason: end.reason,
          ...(end.note ? { note: end.note } : {}),
          on: end.on,
        });
        await audit(tx, actor, "case_ended", "reviewer", end.reviewerId, { caseId, reason: end.reason, on: end.on });
      }
      for (const add of change.add) {
        const took = await tx.query(
          "update reviewers set open_cases = open_cases + 1, updated_at = now() where id = $1 and open_cases < capacity returning id",
          [add.reviewerId],
        );
        if (took.length === 0) {
          const [exists] = await tx.query("select id from reviewers where id = $1", [add.reviewerId]);
          if (!exists) throw new AppError("REVIEWER_NOT_FOUND", `No reviewer ${add.reviewerId} on the panel.`);
          throw new AppError("REVIEWER_AT_CAPACITY", `Reviewer ${add.reviewerId} reached capacity while case ${caseId} was being assigned.`);
        }
        await tx.query(
          "insert into reviewer_assignments (case_id, reviewer_id, employee_key, items, assigned_on, why, approval) values ($1, $2, $3, $4::jsonb, $5, $6, $7)",
          [caseId, add.reviewerId, change.employeeKey, JSON.stringify(add.items), change.on, add.why, add.approval ?? null],
        );
        await audit(tx, actor, "reviewer_assigned", "case", caseId, {
          reviewerId: add.reviewerId,
          items: add.items,
          why: add.why,
          ...(add.approval ? { approval: add.approval } : {}),
          on: change.on,
        });
        await audit(tx, actor, "case_assigned", "reviewer", add.reviewerId, { caseId, on: change.on });
      }
      return (await tx.query<AssignmentRow>(`${SELECT_ASSIGNMENT} where case_id = $1 order by id`, [caseId])).map(assignmentFromRow);
    });
  }
}
