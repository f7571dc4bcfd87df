import type { PlainDate } from "../shared/types.ts";
import { findConflicts, hasReviewedWorker } from "./conflict-of-interest.ts";
import { checkQualifications, DEFAULT_POLICY, type QualificationPolicy } from "./qualification.ts";
import { type ItemForMatching, type SpecialtyTable, specialtiesFor, specialtyFit } from "./specialty-matching.ts";
import type { CaseParties, ExpertReviewer, ReviewerIssue } from "./types.ts";

export type RankedReviewer = {
  reviewerId: string;
  score: number;
  /** Items of the case this reviewer's specialties cover. */
  covers: string[];
  reasons: string[];
  flags: string[];
};

export type ExcludedReviewer = { reviewerId: string; reasons: ReviewerIssue[] };

export type AssignmentProposal = {
  /** The reviewers to assign: one when a single reviewer covers every item. */
  chosen: { reviewerId: string; items: string[]; why: string }[];
  ranked: RankedReviewer[];
  excluded: ExcludedReviewer[];
  specialtiesByItem: { request: string; specialties: string[]; rationale: string }[];
  /** Set when the items need more than one reviewer, which needs the Administrative Director's written approval. */
  needsApproval?: { reason: string; citation: string };
  /** Set when nobody can be assigned. */
  unassignable?: string;
};

/**
 * Ranks the panel for a case and proposes the assignment: qualified, conflict-free reviewers whose specialties
 * cover the items, by specialty fit and spare capacity. Every other reviewer is listed with why.
 */
export function proposeAssignment(
  panel: ExpertReviewer[],
  imrCase: CaseParties,
  items: ItemForMatching[],
  table: SpecialtyTable,
  on: PlainDate,
  options: { policy?: QualificationPolicy; exclude?: string[] } = {},
): AssignmentProposal {
  const policy = options.policy ?? DEFAULT_POLICY;
  const specialtiesByItem = items.map((item) => ({ request: item.request, ...specialtiesFor(item, table) }));
  const excluded: ExcludedReviewer[] = [];
  const ranked: RankedReviewer[] = [];
  for (const reviewer of panel) {
    const reasons: ReviewerIssue[] = [];
    if (options.exclude?.includes(reviewer.id)) reasons.push({ code: "DECLINED_OR_REMOVED", message: "Declined this case or was removed from it.", citation: "8 CCR §9792.10.6" });
    if (reviewer.available === false) reasons.push({ code: "UNAVAILABLE", message: "Marked unavailable.", citation: "8 CCR §9792.10.6" });
    if (reviewer.openCases >= reviewer.capacity) reasons.push({ code: "AT_CAPACITY", message: `Has ${reviewer.openCases} open cases for a capacity of ${reviewer.capacity}.`, citation: "8 CCR §9792.10.6" });
    reasons.push(...checkQualifications(reviewer, on, policy), ...findConflicts(reviewer, imrCase));
    const fits = specialtiesByItem.map((s) => specialtyFit(reviewer.specialties, s.specialties));
    const covers = specialtiesByItem.filter((_s, i) => fits[i]! > 0).map((s) => s.request);
    if (covers.length === 0) {
      reasons.push({
        code: "SPECIALTY_MISMATCH",
        message: `Specialties (${reviewer.specialties.join(", ")}) do not include any that evaluate or treat the disputed items.`,
        citation: "Labor Code §139.5(d)(4)(A)",
      });
    }
    if (reasons.length > 0) {
      excluded.push({ reviewerId: reviewer.id, reasons });
      continue;
    }
    const fit = fits.reduce((a, b) => a + b, 0) / items.length;
    const spare = 1 - reviewer.openCases / reviewer.capacity;
    const flags = hasReviewedWorker(reviewer, imrCase) ? ["Reviewed this worker before: allowed by LC §139.5, but staff should confirm independence."] : [];
    const score = Math.round((0.7 * fit + 0.3 * spare - (flags.length > 0 ? 0.2 : 0)) * 1000) / 1000;
    ranked.push({
      reviewerId: reviewer.id,
      score,
      covers,
      reasons: [`specialty fit ${fit.toFixed(2)} across ${items.length} item(s)`, `${reviewer.openCases} open of ${reviewer.capacity} capacity`],
      flags,
    });
  }
  ranked.sort((a, b) => b.score - a.score || a.reviewerId.localeCompare(b.reviewerId));
  const proposal: AssignmentProposal = { chosen: [], ranked, excluded, specialtiesByItem };
  const whole = ranked.find((r) => r.covers.length === items.length);
  if (whole) {
    proposal.chosen.push({ reviewerId: whole.reviewerId, items: items.map((i) => i.request), why: `Highest-ranked qualified, conflict-free reviewer covering every item (${whole.reasons.join("; ")}).` });
    return proposal;
  }
  if (ranked.length === 0) {
    proposal.unassignable = "No qualified, conflict-free reviewer on the panel evaluates or treats the disputed items.";
    return proposal;
  }
  // No single reviewer covers every item: pick, item by item, the best reviewer for what is left.
  let left = items.map((i) => i.request);
  while (left.length > 0) {
    const best = ranked.filter((r) => r.covers.some((c) => left.includes(c))).sort((a, b) => b.covers.filter((c) => left.includes(c)).length - a.covers.filter((c) => left.includes(c)).length || b.score - a.score)[0];
    if (!best) break;
    const take = best.covers.filter((c) => left.includes(c));
    proposal.chosen.push({ reviewerId: best.reviewerId, items: take, why: `Covers ${take.length} item(s) no single reviewer covers with the rest (${best.reasons.join("; ")}).` });
    left = left.filter((l) => !take.includes(l));
  }
  if (left.length > 0) proposal.unassignable = `No qualified, conflict-free reviewer evaluates or treats: ${left.join("; ")}.`;
  if (proposal.chosen.length > 1) {
    proposal.needsApproval = { reason: "The disputed items need reviewers of different specialties.", citation: "8 CCR §9792.10.6(c)" };
  }
  return proposal;
}
