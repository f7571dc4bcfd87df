import type { FactDefinition } from "../facts/types.ts";
import type { DrugVocabulary, NormalizedRequest, RequestKind } from "../requests/types.ts";
import type { PlainDate } from "../shared/types.ts";

export type Verification = "confirmed" | "partially-confirmed" | "unconfirmed" | "n/a";

/** Step of the medical evidence search sequence (8 CCR §9792.21.1). */
export type SearchStep = "mtus" | "acoem-odg" | "other-guideline" | "peer-reviewed";

/** A guideline a decision can cite: source, section, pages, and the dates it was in force. */
export type GuidelineCitation = {
  source: string;
  /** Short form printed in letters: "MTUS Chronic Pain Treatment Guidelines". */
  shortSource?: string;
  section: string;
  pages?: string;
  pagesVerification: Verification;
  searchStep: SearchStep;
  effectiveFrom?: PlainDate;
  effectiveTo?: PlainDate;
  version?: string;
  /** Why a non-MTUS source is used (the MTUS is silent on the item). */
  searchNote?: string;
};

export type Comparison = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** An operand: a fact, a field of the normalized request, a case fact, or a number. */
export type Operand = { fact: string } | { request: keyof NormalizedRequest } | { case: "age" | "monthsSinceInjury" } | { value: number };

/** A declarative test of a criterion against facts and the request. */
export type Check =
  | { fact: string; is: boolean }
  | { fact: string; op: Comparison; value: number }
  | { request: keyof NormalizedRequest; op: Comparison; value: number | string | boolean }
  | { request: keyof NormalizedRequest; exists: boolean }
  | { case: "age" | "monthsSinceInjury"; op: Comparison; value: number }
  | { sum: Operand[]; op: Comparison; value: number }
  | { all: Check[] }
  | { any: Check[] }
  | { not: Check };

/**
 * One criterion of a guideline entry.
 * polarity: required = must be shown to approve; against = when met, favours denial; supports = informs confidence only.
 */
export type Criterion = {
  id: string;
  text: string;
  polarity: "required" | "against" | "supports";
  verification: Verification;
  check: Check;
  /** Only evaluate the criterion when this holds (e.g. continuing an ongoing treatment). */
  appliesWhen?: Check;
  /** What to do when appliesWhen cannot be decided from the record. */
  appliesWhenUnknown?: "apply" | "skip";
  /** Sentences for the rationale; {request} and {value} are filled in. */
  explain: { met: string; notMet: string; notDocumented: string };
  sources?: string[];
  note?: string;
};

/** A guideline entry for one treatment family, held as data in knowledge/entries. */
export type GuidelineEntry = {
  id: string;
  treatmentFamily: string;
  name: string;
  requestKinds: RequestKind[];
  match: {
    /** Words in the request that select this entry (lower case; brand and generic for drugs). */
    terms: string[];
    /** Drug classes (from the vocabulary) that select this entry. */
    drugClasses?: string[];
    /** Words that, when present, rule this entry out. */
    exclude?: string[];
    /** Only when the request names one of these body parts. */
    bodyParts?: string[];
    /** Higher wins when several entries match; a specific drug beats its class. */
    priority?: number;
  };
  /** Words naming any treatment of the same class, for facts about the class (switching agents does not restart a clock). */
  classTerms?: string[];
  citations: GuidelineCitation[];
  /** Paraphrase of the recommendation, opening the rationale. */
  summary: string;
  criteria: Criterion[];
  limits?: Record<string, unknown>;
};

/** The knowledge base: one version, every entry, fact definitions and vocabularies. */
export type KnowledgeBase = {
  version: string;
  entries: GuidelineEntry[];
  facts: FactDefinition[];
  drugs: DrugVocabulary;
};
