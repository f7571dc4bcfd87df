import { DATE_PATTERN, parseUsDate } from "../shared/dates.ts";
import type { PlainDate } from "../shared/types.ts";

/** A published Final Determination Letter read back into its parts. */
export type ParsedLetter = {
  reviewer: {
    boardCertification: string | null;
    licensedIn: string | null;
    yearsInActivePractice: string | null;
    hoursPerWeekInActivePractice: string | null;
    noAffiliationWith: string[];
  };
  patient: { age: number | null; sex: "male" | "female" | null; dateOfInjury: PlainDate | null };
  mostRecentProgressNoteDate: PlainDate | null;
  diagnoses: string[];
  clinicalFacts: {
    painWithMedications?: number;
    painWithoutMedications?: number;
    priorSurgery?: string;
    acuteFlareUpDocumented?: boolean;
  };
  caseSummary: string | null;
  items: ParsedLetterItem[];
};

export type ParsedLetterItem = {
  request: string;
  decision: "Upheld" | "Overturned";
  medicallyNecessary: boolean;
  claimsAdministratorGuideline: string | null;
  imroGuideline: { source: string; pages: string | null } | null;
  /** The name the letter gives the IMR organisation ("MAXIMUS"). */
  imroName: string | null;
  rationale: string;
};

const HEADINGS = [
  "HOW THE IMR FINAL DETERMINATION WAS MADE",
  "DOCUMENTS REVIEWED",
  "CLINICAL CASE SUMMARY",
  "IMR ISSUES, DECISIONS AND RATIONALES",
  "SUMMARY OF MEDICAL RECORDS",
  "STATEMENT OF THE CASE",
];

/** Text lines as extracted from a PDF, trimmed, with the blank lines of page breaks and wrapping removed. */
function lines(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l.length > 0);
}

function flatten(ls: string[]): string {
  return ls.join(" ").replace(/\s+/g, " ").trim();
}

/** Splits the letter's lines into its sections by their headings. */
function sections(ls: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = "PREAMBLE";
  out.set(current, []);
  for (const line of ls) {
    const heading = HEADINGS.find((h) => line.toUpperCase() === h);
    if (heading) {
      current = heading;
      out.set(current, []);
    } else out.get(current)!.push(line);
  }
  return out;
}

function readReviewer(text: string): ParsedLetter["reviewer"] {
  const cert = /Board Certified in ([A-Z][A-Za-z ,&/-]+?)(?:,? and | and is|\.|,\s*(?:is|has))/i.exec(text);
  const licensed = /licensed to practice in ([A-Z][A-Za-z ]+?)(?:\.|,| and)/i.exec(text);
  const years = /active clinical practice for ([a-z0-9 ]+?) years/i.exec(text);
  const hours = /(?:working|works) ([a-z0-9 ]+?) hours a week/i.exec(text);
  const affiliation = /no affiliation with (?:the )?([^.]+?)\./i.exec(text);
  const noAffiliationWith = affiliation
    ? affiliation[1]!
        .split(/,\s*|\s+or\s+|\s+and\s+/)
        .map((p) => p.replace(/^(?:the|or|and)\s+/i, "").trim())
        .filter(Boolean)
    : [];
  return {
    boardCertification: cert ? cert[1]!.trim() : null,
    licensedIn: licensed ? licensed[1]!.trim() : null,
    yearsInActivePractice: years ? years[1]!.trim() : null,
    hoursPerWeekInActivePractice: hours ? hours[1]!.trim() : null,
    noAffiliationWith,
  };
}

function readPatient(summary: string): ParsedLetter["patient"] {
  const age = /\b(?:year (\d{1,3}) old|(\d{1,3})[- ]year[- ]old|age (\d{1,3}))\b/i.exec(summary);
  const sex = /\b(male|female|man|woman|gentleman)\b/i.exec(summary);
  const injury = new RegExp(`date of injury (?:of |on )?(${DATE_PATTERN})|injured (?:on )?(${DATE_PATTERN})`, "i").exec(summary);
  return {
    age: age ? Number(age[1] ?? age[2] ?? age[3]) : null,
    sex: sex ? (/^(?:male|man|gentleman)$/i.test(sex[1]!) ? "male" : "female") : null,
    dateOfInjury: injury ? (parseUsDate(injury[1] ?? injury[2]!) ?? null) : null,
  };
}

function readLatestNoteDate(summary: string): PlainDate | null {
  const dates: PlainDate[] = [];
  const pattern = new RegExp(`(?:progress (?:note|noted|report)|PR-2|report|note|visit|evaluation|examination)[^.]{0,40}?(?:dated|of|on)\\s+(${DATE_PATTERN})`, "gi");
  for (const m of summary.matchAll(pattern)) {
    const d = parseUsDate(m[1]!);
    if (d) dates.push(d);
  }
  return dates.sort().at(-1) ?? null;
}

function readDiagnoses(summary: string): string[] {
  const m = /\b(?:is diagnosed with|diagnoses (?:include|are|were|of)|diagnosis (?:is|was|includes)|diagnosed with|diagnoses:)\s+([^.]+)\./i.exec(summary);
  if (!m) return [];
  return m[1]!
    .split(/,\s*(?:and\s+)?|\s+and\s+(?=[a-z]+(?: [a-z]+)* (?:syndrome|radiculopathy|disease|atrophy|strain|sprain|disorder|pain|tear|stenosis|neuropathy|tendinitis|tendinosis|cervicalgia|myalgia))/i)
    .map((d) => d.replace(/^and\s+/i, "").replace(/\s+which\s+.*$/i, "").replace(/\s+that\s+(?:is|are|was)\s+.*$/i, "").trim())
    .filter((d) => d.length > 2);
}

function readClinicalFacts(summary: string, rationales: string): ParsedLetter["clinicalFacts"] {
  const facts: ParsedLetter["clinicalFacts"] = {};
  const pain = /pain (?:level |score )?(?:is |was |of )?(\d{1,2})\/10 with (?:medications?|meds)(?: and| but)? (\d{1,2})\/10 without/i.exec(summary);
  if (pain) {
    facts.painWithMedications = Number(pain[1]);
    facts.painWithoutMedications = Number(pain[2]);
  } else {
    const reverse = /(\d{1,2})\/10 without (?:medications?|meds)[^.]{0,30}?(\d{1,2})\/10 with/i.exec(summary);
    if (reverse) {
      facts.painWithoutMedications = Number(reverse[1]);
      facts.painWithMedications = Number(reverse[2]);
    }
  }
  const surgery = /\b(?:underwent|s\/p|status post|had)\s+(?:an?\s+)?((?:[A-Z]\d-\d\s+|[a-z]+\s+){0,3}?(?:fusion|laminectomy|discectomy|arthroscopy|meniscectomy|repair|release|replacement|arthroplasty|decompression))\b/i.exec(summary);
  if (surgery) facts.priorSurgery = surgery[1]!.trim();
  if (/\b(?:no|not|any|lack of)\b[^.]{0,40}\bdocumentation of (?:a |an )?(?:flare|acute exacerbation)|\bno (?:documented )?(?:flare|acute exacerbation)/i.test(rationales)) facts.acuteFlareUpDocumented = false;
  else if (/\b(?:documented|has|had|reports?|with) (?:a |an )?(?:acute )?(?:flare|exacerbation)/i.test(rationales)) facts.acuteFlareUpDocumented = true;
  return facts;
}

const ITEM_HEADER = /^(.+?):\s*(Upheld|Overturned)\s*\.?$/i;

function readItems(ls: string[]): ParsedLetterItem[] {
  const items: ParsedLetterItem[] = [];
  let current: { request: string; decision: "Upheld" | "Overturned"; body: string[] } | undefined;
  const finish = () => {
    if (!current) return;
    // Each part of an item starts a line with its label; wrapped lines continue the part before them.
    const parts: Record<"ca" | "imro" | "rationale" | "other", string[]> = { ca: [], imro: [], rationale: [], other: [] };
    let part: keyof typeof parts = "other";
    let imroName: string | null = null;
    for (const line of current.body) {
      const label = /^([A-Z][A-Za-z0-9&.' -]{0,60}?) guideline:\s*(.*)$/.exec(line);
      if (/^Claims Administrator guideline:/i.test(line)) {
        part = "ca";
        parts.ca.push(line.replace(/^Claims Administrator guideline:\s*/i, ""));
      } else if (/^Decision rationale:/i.test(line)) {
        part = "rationale";
        parts.rationale.push(line.replace(/^Decision rationale:\s*/i, ""));
      } else if (label) {
        part = "imro";
        imroName = label[1]!.trim();
        parts.imro.push(label[2]!);
      } else parts[part].push(line);
    }
    const strip = (t: string) => t.replace(/^Decision based on\s+/i, "").replace(/\.$/, "").trim();
    const ca = strip(flatten(parts.ca));
    const imroText = strip(flatten(parts.imro));
    let imroGuideline: ParsedLetterItem["imroGuideline"] = null;
    if (imroText) {
      const pages = /[\s,]*Page\(?s?\)?:?\s*([\d\s,;-]+)$/i.exec(imroText);
      imroGuideline = pages ? { source: imroText.slice(0, pages.index).trim().replace(/[,.]$/, ""), pages: pages[1]!.trim() } : { source: imroText, pages: null };
    }
    const rationale = flatten(parts.rationale.length > 0 ? parts.rationale : [...parts.other, ...parts.rationale]);
    items.push({
      request: current.request,
      decision: current.decision,
      medicallyNecessary: current.decision === "Overturned",
      claimsAdministratorGuideline: ca || null,
      imroGuideline,
      imroName,
      rationale,
    });
  };
  for (const line of ls) {
    const header = ITEM_HEADER.exec(line);
    if (header && !/guideline|rationale/i.test(header[1]!)) {
      finish();
      const decision = header[2]!.toLowerCase() === "upheld" ? "Upheld" : "Overturned";
      current = { request: header[1]!.trim(), decision, body: [] };
    } else if (current) current.body.push(line);
  }
  finish();
  return items;
}

/**
 * Reads a published IMR Final Determination Letter (plain text, as extracted from its PDF) into its parts.
 * Returns undefined when the text has none of a letter's sections or decisions.
 */
export function parseLetter(text: string): ParsedLetter | undefined {
  const ls = lines(text);
  const parts = sections(ls);
  const issues = parts.get("IMR ISSUES, DECISIONS AND RATIONALES") ?? ls;
  const items = readItems(issues);
  const summaryLines = parts.get("CLINICAL CASE SUMMARY") ?? parts.get("SUMMARY OF MEDICAL RECORDS") ?? parts.get("STATEMENT OF THE CASE");
  if (items.length === 0 && !summaryLines) return undefined;
  const summaryText = summaryLines ? flatten(summaryLines).replace(/^The expert reviewer developed the following clinical case summary[^:]*:\s*/i, "") : null;
  const made = flatten(parts.get("HOW THE IMR FINAL DETERMINATION WAS MADE") ?? parts.get("PREAMBLE") ?? []);
  const summary = summaryText ?? "";
  return {
    reviewer: readReviewer(made),
    patient: readPatient(summary),
    mostRecentProgressNoteDate: readLatestNoteDate(summary),
    diagnoses: readDiagnoses(summary),
    clinicalFacts: readClinicalFacts(summary, items.map((i) => i.rationale).join(" ")),
    caseSummary: summaryText,
    items,
  };
}
