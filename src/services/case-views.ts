import type { CaseView } from "./cases.ts";

/**
 * What a party to the case may see (LC §4610.6(f) keeps the reviewer's identity inside the IMR organisation):
 * the case's progress, the disputed items and their determinations, the deadlines and notices, and the reviewer's
 * qualifications paragraph. Screening internals and the audit log stay with staff.
 */
export function partyCaseView(view: CaseView, qualificationsStatements: string[]) {
  const c = view.imrCase;
  return {
    id: c.id,
    status: c.status,
    track: c.track,
    receivedDate: c.application.receivedDate,
    employee: c.application.employee.name,
    items: (c.application.urDecision?.items ?? []).map((i) => ({
      request: i.request,
      urDecision: i.decision,
      determination: c.determinations?.find((d) => d.request === i.request)?.determination ?? null,
    })),
    ...(c.decidedOn ? { decidedOn: c.decidedOn } : {}),
    deadlines: view.deadlines,
    notices: view.notices,
    reviewer: { qualifications: qualificationsStatements },
  };
}

/**
 * What the designated reviewer sees: the application and records needed to decide, the deadlines, and their own
 * qualifications paragraph. No other reviewer's record and no audit log.
 */
export function reviewerCaseView(view: CaseView, qualificationsStatements: string[]) {
  const c = view.imrCase;
  return {
    id: c.id,
    status: c.status,
    track: c.track,
    application: c.application,
    recordsReceived: c.recordsReceived,
    ...(c.recordsCompleteOn ? { recordsCompleteOn: c.recordsCompleteOn } : {}),
    ...(c.determinations ? { determinations: c.determinations } : {}),
    deadlines: view.deadlines,
    reviewer: { qualifications: qualificationsStatements },
  };
}
