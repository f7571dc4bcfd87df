import type { EvidenceSpan, PlainDate } from "../shared/types.ts";

/** One document of the case file as text, page by page (a case summary is a one-page document). */
export type RecordText = {
  document: string;
  date?: PlainDate;
  /** Report type when known: "PR-2", "consultation", "imaging report", "UR determination", "case summary". */
  type?: string;
  pages: string[];
};

/**
 * How to find one clinical fact in text. Definitions live in knowledge/facts as data.
 * - finding: true when a positive pattern is affirmed, false when it is negated or a negative pattern matches.
 * - number: the first capture group of a number pattern (digits or words), aggregated over mentions.
 * - duration: how long the requested treatment (or its class) has been used, in weeks, read generically.
 * - elapsed: weeks since an event named by a number pattern, from its `date` group to the record's date, or a stated
 *   interval in its `n` and `unit` groups ("6 weeks after surgery").
 * Patterns may use {request} (a word naming the requested treatment) and {date} (a date, captured as `date`).
 */
export type FactDefinition = {
  id: string;
  description: string;
  kind: "finding" | "number" | "duration" | "elapsed";
  positive?: string[];
  negative?: string[];
  numberPatterns?: string[];
  aggregate?: "max" | "min" | "latest" | "sum";
  /**
   * request: the sentence must name the requested treatment; requestClass: any treatment of its class;
   * requestLevels: the sentence must name a spinal level of the request ("L4-5", "L4-L5", "L4/5").
   */
  scope?: "any" | "request" | "requestClass" | "requestLevels";
  /**
   * With a scope: the sentence right after one in scope counts too when it names no other treatment, as records often
   * report a drug's effect in the next sentence ("Gabapentin was started in May. Burning is down from 8/10 to 4/10.").
   */
  carryOver?: boolean;
  /** Sentences matching any of these are skipped for this fact (plans, requests, goals). */
  skipSentences?: string[];
  /** Keep mentions phrased as plans or requests (skipped by default). */
  keepHypothetical?: boolean;
};

export type FactMention = {
  value: boolean | number;
  evidence: EvidenceSpan;
  /** A duration read from words such as "chronic" or "for months" rather than a date or a number. */
  vague?: boolean;
};

export type Fact = {
  id: string;
  value: boolean | number;
  evidence: EvidenceSpan[];
  /** Mentions disagree (e.g. one report says improved, another says unchanged); all are kept. */
  conflicting?: boolean;
  mentions: FactMention[];
};

export type FactSet = Map<string, Fact>;

/** Facts about the patient read from any document, used in summaries and criteria. */
export type CaseFacts = {
  age?: number;
  sex?: "male" | "female";
  dateOfInjury?: PlainDate;
  /** Date of the latest report: the request is judged against it. */
  referenceDate?: PlainDate;
  monthsSinceInjury?: number;
};
