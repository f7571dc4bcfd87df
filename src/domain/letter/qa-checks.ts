import { daysBetween } from "../shared/dates.ts";
import type { PlainDate } from "../shared/types.ts";
import type { FinalDeterminationLetter } from "./model.ts";

/** What the QA checks look at besides the letter. */
export type QaContext = {
  letter: FinalDeterminationLetter;
  /** Per item, whether the reviewer signed it. */
  signed: boolean[];
  /** Per item, the body parts and laterality of the request as normalized. */
  requests: { bodyParts?: string[]; laterality?: "left" | "right" | "bilateral" }[];
  /** Every citation of the knowledge-base version the drafts used. */
  knownCitations: { source: string; shortSource?: string; pages?: string }[];
  /** The text of every record of the case. */
  recordTexts: string[];
  dueDate?: PlainDate;
  delayReason?: string;
};

export type QaResult = { code: string; passed: boolean; title: string; message: string };

type QaCheck = { code: string; title: string; explain: string; run(ctx: QaContext): string[] };

const NOT_NECESSARY = /\bis not medically necessary\b|\bnot medically necessary\b/i;
const NECESSARY = /\bis medically necessary\b/i;
const SIDES = ["left", "right"] as const;
const BODY_PART_WORDS = "knee|shoulder|hip|elbow|wrist|hand|ankle|foot|arm|leg|thigh|upper extremity|lower extremity";
const BODY_WORDS = new RegExp(`\\b(${BODY_PART_WORDS})\\b`, "gi");

function norm(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** The checks a letter must pass before it issues, each with what it guards against. */
export const QA_CHECKS: QaCheck[] = [
  {
    code: "RATIONALE_CONTRADICTS_DECISION",
    title: "The decision matches the rationale's conclusion",
    explain: "A rationale that concludes the opposite of its decision is a ground for setting the determination aside (Gonzalez-Ornelas).",
    run: ({ letter }) =>
      letter.items.flatMap((item) => {
        const tail = item.rationale.slice(-400);
        const saysNot = NOT_NECESSARY.test(tail);
        const saysIs = NECESSARY.test(tail.replace(NOT_NECESSARY, ""));
        if (item.decision === "Upheld" && !saysNot) return [`"${item.request}" is Upheld but its rationale does not conclude that it is not medically necessary.`];
        if (item.decision === "Overturned" && (saysNot || !saysIs)) return [`"${item.request}" is Overturned but its rationale does not conclude that it is medically necessary.`];
        return [];
      }),
  },
  {
    code: "CITATION_NOT_IN_KNOWLEDGE_BASE",
    title: "Every cited guideline, section and pages exists in the knowledge base used",
    explain: "A citation to pages the knowledge base does not hold cannot be traced to a guideline criterion.",
    run: ({ letter, knownCitations }) =>
      letter.items.flatMap((item) => {
        const g = item.imroGuideline;
        if (!g) return [`"${item.request}" cites no guideline.`];
        const found = knownCitations.some((c) => (norm(c.source) === norm(g.source) || norm(c.shortSource ?? "") === norm(g.source)) && (!g.pages || norm(c.pages ?? "") === norm(g.pages)));
        return found ? [] : [`"${item.request}" cites ${g.source}${g.pages ? ` pages ${g.pages}` : ""}, which the knowledge base does not hold.`];
      }),
  },
  {
    code: "BODY_PART_MISMATCH",
    title: "The rationale speaks of the body part and side that were requested",
    explain: "A rationale about the wrong knee or the wrong body part does not decide the request.",
    run: ({ letter, requests }) =>
      letter.items.flatMap((item, i) => {
        const req = requests[i];
        const problems: string[] = [];
        const rationale = item.rationale.toLowerCase();
        if (req?.laterality === "left" || req?.laterality === "right") {
          const other = SIDES.find((s) => s !== req.laterality)!;
          const mentionsOther = new RegExp(`\\b${other} (?:${BODY_PART_WORDS})`, "i").test(rationale);
          const mentionsOwn = new RegExp(`\\b${req.laterality}\\b`, "i").test(rationale);
          if (mentionsOther && !mentionsOwn) problems.push(`"${item.request}" is for the ${req.laterality} side but the rationale discusses the ${other} side only.`);
        }
        const requestedParts = new Set((req?.bodyParts ?? []).map((b) => b.split(" ")[0]));
        const named = [...rationale.matchAll(BODY_WORDS)].map((m) => m[1]!.toLowerCase().split(" ")[0]!);
        if (requestedParts.size > 0 && named.length > 0 && !named.some((n) => requestedParts.has(n)) && ![...requestedParts].some((p) => p && rationale.includes(p))) {
          problems.push(`"${item.request}" concerns ${[...requestedParts].join(", ")} but the rationale discusses ${[...new Set(named)].join(", ")}.`);
        }
        return problems;
      }),
  },
  {
    code: "QUOTE_NOT_IN_RECORDS",
    title: "Every quotation in a rationale is found in the records",
    explain: "A quoted fact that is not in the records is an error of fact a party can appeal.",
    run: ({ letter, recordTexts }) => {
      const corpus = norm(recordTexts.join(" "));
      return letter.items.flatMap((item) =>
        [...item.rationale.matchAll(/["“]([^"”]{12,})["”]/g)].filter((m) => !corpus.includes(norm(m[1]!))).map((m) => `"${item.request}" quotes "${m[1]}", which is not in the records.`),
      );
    },
  },
  {
    code: "ITEM_NOT_DECIDED",
    title: "Every disputed item is decided and signed by the reviewer",
    explain: "The letter decides each disputed item; a draft is not a determination until the reviewer signs it.",
    run: ({ letter, signed }) => letter.items.flatMap((item, i) => (signed[i] ? [] : [`"${item.request}" is not signed by the reviewer.`])),
  },
  {
    code: "DEADLINE_MISSED",
    title: "The determination is on time, or the delay is recorded",
    explain: "Late determinations stay valid (CHP v. WCAB (Margaris)), but the delay must be recorded (Labor Code §4610.6(d)).",
    run: ({ letter, dueDate, delayReason }) => {
      if (!dueDate) return [];
      const late = daysBetween(dueDate, letter.dates.determination ?? letter.letterDate);
      return late > 0 && !delayReason?.trim() ? [`The determination is ${late} day(s) after its due date and no reason for the delay is recorded.`] : [];
    },
  },
];

/** Runs every QA check; a failing check blocks issue unless the medical director overrides it with a reason. */
export function runQaChecks(ctx: QaContext): QaResult[] {
  return QA_CHECKS.map((check) => {
    const problems = check.run(ctx);
    return { code: check.code, title: check.title, passed: problems.length === 0, message: problems.length === 0 ? "Passed." : `${problems.join(" ")} ${check.explain}` };
  });
}
