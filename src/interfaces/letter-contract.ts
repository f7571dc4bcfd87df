import { z } from "zod";
import type { WorkingCopyEdit } from "../domain/letter/working-copy.ts";

/** The IMR organisation's guideline an item cites. */
export const CitationBody = z.strictObject({
  source: z.string().trim().min(1),
  section: z.string().trim().min(1).optional(),
  pages: z.string().trim().min(1).nullable().optional(),
});

/** PATCH /cases/:id/review/items/:n: the reviewer changes an item's decision, rationale or citation. */
export const ItemEditBody = z
  .strictObject({
    decision: z.enum(["Upheld", "Overturned"]).optional(),
    rationale: z.string().trim().min(1).optional(),
    citation: CitationBody.nullable().optional(),
    /** The working copy's version the caller read; refused with REVIEW_CHANGED when it moved on. */
    version: z.number().int().min(1).optional(),
  })
  .refine((b) => b.decision !== undefined || b.rationale !== undefined || b.citation !== undefined, { message: "give decision, rationale or citation" });

/** PATCH /cases/:id/review: the case summary or the reason for a late determination. */
export const CopyEditBody = z
  .strictObject({
    caseSummary: z.string().trim().min(1).optional(),
    delayReason: z.string().trim().min(1).optional(),
    version: z.number().int().min(1).optional(),
  })
  .refine((b) => b.caseSummary !== undefined || b.delayReason !== undefined, { message: "give caseSummary or delayReason" });

export const OverrideBody = z.strictObject({ reason: z.string().trim().min(1) });

export const LetterFormat = z.enum(["json", "text", "html", "pdf"]);

/** An item edit as the domain takes it (absent fields stay as they are). */
export function toItemEdit(item: number, body: z.output<typeof ItemEditBody>): WorkingCopyEdit {
  const edit: WorkingCopyEdit = { item };
  if (body.decision) edit.decision = body.decision;
  if (body.rationale !== undefined) edit.rationale = body.rationale;
  if (body.citation !== undefined)
    edit.citation = body.citation
      ? { source: body.citation.source, ...(body.citation.section ? { section: body.citation.section } : {}), pages: body.citation.pages ?? null }
      : null;
  return edit;
}
