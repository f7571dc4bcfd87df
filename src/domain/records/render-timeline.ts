import { formatUsDate } from "../shared/dates.ts";
import type { EvidenceSpan } from "../shared/types.ts";
import type { ClinicalTimeline } from "./types.ts";

/** Cites a piece of evidence by document and page, always with the page: "PR-2 02/03/2015, p. 2". */
export function citeSpan(e: Pick<EvidenceSpan, "document" | "page">): string {
  return `${e.document ?? "records"}, p. ${e.page ?? 1}`;
}

function quote(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
}

function pages(list: number[]): string {
  if (list.length === 0) return "";
  return list.length === 1 ? `p. ${list[0]}` : `pp. ${list[0]}-${list.at(-1)}`;
}

const when = (date: string | undefined) => (date ? formatUsDate(date) : "undated");

/** Renders the clinical timeline as plain text, each line citing the document and page it came from. */
export function renderTimelineText(t: ClinicalTimeline): string {
  const out: string[] = ["CASE FILE"];
  for (const d of t.documents) {
    const flags = [d.isJudgedAgainst ? "the request is judged against this report" : "", d.note ?? ""].filter(Boolean).join("; ");
    out.push(`  ${d.document}${d.authorRole ? ` - ${d.authorRole}` : ""} - ${d.file} ${pages(d.filePages)}${flags ? ` [${flags}]` : ""}`);
  }
  if (t.urDecisionDate) out.push(`UR decision dated ${formatUsDate(t.urDecisionDate)}.`);
  if (t.judgedAgainst)
    out.push(`The request is judged against ${t.judgedAgainst}, the latest clinical report${t.urDecisionDate ? " on or before the UR decision" : ""}.`);
  const p = t.patient;
  out.push(
    "",
    "PATIENT",
    `  ${[p.age !== undefined ? `${p.age} year old` : "", p.sex ?? "", p.dateOfInjury ? `date of injury ${formatUsDate(p.dateOfInjury)}` : ""].filter(Boolean).join(", ") || "not stated"}`,
  );
  if (p.mechanism) out.push(`  Mechanism: ${quote(p.mechanism.text)} (${citeSpan(p.mechanism)})`);

  out.push("", "MEDICATIONS");
  for (const m of t.medications) {
    const dur = m.durationWeeks !== undefined ? `, about ${m.durationWeeks} weeks` : "";
    const doses = m.doses.length > 0 ? `; doses ${m.doses.map((d) => `${d.dose} (${when(d.date)})`).join(" -> ")}` : "";
    out.push(
      `  ${m.name} (${m.namesAsWritten.join(", ")}): ${m.status}; ${m.start ? `since ${formatUsDate(m.start)}${m.startStated ? " (as stated)" : ""}` : "start not stated"}${m.stop ? `, stopped ${formatUsDate(m.stop)}` : ""}${dur}; listed at ${m.visitsListed} visit(s)${doses} (${[...new Set(m.evidence.map(citeSpan))].slice(0, 4).join("; ")})`,
    );
  }
  out.push("", "PAIN");
  for (const x of t.pain) {
    const values = [
      x.withMedication !== undefined ? `${x.withMedication}/10 with medications` : "",
      x.withoutMedication !== undefined ? `${x.withoutMedication}/10 without` : "",
      x.score !== undefined ? `${x.score}/10` : "",
    ]
      .filter(Boolean)
      .join(", ");
    out.push(`  ${when(x.date)}: ${values} (${citeSpan(x.evidence)})`);
  }
  out.push("", "FUNCTION");
  for (const f of t.function) out.push(`  ${when(f.date)}: ${f.status} - ${quote(f.evidence.text)} (${citeSpan(f.evidence)})`);
  out.push("", "WORK STATUS");
  for (const w of t.workStatus) out.push(`  ${when(w.date)}: ${w.status} (${citeSpan(w.evidence)})`);
  out.push("", "TREATMENTS");
  for (const tr of t.treatments) {
    const responses = tr.responses.map((r) => r.text).join("; ");
    out.push(
      `  ${tr.kind}: ${tr.count !== undefined ? `${tr.count}${tr.unit ? ` ${tr.unit}${tr.count === 1 ? "" : "s"}` : ""}` : "count not stated"}${responses ? `; response: ${responses}` : ""} (${[...new Set(tr.mentions.map((m) => citeSpan(m.evidence)))].slice(0, 4).join("; ")})`,
    );
  }
  out.push("", "IMAGING AND ELECTRODIAGNOSTICS");
  for (const s of t.studies)
    out.push(`  ${when(s.date)}: ${s.kind}${s.bodyPart ? ` ${s.bodyPart}` : ""} - ${quote(s.evidence.text)} (${citeSpan(s.evidence)})`);
  out.push("", "SURGERIES");
  for (const s of t.surgeries) out.push(`  ${when(s.date)}: ${s.procedure} (${citeSpan(s.evidence)})`);
  out.push("", "DIAGNOSES");
  for (const d of t.diagnoses) out.push(`  ${d.text} (first ${when(d.firstDocumented)}; ${d.documents.join(", ")})`);
  out.push("", "CONFLICTS BETWEEN DOCUMENTS");
  if (t.conflicts.length === 0) out.push("  none found");
  for (const c of t.conflicts) out.push(`  ${c.topic}: ${c.statements.map((s) => `${s.value} (${citeSpan(s.evidence)})`).join(" vs ")}`);
  return `${out.join("\n")}\n`;
}

/** Lists each criterion's evidence with citations, for the text form of a draft. */
export function renderEvidenceText(items: { request: string; criteria: { text: string; status: string; evidence: EvidenceSpan[] }[] }[]): string {
  const out: string[] = ["EVIDENCE"];
  for (const item of items) {
    out.push(`${item.request}:`);
    for (const c of item.criteria) {
      out.push(`  [${c.status}] ${c.text}`);
      for (const e of c.evidence.slice(0, 4)) out.push(`      ${quote(e.text)} (${citeSpan(e)})`);
    }
  }
  return `${out.join("\n")}\n`;
}
