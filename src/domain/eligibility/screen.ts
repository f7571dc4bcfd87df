import type { Application, Eligibility, EligibilityReason } from "../case/types.ts";
import type { Issue } from "../shared/types.ts";
import { ELIGIBILITY_RULES, type ScreeningContext } from "./rules.ts";

/** Notes that do not make an application ineligible but that staff should act on (imr-process.md §15). */
function screeningNotes(application: Application): Issue[] {
  const notes: Issue[] = [];
  if (application.expedited && !application.expeditedCertification) {
    notes.push({
      code: "EXPEDITED_NOT_CERTIFIED",
      message: "Expedited review is requested but no written certification of the treating physician, with supporting documentation, is on file; ask for it.",
      citation: "8 CCR §9792.10.4(c); 8 CCR §9792.6.1(j)",
    });
  }
  return notes;
}

/**
 * Screens an application against every ineligibility reason of imr-process.md §7.2. A duplicate is reported alone;
 * a deferral (liability disputed) holds an otherwise eligible application.
 * @param context - what the store knows: a case holding the same application, earlier cases of the same employee
 */
export function screenEligibility(application: Application, context: ScreeningContext = {}): Eligibility {
  const reasons: EligibilityReason[] = [];
  for (const rule of ELIGIBILITY_RULES) {
    const message = rule.check(application, context);
    if (message) reasons.push({ code: rule.code, message, citation: rule.citation, effect: rule.effect });
    if (message && rule.effect === "duplicate") break;
  }
  const blocking = reasons.some((r) => r.effect !== "deferred");
  const deferred = !blocking && reasons.some((r) => r.effect === "deferred");
  return { eligible: reasons.length === 0, deferred, reasons, notes: screeningNotes(application) };
}
