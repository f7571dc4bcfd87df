import { isHypothetical, isNegated, splitSentences } from "../facts/text.ts";
import { findBodyParts, findDrugs, readNumber } from "../requests/parse-request.ts";
import type { DrugVocabulary } from "../requests/types.ts";
import { addDays, DATE_PATTERN, daysBetween, formatUsDate, parseUsDate } from "../shared/dates.ts";
import type { EvidenceSpan, PlainDate } from "../shared/types.ts";
import { sectionsOf } from "./split-documents.ts";
import type {
  CaseDocument,
  ClinicalTimeline,
  Conflict,
  Diagnosis,
  DocumentEntry,
  FunctionStatus,
  MedicationCourse,
  MedicationDose,
  PainScore,
  ReportType,
  StatusEntry,
  Study,
  Surgery,
  TreatmentCourse,
  WorkStatus,
} from "./types.ts";

/** A sentence of a document with where it sits: the document, its page (1-based), the section heading, offsets on the page. */
export type DocSentence = { doc: CaseDocument; page: number; section: string; text: string; start: number; end: number };

/** Reports written by the clinicians who examine the patient: the request is judged against the latest of these. */
const CLINICAL_REPORTS: ReportType[] = ["PR-2", "initial report", "consultation", "QME report", "AME report", "report"];

/** Every sentence of a document, section by section, with page offsets. */
export function documentSentences(doc: CaseDocument): DocSentence[] {
  const out: DocSentence[] = [];
  for (const section of sectionsOf(doc.pages)) {
    const pageText = doc.pages[section.page - 1]!;
    for (const s of splitSentences(pageText.slice(section.start, section.end))) {
      out.push({ doc, page: section.page, section: section.heading, text: s.text, start: section.start + s.start, end: section.start + s.end });
    }
  }
  return out;
}

function evidence(s: DocSentence): EvidenceSpan {
  return { document: s.doc.document, page: s.page, text: s.text, start: s.start, end: s.end };
}

function withDate<T extends object>(value: T, date: PlainDate | undefined): T & { date?: PlainDate } {
  return date ? { ...value, date } : value;
}

const PLAN_SECTION = /plan|request|recommend|disposition|authori[sz]/i;
const REQUEST_WORDS =
  /\b(?:request(?:ed|ing|s)?|recommend(?:ed|s|ing)?|will (?:start|begin|trial|prescribe)|trial of|consider(?:ing)?|authori[sz]ation|candidate for|would benefit)\b/i;
const STOP_WORDS = /\b(?:discontinu\w*|stopped|stop(?:ping)?|ceased|no longer (?:taking|on|using|uses|takes)|weaned (?:off|from)|taken off|tapered off)\b/i;
const CONTINUE_WORDS = /\b(?:refill(?:ed|s)?|continue[sd]?|continuing|renew(?:ed)?|taking|takes|currently on|remains on|has been on|using|uses)\b/i;

type MedObservation = {
  date?: PlainDate;
  status: "taken" | "stopped" | "requested";
  dose?: string;
  statedStart?: PlainDate;
  asWritten: string;
  evidence: EvidenceSpan;
  document: string;
};

/** Reads "since June 2013", "since 2012", "started on 9/22/2014", "for 6 months" (before the report date) as a start date. */
export function statedStart(text: string, reportDate: PlainDate | undefined): PlainDate | undefined {
  const since = new RegExp(
    `\\b(?:since|started(?: on| in)?(?: around| about| approximately)?|began(?: on| in)?|initiated(?: on| in)?|beginning(?: in)?|starting(?: in)?)\\s+(?:around\\s+|about\\s+|approximately\\s+)?(${DATE_PATTERN})`,
    "i",
  ).exec(text);
  if (since) return parseUsDate(since[1]!);
  const vague = /\bfor (?:the (?:past|last) )?(several|many|multiple|a few|a couple of) (months|years)\b/i.exec(text);
  if (vague && reportDate) return addDays(reportDate, vague[2]!.toLowerCase() === "years" ? -3 * 365 : -91);
  const year = /\b(?:since|in)\s+((?:19|20)\d{2})\b/i.exec(text);
  if (year && /\bsince\b/i.test(year[0])) return `${year[1]}-01-01`;
  if (reportDate) {
    const span =
      /\b(?:for|over|past|last|x)\s+(?:the\s+)?(?:past\s+|last\s+)?(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?:\+\s*)?(day|week|month|year)s?\b/i.exec(
        text,
      );
    if (span) {
      const n = readNumber(span[1]!);
      const days = { day: 1, week: 7, month: 30.44, year: 365.25 }[span[2]!.toLowerCase() as "day"]!;
      if (n !== undefined) return addDays(reportDate, -Math.round(n * days));
    }
  }
  return undefined;
}

const DOSE_AFTER = /^\s*(?:\([^)]{1,40}\)\s*)?(?:ER|XR|SR|CR|DS)?\s*(\d+(?:\.\d+)?(?:\s*\/\s*\d+(?:\.\d+)?)?)\s*(mg|mcg|g|%|ml)?\b/i;

function readDose(after: string): string | undefined {
  const m = DOSE_AFTER.exec(after);
  if (!m) return undefined;
  if (!m[2] && !m[1]!.includes("/")) return undefined;
  return `${m[1]!.replace(/\s+/g, "")}${m[2] ? ` ${m[2].toLowerCase()}` : ""}`;
}

function medicationObservations(
  sentences: DocSentence[],
  vocabulary: DrugVocabulary,
): Map<string, { term: { generic: string; drugClass?: string }; obs: MedObservation[] }> {
  const byDrug = new Map<string, { term: { generic: string; drugClass?: string }; obs: MedObservation[] }>();
  for (const s of sentences) {
    const hits = findDrugs(s.text, vocabulary);
    for (const hit of hits) {
      const asWritten = s.text.slice(hit.start, hit.end);
      const negated = isNegated(s.text, hit.start, hit.end);
      const inPlan = PLAN_SECTION.test(s.section);
      let status: MedObservation["status"];
      if (STOP_WORDS.test(s.text) || negated) status = "stopped";
      else if ((inPlan || REQUEST_WORDS.test(s.text) || isHypothetical(s.text, hit.start)) && !CONTINUE_WORDS.test(s.text)) status = "requested";
      else status = "taken";
      const o: MedObservation = { status, asWritten, evidence: evidence(s), document: s.doc.document };
      if (s.doc.date) o.date = s.doc.date;
      const dose = readDose(s.text.slice(hit.end));
      if (dose && status === "taken") o.dose = dose;
      const start = status === "taken" ? statedStart(s.text, s.doc.date) : undefined;
      if (start) o.statedStart = start;
      const entry = byDrug.get(hit.term.generic) ?? { term: hit.term, obs: [] };
      entry.obs.push(o);
      byDrug.set(hit.term.generic, entry);
    }
  }
  return byDrug;
}

function weeksBetween(from: PlainDate, to: PlainDate): number {
  return Math.round((daysBetween(from, to) / 7) * 10) / 10;
}

/** Merges what each report says about each drug into a course: start, stop, dose changes and duration. */
export function medicationCourses(sentences: DocSentence[], vocabulary: DrugVocabulary, conflicts: Conflict[]): MedicationCourse[] {
  const courses: MedicationCourse[] = [];
  for (const [generic, { term, obs }] of medicationObservations(sentences, vocabulary)) {
    const taken = obs.filter((o) => o.status === "taken");
    const takenDates = taken.map((o) => o.date).filter((d): d is PlainDate => !!d);
    const stated = taken.map((o) => o.statedStart).filter((d): d is PlainDate => !!d);
    const starts = [...stated, ...takenDates].sort();
    const last = takenDates.sort().at(-1);
    const stops = obs.filter((o) => o.status === "stopped" && o.date).sort((a, b) => (a.date! < b.date! ? -1 : 1));
    const lastStop = stops.at(-1);
    const course: MedicationCourse = {
      name: generic,
      namesAsWritten: [...new Set(obs.map((o) => o.asWritten))],
      startStated: false,
      status: taken.length === 0 && stops.length === 0 ? "requested only" : "current",
      visitsListed: new Set(taken.map((o) => o.document)).size,
      doses: [],
      evidence: obs.map((o) => o.evidence),
    };
    if (term.drugClass) course.drugClass = term.drugClass;
    if (starts[0]) {
      course.start = starts[0];
      course.startStated = stated.includes(starts[0]) && !takenDates.some((d) => d < starts[0]!);
    }
    if (last) course.lastDocumented = last;
    if (lastStop && (!last || lastStop.date! >= last)) {
      course.status = "stopped";
      course.stop = lastStop.date!;
    }
    if (taken.length === 0 && stops.length > 0 && !course.start) course.status = "stopped";
    const end = course.stop ?? course.lastDocumented;
    if (course.start && end && end >= course.start) course.durationWeeks = weeksBetween(course.start, end);
    let previous: string | undefined;
    for (const o of [...taken].sort((a, b) => ((a.date ?? "") < (b.date ?? "") ? -1 : 1))) {
      if (!o.dose || o.dose === previous) continue;
      const d: MedicationDose = { dose: o.dose, evidence: o.evidence };
      if (o.date) d.date = o.date;
      course.doses.push(d);
      previous = o.dose;
    }
    // Two reports of the same date that disagree on whether the drug is taken.
    for (const stop of stops) {
      const same = taken.find((t) => t.date === stop.date && t.document !== stop.document);
      if (same) {
        conflicts.push({
          topic: `whether ${generic} is taken on ${stop.date}`,
          statements: [statement(same.document, same.date, "taken", same.evidence), statement(stop.document, stop.date, "stopped", stop.evidence)],
        });
      }
    }
    courses.push(course);
  }
  return courses.sort((a, b) => ((a.start ?? "9999") < (b.start ?? "9999") ? -1 : 1));
}

function statement(document: string, date: PlainDate | undefined, value: string, ev: EvidenceSpan): Conflict["statements"][number] {
  return date ? { document, date, value, evidence: ev } : { document, value, evidence: ev };
}

const SCORE = /(\d{1,2}(?:\.\d)?)\s*\/\s*10(?![\d/])/g;

/** Pain scores, one entry per sentence, with "with medication" and "without" told apart. */
export function painScores(sentences: DocSentence[]): PainScore[] {
  const out: PainScore[] = [];
  for (const s of sentences) {
    if (!/\bpain|\brates?\b|\bVAS\b|\blevel\b|\bscore\b/i.test(s.text)) continue;
    let entry: PainScore | undefined;
    for (const m of s.text.matchAll(SCORE)) {
      const value = Number(m[1]);
      if (value > 10) continue;
      if (isHypothetical(s.text, m.index) && !/\brates?\b/i.test(s.text)) continue;
      entry ??= withDate({ document: s.doc.document, evidence: evidence(s) }, s.doc.date);
      const near = s.text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      const before = s.text.slice(Math.max(0, m.index - 40), m.index);
      if (/^\W*(?:without|off)\b/i.test(near) || /\b(?:without|off)\s+(?:the\s+)?(?:medications?|meds)\W*(?:\w+\W+){0,2}$/i.test(before))
        entry.withoutMedication = value;
      else if (/^\W*(?:with|on)\b/i.test(near) || /\bwith\s+(?:the\s+)?(?:medications?|meds)\W*(?:\w+\W+){0,2}$/i.test(before)) entry.withMedication = value;
      else entry.score ??= value;
    }
    if (entry) out.push(entry);
  }
  return out;
}

const WORK: [RegExp, WorkStatus][] = [
  [/permanent and stationary|\bP&S\b|maximum medical improvement|\bMMI\b/i, "permanent and stationary"],
  [/temporar(?:il)?y totally disabled|total temporary disability|\bTTD\b|\boff work\b|remain(?:s)? off (?:of )?work/i, "temporarily totally disabled"],
  [/modified (?:duty|work)|light duty|restricted duty|work restrictions|with restrictions/i, "modified duty"],
  [/full duty|regular (?:duty|work)|without restrictions|usual and customary/i, "full duty"],
  [/not (?:currently )?working|unemployed|has not returned to work|is retired/i, "not working"],
];

/** Work status per report: the work status section first, else the first sentence that states one. */
export function workStatuses(sentences: DocSentence[]): StatusEntry<WorkStatus>[] {
  const out: StatusEntry<WorkStatus>[] = [];
  const byDoc = groupByDocument(sentences);
  for (const list of byDoc.values()) {
    const ordered = [...list.filter((s) => /work|disability/i.test(s.section)), ...list];
    for (const s of ordered) {
      const hit = WORK.map(([p, status]) => ({ m: p.exec(s.text), status })).find((h) => h.m);
      if (!hit?.m) continue;
      if (hit.status !== "not working" && isNegated(s.text, hit.m.index, hit.m.index + hit.m[0].length)) continue;
      if (isHypothetical(s.text, hit.m.index)) continue;
      out.push(withDate({ document: s.doc.document, status: hit.status, evidence: evidence(s) }, s.doc.date));
      break;
    }
  }
  return out;
}

const FUNCTION_TOPIC =
  /\b(?:ADLs?|activities of daily living|function(?:al|ion|ing)?|able to (?:walk|sit|stand|lift|drive|work|sleep|perform|do|complete|shop|cook|clean)|walking tolerance|sitting tolerance|standing tolerance|household chores)\b/i;

/** Function per report: improved, unchanged, worse, or limited, read from the sentences about function or daily activities. */
export function functionStatuses(sentences: DocSentence[]): StatusEntry<FunctionStatus>[] {
  const out: StatusEntry<FunctionStatus>[] = [];
  for (const list of groupByDocument(sentences).values()) {
    for (const s of list) {
      if (!FUNCTION_TOPIC.test(s.text) || PLAN_SECTION.test(s.section)) continue;
      if (isHypothetical(s.text, s.text.search(FUNCTION_TOPIC)) && !/\ballow/i.test(s.text)) continue;
      let status: FunctionStatus | undefined;
      if (
        /\bno (?:objective |significant |documented )?(?:functional )?(?:improvement|change|gains?)\b|\bunchanged\b|\bnot improved\b|\bremains? (?:the same|limited)\b|\bwithout (?:functional )?improvement\b/i.test(
          s.text,
        )
      )
        status = "unchanged";
      else if (/\bworse(?:ned|ning)?\b|\bdeclin|\bdecreased (?:function|tolerance|activit)|\bdeteriorat|\bunable to\b/i.test(s.text)) status = "worse";
      else if (
        /\bimprov|\bincreased? (?:in )?(?:function|activit|tolerance)|\bbetter able\b|\bnow able\b|\ballows? (?:him|her|the patient) to\b|\bable to (?:\w+ ){0,4}(?:longer|more)\b/i.test(
          s.text,
        )
      )
        status = "improved";
      else if (/\bdifficult|\blimit|\brestrict/i.test(s.text)) status = "limited";
      if (!status) continue;
      out.push(withDate({ document: s.doc.document, status, evidence: evidence(s) }, s.doc.date));
      break;
    }
  }
  return out;
}

const TREATMENTS: [RegExp, string][] = [
  [/physical therapy|physiotherapy|\bPT\b(?! note)/i, "physical therapy"],
  [/chiropractic|chiropractor|spinal manipulation/i, "chiropractic"],
  [/acupuncture/i, "acupuncture"],
  [/aquatic therapy|pool therapy/i, "aquatic therapy"],
  [/epidural (?:steroid )?injections?|\bESIs?\b|transforaminal (?:epidural|injection)|interlaminar/i, "epidural steroid injection"],
  [/facet (?:joint )?(?:injections?|blocks?)|medial branch blocks?/i, "facet injection or medial branch block"],
  [/radiofrequency (?:ablation|neurotomy|rhizotomy)|\brhizotomy\b/i, "radiofrequency ablation"],
  [/trigger point injections?|\bTPIs?\b/i, "trigger point injection"],
  [/\bTENS\b|transcutaneous electrical/i, "TENS"],
  [/cognitive behavio(?:u)?ral therapy|\bCBT\b|psychotherapy/i, "cognitive behavioral therapy"],
];
const COUNT_WORD = "(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|twenty-four|thirty|thirty-six)";
const COUNT = new RegExp(
  `\\b${COUNT_WORD}\\s+(?:(?:prior|previous|completed|total|authorized|separate|approved)\\s+)?(?:(?:PT|physical|therapy|chiropractic|acupuncture|aquatic|epidural|steroid|ESI|facet|joint|trigger|point|CBT|psychotherapy|lumbar|cervical|transforaminal|medial|branch)\\s+){0,3}(sessions?|visits?|treatments?|injections?|blocks?|procedures?)\\b|\\bx\\s*(\\d{1,2})\\b`,
  "i",
);
const RESPONSE =
  /\b(?:\d{1,3}\s*%\s*(?:pain\s+)?(?:relief|improvement|reduction|decrease|better)(?:\s+(?:for|lasting)\s+(?:about\s+)?\w+\s+(?:days?|weeks?|months?))?|(?:no|without|minimal|little|temporary|short[- ]term|significant|good|excellent|some|moderate|lasting)\s+(?:pain\s+)?(?:relief|benefit|improvement)|did not (?:help|improve|provide (?:any )?(?:relief|benefit))|(?:was|were) (?:helpful|beneficial|not helpful|not beneficial)|helped)\b/i;

/** Treatments received with their counts (the largest count reported; counts are cumulative) and reported responses. */
export function treatmentCourses(sentences: DocSentence[], conflicts: Conflict[]): TreatmentCourse[] {
  const courses = new Map<string, TreatmentCourse>();
  for (const s of sentences) {
    if (PLAN_SECTION.test(s.section) || REQUEST_WORDS.test(s.text) || /\badditional\b/i.test(s.text)) continue;
    for (const [pattern, kind] of TREATMENTS) {
      const m = pattern.exec(s.text);
      if (!m || isHypothetical(s.text, m.index)) continue;
      if (isNegated(s.text, m.index, m.index + m[0].length) && !/\b(?:no|without|did not)\s+(?:\w+\s+)?(?:relief|benefit|help|improve)/i.test(s.text)) continue;
      const course = courses.get(kind) ?? { kind, responses: [], mentions: [] };
      const c = COUNT.exec(s.text);
      const count = c ? readNumber((c[1] ?? c[3])!.toLowerCase()) : undefined;
      const mention: TreatmentCourse["mentions"][number] = withDate({ document: s.doc.document, evidence: evidence(s) }, s.doc.date);
      if (count !== undefined && count > 0 && count < 200) {
        mention.count = count;
        if (course.count === undefined || count > course.count) {
          course.count = count;
          const unit = c?.[2]?.toLowerCase().replace(/s$/, "");
          if (unit) course.unit = unit;
        }
      }
      const r = RESPONSE.exec(s.text);
      if (r) course.responses.push(withDate({ text: r[0].replace(/\s+/g, " "), evidence: evidence(s) }, s.doc.date));
      course.mentions.push(mention);
      courses.set(kind, course);
    }
  }
  for (const course of courses.values()) {
    // Counts of treatment received only grow: a later report with a smaller count disagrees with an earlier one.
    const counted = course.mentions.filter((m) => m.count !== undefined && m.date).sort((a, b) => (a.date! < b.date! ? -1 : 1));
    for (let i = 1; i < counted.length; i++) {
      const earlier = counted.slice(0, i).find((e) => e.count! > counted[i]!.count! && e.document !== counted[i]!.document);
      if (earlier) {
        conflicts.push({
          topic: `number of ${course.kind} ${course.unit ?? "session"}s received`,
          statements: [
            statement(earlier.document, earlier.date, String(earlier.count), earlier.evidence),
            statement(counted[i]!.document, counted[i]!.date, String(counted[i]!.count), counted[i]!.evidence),
          ],
        });
        break;
      }
    }
  }
  return [...courses.values()];
}

const STUDY = /\b(MRI|MRA|magnetic resonance|CT scan|CT|computed tomography|x-?rays?|radiographs?|EMG|NCV|NCS|nerve conduction|electrodiagnostic)\b/i;
const STUDY_RESULT =
  /\b(?:show(?:s|ed|ing)?|reveal(?:s|ed)?|demonstrat\w*|noted|dated|performed|impression|consistent with|findings?|positive|negative|normal|abnormal|evidence of)\b/i;

function studyKind(word: string): Study["kind"] {
  if (/mri|mra|magnetic/i.test(word)) return "MRI";
  if (/ct|computed/i.test(word)) return "CT";
  if (/x-?ray|radiograph/i.test(word)) return "X-ray";
  return "EMG/NCV";
}

/** Imaging and electrodiagnostic studies: the reports themselves and studies that other reports describe. */
export function studies(documents: CaseDocument[], sentences: DocSentence[]): Study[] {
  const out: Study[] = [];
  const seen = new Set<string>();
  const add = (study: Study) => {
    const key = `${study.kind}|${study.bodyPart ?? ""}|${study.date ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(study);
  };
  const reportKind: Partial<Record<ReportType, Study["kind"]>> = {
    "MRI report": "MRI",
    "CT report": "CT",
    "X-ray report": "X-ray",
    "EMG/NCV report": "EMG/NCV",
  };
  for (const doc of documents) {
    const kind = reportKind[doc.type];
    if (!kind) continue;
    const own = sentences.filter((s) => s.doc === doc);
    const pick = own.find((s) => /impression|conclusion|interpretation|summary/i.test(s.section)) ?? own.find((s) => STUDY_RESULT.test(s.text)) ?? own[0];
    if (!pick) continue;
    const parts = findBodyParts(doc.pages.join("\n").slice(0, 600));
    add(withDate({ kind, ...(parts[0] ? { bodyPart: parts[0] } : {}), document: doc.document, evidence: evidence(pick) }, doc.date));
  }
  for (const s of sentences) {
    if (reportKind[s.doc.type]) continue;
    const m = STUDY.exec(s.text);
    if (!m || !STUDY_RESULT.test(s.text) || PLAN_SECTION.test(s.section) || REQUEST_WORDS.test(s.text) || isHypothetical(s.text, m.index)) continue;
    const date = new RegExp(`(?:dated|on|from|of)\\s+(${DATE_PATTERN})`, "i").exec(s.text);
    const when = date ? parseUsDate(date[1]!) : undefined;
    const parts = findBodyParts(s.text);
    add(withDate({ kind: studyKind(m[1]!), ...(parts[0] ? { bodyPart: parts[0] } : {}), document: s.doc.document, evidence: evidence(s) }, when));
  }
  return out.sort((a, b) => ((a.date ?? "9999") < (b.date ?? "9999") ? -1 : 1));
}

const PROCEDURE =
  /\b(?:status post|s\/p|underwent|had (?:a |an )?|history of (?:a |an )?|performed:?)\s*((?:[\w/-]+\s+){0,5}?(?:fusion|laminectomy|discectomy|microdiscectomy|arthroscop\w*|meniscectomy|rotator cuff repair|carpal tunnel release|arthroplasty|replacement|decompression|laminotomy|foraminotomy|ORIF|open reduction internal fixation|acromioplasty|release|repair))\b/i;

/** Surgeries the records describe (and the procedures operative reports record), with their dates when stated. */
export function surgeries(sentences: DocSentence[]): Surgery[] {
  const out: Surgery[] = [];
  const seen = new Set<string>();
  for (const s of sentences) {
    const inOpReport = s.doc.type === "operative report" && /procedure|operation/i.test(s.section);
    const m = PROCEDURE.exec(inOpReport ? `performed: ${s.text}` : s.text);
    if (!m) continue;
    if (!inOpReport && (isNegated(s.text, m.index, m.index + m[0].length) || REQUEST_WORDS.test(s.text) || PLAN_SECTION.test(s.section))) continue;
    const procedure = m[1]!.trim();
    const date = new RegExp(`(?:on|in|dated)\\s+(${DATE_PATTERN}|(?:19|20)\\d{2})\\b`, "i").exec(s.text);
    const when = inOpReport ? s.doc.date : date ? (parseUsDate(date[1]!) ?? (/^\d{4}$/.test(date[1]!) ? `${date[1]}-01-01` : undefined)) : undefined;
    const key = `${procedure.toLowerCase().replace(/\W+/g, " ")}|${when?.slice(0, 4) ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(withDate({ procedure, document: s.doc.document, evidence: evidence(s) }, when));
  }
  return out;
}

/** Diagnoses listed under a diagnosis or assessment heading, merged across reports (first report that lists each). */
export function diagnoses(sentences: DocSentence[]): Diagnosis[] {
  const byKey = new Map<string, Diagnosis>();
  for (const s of sentences) {
    if (!/diagnos|assessment/i.test(s.section) || ["MRI report", "CT report", "X-ray report", "EMG/NCV report", "UR determination"].includes(s.doc.type))
      continue;
    const pageText = s.doc.pages[s.page - 1]!;
    // Diagnoses come as numbered lines or a list separated by semicolons; each item keeps its own offsets.
    for (const item of s.text.matchAll(/(?:^|\n|;|\d+\.\s)\s*([A-Za-z][^;\n]{3,120}?)\s*(?=$|\n|;|\s\d+\.\s)/g)) {
      const raw = item[1]!
        .replace(/\s*\(?[A-Z]\d{2}(?:\.\w{1,4})?\)?\s*$/, "")
        .replace(/[.,]+$/, "")
        .trim();
      if (raw.length < 4 || /^(?:diagnos|assessment)/i.test(raw)) continue;
      const key = raw.toLowerCase().replace(/\W+/g, " ").trim();
      const start = s.start + item.index + item[0].indexOf(item[1]!);
      const ev: EvidenceSpan = { document: s.doc.document, page: s.page, text: pageText.slice(start, start + raw.length), start, end: start + raw.length };
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.documents.includes(s.doc.document)) existing.documents.push(s.doc.document);
        existing.evidence.push(ev);
        if (s.doc.date && (!existing.firstDocumented || s.doc.date < existing.firstDocumented)) existing.firstDocumented = s.doc.date;
      } else byKey.set(key, withDate({ text: raw, documents: [s.doc.document], evidence: [ev] }, undefined) as Diagnosis);
      const d = byKey.get(key)!;
      if (s.doc.date && !d.firstDocumented) d.firstDocumented = s.doc.date;
    }
  }
  return [...byKey.values()];
}

function groupByDocument(sentences: DocSentence[]): Map<string, DocSentence[]> {
  const map = new Map<string, DocSentence[]>();
  for (const s of sentences) {
    const list = map.get(s.doc.document) ?? [];
    list.push(s);
    map.set(s.doc.document, list);
  }
  return map;
}

const AGE = /\b(\d{2})[- ]year[- ]old\b|\bage\s*:?\s*(\d{2})\b|\b(\d{2}) ?(?:yo|y\/o)\b/i;
const SEX = /\b(male|female|man|woman|gentleman|lady)\b|\bsex\s*:\s*([MF])\b/i;
const INJURY_DATE = new RegExp(`\\b(?:date of injury|DOI|D\\.O\\.I\\.?|injury date)\\s*[:#-]?\\s*(${DATE_PATTERN})`, "gi");

function lineAround(text: string, at: number): { text: string; start: number; end: number } {
  const start = text.lastIndexOf("\n", at) + 1;
  const nl = text.indexOf("\n", at);
  const end = nl < 0 ? text.length : nl;
  return {
    text: text.slice(start, end).trim(),
    start: start + (text.slice(start, end).length - text.slice(start, end).trimStart().length),
    end: start + text.slice(start, end).trimEnd().length,
  };
}
const MECHANISM =
  /\b(?:injur(?:ed|y)|hurt|strain(?:ed)?)\b[^.\n]{0,120}\b(?:while|when|lifting|fell|fall|slipped|tripped|motor vehicle|MVA|collision|struck|pulling|pushing|repetitive|carrying)\b/i;

function patientFacts(sentences: DocSentence[], ordered: CaseDocument[], conflicts: Conflict[]): ClinicalTimeline["patient"] {
  const patient: ClinicalTimeline["patient"] = {};
  const injuryDates: { value: PlainDate; s: DocSentence }[] = [];
  // Newest report first: the age and sex a case summary gives are the latest ones.
  const newestFirst = [...ordered].reverse();
  for (const doc of newestFirst) {
    for (const s of sentences.filter((x) => x.doc === doc)) {
      if (patient.age === undefined) {
        const a = AGE.exec(s.text);
        if (a) patient.age = Number(a[1] ?? a[2] ?? a[3]);
      }
      if (!patient.sex) {
        const x = SEX.exec(s.text);
        if (x) patient.sex = x[2] ? (x[2].toUpperCase() === "M" ? "male" : "female") : /^(?:male|man|gentleman)$/i.test(x[1]!) ? "male" : "female";
      }
    }
  }
  // Header fields ("Date of Injury: 06/14/2012") are read from the page text, oldest report first: the section reader
  // takes their labels for headings.
  for (const doc of ordered) {
    doc.pages.forEach((pageText, index) => {
      for (const m of pageText.matchAll(INJURY_DATE)) {
        const d = parseUsDate(m[1]!);
        if (!d) continue;
        const line = lineAround(pageText, m.index);
        injuryDates.push({ value: d, s: { doc, page: index + 1, section: "", text: line.text, start: line.start, end: line.end } });
      }
    });
  }
  for (const doc of ordered) {
    if (patient.mechanism) break;
    const s = sentences.find((x) => x.doc === doc && MECHANISM.test(x.text));
    if (s) patient.mechanism = evidence(s);
  }
  if (injuryDates.length > 0) {
    const counts = new Map<string, number>();
    for (const d of injuryDates) counts.set(d.value, (counts.get(d.value) ?? 0) + 1);
    patient.dateOfInjury = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    if (counts.size > 1) {
      const firstOfEach = [...counts.keys()].map((v) => injuryDates.find((d) => d.value === v)!);
      conflicts.push({
        topic: "date of injury",
        statements: firstOfEach.map((d) => statement(d.s.doc.document, d.s.doc.date, formatUsDate(d.value), evidence(d.s))),
      });
    }
  }
  return patient;
}

function sameDateConflicts<T extends { date?: PlainDate; document: string; evidence: EvidenceSpan }>(
  topic: string,
  entries: T[],
  value: (e: T) => string | undefined,
  conflicts: Conflict[],
): void {
  const byDate = new Map<string, T[]>();
  for (const e of entries) {
    if (!e.date || value(e) === undefined) continue;
    byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  }
  for (const [date, list] of byDate) {
    const docs = new Map<string, T>();
    for (const e of list) if (!docs.has(e.document)) docs.set(e.document, e);
    const values = new Set([...docs.values()].map(value));
    if (docs.size > 1 && values.size > 1)
      conflicts.push({ topic: `${topic} on ${date}`, statements: [...docs.values()].map((e) => statement(e.document, e.date, value(e)!, e.evidence)) });
  }
}

export type TimelineOptions = {
  vocabulary: DrugVocabulary;
  /** The UR decision's date when the case states it; else the date of the latest UR determination in the records. */
  urDecisionDate?: PlainDate;
};

/**
 * Merges every document of the case file into one clinical timeline. The UR determination itself is not clinical
 * evidence and is only used for its date; the latest clinical report on or before it is the one the request is
 * judged against, and reports dated after it are listed but not read for the decision.
 */
export function buildTimeline(documents: CaseDocument[], options: TimelineOptions): ClinicalTimeline {
  const ordered = [...documents].sort((a, b) => ((a.date ?? "0000") < (b.date ?? "0000") ? -1 : (a.date ?? "0000") > (b.date ?? "0000") ? 1 : 0));
  const urDates = ordered.filter((d) => d.type === "UR determination" && d.date).map((d) => d.date!);
  const urDecisionDate = options.urDecisionDate ?? urDates.at(-1);
  const clinical = ordered.filter((d) => d.type !== "UR determination");
  const judged =
    [...clinical].reverse().find((d) => CLINICAL_REPORTS.includes(d.type) && d.date && (!urDecisionDate || d.date <= urDecisionDate)) ??
    [...clinical].reverse().find((d) => !urDecisionDate || !d.date || d.date <= urDecisionDate);

  const entries: DocumentEntry[] = ordered.map((d) => {
    const after = urDecisionDate !== undefined && d.date !== undefined && d.date > urDecisionDate;
    const entry: DocumentEntry = {
      document: d.document,
      type: d.type,
      file: d.file,
      filePages: d.filePages,
      isJudgedAgainst: d === judged,
      isUsedForDecision: d.type !== "UR determination" && !after,
    };
    if (d.date) entry.date = d.date;
    if (d.authorRole) entry.authorRole = d.authorRole;
    if (d.type === "UR determination") entry.note = "The decision under review: read for its date, not as clinical evidence.";
    else if (after) entry.note = "Dated after the UR decision: shown in the timeline, not read for the decision.";
    return entry;
  });

  const sentences = clinical.flatMap(documentSentences);
  const conflicts: Conflict[] = [];
  const patient = patientFacts(sentences, clinical, conflicts);
  const medications = medicationCourses(sentences, options.vocabulary, conflicts);
  const pain = painScores(sentences);
  const work = workStatuses(sentences);
  const fn = functionStatuses(sentences);
  const treatments = treatmentCourses(sentences, conflicts);
  sameDateConflicts("pain score", pain, (p) => (p.withMedication ?? p.score)?.toString(), conflicts);
  sameDateConflicts("work status", work, (w) => w.status, conflicts);
  sameDateConflicts("function", fn, (f) => f.status, conflicts);

  const timeline: ClinicalTimeline = {
    documents: entries,
    patient,
    medications,
    pain,
    function: fn,
    workStatus: work,
    treatments,
    studies: studies(clinical, sentences),
    surgeries: surgeries(sentences),
    diagnoses: diagnoses(sentences),
    conflicts,
  };
  if (urDecisionDate) timeline.urDecisionDate = urDecisionDate;
  if (judged) timeline.judgedAgainst = judged.document;
  return timeline;
}
