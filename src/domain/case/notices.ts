import { formatUsDate } from "../shared/dates.ts";
import type { PlainDate } from "../shared/types.ts";
import { caseClocks } from "../deadlines/clocks.ts";
import type { ImrCase } from "./types.ts";

/** A notice the IMR organisation sends: to whom, on which day, what it says, and the rule that requires it. */
export type Notice = {
  kind: "notice_of_assignment" | "ineligibility_notice";
  date: PlainDate;
  title: string;
  recipients: string[];
  lines: string[];
  citation: string;
};

/** 8 CCR §9792.10.5(a)(1)(A)-(D): what the claims administrator must send with the records. */
export const RECORDS_REQUESTED = [
  "Every report of the requesting physician relevant to the current condition from the six months before the Request for Authorization, including those named in the RFA or the UR determination.",
  "A copy of the DWC Form IMR that came with the UR determination (without the determination or the form's instructions).",
  "All information, correspondence included, given to the employee about the UR decision (other than the written determination).",
  "Any materials the employee or the provider sent the claims administrator in support of the request.",
];

function recipients(imrCase: ImrCase, withClaimsAdministrator: boolean): string[] {
  const a = imrCase.application;
  return [
    `Employee: ${a.employee.name}`,
    a.representative && `Employee's representative: ${a.representative.name}`,
    a.employer && `Employer: ${a.employer.name}`,
    a.treatingPhysician && `Requesting physician: ${a.treatingPhysician.name}`,
    withClaimsAdministrator && a.claimsAdministrator && `Claims administrator: ${a.claimsAdministrator.name}`,
  ].filter((r): r is string => Boolean(r));
}

/**
 * The Notice of Assignment and Request for Information, sent within one business day of the eligibility finding
 * (8 CCR §9792.10.4(b)); undefined until the case is assigned.
 */
export function noticeOfAssignment(imrCase: ImrCase, organisationName: string): Notice | undefined {
  if (!imrCase.assignment) return undefined;
  const a = imrCase.application;
  const recordsClock = caseClocks(imrCase, imrCase.assignment.on).find((c) => c.code === "RECORDS_FROM_CLAIMS_ADMINISTRATOR");
  const items = (a.urDecision?.items ?? []).map((item) => `  - ${item.request} (UR: ${item.decision})`);
  return {
    kind: "notice_of_assignment",
    date: imrCase.assignment.on,
    title: `Notice of Assignment and Request for Information, case ${imrCase.id}`,
    recipients: recipients(imrCase, true),
    citation: "8 CCR §9792.10.4(b); 8 CCR §9792.10.5(a)(1)",
    lines: [
      `The application for Independent Medical Review received ${formatUsDate(a.receivedDate)} is eligible and is assigned to ${organisationName} for ${imrCase.track === "expedited" ? "expedited" : "regular"} review.`,
      `Requesting physician: ${a.treatingPhysician?.name ?? "not named"}. UR decision dated ${a.urDecision ? formatUsDate(a.urDecision.date) : "not given"}.`,
      "Disputed treatment:",
      ...items,
      recordsClock?.dueOn
        ? `The claims administrator must deliver the following by ${formatUsDate(recordsClock.dueOn)} (${recordsClock.unit === "hour" ? "24 hours" : `${recordsClock.amount} days`} after this notice, sent by ${imrCase.assignment.noticeChannel === "mail" ? "mail" : "electronic means"}):`
        : "The claims administrator must deliver the following:",
      ...RECORDS_REQUESTED.map((r, i) => `  (${String.fromCharCode(65 + i)}) ${r}`),
      "The employee and the requesting physician may also send documents in support of the request.",
    ],
  };
}

/** The written notice that the dispute is not eligible, with each reason and its citation (8 CCR §9792.10.3(c)). */
export function ineligibilityNotice(imrCase: ImrCase): Notice | undefined {
  if (imrCase.status !== "ineligible" || !imrCase.eligibility) return undefined;
  const screened = imrCase.events.find((e) => e.type === "screened");
  return {
    kind: "ineligibility_notice",
    date: screened?.on ?? imrCase.application.receivedDate,
    title: `Notice of ineligibility for Independent Medical Review, case ${imrCase.id}`,
    recipients: recipients(imrCase, true),
    citation: "8 CCR §9792.10.3(c); WCAB Rule 10575(a)",
    lines: [
      `The application for Independent Medical Review received ${formatUsDate(imrCase.application.receivedDate)} is not eligible for review, for these reasons:`,
      ...imrCase.eligibility.reasons.map((r) => `  - ${r.message} (${r.citation})`),
      "This determination may be appealed to the Workers' Compensation Appeals Board like a determination of medical necessity.",
    ],
  };
}

/** The notices a case has produced so far. */
export function caseNotices(imrCase: ImrCase, organisationName: string): Notice[] {
  return [ineligibilityNotice(imrCase), noticeOfAssignment(imrCase, organisationName)].filter((n): n is Notice => n !== undefined);
}
