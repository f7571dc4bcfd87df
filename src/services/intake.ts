import { duplicateKey, employeeKey } from "../domain/case/duplicate-key.ts";
import { caseNotices, type Notice } from "../domain/case/notices.ts";
import { openCase, replay } from "../domain/case/state-machine.ts";
import type { Application, CaseEvent, Eligibility, ImrCase, NoticeChannel, Track } from "../domain/case/types.ts";
import { type ClockStatus, caseClocks } from "../domain/deadlines/clocks.ts";
import type { PriorCase, ScreeningContext } from "../domain/eligibility/rules.ts";
import { screenEligibility } from "../domain/eligibility/screen.ts";
import { daysBetween } from "../domain/shared/dates.ts";
import type { PlainDate } from "../domain/shared/types.ts";
import { AppError } from "./errors.ts";
import type { AuditEntry, CaseIds, CaseStore, Clock } from "./ports.ts";

export type DeadlineSettings = { expeditedDeterminationDays?: number };

/** What `case screen` and POST /screenings answer: eligibility with its reasons, the track and the deadlines. */
export type ScreeningReport = { eligibility: Eligibility; track: Track; screenedOn: PlainDate; deadlines: ClockStatus[] };

export type CreatedCase = { imrCase: ImrCase; deadlines: ClockStatus[]; notices: Notice[] };

function auditFor(event: CaseEvent, actor: string): AuditEntry {
  const { type, ...detail } = event;
  if (type === "screened") {
    const e = event as Extract<CaseEvent, { type: "screened" }>;
    return {
      actor,
      action: type,
      detail: { on: e.on, eligible: e.eligibility.eligible, deferred: e.eligibility.deferred, reasons: e.eligibility.reasons.map((r) => r.code) },
    };
  }
  return { actor, action: type, detail };
}

/** Intake: an application in; screened for eligibility; stored as a case, assigned when eligible. */
export function makeIntake(deps: { cases: CaseStore; clock: Clock; ids: CaseIds; organisationName: string; settings?: DeadlineSettings }) {
  async function contextFor(application: Application): Promise<ScreeningContext> {
    const duplicate = await deps.cases.findDuplicate(duplicateKey(application));
    const priorCases: PriorCase[] = (await deps.cases.findByEmployee(employeeKey(application))).map((c) => ({
      id: c.id,
      status: c.status,
      ...(c.decidedOn ? { decidedOn: c.decidedOn } : {}),
      requests: (c.application.urDecision?.items ?? []).map((i) => i.request),
    }));
    return { ...(duplicate ? { duplicateOf: duplicate.id } : {}), priorCases };
  }

  function checkDates(application: Application, today: PlainDate): void {
    if (daysBetween(today, application.receivedDate) > 0) {
      throw new AppError("INPUT_INVALID", `receivedDate ${application.receivedDate} is after today (${today}).`, [
        { code: "INPUT_INVALID", message: "the application cannot be received in the future", path: "receivedDate" },
      ]);
    }
    const ur = application.urDecision;
    if (ur && daysBetween(ur.date, application.receivedDate) < 0) {
      throw new AppError("INPUT_INVALID", `receivedDate ${application.receivedDate} is before the UR decision (${ur.date}).`, [
        { code: "INPUT_INVALID", message: "the application cannot be received before the UR decision", path: "receivedDate" },
      ]);
    }
  }

  /** The events of intake: received, screened on `on`, and assigned the same day when eligible. */
  function intakeEvents(eligibility: Eligibility, on: PlainDate, noticeChannel: NoticeChannel): CaseEvent[] {
    const events: CaseEvent[] = [{ type: "screened", on, eligibility }];
    if (eligibility.eligible) events.push({ type: "assigned", on, noticeChannel });
    return events;
  }

  function build(id: string, application: Application, eligibility: Eligibility, on: PlainDate, noticeChannel: NoticeChannel): ImrCase {
    const result = replay(openCase(id, application), intakeEvents(eligibility, on, noticeChannel));
    if (!result.ok)
      throw new AppError(
        "INPUT_INVALID",
        result.issues.map((i) => i.message).join(" "),
        result.issues.map((i) => ({ code: i.code, message: i.message, path: i.path ?? "(root)" })),
      );
    return result.value;
  }

  return {
    /**
     * Screens an application without storing anything. The deadlines are those the case would have if it were
     * screened (and, when eligible, assigned with an electronic notice) on `on`.
     */
    async screen(application: Application, options: { on?: PlainDate; noticeChannel?: NoticeChannel } = {}): Promise<ScreeningReport> {
      const today = deps.clock.today();
      const on = options.on ?? (daysBetween(application.receivedDate, today) >= 0 ? today : application.receivedDate);
      const eligibility = screenEligibility(application, await contextFor(application));
      const projected = build("(not stored)", application, eligibility, on, options.noticeChannel ?? "electronic");
      return { eligibility, track: projected.track, screenedOn: on, deadlines: caseClocks(projected, today, deps.settings) };
    },

    /** Receives an application: screens it, stores the case with its audit lines in one transaction, assigns it when eligible. */
    async create(application: Application, options: { actor: string; on?: PlainDate; noticeChannel?: NoticeChannel }): Promise<CreatedCase> {
      const today = deps.clock.today();
      const on = options.on ?? today;
      checkDates(application, on);
      const eligibility = screenEligibility(application, await contextFor(application));
      if (eligibility.reasons.some((r) => r.effect === "duplicate")) {
        throw new AppError(
          "APPLICATION_DUPLICATE",
          eligibility.reasons[0]!.message,
          eligibility.reasons.map((r) => ({ code: r.code, message: r.message })),
        );
      }
      const imrCase = build(deps.ids.newCaseId(application.receivedDate), application, eligibility, on, options.noticeChannel ?? "electronic");
      const saved = await deps.cases.create(
        imrCase,
        imrCase.events.map((e) => auditFor(e, options.actor)),
      );
      return { imrCase: saved, deadlines: caseClocks(saved, today, deps.settings), notices: caseNotices(saved, deps.organisationName) };
    },
  };
}

export type Intake = ReturnType<typeof makeIntake>;
export { auditFor };
