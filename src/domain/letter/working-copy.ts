import type { Determination } from "../case/types.ts";
import type { Laterality } from "../requests/types.ts";
import type { CaseDraft } from "../review/draft.ts";
import { fail, type Issue, ok, type Result } from "../shared/types.ts";
import type { DocumentReviewed, LetterItem } from "./model.ts";

/** Who signed an item, and when (ISO timestamp). A signature covers the item as it was when signed. */
export type ItemSignature = { by: string; at: string };

/** One disputed item of the reviewer's working copy: the letter's item, what the engine drafted, and the signature. */
export type WorkingItem = LetterItem & {
  /** Body parts and side of the request as parsed, for the body-part QA check. */
  bodyParts?: string[];
  laterality?: Laterality;
  drafted: { decision: Determination; rationale: string; confidence: number };
  signature?: ItemSignature;
};

/** What an edit changes; "citation" is the IMR organisation's guideline of an item. */
export type RevisionField = "decision" | "rationale" | "citation" | "caseSummary" | "delayReason";

/** One tracked change of the working copy: who, when, what, and the text before and after. */
export type Revision = { n: number; at: string; by: string; field: RevisionField; item?: number; before: string; after: string };

/** The medical director's decision to issue despite failing QA checks: who, when, why, and which checks. */
export type QaOverride = { by: string; at: string; reason: string; checks: string[] };

/** The reviewer's working copy of a case's determination, from the engine's draft to the signed letter. */
export type WorkingCopy = {
  caseId: string;
  /** Bumped on every saved change (optimistic concurrency). */
  version: number;
  createdAt: string;
  knowledgeBaseVersion: string;
  caseSummary: string;
  /** The records read, by type, author role and date, for DOCUMENTS REVIEWED. */
  records?: DocumentReviewed[];
  items: WorkingItem[];
  delayReason?: string;
  override?: QaOverride;
  revisions: Revision[];
};

/** An edit of one item (1-based `item`) or of the whole letter; absent fields are left as they are. */
export type WorkingCopyEdit = {
  item?: number;
  decision?: Determination;
  rationale?: string;
  citation?: { source: string; section?: string; pages?: string | null } | null;
  caseSummary?: string;
  delayReason?: string;
};

function citationText(c: LetterItem["imroGuideline"]): string {
  if (!c) return "";
  return [c.source, c.section, c.pages ? `Page(s): ${c.pages}` : ""].filter(Boolean).join(", ");
}

/** The source as the letter prints it: the citation's short form without its pages or section (formatCitation). */
function printedSource(g: NonNullable<CaseDraft["items"][number]["guideline"]>): string {
  const source = g.citation.replace(/ Page\(s\):.*$/, "");
  return source.endsWith(`, ${g.section}`) ? source.slice(0, -(g.section.length + 2)) : source;
}

/**
 * The working copy that starts a review: the engine's draft of each disputed item, unsigned.
 * @param caseSummary - the case summary written from the records (the reviewer may rewrite it)
 */
export function workingCopyFromDraft(caseId: string, draft: CaseDraft, caseSummary: string, createdAt: string): WorkingCopy {
  return {
    caseId,
    version: 0,
    createdAt,
    knowledgeBaseVersion: draft.knowledgeBaseVersion,
    caseSummary,
    items: draft.items.map((item) => {
      const g = item.guideline;
      const working: WorkingItem = {
        request: item.request,
        decision: item.decision,
        claimsAdministratorGuideline: item.claimsAdministratorGuideline,
        imroGuideline: g ? { source: printedSource(g), section: g.section, pages: g.pages } : null,
        rationale: item.rationale,
        drafted: { decision: item.decision, rationale: item.rationale, confidence: item.confidence },
      };
      if (item.normalized.bodyParts?.length) working.bodyParts = item.normalized.bodyParts;
      if (item.normalized.laterality) working.laterality = item.normalized.laterality;
      return working;
    }),
    revisions: [],
  };
}

/**
 * Applies a reviewer's edit and records each changed field as a revision. Changing an item removes its signature:
 * the reviewer signs what the letter will say. An override no longer applies once the letter changes.
 */
export function editWorkingCopy(copy: WorkingCopy, edit: WorkingCopyEdit, by: string, at: string): Result<{ copy: WorkingCopy; revisions: Revision[] }> {
  const issues: Issue[] = [];
  const itemFields = edit.decision !== undefined || edit.rationale !== undefined || edit.citation !== undefined;
  if (itemFields && edit.item === undefined)
    issues.push({ code: "ITEM_REQUIRED", message: "Name the item (1-based) whose decision, rationale or citation changes.", path: "item" });
  if (edit.item !== undefined && (!Number.isInteger(edit.item) || edit.item < 1 || edit.item > copy.items.length)) {
    issues.push({ code: "ITEM_NOT_FOUND", message: `Item ${edit.item} does not exist; the case has ${copy.items.length} disputed item(s).`, path: "item" });
  }
  if (edit.rationale !== undefined && !edit.rationale.trim())
    issues.push({ code: "RATIONALE_EMPTY", message: "A rationale cannot be empty.", path: "rationale" });
  if (edit.caseSummary !== undefined && !edit.caseSummary.trim())
    issues.push({ code: "CASE_SUMMARY_EMPTY", message: "The case summary cannot be empty.", path: "caseSummary" });
  if (edit.citation && !edit.citation.source.trim()) issues.push({ code: "CITATION_EMPTY", message: "A citation needs its source.", path: "citation.source" });
  if (issues.length > 0) return fail(issues);

  const revisions: Revision[] = [];
  const next: WorkingCopy = { ...copy, items: copy.items.map((i) => ({ ...i })), revisions: [...copy.revisions] };
  const record = (field: RevisionField, before: string, after: string, item?: number) => {
    if (before === after) return;
    const revision: Revision = { n: next.revisions.length + 1, at, by, field, before, after, ...(item !== undefined ? { item } : {}) };
    next.revisions.push(revision);
    revisions.push(revision);
  };
  if (edit.item !== undefined) {
    const index = edit.item - 1;
    const item = next.items[index]!;
    const before = { ...item };
    if (edit.decision !== undefined) item.decision = edit.decision;
    if (edit.rationale !== undefined) item.rationale = edit.rationale.trim();
    if (edit.citation !== undefined) {
      item.imroGuideline = edit.citation
        ? { source: edit.citation.source.trim(), ...(edit.citation.section ? { section: edit.citation.section } : {}), pages: edit.citation.pages ?? null }
        : null;
    }
    record("decision", before.decision, item.decision, edit.item);
    record("rationale", before.rationale, item.rationale, edit.item);
    record("citation", citationText(before.imroGuideline), citationText(item.imroGuideline), edit.item);
    if (revisions.length > 0) delete item.signature;
  }
  if (edit.caseSummary !== undefined) record("caseSummary", copy.caseSummary, (next.caseSummary = edit.caseSummary.trim()));
  if (edit.delayReason !== undefined) record("delayReason", copy.delayReason ?? "", (next.delayReason = edit.delayReason.trim()));
  if (revisions.length > 0) delete next.override;
  return ok({ copy: next, revisions });
}

/** The reviewer signs one item (1-based). */
export function signItem(copy: WorkingCopy, item: number, by: string, at: string): Result<WorkingCopy> {
  if (!Number.isInteger(item) || item < 1 || item > copy.items.length) {
    return fail([{ code: "ITEM_NOT_FOUND", message: `Item ${item} does not exist; the case has ${copy.items.length} disputed item(s).`, path: "item" }]);
  }
  return ok({ ...copy, items: copy.items.map((i, index) => (index === item - 1 ? { ...i, signature: { by, at } } : i)) });
}

/** The items not yet signed, 1-based. */
export function unsignedItems(copy: WorkingCopy): number[] {
  return copy.items.flatMap((i, index) => (i.signature ? [] : [index + 1]));
}

/** The letter's items: the working items without the workflow's own fields. */
export function letterItems(copy: WorkingCopy): LetterItem[] {
  return copy.items.map((i) => ({
    request: i.request,
    decision: i.decision,
    claimsAdministratorGuideline: i.claimsAdministratorGuideline,
    imroGuideline: i.imroGuideline,
    rationale: i.rationale,
  }));
}
