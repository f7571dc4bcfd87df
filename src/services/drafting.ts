import type { KnowledgeBase } from "../domain/guidelines/types.ts";
import { selectEntry } from "../domain/guidelines/select-entry.ts";
import { parseRequest } from "../domain/requests/parse-request.ts";
import { type CaseDraft, type DraftInput, draftCase } from "../domain/review/draft.ts";
import type { ItemForMatching } from "../domain/reviewers/specialty-matching.ts";

/** The drafting use case: a case in, a draft determination for every disputed item out. */
export function makeDrafting(deps: { knowledge: KnowledgeBase }) {
  return {
    draft(input: DraftInput): CaseDraft {
      return draftCase(deps.knowledge, input);
    },
    /** A disputed item as the reviewer matcher sees it: request kind, body parts and the guideline's treatment family. */
    classify(request: string): ItemForMatching {
      const normalized = parseRequest(request, deps.knowledge.drugs);
      const entry = selectEntry(deps.knowledge, normalized);
      return { request, kind: normalized.kind, treatmentFamily: entry?.treatmentFamily ?? null, ...(normalized.bodyParts ? { bodyParts: normalized.bodyParts } : {}) };
    },
    knowledgeBaseVersion: deps.knowledge.version,
  };
}

export type Drafting = ReturnType<typeof makeDrafting>;
