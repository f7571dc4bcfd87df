import { DATE_PATTERN } from "../shared/dates.ts";
import type { EvidenceSpan } from "../shared/types.ts";
import type { IdentifierKind, IdentifierSpan } from "./types.ts";

/** What an identifier is replaced with wherever record text is shown. */
export const REDACTED = "[redacted]";

const NAME_TOKEN = "(?:[A-Z][a-zA-Z'’-]+|[A-Z]\\.)";
/** Words that follow a label but are not a name (headings, pronouns, the next label). */
const NOT_NAME = new Set(
  "The This That He She His Her Patient Pt Date Dob Doi Claim Ssn Phone Tel Fax Email Address Employer Sex Age Male Female Unknown None Na Md Do Dc Dpm Np Pa Phd Pt Dpt Lac Rn Primary Treating Physician Progress Report Re Dear Sir Madam Mr Mrs Ms Dr Examiner Adjuster Insurance Company Claims Administrator Carrier Case Number No Signed Signature Requesting Provider Reviewer Physician Utilization Review Request For Authorization Of And To Is Was Has Reports Presents Board Certified Licensed Internal Medicine Orthopaedic Orthopedic Surgery Surgeon Radiology Radiologist Pain Management Physical Rehabilitation Specialty Specialist In On At With Unknown"
    .split(" ")
    .map((w) => w.toLowerCase()),
);
const CREDENTIALS_AT_START = /^(?:M\.(?:D\.?)?(?![A-Za-z])|D\.O\.|D\.C\.|Ph\.D\.?|PA-C|N\.P\.|L\.Ac\.?|Psy\.D\.?)/;
const CREDENTIALS = "(?:M\\.?D\\.?|D\\.?O\\.?|D\\.?C\\.?|Ph\\.?D\\.?|PA-C|N\\.?P\\.?|DPM|DPT|L\\.?Ac\\.?|Psy\\.?D\\.?)(?![A-Za-z])";

/** propagate: the name is a person's, so the same words elsewhere in the case file are that person too. */
type Rule = { kind: IdentifierKind; pattern: RegExp; group?: number | number[]; propagate?: boolean };

/** Labels are matched in any case, the name after them only when capitalised (JS has no inline case flag). */
function anyCase(label: string): string {
  return label.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}
const LABELS_WITH_COLON = [
  "patient(?:'s)?(?: full)? name",
  "patient",
  "name",
  "employee(?: name)?",
  "applicant",
  "injured worker",
  "claimant",
  "member",
  "insured",
  "examiner",
  "adjuster",
  "claims? (?:examiner|adjuster)",
  "signed",
  "signature",
  "requesting (?:provider|physician)",
  "treating physician",
  "referring (?:provider|physician)",
  "reviewer",
  "attorney",
  "cc",
];
const LABELS_WITHOUT_COLON = ["electronically signed by", "signed by", "dictated by", "attn", "attention", "dear"];

const RULES: Rule[] = [
  // Names after a label: "Patient: Maria L. Ortega", "Employee name: ORTEGA, MARIA", "Electronically signed by ...".
  {
    kind: "name",
    pattern: new RegExp(
      `\\b(?:${LABELS_WITH_COLON.map(anyCase).join("|")})[ \\t]*:[ \\t]*(${NAME_TOKEN}(?:,?[ \\t]+${NAME_TOKEN}){0,4})|\\b(?:${LABELS_WITHOUT_COLON.map(anyCase).join("|")})[ \\t]*:?[ \\t]+(${NAME_TOKEN}(?:,?[ \\t]+${NAME_TOKEN}){0,4})`,
      "g",
    ),
    group: [1, 2],
    propagate: true,
  },
  // Organisations after a label: hidden where they stand, but their words ("Medical", "Group") are not names elsewhere.
  {
    kind: "employer",
    pattern: new RegExp(
      `\\b(?:${["employer", "company", "provider", "physician", "facility", "clinic"].map(anyCase).join("|")})[ \\t]*:[ \\t]*([^\\n]{2,80})`,
      "g",
    ),
    group: 1,
  },
  // "RE: MARIA ORTEGA" on a letter's reference line (upper-case label only: "re:" starts ordinary sentences too).
  { kind: "name", pattern: new RegExp(`\\bRE:[ \\t]+(${NAME_TOKEN}(?:,?[ \\t]+${NAME_TOKEN}){1,4})`, "g"), group: 1, propagate: true },
  // Titles: "Dr. Hale", "Mr. Ortega".
  {
    kind: "name",
    pattern: new RegExp(`\\b(?:Dr|Mr|Mrs|Ms|Miss|Doctor)\\.?[ \\t]+(${NAME_TOKEN}(?:[ \\t]+${NAME_TOKEN}){0,3})`, "g"),
    group: 1,
    propagate: true,
  },
  // A name before credentials: "Alan R. Hale, M.D."
  { kind: "name", pattern: new RegExp(`\\b(${NAME_TOKEN}(?:[ \\t]+${NAME_TOKEN}){1,3}),?[ \\t]+${CREDENTIALS}`, "g"), group: 1, propagate: true },
  {
    kind: "date of birth",
    pattern: new RegExp(`\\b(?:DOB|D\\.O\\.B\\.?|date of birth|birth ?date|born(?: on)?)\\s*[:#-]?\\s*(${DATE_PATTERN})`, "gi"),
    group: 1,
  },
  {
    kind: "claim number",
    pattern:
      /\b(?:claim(?:\s*(?:no\.?|number|#))?|WCAB(?:\s*(?:case\s*)?(?:no\.?|number|#))?|case\s*(?:no\.?|number|#)|policy\s*(?:no\.?|number|#)?|member\s*id|MRN|medical record\s*(?:no\.?|number|#)|chart\s*(?:no\.?|number|#)|account\s*(?:no\.?|number|#)|(?:UR|IMR|reference)\s*(?:case\s*)?(?:no\.?|number|#))\s*[:#]?\s*((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,})/gi,
    group: 1,
  },
  { kind: "claim number", pattern: /\b(?:ADJ\d{5,}|CM\d{2}-\d{4,})\b/g },
  { kind: "ssn", pattern: /\b(?:\d{3}|X{3}|\*{3})-(?:\d{2}|X{2}|\*{2})-\d{4}\b/g },
  { kind: "ssn", pattern: /\b(?:SSN|social security(?: number| no\.?)?)\s*[:#]?\s*(\d{9})\b/gi, group: 1 },
  { kind: "phone", pattern: /(?<![\d-])(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\d-])/g },
  { kind: "email", pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g },
  {
    kind: "address",
    pattern:
      /\b\d{1,6}[ \t]+(?:[NSEW]\.?[ \t]+)?(?:[A-Z][a-zA-Z]+\.?[ \t]+){1,4}(?:Street|St|Avenue|Ave|Boulevard|Blvd|Road|Rd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Terrace)\b\.?(?:,?[ \t]*(?:Suite|Ste\.?|Unit|Apt\.?|#)[ \t]*[\w-]+)?/g,
  },
  { kind: "address", pattern: /\b(?:[A-Z][a-zA-Z]+[ \t]){0,3}[A-Z][a-zA-Z]+,[ \t]*(?:CA|California)\.?[ \t]+9\d{4}(?:-\d{4})?\b/g },
  { kind: "address", pattern: /\b(?:home |mailing )?address\s*:[ \t]*([^\n]+)/gi, group: 1 },
];

function trimName(text: string, start: number): { start: number; end: number } | undefined {
  // Drop trailing words that are labels or credentials ("Maria Ortega DOB" -> "Maria Ortega").
  const words = [...text.matchAll(/[A-Za-z][A-Za-z.'’-]*/g)];
  let keep = 0;
  for (const w of words) {
    if (NOT_NAME.has(w[0].replace(/[.'’]/g, "").toLowerCase()) || (/,\s*$/.test(text.slice(0, w.index)) && CREDENTIALS_AT_START.test(text.slice(w.index))))
      break;
    keep = w.index + w[0].length;
  }
  const name = text.slice(0, keep).replace(/[,\s]+$/, "");
  return name.length >= 2 ? { start, end: start + name.length } : undefined;
}

/** Words of the person names found after labels and titles, to find the same person named later without one. */
export function personNameWords(text: string): string[] {
  const words = new Set<string>();
  for (const span of matchRules(
    text,
    RULES.filter((r) => r.propagate),
  )) {
    for (const w of text.slice(span.start, span.end).split(/[\s,]+/)) {
      const clean = w.replace(/[.'’]+$/, "");
      if (clean.length >= 3 && !NOT_NAME.has(clean.toLowerCase())) words.add(clean);
    }
  }
  return [...words];
}

function matchRules(text: string, rules: Rule[]): IdentifierSpan[] {
  const spans: IdentifierSpan[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const groups = rule.group === undefined ? [] : Array.isArray(rule.group) ? rule.group : [rule.group];
      const value = groups.length > 0 ? groups.map((g) => m[g]).find((v) => v !== undefined) : m[0];
      if (!value) continue;
      const start = m.index + (groups.length > 0 ? m[0].lastIndexOf(value) : 0);
      if (rule.kind === "name") {
        const trimmed = trimName(value, start);
        if (trimmed) spans.push({ kind: "name", ...trimmed });
      } else spans.push({ kind: rule.kind, start, end: start + value.trimEnd().length });
    }
  }
  return spans;
}

/**
 * Finds the identifiers on a page: names after labels or titles or before credentials, dates of birth, claim and
 * record numbers, social security numbers, addresses, phone numbers and e-mail addresses.
 * @param knownNames - name words already found elsewhere in the case file; every later occurrence is a name too
 */
export function findIdentifiers(text: string, knownNames: string[] = []): IdentifierSpan[] {
  const spans = matchRules(text, RULES);
  for (const word of knownNames) {
    // The word as written or in capitals ("Ortega", "ORTEGA"), never lower case: "Mark" is a name, "mark" is not.
    const forms = [...new Set([word, word.toUpperCase()])].map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(`(?<![A-Za-z])(?:${forms.join("|")})(?![A-Za-z])`, "g");
    for (const m of text.matchAll(pattern)) spans.push({ kind: "name", start: m.index, end: m.index + m[0].length });
  }
  return mergeSpans(spans, text);
}

/** Joins overlapping spans, and spans of one kind parted only by a comma or spaces ("1420 Cypress Avenue, Fresno, CA 93721"). */
function mergeSpans(spans: IdentifierSpan[], text: string): IdentifierSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: IdentifierSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && (s.start <= last.end || (s.kind === last.kind && /^[,\s]{1,3}$/.test(text.slice(last.end, s.start))))) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * Replaces identifiers inside a piece of page text with "[redacted]".
 * @param offset - where the piece starts on its page (identifier spans are page offsets)
 */
export function redactText(text: string, identifiers: IdentifierSpan[], offset = 0): string {
  let out = "";
  let at = 0;
  for (const id of identifiers) {
    const s = Math.max(id.start - offset, 0);
    const e = Math.min(id.end - offset, text.length);
    if (e <= 0 || s >= text.length || e <= s) continue;
    if (s < at) continue;
    out += text.slice(at, s) + REDACTED;
    at = e;
  }
  return out + text.slice(at);
}

function isEvidenceSpan(value: unknown): value is EvidenceSpan {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.text === "string" && typeof v.start === "number" && typeof v.end === "number";
}

/**
 * Redacts identifiers in every evidence span inside a draft or timeline, whatever shape holds them. Offsets keep
 * pointing into the original page text; only the quoted text changes.
 * @param identifiersOn - the identifiers of a document's page (1-based), or undefined when unknown
 */
export function redactEvidenceIn<T>(value: T, identifiersOn: (document: string | undefined, page: number | undefined) => IdentifierSpan[] | undefined): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (isEvidenceSpan(v)) {
      const ids = identifiersOn(v.document, v.page);
      return ids && ids.length > 0 ? { ...v, text: redactText(v.text, ids, v.start) } : v;
    }
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** Removes any identifier text (as found in the records) that reached a generated sentence. */
export function scrubKnownIdentifiers(text: string, identifierTexts: string[]): string {
  let out = text;
  for (const id of [...new Set(identifierTexts)].filter((t) => t.trim().length >= 3).sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(`(?<![A-Za-z0-9])${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9])`, "gi"), REDACTED);
  }
  return out;
}
