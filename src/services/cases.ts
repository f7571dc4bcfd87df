import { caseNotices, type Notice } from "../domain/case/notices.ts";
import { replay } from "../domain/case/state-machine.ts";
import type { Attachment, CaseEvent, CaseId, ImrCase, ItemDetermination, NoticeChannel, RecordsParty } from "../domain/case/types.ts";
import { type ClockStatus, caseClocks, type WorklistEntry, worklist } from "../domain/deadlines/clocks.ts";
import { daysBetween } from "../domain/shared/dates.ts";
import type { PlainDate } from "../domain/shared/types.ts";
import { AppError } from "./errors.ts";
import { auditFor, type DeadlineSettings } from "./intake.ts";
import type { AuditEntry, AuditRecord, AuditTrail, CaseStore, Clock } from "./ports.ts";

export type CaseView = { imrCase: ImrCase; deadlines: ClockStatus[]; notices: Notice[] };

/** Who acts, when (defaults to today) and, optionally, the version the caller read (optimistic concurrency). */
export type ActionOptions = { actor: string; on?: PlainDate; expectedVersion?: number };

/** The case use cases after intake: read, list by urgency, and every state change, each audited. */
export function makeCases(deps: { cases: CaseStore; audit: AuditTrail; clock: Clock; organisationName: string; settings?: DeadlineSettings }) {
  async function load(id: CaseId): Promise<ImrCase> {
    const imrCase = await deps.cases.get(id);
    if (!imrCase) throw new AppError("CASE_NOT_FOUND", `No case ${id}.`);
    return imrCase;
  }

  function view(imrCase: ImrCase, today = deps.clock.today()): CaseView {
    return { imrCase, deadlines: caseClocks(imrCase, today, deps.settings), notices: caseNotices(imrCase, deps.organisationName) };
  }

  /** Applies events to a case and saves it with one audit line per event, in one transaction. */
  async function apply(
    id: CaseId,
    makeEvents: (imrCase: ImrCase, on: PlainDate) => CaseEvent[],
    options: ActionOptions,
    amend?: { change: (imrCase: ImrCase) => ImrCase; audit: AuditEntry[] },
  ): Promise<CaseView> {
    const imrCase = await load(id);
    if (options.expectedVersion !== undefined && options.expectedVersion !== imrCase.version) {
      throw new AppError("CASE_STATE_CONFLICT", `Case ${id} is at version ${imrCase.version}, not ${options.expectedVersion}: it changed since you read it.`);
    }
    const today = deps.clock.today();
    const on = options.on ?? today;
    if (daysBetween(today, on) > 0)
      throw new AppError("INPUT_INVALID", `The date ${on} is after today (${today}).`, [
        { code: "INPUT_INVALID", message: "an event cannot be dated in the future", path: "on" },
      ]);
    const events = makeEvents(imrCase, on);
    const result = replay(imrCase, events);
    if (!result.ok) {
      const issues = result.issues.map((i) => ({ code: i.code, message: i.message, path: i.path ?? "(root)" }));
      const code = result.issues.some((i) => i.code === "TRANSITION_NOT_ALLOWED") ? "CASE_STATE_CONFLICT" : "INPUT_INVALID";
      throw new AppError(code, result.issues.map((i) => i.message).join(" "), issues);
    }
    const saved = await deps.cases.update(amend ? amend.change(result.value) : result.value, imrCase.version, [
      ...events.map((e) => auditFor(e, options.actor)),
      ...(amend?.audit ?? []),
    ]);
    return view(saved, today);
  }

  return {
    async get(id: CaseId, today?: PlainDate): Promise<CaseView> {
      return view(await load(id), today);
    },

    /** Open cases by urgency: most overdue first (see worklist). */
    async worklist(today?: PlainDate): Promise<WorklistEntry[]> {
      return worklist(await deps.cases.list(), today ?? deps.clock.today(), deps.settings);
    },

    async list(): Promise<ImrCase[]> {
      return deps.cases.list();
    },

    async auditTrail(id: CaseId): Promise<AuditRecord[]> {
      await load(id);
      return deps.audit.listFor("case", id);
    },

    withdraw(id: CaseId, options: ActionOptions & { reason?: string }) {
      return apply(id, (_c, on) => [{ type: "withdrawn", on, ...(options.reason ? { reason: options.reason } : {}) }], options);
    },

    /**
     * Records arrived from a party; `complete` (default: true from the claims administrator) starts the determination
     * clock. The records read from the files that came (`attachments`) are stored with the case in the same
     * transaction as the event and its audit lines.
     */
    recordsReceived(id: CaseId, options: ActionOptions & { from?: RecordsParty; complete?: boolean; attachments?: Attachment[] }) {
      const from = options.from ?? "claims_administrator";
      const added = options.attachments ?? [];
      const amend = added.length
        ? {
            change: (c: ImrCase): ImrCase => ({ ...c, application: { ...c.application, attachments: [...(c.application.attachments ?? []), ...added] } }),
            // File names can carry a worker's name: the audit line counts files and pages, it does not name them.
            audit: [{ actor: options.actor, action: "records_stored", detail: { files: added.length, pages: added.map((a) => a.pages ?? 1) } }],
          }
        : undefined;
      return apply(id, (_c, on) => [{ type: "records_received", on, from, complete: options.complete ?? from === "claims_administrator" }], options, amend);
    },

    liftDeferral(id: CaseId, options: ActionOptions & { note?: string }) {
      return apply(id, (_c, on) => [{ type: "deferral_lifted", on, ...(options.note ? { note: options.note } : {}) }], options);
    },

    /** Assigns an eligible case to the IMR organisation (issue 6 calls this before designating a reviewer). */
    assign(id: CaseId, options: ActionOptions & { noticeChannel?: NoticeChannel }) {
      return apply(id, (_c, on) => [{ type: "assigned", on, noticeChannel: options.noticeChannel ?? "electronic" }], options);
    },

    startReview(id: CaseId, options: ActionOptions) {
      return apply(id, (_c, on) => [{ type: "review_started", on }], options);
    },

    /** Records the determination of every disputed item; a case with complete records goes into review first. */
    decide(id: CaseId, items: ItemDetermination[], options: ActionOptions) {
      return apply(
        id,
        (c, on) => [...(c.status === "records_complete" ? [{ type: "review_started" as const, on }] : []), { type: "decided", on, items }],
        options,
      );
    },

    letterIssued(id: CaseId, options: ActionOptions) {
      return apply(id, (_c, on) => [{ type: "letter_issued", on }], options);
    },
  };
}

export type Cases = ReturnType<typeof makeCases>;
