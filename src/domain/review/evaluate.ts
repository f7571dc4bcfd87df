import type { CaseFacts, FactSet } from "../facts/types.ts";
import type { Check, Comparison, Criterion, Operand } from "../guidelines/types.ts";
import type { NormalizedRequest } from "../requests/types.ts";
import type { EvidenceSpan } from "../shared/types.ts";

export type CriterionStatus = "met" | "not_met" | "not_documented" | "not_applicable";

export type CriterionResult = {
  id: string;
  text: string;
  polarity: Criterion["polarity"];
  verification: Criterion["verification"];
  status: CriterionStatus;
  evidence: EvidenceSpan[];
  /** The value the check compared, when there was one (weeks of use, visits, days of supply). */
  value?: number | boolean | string;
  /** The record disagrees with itself on a fact this criterion uses. */
  conflicting?: boolean;
};

type Outcome = { value: boolean | undefined; evidence: EvidenceSpan[]; compared?: number | boolean | string; conflicting?: boolean };

export type EvaluationContext = { facts: FactSet; request: NormalizedRequest; caseFacts: CaseFacts };

function compare(left: number | string | boolean, op: Comparison, right: number | string | boolean): boolean {
  switch (op) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "==":
      return left === right;
    case "!=":
      return left !== right;
  }
}

function operand(o: Operand, ctx: EvaluationContext): { value: number | undefined; evidence: EvidenceSpan[] } {
  if ("value" in o) return { value: o.value, evidence: [] };
  if ("fact" in o) {
    const fact = ctx.facts.get(o.fact);
    return typeof fact?.value === "number" ? { value: fact.value * (o.scale ?? 1), evidence: fact.evidence } : { value: undefined, evidence: [] };
  }
  if ("case" in o) return { value: ctx.caseFacts[o.case], evidence: [] };
  const v = ctx.request[o.request];
  return { value: typeof v === "number" ? v : undefined, evidence: [] };
}

/** Whether a text names a word or phrase as a whole word, in any case. */
function mentionsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, "i").test(text);
}

/** Evaluates a check three ways: true, false, or undefined when the record does not say. */
export function evaluateCheck(check: Check, ctx: EvaluationContext): Outcome {
  if ("all" in check) {
    const parts = check.all.map((c) => evaluateCheck(c, ctx));
    const evidence = parts.flatMap((p) => p.evidence);
    if (parts.some((p) => p.value === false)) return { value: false, evidence: parts.filter((p) => p.value === false).flatMap((p) => p.evidence) };
    if (parts.some((p) => p.value === undefined)) return { value: undefined, evidence };
    return { value: true, evidence };
  }
  if ("any" in check) {
    const parts = check.any.map((c) => evaluateCheck(c, ctx));
    const yes = parts.filter((p) => p.value === true);
    // The first part that holds lends its compared value ({value} in explanations), e.g. the ingredients found.
    const compared = yes[0]?.compared;
    if (yes.length > 0) return { value: true, evidence: yes.flatMap((p) => p.evidence), ...(compared !== undefined ? { compared } : {}) };
    const evidence = parts.flatMap((p) => p.evidence);
    if (parts.some((p) => p.value === undefined)) return { value: undefined, evidence };
    return { value: false, evidence };
  }
  if ("first" in check) {
    for (const part of check.first) {
      const outcome = evaluateCheck(part, ctx);
      if (outcome.value !== undefined) return outcome;
    }
    return { value: undefined, evidence: [] };
  }
  if ("anyDocumented" in check) {
    const parts = check.anyDocumented.map((c) => evaluateCheck(c, ctx));
    const yes = parts.filter((p) => p.value === true);
    if (yes.length > 0) return { value: true, evidence: yes.flatMap((p) => p.evidence) };
    const no = parts.filter((p) => p.value === false);
    return no.length > 0 ? { value: false, evidence: no.flatMap((p) => p.evidence) } : { value: undefined, evidence: [] };
  }
  if ("not" in check) {
    const inner = evaluateCheck(check.not, ctx);
    return { ...inner, value: inner.value === undefined ? undefined : !inner.value };
  }
  if ("sum" in check) {
    const parts = check.sum.map((o) => operand(o, ctx));
    const evidence = parts.flatMap((p) => p.evidence);
    if (parts.some((p) => p.value === undefined)) return { value: undefined, evidence };
    const total = parts.reduce((a, p) => a + (p.value ?? 0), 0);
    return { value: compare(total, check.op, check.value), evidence, compared: total };
  }
  if ("case" in check) {
    const v = ctx.caseFacts[check.case];
    return v === undefined ? { value: undefined, evidence: [] } : { value: compare(v, check.op, check.value), evidence: [], compared: v };
  }
  if ("requestMentions" in check) return { value: check.requestMentions.some((t) => mentionsWord(ctx.request.text, t)), evidence: [] };
  if ("fact" in check) {
    const fact = ctx.facts.get(check.fact);
    if ("documented" in check) return { value: (fact !== undefined) === check.documented, evidence: fact?.evidence ?? [] };
    if (!fact) return { value: undefined, evidence: [] };
    const base = { evidence: fact.evidence, compared: fact.value, ...(fact.conflicting ? { conflicting: true } : {}) };
    if ("is" in check) return { ...base, value: typeof fact.value === "boolean" ? fact.value === check.is : undefined };
    return { ...base, value: typeof fact.value === "number" ? compare(fact.value, check.op, check.value) : undefined };
  }
  const v = ctx.request[check.request];
  if ("exists" in check) return { value: (v !== undefined) === check.exists, evidence: [] };
  if ("includes" in check) return requestIncludes(v, check.includes);
  // A list (levels, body parts) compared with a number is compared by how many it holds.
  if (Array.isArray(v) && typeof check.value === "number") return { value: compare(v.length, check.op, check.value), evidence: [], compared: v.length };
  if (v === undefined || typeof v === "object") return { value: undefined, evidence: [] };
  return { value: compare(v as number | string | boolean, check.op, check.value), evidence: [], compared: v as number | string | boolean };
}

/**
 * Whether a request field includes any of the values (case-insensitive): a word equals one, a list names one, or an
 * ingredient of a compound has one as its name or drug class. Undecided when the field is absent; the matches are compared.
 */
function requestIncludes(field: NormalizedRequest[keyof NormalizedRequest], values: string[]): Outcome {
  if (field === undefined) return { value: undefined, evidence: [] };
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  const items = Array.isArray(field) ? field : [field];
  const found: string[] = [];
  for (const item of items) {
    const keys = typeof item === "object" && item !== null ? [item.name, item.drugClass] : [String(item)];
    if (keys.some((k) => k !== undefined && wanted.has(k.toLowerCase()))) {
      const shown = typeof item === "object" && item !== null ? item.name : String(item);
      if (!found.includes(shown)) found.push(shown);
    }
  }
  return found.length > 0 ? { value: true, evidence: [], compared: found.join(", ") } : { value: false, evidence: [] };
}

/** Evaluates one guideline criterion against the facts of the case and the request. */
export function evaluateCriterion(criterion: Criterion, ctx: EvaluationContext): CriterionResult {
  const base = { id: criterion.id, text: criterion.text, polarity: criterion.polarity, verification: criterion.verification };
  if (criterion.appliesWhen) {
    const applies = evaluateCheck(criterion.appliesWhen, ctx).value;
    if (applies === false || (applies === undefined && criterion.appliesWhenUnknown === "skip")) {
      return { ...base, status: "not_applicable", evidence: [] };
    }
  }
  const outcome = evaluateCheck(criterion.check, ctx);
  const status: CriterionStatus = outcome.value === undefined ? "not_documented" : outcome.value ? "met" : "not_met";
  const result: CriterionResult = { ...base, status, evidence: dedupe(outcome.evidence) };
  if (outcome.compared !== undefined) result.value = outcome.compared;
  if (outcome.conflicting) result.conflicting = true;
  return result;
}

function dedupe(evidence: EvidenceSpan[]): EvidenceSpan[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.document}|${e.page}|${e.start}|${e.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
