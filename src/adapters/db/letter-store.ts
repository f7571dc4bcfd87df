import type { CaseId, ImrCase } from "../../domain/case/types.ts";
import type { FinalDeterminationLetter } from "../../domain/letter/model.ts";
import type { QaResult } from "../../domain/letter/qa-checks.ts";
import type { QaOverride, WorkingCopy } from "../../domain/letter/working-copy.ts";
import type { PlainDate } from "../../domain/shared/types.ts";
import { AppError } from "../../services/errors.ts";
import type { AuditEntry, IssuedLetter, LetterStore, PublishedLetter } from "../../services/ports.ts";
import { type Db, type Queryable, sqlState } from "./db.ts";

function json<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

async function appendAudit(tx: Queryable, caseId: string, entries: AuditEntry[]): Promise<void> {
  for (const entry of entries) {
    await tx.query("insert into audit_log (actor, action, entity_type, entity_id, detail) values ($1, $2, 'case', $3, $4::jsonb)", [
      entry.actor,
      entry.action,
      caseId,
      JSON.stringify(entry.detail ?? {}),
    ]);
  }
}

type IssuedRow = {
  case_id: string;
  issued_on: string;
  issued_by: string;
  letter: FinalDeterminationLetter | string;
  qa: QaResult[] | string;
  override: QaOverride | string | null;
};
type PublishedRow = { publication_number: string; case_id: string; published_on: string; letter: FinalDeterminationLetter | string };

function issuedFrom(row: IssuedRow): IssuedLetter {
  const issued: IssuedLetter = { caseId: row.case_id, issuedOn: row.issued_on, issuedBy: row.issued_by, letter: json(row.letter), qa: json(row.qa) };
  if (row.override) issued.override = json(row.override);
  return issued;
}

function publishedFrom(row: PublishedRow): PublishedLetter {
  return { publicationNumber: row.publication_number, caseId: row.case_id, publishedOn: row.published_on, letter: json(row.letter) };
}

/** Working copies, issued and published letters in their tables (migration 0020), each change with its audit lines. */
export class DbLetterStore implements LetterStore {
  constructor(private readonly db: Db) {}

  async getWorkingCopy(caseId: CaseId): Promise<WorkingCopy | undefined> {
    const [row] = await this.db.query<{ version: number; data: WorkingCopy | string }>("select version, data from review_working_copies where case_id = $1", [
      caseId,
    ]);
    return row ? { ...json(row.data), version: row.version } : undefined;
  }

  async saveWorkingCopy(copy: WorkingCopy, expectedVersion: number, audit: AuditEntry[]): Promise<WorkingCopy> {
    const saved = { ...copy, version: expectedVersion + 1 };
    try {
      await this.db.transaction(async (tx) => {
        if (expectedVersion === 0) {
          await tx.query("insert into review_working_copies (case_id, version, data) values ($1, 1, $2::jsonb)", [copy.caseId, JSON.stringify(saved)]);
        } else {
          const rows = await tx.query(
            "update review_working_copies set version = $3, data = $4::jsonb, updated_at = now() where case_id = $1 and version = $2 returning case_id",
            [copy.caseId, expectedVersion, saved.version, JSON.stringify(saved)],
          );
          if (rows.length === 0)
            throw new AppError(
              "REVIEW_CHANGED",
              `The working copy of case ${copy.caseId} changed since it was read (expected version ${expectedVersion}); read it again and retry.`,
            );
        }
        await appendAudit(tx, copy.caseId, audit);
      });
    } catch (error) {
      if (sqlState(error) === "23505")
        throw new AppError("REVIEW_CHANGED", `The working copy of case ${copy.caseId} was created by someone else meanwhile; read it again and retry.`);
      throw error;
    }
    return saved;
  }

  async issue(imrCase: ImrCase, expectedCaseVersion: number, issued: IssuedLetter, audit: AuditEntry[]): Promise<ImrCase> {
    const saved = { ...imrCase, version: expectedCaseVersion + 1 };
    try {
      await this.db.transaction(async (tx) => {
        const rows = await tx.query(
          "update cases set version = $3, status = $4, data = $5::jsonb, updated_at = now() where id = $1 and version = $2 returning id",
          [saved.id, expectedCaseVersion, saved.version, saved.status, JSON.stringify(saved)],
        );
        if (rows.length === 0)
          throw new AppError("CASE_STATE_CONFLICT", `Case ${saved.id} changed while the letter was being issued; nothing was issued. Try again.`);
        await tx.query(
          "insert into issued_letters (case_id, issued_on, issued_by, letter, qa, override) values ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb)",
          [
            issued.caseId,
            issued.issuedOn,
            issued.issuedBy,
            JSON.stringify(issued.letter),
            JSON.stringify(issued.qa),
            issued.override ? JSON.stringify(issued.override) : null,
          ],
        );
        await appendAudit(tx, saved.id, audit);
      });
    } catch (error) {
      if (sqlState(error) === "23505") throw new AppError("CASE_STATE_CONFLICT", `The letter of case ${saved.id} has already been issued.`);
      throw error;
    }
    return saved;
  }

  async getIssued(caseId: CaseId): Promise<IssuedLetter | undefined> {
    const [row] = await this.db.query<IssuedRow>("select case_id, issued_on, issued_by, letter, qa, override from issued_letters where case_id = $1", [caseId]);
    return row ? issuedFrom(row) : undefined;
  }

  async publish(
    caseId: CaseId,
    publishedOn: PlainDate,
    make: (publicationNumber: string) => FinalDeterminationLetter,
    audit: AuditEntry[],
  ): Promise<PublishedLetter> {
    try {
      return await this.db.transaction(async (tx) => {
        const [seq] = await tx.query<{ n: number }>("select nextval('publication_numbers')::int as n");
        const publicationNumber = `P-${publishedOn.slice(0, 4)}-${String(seq!.n).padStart(6, "0")}`;
        const letter = make(publicationNumber);
        await tx.query("insert into published_letters (publication_number, case_id, published_on, letter) values ($1, $2, $3, $4::jsonb)", [
          publicationNumber,
          caseId,
          publishedOn,
          JSON.stringify(letter),
        ]);
        await appendAudit(
          tx,
          caseId,
          audit.map((a) => ({ ...a, detail: { ...a.detail, publicationNumber } })),
        );
        return { publicationNumber, caseId, publishedOn, letter };
      });
    } catch (error) {
      if (sqlState(error) === "23505") throw new AppError("CASE_STATE_CONFLICT", `The letter of case ${caseId} has already been published.`);
      throw error;
    }
  }

  async getPublishedByCase(caseId: CaseId): Promise<PublishedLetter | undefined> {
    const [row] = await this.db.query<PublishedRow>("select publication_number, case_id, published_on, letter from published_letters where case_id = $1", [
      caseId,
    ]);
    return row ? publishedFrom(row) : undefined;
  }

  async getPublished(publicationNumber: string): Promise<PublishedLetter | undefined> {
    const [row] = await this.db.query<PublishedRow>(
      "select publication_number, case_id, published_on, letter from published_letters where publication_number = $1",
      [publicationNumber],
    );
    return row ? publishedFrom(row) : undefined;
  }
}
