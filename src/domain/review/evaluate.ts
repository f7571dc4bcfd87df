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
    return typeof fact?.value === "number" ? { value: fact.value, evidence: fact.evidence } : { value: undefined, evidence: [] };
  }
  if ("case" in o) return { value: ctx.caseFacts[o.case], evidence: [] };
  const v = ctx.request[o.request];
  return { value: typeof v === "number" ? v : undefined, evidence: [] };
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
    if (yes.length > 0) return { value: true, evidence: yes.flatMap((p) => p.evidence) };
    const evidence = parts.flatMap((p) => p.evidence);
    if (parts.some((p) => p.value === undefined)) return { value: undefined, evidence };
    return { value: false, evidence };
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
  if ("fact" in check) {
    const fact = ctx.facts.get(check.fact);
    if (!fact) return { value: undefined, evidence: [] };
    const base = { evidence: fact.evidence, compared: fact.value, ...(fact.conflicting ? { conflicting: true } : {}) };
    if ("is" in check) return { ...base, value: typeof fact.value === "boolean" ? fact.value === check.is : undefined };
    return { ...base, value: typeof fact.value === "number" ? compare(fact.value, check.op, check.value) : undefined };
  }
  const v = ctx.request[check.request];
  if ("exists" in check) return { value: (v !== undefined) === check.exists, evidence: [] };
  if (v === undefined || typeof v === "object") return { value: undefined, evidence: [] };
  return { value: compare(v as number | string | boolean, check.op, check.value), evidence: [], compared: v as number | string | boolean };
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
