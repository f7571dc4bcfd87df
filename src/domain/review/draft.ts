import { extractCaseFacts, extractFacts } from "../facts/extract.ts";
import type { CaseFacts, FactDefinition, FactSet, RecordText } from "../facts/types.ts";
import { formatCitation, selectCitation, selectEntry } from "../guidelines/select-entry.ts";
import type { GuidelineCitation, GuidelineEntry, KnowledgeBase } from "../guidelines/types.ts";
import { parseRequest } from "../requests/parse-request.ts";
import type { NormalizedRequest } from "../requests/types.ts";
import type { EvidenceSpan, PlainDate } from "../shared/types.ts";
import { type CriterionResult, evaluateCriterion } from "./evaluate.ts";

export type Determination = "Upheld" | "Overturned";

/** The engine's draft for one disputed item; a physician reviewer confirms or changes it. */
export type ItemDraft = {
  request: string;
  normalized: NormalizedRequest;
  treatmentFamily: string | null;
  guidelineEntry: string | null;
  decision: Determination;
  medicallyNecessary: boolean;
  guideline: { source: string; section: string; pages: string | null; pagesVerification: string; citation: string; searchStep: string } | null;
  /** How the medical evidence search sequence was applied. */
  searchSequence: string;
  claimsAdministratorGuideline: string | null;
  criteria: CriterionResult[];
  rationale: string;
  confidence: number;
  /** What the reviewer should look at first. */
  reviewerAttention: string[];
};

export type DraftInput = {
  caseSummary?: string;
  items: { request: string; claimsAdministratorGuideline?: string }[];
  records?: RecordText[];
  /** Date of the request for authorization or of the UR decision; selects the guideline in force. */
  requestDate?: PlainDate;
};

export type CaseDraft = {
  items: ItemDraft[];
  caseFacts: CaseFacts;
  knowledgeBaseVersion: string;
};

/** The records the engine reads: the case summary as a one-page document, then the records. */
export function caseDocuments(input: DraftInput): RecordText[] {
  const docs: RecordText[] = [];
  if (input.caseSummary?.trim()) docs.push({ document: "Case summary", type: "case summary", pages: [input.caseSummary] });
  docs.push(...(input.records ?? []));
  return docs;
}

/** Cites a piece of evidence as the letter does: "PR-2 02/03/2015, p. 2". */
export function citeEvidence(e: EvidenceSpan): string {
  return e.page && e.page > 1 ? `${e.document}, p. ${e.page}` : (e.document ?? "records");
}

function fill(template: string, request: NormalizedRequest, value: unknown): string {
  const shown = typeof value === "number" ? String(Math.round(value * 10) / 10) : String(value ?? "");
  return template.replaceAll("{request}", request.text).replaceAll("{value}", shown);
}

function sentenceFor(criterion: GuidelineEntry["criteria"][number], result: CriterionResult, request: NormalizedRequest): string {
  const template = result.status === "met" ? criterion.explain.met : result.status === "not_met" ? criterion.explain.notMet : criterion.explain.notDocumented;
  let sentence = fill(template, request, result.value).trim();
  const sources = [...new Set(result.evidence.map(citeEvidence))];
  if (sources.length > 0 && result.status !== "not_documented") sentence = sentence.replace(/\.?$/, ` (${sources.slice(0, 3).join("; ")}).`);
  return sentence;
}

const drugNameIndex = new WeakMap<KnowledgeBase, { byGeneric: Map<string, string[]>; byClass: Map<string, string[]> }>();

/** Every name of each drug (generic, brands, aliases), and of each drug class, indexed once per knowledge base. */
function drugNames(kb: KnowledgeBase): { byGeneric: Map<string, string[]>; byClass: Map<string, string[]> } {
  let index = drugNameIndex.get(kb);
  if (!index) {
    index = { byGeneric: new Map(), byClass: new Map() };
    for (const drug of kb.drugs.drugs) {
      const all = [drug.generic, ...drug.brands, ...(drug.aliases ?? [])];
      index.byGeneric.set(drug.generic, [...(index.byGeneric.get(drug.generic) ?? []), ...all]);
      index.byClass.set(drug.drugClass, [...(index.byClass.get(drug.drugClass) ?? []), ...all]);
    }
    drugNameIndex.set(kb, index);
  }
  return index;
}

const factsByEntry = new WeakMap<GuidelineEntry, FactDefinition[]>();

/** The fact definitions an entry's criteria use: only these are looked for in the records. */
function factsUsedBy(kb: KnowledgeBase, entry: GuidelineEntry): FactDefinition[] {
  let used = factsByEntry.get(entry);
  if (!used) {
    const ids = new Set([...JSON.stringify(entry.criteria).matchAll(/"fact":"([^"]+)"/g)].map((m) => m[1]!));
    used = kb.facts.filter((f) => ids.has(f.id));
    factsByEntry.set(entry, used);
  }
  return used;
}

/** Whether a criterion result stands in the way of approval. */
function blocksApproval(r: CriterionResult): boolean {
  if (r.polarity === "required") return r.status === "not_met" || r.status === "not_documented";
  if (r.polarity === "against") return r.status === "met";
  return false;
}

function searchSequenceNote(citation: GuidelineCitation, inForce: boolean): string {
  const base =
    citation.searchStep === "mtus"
      ? "The MTUS addresses this request; it was applied first, as 8 CCR §9792.21.1 requires."
      : `The MTUS does not address this request, so, following the medical evidence search sequence (8 CCR §9792.21.1), ${citation.source} was used.${citation.searchNote ? ` ${citation.searchNote}` : ""}`;
  return inForce ? base : `${base} No version of this guideline in the knowledge base is dated for the request date; the reviewer should confirm the version in force.`;
}

function noEntryDraft(item: DraftInput["items"][number], request: NormalizedRequest): ItemDraft {
  return {
    request: item.request,
    normalized: request,
    treatmentFamily: null,
    guidelineEntry: null,
    decision: "Upheld",
    medicallyNecessary: false,
    guideline: null,
    searchSequence: "No entry in the knowledge base addresses this request; the reviewer must search the MTUS, then ACOEM or ODG, then other guidelines and peer-reviewed studies (8 CCR §9792.21.1).",
    claimsAdministratorGuideline: item.claimsAdministratorGuideline ?? null,
    criteria: [],
    rationale: `OpenIMR found no guideline entry for "${item.request}", so it cannot draft a rationale. The decision shown is only the default of an empty draft: the reviewer must decide the item from the guidelines and the records.`,
    confidence: 0.1,
    reviewerAttention: ["No guideline entry matched this request: decide it without a draft."],
  };
}

/**
 * Drafts a determination for one disputed item.
 * @param documents - the case summary and records, as text
 */
export function draftItem(
  kb: KnowledgeBase,
  item: DraftInput["items"][number],
  documents: RecordText[],
  caseFacts: CaseFacts,
  requestDate: PlainDate | undefined,
): ItemDraft {
  const request = parseRequest(item.request, kb.drugs);
  const entry = selectEntry(kb, request);
  if (!entry) return noEntryDraft(item, request);

  const names = drugNames(kb);
  const requestTerms = [...entry.match.terms];
  if (request.name) requestTerms.push(...request.name.split("/"));
  if (request.brand) requestTerms.push(request.brand);
  for (const generic of new Set([request.name ?? "", ...(request.ingredients ?? []).map((i) => i.name)])) requestTerms.push(...(names.byGeneric.get(generic) ?? []));
  const classTerms = [...(entry.classTerms ?? [])];
  if (request.drugClass && !request.isCompound) classTerms.push(...(names.byClass.get(request.drugClass) ?? []));
  const own = new Set(requestTerms.map((t) => t.toLowerCase()));
  const used = factsUsedBy(kb, entry);
  // Other drugs' names matter only to facts that carry a finding over to the next sentence.
  const otherTerms = used.some((f) => f.carryOver) ? [...names.byGeneric.values()].flat().filter((t) => !own.has(t.toLowerCase())) : [];
  const facts: FactSet = extractFacts(documents, used, requestTerms, classTerms, caseFacts, request.levels ?? [], otherTerms);
  const ctx = { facts, request, caseFacts };
  const results = entry.criteria.map((criterion) => evaluateCriterion(criterion, ctx));
  const blocking = results.filter(blocksApproval);
  const decision: Determination = blocking.length > 0 ? "Upheld" : "Overturned";
  const { citation, inForceOnDate } = selectCitation(entry, requestDate);

  const explained = (decision === "Upheld" ? blocking : results.filter((r) => r.status === "met" && r.polarity !== "against"))
    .map((r) => sentenceFor(entry.criteria.find((c) => c.id === r.id)!, r, request));
  const supporting = decision === "Upheld" ? results.filter((r) => r.status === "met" && r.polarity === "required").map((r) => sentenceFor(entry.criteria.find((c) => c.id === r.id)!, r, request)) : [];
  const source = citation.shortSource ?? citation.source;
  const rationale = [
    `Based on the ${source} (${citation.section}${citation.pages ? `, pages ${citation.pages}` : ""}), ${lowerFirst(entry.summary)}`,
    citation.searchStep !== "mtus" ? searchSequenceNote(citation, true) : "",
    supporting.length > 0 ? `In this case, ${lowerFirst(supporting.join(" "))}` : "",
    explained.length > 0 ? `${supporting.length > 0 ? "However, " : "In this case, "}${lowerFirst(explained.join(" "))}` : "",
    `Therefore, based on the ${source} and the evidence in this case, the request for ${item.request} is ${decision === "Upheld" ? "not " : ""}medically necessary.`,
  ]
    .filter(Boolean)
    .join(" ");

  const attention: string[] = [];
  for (const r of results) {
    if (r.conflicting) attention.push(`The records disagree on a fact used by "${r.text}".`);
    if (r.verification === "unconfirmed" && r.status !== "not_applicable" && blocksApproval(r)) attention.push(`Criterion "${r.id}" is unconfirmed in the knowledge base; check it against the guideline.`);
  }
  if (citation.pagesVerification !== "confirmed" && citation.pages) attention.push(`The page numbers ${citation.pages} are ${citation.pagesVerification} in the knowledge base.`);
  if (request.unparsed.length > 0) attention.push(`Parts of the request were not understood: ${request.unparsed.join(", ")}.`);

  return {
    request: item.request,
    normalized: request,
    treatmentFamily: entry.treatmentFamily,
    guidelineEntry: entry.id,
    decision,
    medicallyNecessary: decision === "Overturned",
    guideline: {
      source: citation.source,
      section: citation.section,
      pages: citation.pages ?? null,
      pagesVerification: citation.pagesVerification,
      citation: formatCitation(citation),
      searchStep: citation.searchStep,
    },
    searchSequence: searchSequenceNote(citation, inForceOnDate),
    claimsAdministratorGuideline: item.claimsAdministratorGuideline ?? null,
    criteria: results,
    rationale,
    confidence: confidenceOf(decision, results, blocking),
    reviewerAttention: attention,
  };
}

function lowerFirst(text: string): string {
  return /^(?:[A-Z][a-z]|A )/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** How far the draft can be trusted: firm evidence against confirmed criteria scores high; gaps and conflicts lower it. */
function confidenceOf(decision: Determination, results: CriterionResult[], blocking: CriterionResult[]): number {
  const applicable = results.filter((r) => r.status !== "not_applicable");
  let c: number;
  if (decision === "Upheld") {
    const firm = blocking.filter((r) => r.status !== "not_documented" && r.verification !== "unconfirmed");
    c = firm.length > 0 ? 0.9 : blocking.some((r) => r.status !== "not_documented") ? 0.75 : 0.65;
  } else {
    const documented = applicable.filter((r) => r.polarity === "required" && r.status === "met");
    c = documented.length >= 2 ? 0.85 : 0.7;
    if (applicable.some((r) => r.polarity === "required" && r.verification === "unconfirmed")) c -= 0.05;
  }
  if (results.some((r) => r.conflicting)) c -= 0.1;
  return Math.round(Math.max(0.05, Math.min(0.98, c)) * 100) / 100;
}

/** Drafts every disputed item of a case. */
export function draftCase(kb: KnowledgeBase, input: DraftInput): CaseDraft {
  const documents = caseDocuments(input);
  const caseFacts = extractCaseFacts(documents);
  const requestDate = input.requestDate ?? caseFacts.referenceDate;
  return {
    items: input.items.map((item) => draftItem(kb, item, documents, caseFacts, requestDate)),
    caseFacts,
    knowledgeBaseVersion: kb.version,
  };
}
