import type { KnowledgeBase } from "../domain/guidelines/types.ts";
import { type CaseDraft, type DraftInput, draftCase } from "../domain/review/draft.ts";

/** The drafting use case: a case in, a draft determination for every disputed item out. */
export function makeDrafting(deps: { knowledge: KnowledgeBase }) {
  return {
    draft(input: DraftInput): CaseDraft {
      return draftCase(deps.knowledge, input);
    },
    knowledgeBaseVersion: deps.knowledge.version,
  };
}

export type Drafting = ReturnType<typeof makeDrafting>;
