import { daysBetween } from "../shared/dates.ts";
import { fail, type Issue, ok, type PlainDate, type Result } from "../shared/types.ts";
import type { Application, CaseEvent, CaseEventType, CaseId, CaseStatus, ImrCase, Track } from "./types.ts";

/**
 * Which event may happen in which status (imr-process.md §3): received → screened → eligible | ineligible →
 * assigned → records complete → in review → decided → letter issued; withdrawn at any point before the decision.
 * "screened" is where a case waits when its eligibility is deferred (8 CCR §9792.10.3(d)).
 */
export const ALLOWED_FROM: Record<Exclude<CaseEventType, "received">, readonly CaseStatus[]> = {
  screened: ["received"],
  deferral_lifted: ["screened"],
  assigned: ["eligible"],
  records_received: ["assigned", "records_complete", "in_review"],
  review_started: ["records_complete"],
  decided: ["in_review"],
  letter_issued: ["decided"],
  withdrawn: ["received", "screened", "eligible", "assigned", "records_complete", "in_review"],
};

/** The statuses in which nothing more happens to a case. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ["ineligible", "letter_issued", "withdrawn"];

/** The review track the application asks for: expedited when the form's Expedited box is checked (imr-process.md §6.4, §15). */
export function trackOf(application: Application): Track {
  return application.expedited ? "expedited" : "standard";
}

/** A new case for an application that has just been received. */
export function openCase(id: CaseId, application: Application): ImrCase {
  return {
    id,
    version: 0,
    status: "received",
    track: trackOf(application),
    application,
    recordsReceived: [],
    events: [{ type: "received", on: application.receivedDate }],
  };
}

function refuse(imrCase: ImrCase, event: CaseEvent): Issue {
  const allowed = event.type === "received" ? [] : ALLOWED_FROM[event.type];
  const where = allowed.length ? ` (allowed when the case is ${allowed.map((s) => s.replace(/_/g, " ")).join(", ")})` : "";
  return {
    code: "TRANSITION_NOT_ALLOWED",
    message: `Case ${imrCase.id} is ${imrCase.status.replace(/_/g, " ")}: "${event.type.replace(/_/g, " ")}" cannot happen now${where}.`,
  };
}

/**
 * Applies one event to a case and returns the case after it, or the issues that forbid it. The case passed in
 * is not changed; the version is left to the store, which bumps it when it saves.
 */
export function transition(imrCase: ImrCase, event: CaseEvent): Result<ImrCase> {
  if (event.type === "received" || !ALLOWED_FROM[event.type].includes(imrCase.status)) return fail([refuse(imrCase, event)]);
  const last = imrCase.events[imrCase.events.length - 1];
  if (last && daysBetween(last.on, event.on) < 0) {
    return fail([
      {
        code: "EVENT_DATE_OUT_OF_ORDER",
        message: `"${event.type.replace(/_/g, " ")}" is dated ${event.on}, before the case's last event (${last.type.replace(/_/g, " ")} on ${last.on}).`,
        path: "on",
      },
    ]);
  }
  const next: ImrCase = { ...imrCase, events: [...imrCase.events, event] };
  switch (event.type) {
    case "screened": {
      next.eligibility = event.eligibility;
      next.status = event.eligibility.eligible ? "eligible" : event.eligibility.deferred ? "screened" : "ineligible";
      if (event.eligibility.eligible) next.eligibleOn = event.on;
      return ok(next);
    }
    case "deferral_lifted":
      return ok({ ...next, status: "eligible", eligibleOn: event.on });
    case "assigned":
      return ok({ ...next, status: "assigned", assignment: { on: event.on, noticeChannel: event.noticeChannel } });
    case "records_received": {
      next.recordsReceived = [...imrCase.recordsReceived, { on: event.on, from: event.from, complete: event.complete }];
      if (event.complete && imrCase.status === "assigned") {
        next.status = "records_complete";
        next.recordsCompleteOn = event.on;
      }
      return ok(next);
    }
    case "review_started":
      return ok({ ...next, status: "in_review", reviewStartedOn: event.on });
    case "decided": {
      const issues = checkDeterminations(imrCase, event.items);
      if (issues.length) return fail(issues);
      return ok({ ...next, status: "decided", determinations: event.items, decidedOn: event.on });
    }
    case "letter_issued":
      return ok({ ...next, status: "letter_issued", letterIssuedOn: event.on });
    case "withdrawn":
      return ok({ ...next, status: "withdrawn", withdrawnOn: event.on });
  }
}

/** Applies events in order, stopping at the first one that is refused. */
export function replay(imrCase: ImrCase, events: CaseEvent[]): Result<ImrCase> {
  let current = imrCase;
  for (const event of events) {
    const result = transition(current, event);
    if (!result.ok) return result;
    current = result.value;
  }
  return ok(current);
}

/** 8 CCR §9792.10.6: the determination answers every disputed item, each once. */
function checkDeterminations(imrCase: ImrCase, items: { request: string }[]): Issue[] {
  const disputed = (imrCase.application.urDecision?.items ?? []).map((i) => normalizeRequest(i.request));
  const given = items.map((i) => normalizeRequest(i.request));
  const issues: Issue[] = [];
  given.forEach((request, index) => {
    if (!disputed.includes(request)) {
      issues.push({
        code: "DECISION_ITEMS_MISMATCH",
        message: `"${items[index]!.request}" is not a disputed item of case ${imrCase.id}.`,
        path: `items.${index}.request`,
      });
    } else if (given.indexOf(request) !== index) {
      issues.push({ code: "DECISION_ITEMS_MISMATCH", message: `"${items[index]!.request}" is decided twice.`, path: `items.${index}.request` });
    }
  });
  (imrCase.application.urDecision?.items ?? []).forEach((item, index) => {
    if (!given.includes(normalizeRequest(item.request))) {
      issues.push({ code: "DECISION_ITEMS_MISMATCH", message: `The disputed item "${item.request}" has no determination.`, path: `items.${index}` });
    }
  });
  return issues;
}

/** A request as compared between documents: case, spacing and trailing punctuation do not matter. */
export function normalizeRequest(request: string): string {
  return request
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[.;,]+$/, "")
    .trim();
}

/** Whether a case is still open (its clocks still run). */
export function isOpen(imrCase: ImrCase): boolean {
  return !CLOSED_STATUSES.includes(imrCase.status);
}

/** The day a case reached its current status. */
export function lastEventDate(imrCase: ImrCase): PlainDate {
  return imrCase.events[imrCase.events.length - 1]!.on;
}
