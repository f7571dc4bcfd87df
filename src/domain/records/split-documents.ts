import { DATE_PATTERN, parseUsDate } from "../shared/dates.ts";
import type { PlainDate } from "../shared/types.ts";
import type { CaseDocument, RecordFile, ReportType } from "./types.ts";

/** Report headings, tried on a page's top lines; the first line that matches one names the report. */
const HEADINGS: [RegExp, ReportType][] = [
  [
    /utilization review (?:determination|decision|notice)|notice of (?:utilization review|decision)|\bUR (?:determination|decision)\b|non-?certification/i,
    "UR determination",
  ],
  [/request for authori[sz]ation|\bRFA\b|DWC Form RFA/i, "RFA"],
  [/qualified medical (?:evaluat|examin)|\bQME\b/i, "QME report"],
  [/agreed medical (?:evaluat|examin)|\bAME\b/i, "AME report"],
  [/\bPR-?2\b|treating physician'?s? progress report|progress report|follow[- ]up (?:visit|report|evaluation)/i, "PR-2"],
  [/\bPR-?1\b|doctor'?s first report|initial (?:orthopa?edic |pain management |comprehensive )?(?:evaluation|consultation|report)/i, "initial report"],
  [/operative report|procedure note|\bop(?:erative)? note\b|operation performed/i, "operative report"],
  [/electrodiagnostic|\bEMG\b|\bNCV\b|\bNCS\b|nerve conduction/i, "EMG/NCV report"],
  [/\bMRI\b|\bMRA\b|magnetic resonance/i, "MRI report"],
  [/\bCT\b(?! guided)|computed tomography/i, "CT report"],
  [/x-?rays?\b|radiograph/i, "X-ray report"],
  [/physical therapy (?:note|progress|daily|evaluation|re-?evaluation|discharge)/i, "physical therapy note"],
  [/consultation|consult(?:ative)? report|(?:orthopa?edic|neurolog\w*|pain management|spine|psycholog\w*) (?:evaluation|report)/i, "consultation"],
];

/** How many non-empty lines at the top of a page are searched for a report heading. */
const TOP_LINES = 8;

/** Short labels used in document titles and citations: "PR-2 02/03/2015". */
const TITLE: Record<ReportType, string> = {
  "PR-2": "PR-2",
  "initial report": "Initial report",
  consultation: "Consultation",
  "QME report": "QME report",
  "AME report": "AME report",
  "operative report": "Operative report",
  "MRI report": "MRI report",
  "CT report": "CT report",
  "X-ray report": "X-ray report",
  "EMG/NCV report": "EMG/NCV report",
  "physical therapy note": "PT note",
  "UR determination": "UR determination",
  RFA: "RFA",
  report: "Report",
};

const SERVICE_DATE = new RegExp(
  `\\b(?:date of service|DOS|date of (?:exam(?:ination)?|visit|evaluation|report|procedure|surgery|operation|study|decision|determination|request|review)|exam(?:ination)? date|visit date|service date|report date|decision date|study date|date signed)\\s*[:#]?\\s*(${DATE_PATTERN})`,
  "i",
);
const PLAIN_DATE_LINE = new RegExp(`^\\s*date\\s*:\\s*(${DATE_PATTERN})`, "im");

/** Author roles, never names; the first that a document states wins, else the usual author of its type. */
const ROLES: [RegExp, string][] = [
  [/primary treating physician/i, "primary treating physician"],
  [/qualified medical evaluator|\bQME\b/i, "qualified medical evaluator"],
  [/agreed medical evaluator|\bAME\b/i, "agreed medical evaluator"],
  [/physician (?:reviewer|advisor)|peer reviewer|reviewing physician/i, "UR physician reviewer"],
  [/radiologist|diagnostic radiology/i, "radiologist"],
  [/orthopa?edic surg(?:eon|ery)/i, "orthopedic surgeon"],
  [/neurosurg(?:eon|ery)/i, "neurosurgeon"],
  [/pain management|interventional pain|anesthesiolog/i, "pain management physician"],
  [/physical medicine|PM&R|physiatr/i, "physiatrist"],
  [/neurolog(?:ist|y)/i, "neurologist"],
  [/chiropract/i, "chiropractor"],
  [/physical therapist|\bDPT\b/i, "physical therapist"],
  [/psycholog(?:ist|y)/i, "psychologist"],
  [/treating physician/i, "treating physician"],
];
const USUAL_ROLE: Partial<Record<ReportType, string>> = {
  "PR-2": "primary treating physician",
  "MRI report": "radiologist",
  "CT report": "radiologist",
  "X-ray report": "radiologist",
  "UR determination": "UR physician reviewer",
  "QME report": "qualified medical evaluator",
  "AME report": "agreed medical evaluator",
  "physical therapy note": "physical therapist",
};

function topLines(page: string): string[] {
  return page
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, TOP_LINES);
}

/** The report type a page's heading names, when its top lines hold one. */
export function reportHeading(page: string): ReportType | undefined {
  for (const line of topLines(page)) {
    if (line.length > 100) continue;
    for (const [pattern, type] of HEADINGS) if (pattern.test(line)) return type;
  }
  return undefined;
}

function isContinuation(page: string): boolean {
  const top = topLines(page).join("\n");
  return /\bpage\s+(?:[2-9]|\d{2,})\s+of\s+\d+/i.test(top) || /\(cont(?:inued|'d|\.)?\)|\bcontinued\b/i.test(top);
}

/** The date of service a report states (the date of the visit, study, procedure or decision). */
export function serviceDate(text: string): PlainDate | undefined {
  const m = SERVICE_DATE.exec(text) ?? PLAIN_DATE_LINE.exec(text);
  return m ? parseUsDate(m[1]!) : undefined;
}

/** The role of a report's author, from what the report says about its author, else the usual author of its type. */
export function authorRole(text: string, type: ReportType): string | undefined {
  for (const [pattern, role] of ROLES) if (pattern.test(text)) return role;
  return USUAL_ROLE[type];
}

/** "PR-2 02/03/2015": the report's type and date, as citations name it. */
export function documentTitle(type: ReportType, date: PlainDate | undefined): string {
  if (!date) return TITLE[type];
  const [y, m, d] = date.split("-");
  return `${TITLE[type]} ${m}/${d}/${y}`;
}

/**
 * Splits a file's pages into the reports it holds: a page whose top lines carry a report heading starts a new
 * report, unless it says it continues ("Page 2 of 3", "continued") or repeats the heading and date of the report
 * before it. A file without headings is one document.
 */
export function splitRecordFile(file: RecordFile): CaseDocument[] {
  type Draft = { type: ReportType; pages: string[]; filePages: number[]; date?: PlainDate };
  const drafts: Draft[] = [];
  file.pages.forEach((page, index) => {
    const heading = reportHeading(page);
    const current = drafts[drafts.length - 1];
    const date = serviceDate(topLines(page).join("\n")) ?? (heading ? serviceDate(page) : undefined);
    const startsNew =
      !current ||
      (heading !== undefined &&
        !isContinuation(page) &&
        !(current.type === heading && (date === undefined || current.date === undefined || current.date === date)));
    if (startsNew) {
      const d: Draft = { type: heading ?? "report", pages: [page], filePages: [index + 1] };
      const when = date ?? serviceDate(page);
      if (when) d.date = when;
      drafts.push(d);
    } else {
      current.pages.push(page);
      current.filePages.push(index + 1);
      if (!current.date) {
        const when = serviceDate(page);
        if (when) current.date = when;
      }
    }
  });
  return drafts.map((d) => {
    const text = d.pages.join("\n");
    const doc: CaseDocument = { document: documentTitle(d.type, d.date), type: d.type, file: file.name, filePages: d.filePages, pages: d.pages };
    if (d.date) doc.date = d.date;
    const role = authorRole(text, d.type);
    if (role) doc.authorRole = role;
    return doc;
  });
}

/** Makes document titles unique across the case file ("PR-2 02/03/2015 (2)"), so evidence names one document. */
export function uniqueTitles(documents: CaseDocument[]): CaseDocument[] {
  const seen = new Map<string, number>();
  return documents.map((doc) => {
    const n = (seen.get(doc.document) ?? 0) + 1;
    seen.set(doc.document, n);
    return n === 1 ? doc : { ...doc, document: `${doc.document} (${n})` };
  });
}

/** A page's sections ("SUBJECTIVE:", "Current medications:"), each with its heading and offsets on the page. */
export type Section = { heading: string; page: number; start: number; end: number };

const SECTION_HEADING = /^[ \t]*([A-Z][A-Za-z0-9 /&'()-]{2,48}):[ \t]*/gm;

/**
 * Splits a document's pages into sections by their headings; a section that runs onto the next page keeps its
 * heading there. Text before the first heading has the heading "".
 */
export function sectionsOf(pages: string[]): Section[] {
  const sections: Section[] = [];
  let heading = "";
  pages.forEach((text, index) => {
    let at = 0;
    for (const m of text.matchAll(SECTION_HEADING)) {
      const words = m[1]!.trim();
      // A heading is short and is not a sentence that happens to hold a colon.
      if (words.split(/\s+/).length > 6) continue;
      if (m.index > at) sections.push({ heading, page: index + 1, start: at, end: m.index });
      heading = words.toLowerCase();
      at = m.index + m[0].length;
    }
    if (at < text.length) sections.push({ heading, page: index + 1, start: at, end: text.length });
  });
  return sections;
}
