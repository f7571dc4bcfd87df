import { daysBetween } from "../shared/dates.ts";
import type { PlainDate } from "../shared/types.ts";
import type { ExpertReviewer } from "./types.ts";

function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * The "HOW THE IMR FINAL DETERMINATION WAS MADE" paragraph, generated from the assigned reviewer's record.
 * It states qualifications only: no name, licence number or id ever appears (LC §4610.6(f)).
 * @param organisation - the IMR organisation's configured name
 */
export function renderQualificationsStatement(reviewer: ExpertReviewer, organisation: string, on: PlainDate): string {
  const states = [...new Set(reviewer.licences.filter((l) => l.status === "active" && l.expires >= on).map((l) => (l.state.toUpperCase() === "CA" ? "California" : l.state)))];
  const licensed = states.includes("California") ? "California" : joinAnd(states);
  const years = daysBetween(reviewer.activePracticeSince, on) / 365.25;
  const yearsText = years > 5 ? "more than five years" : `${Math.floor(years)} years`;
  const hoursText = reviewer.hoursPerWeekInPractice >= 24 ? "at least 24 hours a week" : `${reviewer.hoursPerWeekInPractice} hours a week`;
  return [
    `${organisation} assigned the whole case file to an expert reviewer, who has no affiliation with the employer, the employee, the providers or the claims administrator.`,
    `The reviewer is board certified in ${joinAnd(reviewer.boardCertifications)} and licensed to practice in ${licensed}, has been in active clinical practice for ${yearsText}, and currently works ${hoursText} in active practice.`,
    "The reviewer was chosen for clinical experience, education, background and expertise in a specialty that evaluates or treats the medical condition and the disputed items/services, and knows the laws and regulations that govern Independent Medical Review, including its hierarchy of the strength of medical evidence.",
  ].join(" ");
}
