import type { FinalDeterminationLetter } from "./model.ts";

export type IdentifierKind = "name" | "date-of-birth" | "claim-number" | "case-number" | "address" | "phone" | "email" | "ssn" | "other";

/** Something that identifies a person in a case: removed from every published letter. */
export type Identifier = { kind: IdentifierKind; value: string };

/** Identifiers that can be recognised by their shape alone, whatever the case record says. */
const SHAPES: { kind: IdentifierKind; pattern: RegExp }[] = [
  { kind: "ssn", pattern: /\b\d{3}-\d{2}-\d{4}\b/g },
  { kind: "phone", pattern: /(?:\(\d{3}\)\s*|\b\d{3}[-.\s])\d{3}[-.\s]\d{4}\b/g },
  { kind: "email", pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g },
  { kind: "date-of-birth", pattern: /\b(?:DOB|D\.O\.B\.|date of birth|born)\s*[:#]?\s*\d{1,2}\/\d{1,2}\/\d{2,4}/gi },
  { kind: "claim-number", pattern: /\b(?:claim|policy|member|ADJ|WCAB)\s*(?:no\.?|number|#)?\s*[:#]?\s*[A-Z]{0,4}\d[\w-]{4,}/gi },
];

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Patterns that find one identifier as written, tolerating case and spacing; for names also the surname after a title. */
function patternsFor(identifier: Identifier): RegExp[] {
  const value = identifier.value.trim();
  if (value.length < 2) return [];
  const flexible = escapeRegex(value).replace(/\s+/g, "\\s+");
  const patterns = [new RegExp(`(?<![\\w])${flexible}(?![\\w])`, "gi")];
  if (identifier.kind === "name") {
    const parts = value.replace(/\b(?:dr|mr|mrs|ms|md|do|phd)\b\.?,?/gi, " ").split(/[\s,]+/).filter((p) => p.length >= 3);
    const surname = parts.at(-1);
    if (surname) {
      patterns.push(new RegExp(`\\b(?:Dr|Mr|Mrs|Ms|Miss)\\.?\\s+${escapeRegex(surname)}\\b`, "g"));
      patterns.push(new RegExp(`\\b${escapeRegex(surname)}\\b`, "g"));
    }
    for (const part of parts) patterns.push(new RegExp(`\\b${escapeRegex(part)}\\b`, "g"));
  }
  return patterns;
}

/** Removes every identifier from a text, leaving the gap published letters show ("dated 10/22/2014 by , the patient"). */
export function redactText(text: string, identifiers: Identifier[]): string {
  let out = text;
  for (const identifier of [...identifiers].sort((a, b) => b.value.length - a.value.length)) {
    for (const pattern of patternsFor(identifier)) out = out.replace(pattern, "");
  }
  for (const { pattern } of SHAPES) out = out.replace(pattern, "");
  return out.replace(/[ \t]{2,}/g, " ").replace(/ +([,.;:])/g, (_m, p: string) => (p === "," ? " ," : p));
}

/** Identifiers still present in a text: the case's own, and anything shaped like one. */
export function findIdentifiers(text: string, identifiers: Identifier[]): { kind: IdentifierKind; found: string }[] {
  const found: { kind: IdentifierKind; found: string }[] = [];
  for (const identifier of identifiers) {
    const [whole] = patternsFor(identifier);
    const m = whole ? text.match(whole) : null;
    if (m) found.push({ kind: identifier.kind, found: m[0] });
  }
  for (const { kind, pattern } of SHAPES) for (const m of text.matchAll(pattern)) found.push({ kind, found: m[0] });
  return found;
}

/**
 * The copy of a letter the public sees: no parties block, the case number replaced by a publication number, and every
 * identifier removed from every text; age, sex, date of injury and the clinical content stay.
 */
export function publishedCopy(letter: FinalDeterminationLetter, identifiers: Identifier[], publicationNumber: string): FinalDeterminationLetter {
  const all = [...identifiers, { kind: "case-number" as const, value: letter.caseNumber }];
  const r = (t: string) => redactText(t, all);
  return {
    ...letter,
    caseNumber: publicationNumber,
    parties: letter.parties.dateOfInjury ? { dateOfInjury: letter.parties.dateOfInjury } : {},
    qualifications: r(letter.qualifications),
    caseSummary: r(letter.caseSummary),
    documentsReviewed: letter.documentsReviewed.map((d) => ({ ...d, type: r(d.type) })),
    items: letter.items.map((i) => ({ ...i, request: r(i.request), rationale: r(i.rationale) })),
  };
}
