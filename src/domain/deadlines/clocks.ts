import { isOpen } from "../case/state-machine.ts";
import type { ImrCase, Track } from "../case/types.ts";
import { addDays, daysBetween } from "../shared/dates.ts";
import type { PlainDate } from "../shared/types.ts";
import { FILING_WINDOW_DAYS } from "../eligibility/rules.ts";
import { addBusinessDays } from "./california-holidays.ts";

/** "calendar_day" counts every day; "business_day" skips weekends and state holidays; "hour" clocks are due the next day. */
export type ClockUnit = "calendar_day" | "business_day" | "hour";

/** How sure the source is (imr-process.md §0.1): R read in the regulation, D official page, 2 secondary source only. */
export type Confidence = "R" | "D" | "2";

/** One row of the master deadline table (imr-process.md §14), as data. */
export type ClockRule = {
  code: string;
  obligation: string;
  actor: "employee" | "IMRO" | "claims administrator";
  startsWhen: string;
  amount: number;
  unit: ClockUnit;
  /** Optional obligations (a window the party may use) are never "overdue". */
  optional?: boolean;
  citation: string;
  confidence: Confidence;
  appliesTo(imrCase: ImrCase): boolean;
  startedOn(imrCase: ImrCase): PlainDate | undefined;
  metOn(imrCase: ImrCase): PlainDate | undefined;
};

const track = (t: Track) => (c: ImrCase) => c.track === t;
const firstRecordsFrom = (from: string) => (c: ImrCase) => c.recordsReceived.find((r) => r.from === from)?.on;
const isFormularyDispute = (c: ImrCase) =>
  c.application.formularyDispute === true && daysBetween("2018-01-01", c.application.urDecision?.date ?? "1900-01-01") >= 0;

/** The IMR clocks (imr-process.md §8, §9, §11.2, §14); the expedited determination period is configurable (§21.1). */
export function clockRules(settings: { expeditedDeterminationDays?: number } = {}): ClockRule[] {
  return [
    {
      code: "APPLICATION_FILING",
      obligation: "Application for IMR received",
      actor: "employee",
      startsWhen: "service of the written UR decision",
      amount: FILING_WINDOW_DAYS,
      unit: "calendar_day",
      citation: "8 CCR §9792.10.1(b)(1)",
      confidence: "R",
      appliesTo: (c) => c.application.urDecision !== undefined,
      startedOn: (c) => c.application.urDecision?.servedDate ?? c.application.urDecision?.date,
      metOn: (c) => c.application.receivedDate,
    },
    {
      code: "NOTICE_OF_ASSIGNMENT",
      obligation: "Notice of Assignment and Request for Information sent",
      actor: "IMRO",
      startsWhen: "the eligibility finding",
      amount: 1,
      unit: "business_day",
      citation: "8 CCR §9792.10.4(b)",
      confidence: "R",
      appliesTo: () => true,
      startedOn: (c) => c.eligibleOn,
      metOn: (c) => c.assignment?.on,
    },
    {
      code: "RECORDS_FROM_CLAIMS_ADMINISTRATOR",
      obligation: "Medical records received from the claims administrator (notice mailed)",
      actor: "claims administrator",
      startsWhen: "mailing of the Notice of Assignment",
      amount: 15,
      unit: "calendar_day",
      citation: "8 CCR §9792.10.5(a)(1)",
      confidence: "R",
      appliesTo: (c) => c.track === "standard" && c.assignment?.noticeChannel !== "electronic",
      startedOn: (c) => c.assignment?.on,
      metOn: firstRecordsFrom("claims_administrator"),
    },
    {
      code: "RECORDS_FROM_CLAIMS_ADMINISTRATOR",
      obligation: "Medical records received from the claims administrator (notice sent electronically)",
      actor: "claims administrator",
      startsWhen: "electronic sending of the Notice of Assignment",
      amount: 12,
      unit: "calendar_day",
      citation: "8 CCR §9792.10.5(a)(1)",
      confidence: "R",
      appliesTo: (c) => c.track === "standard" && c.assignment?.noticeChannel === "electronic",
      startedOn: (c) => c.assignment?.on,
      metOn: firstRecordsFrom("claims_administrator"),
    },
    {
      code: "RECORDS_FROM_CLAIMS_ADMINISTRATOR",
      obligation: "Medical records received from the claims administrator (expedited)",
      actor: "claims administrator",
      startsWhen: "receipt of the Notice of Assignment",
      amount: 24,
      unit: "hour",
      citation: "8 CCR §9792.10.5(a)(1)",
      confidence: "R",
      appliesTo: track("expedited"),
      startedOn: (c) => c.assignment?.on,
      metOn: firstRecordsFrom("claims_administrator"),
    },
    {
      code: "RECORDS_FROM_EMPLOYEE",
      obligation: "Documents from the employee or requesting physician (optional; reported to share the claims administrator's window)",
      actor: "employee",
      startsWhen: "the Notice of Assignment",
      amount: 15,
      unit: "calendar_day",
      optional: true,
      citation: "8 CCR §9792.10.5(b)-(c) (window reported by a secondary source, imr-process.md §9.2)",
      confidence: "2",
      appliesTo: track("standard"),
      startedOn: (c) => c.assignment?.on,
      metOn: firstRecordsFrom("employee"),
    },
    {
      code: "DETERMINATION",
      obligation: "Final determination (standard review)",
      actor: "IMRO",
      startsWhen: "receipt of the request and its supporting documentation (records complete)",
      amount: 30,
      unit: "calendar_day",
      citation: "Labor Code §4610.6(d)(1)(B)",
      confidence: "R",
      appliesTo: (c) => c.track === "standard" && !isFormularyDispute(c),
      startedOn: (c) => c.recordsCompleteOn,
      metOn: (c) => c.decidedOn,
    },
    {
      code: "DETERMINATION",
      obligation: "Final determination (formulary drug dispute)",
      actor: "IMRO",
      startsWhen: "receipt of the request and its supporting documentation (records complete)",
      amount: 5,
      unit: "business_day",
      citation: "Labor Code §4610.6(d)(1)(A)",
      confidence: "R",
      appliesTo: (c) => c.track === "standard" && isFormularyDispute(c),
      startedOn: (c) => c.recordsCompleteOn,
      metOn: (c) => c.decidedOn,
    },
    {
      code: "DETERMINATION",
      obligation: "Final determination (expedited review)",
      actor: "IMRO",
      startsWhen: "receipt of the information (records complete)",
      amount: settings.expeditedDeterminationDays ?? 3,
      unit: "calendar_day",
      citation: "Labor Code §4610.6(d) (3 days as reported; imr-process.md §21.1 keeps it configurable)",
      confidence: "2",
      appliesTo: track("expedited"),
      startedOn: (c) => c.recordsCompleteOn,
      metOn: (c) => c.decidedOn,
    },
  ];
}

/** The due date of a clock started on `start`. Day clocks count from day zero = the starting day (imr-process.md §0.2). */
export function dueDate(start: PlainDate, amount: number, unit: ClockUnit): PlainDate {
  if (unit === "business_day") return addBusinessDays(start, amount);
  if (unit === "hour") return addDays(start, Math.ceil(amount / 24));
  return addDays(start, amount);
}

export type ClockState = "not_started" | "running" | "overdue" | "met" | "met_late" | "open" | "closed" | "stopped";

export type ClockStatus = {
  code: string;
  obligation: string;
  actor: ClockRule["actor"];
  amount: number;
  unit: ClockUnit;
  citation: string;
  confidence: Confidence;
  optional: boolean;
  startedOn: PlainDate | null;
  dueOn: PlainDate | null;
  metOn: PlainDate | null;
  state: ClockState;
  /** Days until due (negative when overdue); null when the clock is not running. */
  daysLeft: number | null;
  /** "due in 3 days", "overdue by 2 days", "due today", "met 2015-03-01", "starts at ...". */
  text: string;
};

function days(n: number): string {
  return `${n} day${n === 1 ? "" : "s"}`;
}

/** "due in N days" / "due today" / "overdue by N days". */
export function describeDue(daysLeft: number): string {
  if (daysLeft === 0) return "due today";
  return daysLeft > 0 ? `due in ${days(daysLeft)}` : `overdue by ${days(-daysLeft)}`;
}

/**
 * Every clock that applies to a case, with its status on `today`.
 * A clock stops when its obligation is met, or when the case is closed (withdrawn, ineligible, letter issued).
 */
export function caseClocks(imrCase: ImrCase, today: PlainDate, settings: { expeditedDeterminationDays?: number } = {}): ClockStatus[] {
  return clockRules(settings)
    .filter((rule) => rule.appliesTo(imrCase))
    .filter((rule) => rule.code !== "NOTICE_OF_ASSIGNMENT" || imrCase.eligibleOn !== undefined)
    .map((rule) => {
      const startedOn = rule.startedOn(imrCase) ?? null;
      const metOn = startedOn ? (rule.metOn(imrCase) ?? null) : null;
      const dueOn = startedOn ? dueDate(startedOn, rule.amount, rule.unit) : null;
      const base = {
        code: rule.code,
        obligation: rule.obligation,
        actor: rule.actor,
        amount: rule.amount,
        unit: rule.unit,
        citation: rule.citation,
        confidence: rule.confidence,
        optional: rule.optional === true,
        startedOn,
        dueOn,
        metOn,
      };
      if (!startedOn || !dueOn) return { ...base, state: "not_started" as const, daysLeft: null, text: `starts at ${rule.startsWhen}` };
      if (metOn) {
        const late = daysBetween(dueOn, metOn);
        return {
          ...base,
          state: late > 0 ? ("met_late" as const) : ("met" as const),
          daysLeft: null,
          text: late > 0 ? `met ${metOn}, ${days(late)} late` : `met ${metOn}`,
        };
      }
      const daysLeft = daysBetween(today, dueOn);
      if (!isOpen(imrCase)) return { ...base, state: "stopped" as const, daysLeft: null, text: `stopped: case ${imrCase.status.replace(/_/g, " ")}` };
      if (rule.optional)
        return daysLeft >= 0
          ? { ...base, state: "open" as const, daysLeft, text: `window open, closes ${dueOn}` }
          : { ...base, state: "closed" as const, daysLeft: null, text: `window closed ${dueOn}` };
      return { ...base, state: daysLeft < 0 ? ("overdue" as const) : ("running" as const), daysLeft, text: describeDue(daysLeft) };
    });
}

/** The running obligation that is due first, or undefined when no clock runs. */
export function mostUrgentClock(clocks: ClockStatus[]): ClockStatus | undefined {
  return clocks.filter((c) => (c.state === "running" || c.state === "overdue") && !c.optional).sort((a, b) => a.daysLeft! - b.daysLeft!)[0];
}

export type WorklistEntry = { imrCase: ImrCase; clock: ClockStatus | undefined; text: string };

/**
 * Open cases in order of urgency: the most overdue first, then the soonest due; on a tie expedited before standard,
 * then the earliest received. Cases with no clock running (deferred, decided awaiting the letter) come last.
 */
export function worklist(cases: ImrCase[], today: PlainDate, settings: { expeditedDeterminationDays?: number } = {}): WorklistEntry[] {
  return cases
    .filter(isOpen)
    .map((imrCase) => {
      const clock = mostUrgentClock(caseClocks(imrCase, today, settings));
      return { imrCase, clock, text: clock ? `${clock.obligation}: ${clock.text} (${clock.dueOn})` : "no clock running" };
    })
    .sort((a, b) => {
      const da = a.clock?.daysLeft ?? Number.POSITIVE_INFINITY;
      const db = b.clock?.daysLeft ?? Number.POSITIVE_INFINITY;
      if (da !== db) return da - db;
      if (a.imrCase.track !== b.imrCase.track) return a.imrCase.track === "expedited" ? -1 : 1;
      return a.imrCase.application.receivedDate.localeCompare(b.imrCase.application.receivedDate) || a.imrCase.id.localeCompare(b.imrCase.id);
    });
}
