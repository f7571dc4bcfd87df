import type { FinalDeterminationLetter } from "../domain/letter/model.ts";
import type { CaseDraft, DraftInput } from "../domain/review/draft.ts";
import type { PlainDate } from "../domain/shared/types.ts";

export type Letterhead = { name: string; addressLines: string[]; phone?: string };

/**
 * A letter built from an engine draft alone, before any case exists: the decisions, citations and rationales of
 * the draft under the configured letterhead, marked as a draft for the expert reviewer.
 */
export function letterFromDraft(draft: CaseDraft, input: DraftInput, letterhead: Letterhead, today: PlainDate, caseNumber = "DRAFT"): FinalDeterminationLetter {
  const organisation: FinalDeterminationLetter["organisation"] = { name: letterhead.name, addressLines: letterhead.addressLines };
  if (letterhead.phone) organisation.phone = letterhead.phone;
  return {
    organisation,
    caseNumber,
    letterDate: today,
    dates: {},
    parties: {},
    qualifications: `This is a draft prepared by ${letterhead.name}'s review engine for the expert reviewer. It is not a determination: the reviewer's qualifications are stated here once a qualified, conflict-free reviewer is assigned and signs each decision.`,
    documentsReviewed: (input.records ?? []).map((r) => ({ type: r.document, ...(r.date ? { date: r.date } : {}), pages: r.pages.length })),
    caseSummary: input.caseSummary?.trim() || "The case summary is written from the records when the case is reviewed.",
    items: draft.items.map((item) => ({
      request: item.request,
      decision: item.decision,
      claimsAdministratorGuideline: item.claimsAdministratorGuideline,
      // The citation's short source without its pages or trailing section; a comma inside the source name stays.
      imroGuideline: item.guideline ? { source: item.guideline.citation.replace(/ Page\(s\):.*$/, "").replace(`, ${item.guideline.section}`, ""), section: item.guideline.section, pages: item.guideline.pages } : null,
      rationale: item.rationale,
    })),
    knowledgeBaseVersion: draft.knowledgeBaseVersion,
  };
}
