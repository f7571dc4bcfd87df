import { formatUsDate } from "../shared/dates.ts";
import { REDACTED, redactText } from "./identifiers.ts";
import { type DocSentence, documentSentences } from "./timeline.ts";
import type { CaseDocument, ClinicalTimeline, IdentifierSpan, MedicationCourse } from "./types.ts";

const REPORT_WORDS: Record<string, string> = {
  "PR-2": "progress report",
  "initial report": "initial report",
  consultation: "consultation",
  "QME report": "QME report",
  "AME report": "AME report",
  report: "report",
};

function joinList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * A sentence copied from the records with identifiers removed and a redacted name taken back to "the patient", so
 * it reads as the seed letter's summary does.
 */
function neutral(text: string, ids: IdentifierSpan[], start: number): string {
  return redactText(text, ids, start)
    .replace(/\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+\[redacted\](?:\s+\[redacted\])*/g, REDACTED)
    .replace(/^\[redacted\](?:\s+\[redacted\])*(?=\s+[a-z])/, "The patient")
    .replace(/(?<=[.;]\s+)\[redacted\](?:\s+\[redacted\])*(?=\s+[a-z])/g, "the patient")
    .replace(/\s+/g, " ")
    .trim();
}

function sectionSentences(sentences: DocSentence[], heading: RegExp, max: number, ids: (s: DocSentence) => IdentifierSpan[]): string[] {
  return sentences
    .filter((s) => heading.test(s.section))
    .slice(0, max)
    .map((s) => neutral(s.text, ids(s), s.start))
    .filter((t) => t.length > 3 && !/^\[redacted\]\.?$/.test(t));
}

function medicationPhrase(m: MedicationCourse): string {
  const shown = m.namesAsWritten[0] ?? m.name;
  const dose = m.doses.at(-1)?.dose;
  const since = m.start ? ` since ${formatUsDate(m.start)}` : "";
  const weeks =
    m.durationWeeks !== undefined
      ? ` (about ${m.durationWeeks >= 8 ? `${Math.round(m.durationWeeks / 4.35)} months` : `${Math.round(m.durationWeeks)} weeks`})`
      : "";
  const change = m.doses.length > 1 ? `, the dose changed from ${m.doses[0]!.dose} to ${m.doses.at(-1)!.dose}` : "";
  return `${shown}${dose && m.doses.length <= 1 ? ` ${dose}` : ""}${since}${weeks}${change}`;
}

/**
 * Writes the letter's "CLINICAL CASE SUMMARY" paragraph from the timeline and the report the request is judged
 * against, in the neutral style of published letters; identifiers never appear in it.
 * @param identifiersOn - the identifiers of a document's page, to remove them from sentences taken from the records
 */
export function renderCaseSummary(
  timeline: ClinicalTimeline,
  documents: CaseDocument[],
  identifiersOn: (document: string, page: number) => IdentifierSpan[],
): string {
  const p = timeline.patient;
  const he = p.sex === "male" ? "He" : p.sex === "female" ? "She" : "The patient";
  const parts: string[] = [];
  const who = [p.age !== undefined ? `${p.age} year old` : "", p.sex ?? "patient"].filter(Boolean).join(" ");
  parts.push(`This is a case of a ${who}${p.dateOfInjury ? ` with a date of injury of ${formatUsDate(p.dateOfInjury)}` : ""}.`);
  const ids = (s: DocSentence) => identifiersOn(s.doc.document, s.page);
  if (p.mechanism) {
    const m = p.mechanism;
    // "The patient is a 46-year-old female clerk who injured her back ..." -> "The patient injured her back ...": age and sex are already said.
    parts.push(
      neutral(m.text, identifiersOn(m.document ?? "", m.page ?? 1), m.start).replace(/^(?:the patient|she|he) is an? [^.]*?\bwho\s+/i, "The patient "),
    );
  }

  const judged = documents.find((d) => d.document === timeline.judgedAgainst);
  const judgedSentences = judged ? documentSentences(judged) : [];
  if (judged) {
    const complaints = sectionSentences(judgedSentences, /subjective|complaint|history|interval|hpi/i, 2, ids);
    const intro = `In a ${REPORT_WORDS[judged.type] ?? "report"}${judged.date ? ` dated ${formatUsDate(judged.date)}` : ""}${judged.authorRole ? ` by the ${judged.authorRole}` : ""}`;
    parts.push(complaints.length > 0 ? `${intro}, the following is reported. ${complaints.join(" ")}` : `${intro}, the patient was seen in follow-up.`);
  }

  if (timeline.surgeries.length > 0) {
    parts.push(`${he} underwent ${joinList(timeline.surgeries.map((s) => `${s.procedure}${s.date ? ` (${s.date.slice(0, 4)})` : ""}`))}.`);
  }
  const counted = timeline.treatments.filter((t) => t.count !== undefined);
  if (counted.length > 0) {
    const items = counted.map((t) => {
      const response = t.responses[0]?.text;
      return `${t.count} ${t.kind}${t.unit && !/injection|block/.test(t.kind) ? ` ${t.unit}${t.count === 1 ? "" : "s"}` : t.count === 1 ? "" : "s"}${response ? ` with ${response.replace(/^(?:with|had)\s+/i, "")}` : ""}`;
    });
    parts.push(`Prior treatment includes ${joinList(items)}.`);
  }
  for (const study of timeline.studies.slice(0, 3)) {
    const ev = study.evidence;
    const text = neutral(ev.text, identifiersOn(ev.document ?? "", ev.page ?? 1), ev.start);
    parts.push(
      `${study.kind}${study.bodyPart ? ` of the ${study.bodyPart}` : ""}${study.date ? ` dated ${formatUsDate(study.date)}` : ""}: ${text.replace(/^(?:impression|findings)\s*:\s*/i, "")}`,
    );
  }
  const current = timeline.medications.filter((m) => m.status === "current");
  const stopped = timeline.medications.filter((m) => m.status === "stopped");
  if (current.length > 0) parts.push(`Medications documented include ${joinList(current.map(medicationPhrase))}.`);
  if (stopped.length > 0)
    parts.push(
      `${joinList(stopped.map((m) => m.namesAsWritten[0] ?? m.name))} ${stopped.length > 1 ? "were" : "was"} stopped${stopped[0]!.stop ? ` by ${formatUsDate(stopped[0]!.stop)}` : ""}.`,
    );

  const judgedPain = timeline.pain.filter((x) => x.document === timeline.judgedAgainst).at(-1) ?? timeline.pain.at(-1);
  if (judgedPain) {
    if (judgedPain.withMedication !== undefined && judgedPain.withoutMedication !== undefined)
      parts.push(`The patient rates pain ${judgedPain.withMedication}/10 with medications and ${judgedPain.withoutMedication}/10 without.`);
    else if ((judgedPain.score ?? judgedPain.withMedication) !== undefined)
      parts.push(`The patient rates pain ${judgedPain.score ?? judgedPain.withMedication}/10.`);
    const earlier = timeline.pain.filter((x) => x !== judgedPain && x.date && judgedPain.date && x.date < judgedPain.date);
    const first = earlier[0];
    const firstScore = first ? (first.withMedication ?? first.score) : undefined;
    if (first?.date && firstScore !== undefined) parts.push(`Pain was rated ${firstScore}/10 on ${formatUsDate(first.date)}.`);
  }
  const fn = timeline.function.filter((f) => f.document === timeline.judgedAgainst).at(-1);
  if (fn) parts.push(neutral(fn.evidence.text, identifiersOn(fn.document, fn.evidence.page ?? 1), fn.evidence.start));
  const exam = sectionSentences(judgedSentences, /objective|exam|physical/i, 3, ids);
  if (exam.length > 0) parts.push(`On physical examination, ${exam.join(" ").replace(/^([A-Z])(?=[a-z])/, (c) => c.toLowerCase())}`);
  const judgedDiagnoses = timeline.diagnoses.filter((d) => !timeline.judgedAgainst || d.documents.includes(timeline.judgedAgainst));
  const dx = (judgedDiagnoses.length > 0 ? judgedDiagnoses : timeline.diagnoses).map((d) => d.text.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()));
  if (dx.length > 0) parts.push(`The patient is diagnosed with ${joinList(dx)}.`);
  const plan = sectionSentences(judgedSentences, /plan|recommend|request|disposition/i, 3, ids);
  if (plan.length > 0) parts.push(`The treatment plan: ${plan.join(" ")}`);
  const work = timeline.workStatus.filter((w) => w.document === timeline.judgedAgainst).at(-1);
  if (work) parts.push(`Work status: ${work.status}.`);
  return parts
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (/[.!?:]$/.test(s) ? s : `${s}.`))
    .join(" ");
}
