import type { CaseId, CaseStatus, ImrCase } from "../domain/case/types.ts";
import type { ExpertReviewer } from "../domain/reviewers/types.ts";
import type { PlainDate } from "../domain/shared/types.ts";
import type { FinalDeterminationLetter } from "../domain/letter/model.ts";
import type { QaResult } from "../domain/letter/qa-checks.ts";
import type { QaOverride, WorkingCopy } from "../domain/letter/working-copy.ts";

/** Today and now, from outside: a test can stand on any date, a holiday weekend included. */
export interface Clock {
  today(): PlainDate;
  now(): Date;
}

/** A line to append to the audit log: who did what (the entity is the one being saved). */
export type AuditEntry = { actor: string; action: string; detail?: Record<string, unknown> };

/** A line of the audit log as stored. */
export type AuditRecord = AuditEntry & { id: number; at: string; entityType: string; entityId: string; detail: Record<string, unknown> };

/**
 * Where cases live. Every change is one transaction with its audit lines; a case never appears half-written.
 */
export interface CaseStore {
  get(id: CaseId): Promise<ImrCase | undefined>;
  list(filter?: { statuses?: CaseStatus[] }): Promise<ImrCase[]>;
  /** The open case (not withdrawn, not ineligible) holding the same application, if any (see duplicateKey). */
  findDuplicate(duplicateKey: string): Promise<ImrCase | undefined>;
  /** Every case of the same employee and date of injury (see employeeKey). */
  findByEmployee(employeeKey: string): Promise<ImrCase[]>;
  /** Saves a new case as version 1; APPLICATION_DUPLICATE when the same application is already open. */
  create(imrCase: ImrCase, audit: AuditEntry[]): Promise<ImrCase>;
  /** Saves a changed case as version expectedVersion + 1; CASE_STATE_CONFLICT when someone saved it first. */
  update(imrCase: ImrCase, expectedVersion: number, audit: AuditEntry[]): Promise<ImrCase>;
}

/** Reading the audit log. There is no way to change or delete a line. */
export interface AuditTrail {
  listFor(entityType: string, entityId: string): Promise<AuditRecord[]>;
}

export interface CaseIds {
  newCaseId(receivedOn: PlainDate): CaseId;
}

/** A reviewer designated to a case (issue 6); `endedOn` is set when the reviewer declined or was removed. */
export type ReviewerAssignment = {
  id: number;
  caseId: CaseId;
  reviewerId: string;
  items: string[];
  assignedOn: PlainDate;
  why: string;
  approval?: string;
  endedOn?: PlainDate;
  endReason?: "declined" | "conflict" | "removed";
  endNote?: string;
};

/** A new designation to store: the case, the reviewer, the items and why (see AssignmentStore.designate). */
export type NewAssignment = { reviewerId: string; items: string[]; why: string; approval?: string };

/**
 * The reviewer panel and the designations of reviewers to cases. Every change is one transaction with its audit
 * lines. open_cases moves with designations: +1 when designated, -1 when the designation ends.
 */
/** One change to a case's designated reviewers: reviewers leaving (with why) and reviewers added, on a date. */
export type DesignationChange = {
  end?: { reviewerId: string; on: PlainDate; reason: "declined" | "conflict" | "removed"; note?: string }[];
  add: NewAssignment[];
  on: PlainDate;
  employeeKey: string;
  expectNoneActive?: boolean;
};

export interface PanelStore {
  list(): Promise<ExpertReviewer[]>;
  get(id: string): Promise<ExpertReviewer | undefined>;
  /** Adds or updates every reviewer in one transaction (an existing reviewer keeps its open-case count). */
  importPanel(reviewers: ExpertReviewer[], actor: string): Promise<{ added: string[]; updated: string[]; unchanged: string[] }>;
  assignmentsFor(caseId: CaseId): Promise<ReviewerAssignment[]>;
  /** Keys of the workers (employeeKey) each reviewer was designated to before. */
  reviewedWorkers(): Promise<Map<string, string[]>>;
  /**
   * Ends the designations named in `end` and adds `add`, in one transaction, with the case row locked so two
   * assignments of one case cannot both succeed. REVIEWER_AT_CAPACITY when a reviewer filled up meanwhile.
   */
  designate(
    caseId: CaseId,
    change: DesignationChange,
    actor: string,
  ): Promise<ReviewerAssignment[]>;
}

export type Role = "staff" | "reviewer" | "party";
export type StaffRole = "intake" | "medical-director" | "admin";
export type PartyKind = "employee" | "representative" | "claims-administrator" | "treating-physician";

/** A user account: staff of the IMR organisation, a panel reviewer, or a party to one case. */
export type User = {
  id: string;
  username: string;
  role: Role;
  staffRole?: StaffRole;
  reviewerId?: string;
  caseId?: CaseId;
  partyKind?: PartyKind;
  disabled: boolean;
};

export interface UserStore {
  create(user: User, passwordHash: string, actor: string): Promise<User>;
  findByUsername(username: string): Promise<{ user: User; passwordHash: string } | undefined>;
  get(id: string): Promise<User | undefined>;
  list(): Promise<User[]>;
  createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void>;
  /** The session's user when the session exists and has not expired at `now`. */
  sessionUser(tokenHash: string, now: Date): Promise<User | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
}

/** Hashes and checks passwords with a memory-hard function; makes and digests session tokens. */
export interface Secrets {
  hashPassword(password: string): Promise<string>;
  verifyPassword(password: string, stored: string): Promise<boolean>;
  newToken(): string;
  digestToken(token: string): string;
}

/** A Final Determination Letter as issued to the parties, with the QA results it issued on and any override. */
export type IssuedLetter = { caseId: CaseId; letter: FinalDeterminationLetter; issuedOn: PlainDate; issuedBy: string; qa: QaResult[]; override?: QaOverride };

/** The redacted copy of an issued letter that the public reads. */
export type PublishedLetter = { publicationNumber: string; caseId: CaseId; publishedOn: PlainDate; letter: FinalDeterminationLetter };

/**
 * The reviewer's working copies, the issued letters and the published copies (issue 7). Every change is one
 * transaction with its audit lines (entity "case").
 */
export interface LetterStore {
  getWorkingCopy(caseId: CaseId): Promise<WorkingCopy | undefined>;
  /** Saves a working copy as version expectedVersion + 1 (0 for a new one); REVIEW_CHANGED when someone saved it first. */
  saveWorkingCopy(copy: WorkingCopy, expectedVersion: number, audit: AuditEntry[]): Promise<WorkingCopy>;
  /** In one transaction: the case (decided, letter issued) saved over expectedCaseVersion, the issued letter and the audit lines. */
  issue(imrCase: ImrCase, expectedCaseVersion: number, issued: IssuedLetter, audit: AuditEntry[]): Promise<ImrCase>;
  getIssued(caseId: CaseId): Promise<IssuedLetter | undefined>;
  /** Stores the published copy under a new publication number made from the year, with its audit lines. */
  publish(caseId: CaseId, publishedOn: PlainDate, make: (publicationNumber: string) => FinalDeterminationLetter, audit: AuditEntry[]): Promise<PublishedLetter>;
  getPublishedByCase(caseId: CaseId): Promise<PublishedLetter | undefined>;
  getPublished(publicationNumber: string): Promise<PublishedLetter | undefined>;
}
