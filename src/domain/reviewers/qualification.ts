import { daysBetween, yearsBetween } from "../shared/dates.ts";
import type { PlainDate } from "../shared/types.ts";
import type { ExpertReviewer, ReviewerIssue } from "./types.ts";

/** Panel policy: what the IMR organisation's letters promise about every reviewer. */
export type QualificationPolicy = {
  /** Letters state the reviewer "is licensed to practice in California"; the statute accepts any U.S. state. */
  requireCaliforniaLicence: boolean;
  minYearsInPractice: number;
  minHoursPerWeek: number;
};

export const DEFAULT_POLICY: QualificationPolicy = { requireCaliforniaLicence: true, minYearsInPractice: 5, minHoursPerWeek: 24 };

type QualificationRule = {
  code: string;
  citation: string;
  check(reviewer: ExpertReviewer, on: PlainDate, policy: QualificationPolicy): string | null;
};

const PHYSICIAN_DEGREES = /^(?:md|do|m\.d\.|d\.o\.)$/i;

function activeLicences(reviewer: ExpertReviewer, on: PlainDate) {
  return reviewer.licences.filter((l) => l.status === "active" && l.expires >= on);
}

/** One rule per qualification, each citing where it comes from. */
export const QUALIFICATION_RULES: QualificationRule[] = [
  {
    code: "NO_ACTIVE_LICENCE",
    citation: "Labor Code §139.5(d)(4)(B)",
    check(reviewer, on) {
      return activeLicences(reviewer, on).length > 0 ? null : "Holds no active, unexpired, non-restricted licence in a U.S. state.";
    },
  },
  {
    code: "NOT_LICENSED_IN_CALIFORNIA",
    citation: "Final Determination Letter qualifications statement (\"licensed to practice in California\"); Labor Code §139.5(d)(4)(B)",
    check(reviewer, on, policy) {
      if (!policy.requireCaliforniaLicence) return null;
      return activeLicences(reviewer, on).some((l) => l.state.toUpperCase() === "CA") ? null : "Not licensed to practice in California (no active California licence).";
    },
  },
  {
    code: "NOT_BOARD_CERTIFIED",
    citation: "Labor Code §139.5(d)(4)(B)",
    check(reviewer) {
      const physician = !reviewer.degree || PHYSICIAN_DEGREES.test(reviewer.degree);
      return !physician || reviewer.boardCertifications.length > 0 ? null : "A physician reviewer must hold a current certification by a recognized American medical specialty board.";
    },
  },
  {
    code: "TOO_FEW_YEARS_IN_PRACTICE",
    citation: "Final Determination Letter qualifications statement (\"active clinical practice for more than five years\")",
    check(reviewer, on, policy) {
      const years = yearsBetween(reviewer.activePracticeSince, on);
      const exact = daysBetween(reviewer.activePracticeSince, on) / 365.25;
      return exact > policy.minYearsInPractice ? null : `In active practice for ${years} years; more than ${policy.minYearsInPractice} are required.`;
    },
  },
  {
    code: "TOO_FEW_HOURS_IN_PRACTICE",
    citation: "Final Determination Letter qualifications statement (\"currently working at least 24 hours a week in active practice\")",
    check(reviewer, _on, policy) {
      return reviewer.hoursPerWeekInPractice >= policy.minHoursPerWeek
        ? null
        : `Works ${reviewer.hoursPerWeekInPractice} hours a week in active practice; at least ${policy.minHoursPerWeek} are required.`;
    },
  },
];

/** Every reason a reviewer may not be assigned on a date; empty when qualified. */
export function checkQualifications(reviewer: ExpertReviewer, on: PlainDate, policy: QualificationPolicy = DEFAULT_POLICY): ReviewerIssue[] {
  return QUALIFICATION_RULES.flatMap((rule) => {
    const message = rule.check(reviewer, on, policy);
    return message ? [{ code: rule.code, message, citation: rule.citation }] : [];
  });
}

/** Licences that expire within the window (default 60 days), for the panel's warnings. */
export function expiringLicences(reviewer: ExpertReviewer, on: PlainDate, withinDays = 60) {
  return reviewer.licences.filter((l) => l.status === "active" && l.expires >= on && daysBetween(on, l.expires) <= withinDays);
}
