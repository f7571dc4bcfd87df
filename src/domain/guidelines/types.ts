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

/** An operand: a fact (times `scale`, so -1 subtracts it), a field of the normalized request, a case fact, or a number. */
export type Operand = { fact: string; scale?: number } | { request: keyof NormalizedRequest } | { case: "age" | "monthsSinceInjury" } | { value: number };

/** A declarative test of a criterion against facts and the request. */
export type Check =
  | { fact: string; is: boolean }
  | { fact: string; op: Comparison; value: number }
  /** Whether the records mention the fact at all (affirmed or negated): never undecided. */
  | { fact: string; documented: boolean }
  /** Compares a request field; a list (levels, body parts) compares its length against a number. */
  | { request: keyof NormalizedRequest; op: Comparison; value: number | string | boolean }
  /** Whether the request as written names any of these words ("interlaminar", "under fluoroscopy"): never undecided. */
  | { requestMentions: string[] }
  | { request: keyof NormalizedRequest; exists: boolean }
  /** Whether a request field (a word, a list, or a compound's ingredients by name or drug class) includes any of these values. */
  | { request: keyof NormalizedRequest; includes: string[] }
  | { case: "age" | "monthsSinceInjury"; op: Comparison; value: number }
  | { sum: Operand[]; op: Comparison; value: number }
  | { all: Check[] }
  | { any: Check[] }
  /** Like any, but parts the record is silent on are ignored: false once one part is documented false and none is true. */
  | { anyDocumented: Check[] }
  /** The first of these checks that the record decides (true or false); undecided when none does. */
  | { first: Check[] }
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
    /** Words of which at least one must also be present ("post-op" for postsurgical therapy). */
    requires?: string[];
    /** Only when the request names one of these body parts. */
    bodyParts?: string[];
    /** Only when each named field of the normalized request has one of these values; null stands for an absent field ({ "route": ["topical"], "isCompound": [false, null] }). */
    requestFields?: Record<string, (string | number | boolean | null)[]>;
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
