import type { Application, CaseId, EligibilityEffect, FilerRole } from "../case/types.ts";
import { addDays, daysBetween } from "../shared/dates.ts";
import type { PlainDate } from "../shared/types.ts";
import { normalizeRequest } from "../case/state-machine.ts";

/** An earlier case of the same employee and date of injury, as the store knows it. */
export type PriorCase = { id: CaseId; status: string; decidedOn?: PlainDate; requests: string[] };

/** What screening needs to know beyond the application itself, looked up by the service. */
export type ScreeningContext = {
  /** The case already holding the same application (see duplicateKey), if any. */
  duplicateOf?: CaseId;
  /** Earlier cases of the same employee and date of injury. */
  priorCases?: PriorCase[];
};

/** One ineligibility reason of imr-process.md §7.2: a code that never changes meaning, its effect and its source. */
export type EligibilityRule = {
  code: string;
  effect: EligibilityEffect;
  citation: string;
  /** What the rule asks, in one line (shown in docs and in `openimr case screen --format text`). */
  summary: string;
  /** Returns the plain message when the rule applies to the application, or null. */
  check(application: Application, context: ScreeningContext): string | null;
};

/** 8 CCR §9792.10.1(b)(1): 30 days after service of the written UR determination (service day = day 0, imr-process.md §0.2). */
export const FILING_WINDOW_DAYS = 30;

/** From this day an application without the UR decision is ineligible; before, a reminder gave 15 more days (imr-process.md §6.2). */
export const UR_DECISION_REQUIRED_FROM: PlainDate = "2014-04-01";

/** LC §4610(g)(6) (SB 863 numbering): a decision on the same treatment controls for 12 months absent changed facts. */
export const PRIOR_DECISION_MONTHS = 12;

/** The last day the application may be received: 30 calendar days after the UR decision was served. */
export function filingDeadline(application: Application): PlainDate | undefined {
  const served = application.urDecision?.servedDate ?? application.urDecision?.date;
  return served ? addDays(served, FILING_WINDOW_DAYS) : undefined;
}

const EMPLOYER_SIDE: readonly FilerRole[] = ["employer", "insurer", "claims administrator", "physician"];

function addMonths(date: PlainDate, months: number): PlainDate {
  const [y, m, d] = date.split("-").map(Number);
  const total = y! * 12 + (m! - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d!, lastDay)).padStart(2, "0")}`;
}

function isMedicalNecessityDispute(item: { decision: string; basis: string }): boolean {
  return item.decision !== "approved" && /medical(ly)?\s+necess/i.test(item.basis);
}

export const duplicateApplication: EligibilityRule = {
  code: "DUPLICATE",
  effect: "duplicate",
  citation: "8 CCR §9792.10.3(a)(2); DWC IMR program reports (duplicates removed before screening)",
  summary: "The same application (same employee, date of injury, UR decision and items) was already received.",
  check(_application, context) {
    return context.duplicateOf ? `This application was already received as case ${context.duplicateOf}; it is a duplicate and is not screened again.` : null;
  },
};

export const missingSignature: EligibilityRule = {
  code: "MISSING_SIGNATURE",
  effect: "ineligible",
  citation: "8 CCR §9792.10.2 (DWC Form IMR: original signature of the employee or representative); DWC IMR eligibility updates",
  summary: "The application is signed by the employee or the employee's representative.",
  check(application) {
    return application.signed ? null : "The application is not signed by the employee or the employee's representative.";
  },
};

export const filedOnTime: EligibilityRule = {
  code: "UNTIMELY",
  effect: "ineligible",
  citation: "8 CCR §9792.10.1(b)(1); Labor Code §4610.5(h)(1)",
  summary: "The application is received within 30 days after service of the written UR decision.",
  check(application) {
    const ur = application.urDecision;
    if (!ur) return null;
    const served = ur.servedDate ?? ur.date;
    const days = daysBetween(served, application.receivedDate);
    if (days <= FILING_WINDOW_DAYS) return null;
    return `Received ${application.receivedDate}, ${days} days after the UR decision was served (${served}); the limit is ${FILING_WINDOW_DAYS} days (last day ${filingDeadline(application)}).`;
  },
};

export const urDecisionAttached: EligibilityRule = {
  code: "MISSING_UR_DECISION",
  effect: "ineligible",
  citation: "8 CCR §9792.10.1(b)(1); DWC Newsline (applications received from 2014-04-01)",
  summary: "A copy of the written UR decision that denied, modified or delayed the treatment comes with the application.",
  check(application) {
    if (daysBetween(UR_DECISION_REQUIRED_FROM, application.receivedDate) < 0) return null;
    if (!application.urDecision) return "The application does not identify the UR decision, and no copy of it is attached.";
    return application.urDecision.attached ? null : "No copy of the written UR decision is attached to the application.";
  },
};

export const notConditionalNonCertification: EligibilityRule = {
  code: "CNC_DECISION",
  effect: "ineligible",
  citation: "8 CCR §9792.10.2 (DWC Form IMR CNC indicator); DWC IMR eligibility updates",
  summary: "The UR decision is not a conditional non-certification (a denial because requested information was not received).",
  check(application) {
    const cnc = (application.urDecision?.items ?? []).filter((i) => i.decision === "conditionally non-certified");
    if (!cnc.length) return null;
    return `UR did not decide medical necessity for ${cnc.map((i) => `"${i.request}"`).join(", ")}: it was denied because requested information was not received (conditional non-certification), which is not a UR decision IMR can review.`;
  },
};

export const medicalNecessityDispute: EligibilityRule = {
  code: "NOT_MEDICAL_NECESSITY",
  effect: "ineligible",
  citation: "Labor Code §4610.5(c)(1), §4610.6(a)",
  summary: "At least one item is a UR denial, modification or delay disputed for medical necessity.",
  check(application) {
    const items = application.urDecision?.items ?? [];
    if (!items.length || items.some(isMedicalNecessityDispute)) return null;
    if (items.every((i) => i.decision === "conditionally non-certified")) return null; // CNC_DECISION says why
    return `No disputed item is a UR denial, modification or delay based on medical necessity (${items.map((i) => `"${i.request}": ${i.decision}, ${i.basis}`).join("; ")}); IMR decides only medical necessity.`;
  },
};

export const urDecisionTimely: EligibilityRule = {
  code: "UR_UNTIMELY",
  effect: "ineligible",
  citation: "Dubon v. World Restoration, Inc. (2014) 79 Cal.Comp.Cases 1298 (Appeals Board en banc, Dubon II)",
  summary: "The UR decision itself was made on time; an untimely UR decision is invalid and the WCAB decides necessity.",
  check(application) {
    return application.urDecision?.timely === false
      ? "The UR decision was untimely, so it is invalid: the WCAB, not IMR, decides the medical necessity of the treatment."
      : null;
  },
};

export const withinImrScope: EligibilityRule = {
  code: "OUT_OF_SCOPE_DATE",
  effect: "ineligible",
  citation: "Labor Code §4610.5(a); 8 CCR §9792.10.1(a)",
  summary: "The injury is on/after 2013-01-01, or the UR decision was communicated on/after 2013-07-01.",
  check(application) {
    const injury = application.dateOfInjury;
    const ur = application.urDecision?.date;
    if (!injury || !ur) return null;
    if (daysBetween("2013-01-01", injury) >= 0 || daysBetween("2013-07-01", ur) >= 0) return null;
    return `The injury (${injury}) is before 2013-01-01 and the UR decision (${ur}) before 2013-07-01: the dispute follows the process before IMR (8 CCR §9792.10).`;
  },
};

export const eligibleFiler: EligibilityRule = {
  code: "INELIGIBLE_FILER",
  effect: "ineligible",
  citation: "Labor Code §4610.5(d); 8 CCR §9792.10.1(b); DWC IMR guidance (employee side only)",
  summary: "The employee (or the attorney, guardian or a designee named after the UR decision) files.",
  check(application) {
    const filer = application.filedBy;
    if (!filer) return null;
    if (EMPLOYER_SIDE.includes(filer.role))
      return `The application was filed by the ${filer.role}; only the employee or the employee's representative may request IMR.`;
    const ur = application.urDecision?.date;
    if (filer.role === "designee" && filer.designatedOn && ur && daysBetween(ur, filer.designatedOn) < 0) {
      return `The designee was named on ${filer.designatedOn}, before the UR decision of ${ur}; a designation must post-date the UR decision.`;
    }
    return null;
  },
};

export const noRecentDecisionOnSameTreatment: EligibilityRule = {
  code: "PRIOR_IMR_SAME_TREATMENT",
  effect: "ineligible",
  citation: "8 CCR §9792.10.3(a)(2); Labor Code §4610(g)(6) (12 months, SB 863 numbering)",
  summary: "No IMR of the same employee decided the same treatment in the 12 months before this UR decision.",
  check(application, context) {
    const ur = application.urDecision;
    if (!ur) return null;
    const requests = ur.items.map((i) => normalizeRequest(i.request));
    const hits = (context.priorCases ?? []).filter(
      (prior) =>
        prior.decidedOn !== undefined &&
        daysBetween(prior.decidedOn, ur.date) >= 0 &&
        daysBetween(addMonths(prior.decidedOn, PRIOR_DECISION_MONTHS), ur.date) < 0 &&
        prior.requests.some((r) => requests.includes(normalizeRequest(r))),
    );
    if (!hits.length) return null;
    return `The same treatment was already decided by IMR in case ${hits.map((h) => `${h.id} (${h.decidedOn})`).join(", ")}, less than ${PRIOR_DECISION_MONTHS} months before this UR decision; absent a documented change in facts, that decision controls.`;
  },
};

export const liabilityNotDisputed: EligibilityRule = {
  code: "LIABILITY_DISPUTED",
  effect: "deferred",
  citation: "8 CCR §9792.10.3(d); Labor Code §4610.5(k) (SB 863 numbering)",
  summary: "The claims administrator does not dispute liability on a non-medical ground (otherwise the IMR is deferred).",
  check(application) {
    return application.liabilityDisputed
      ? "The claims administrator disputes liability for the injury or body part on a non-medical ground: the IMR is deferred until that is resolved, unless the claims administrator agrees to proceed."
      : null;
  },
};

export const applicationComplete: EligibilityRule = {
  code: "INCOMPLETE_OTHER",
  effect: "ineligible",
  citation: "8 CCR §9792.10.3(a)(1), (b), (c)",
  summary: "The form names the employee, the date of injury, the claims administrator, the treating physician and at least one disputed item.",
  check(application) {
    const missing = [
      !application.employee.name.trim() && "the employee's name",
      !application.dateOfInjury && "the date of injury",
      !application.claimsAdministrator?.name && "the claims administrator",
      !application.treatingPhysician?.name && "the treating physician",
      application.urDecision && application.urDecision.items.length === 0 && "the disputed items",
    ].filter((m): m is string => Boolean(m));
    if (!missing.length) return null;
    return `The application does not give ${missing.join(", ")}; the Administrative Director may first ask for it (answer within 5 business days), and the dispute is ineligible if it is not supplied.`;
  },
};

/** The rules in the order screening reports them; a duplicate is removed before any other screening (§7.1). */
export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  duplicateApplication,
  missingSignature,
  filedOnTime,
  urDecisionAttached,
  notConditionalNonCertification,
  medicalNecessityDispute,
  urDecisionTimely,
  withinImrScope,
  eligibleFiler,
  noRecentDecisionOnSameTreatment,
  applicationComplete,
  liabilityNotDisputed,
];
