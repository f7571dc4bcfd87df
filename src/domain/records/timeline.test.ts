import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../adapters/knowledge/load-knowledge-base.ts";
import { renderCaseSummary } from "./case-summary.ts";
import { findIdentifiers, personNameWords } from "./identifiers.ts";
import { renderTimelineText } from "./render-timeline.ts";
import { splitRecordFile } from "./split-documents.ts";
import { buildTimeline, statedStart } from "./timeline.ts";
import type { CaseDocument } from "./types.ts";

const vocabulary = loadKnowledgeBase().drugs;

function pr2(date: string, body: string): string {
  return `PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)\nPatient: Maria Ortega   DOB: 04/12/1968\nDate of Injury: 06/14/2012\nDate of Service: ${date}\n\n${body}`;
}
function docs(...pages: string[]): CaseDocument[] {
  return splitRecordFile({ name: "case.pdf", pages });
}

describe("buildTimeline: medications", () => {
  it("turns repeated refills into a course with a duration and the dose changes", () => {
    const t = buildTimeline(
      docs(
        pr2("01/06/2015", "CURRENT MEDICATIONS:\n1. Norco 10/325 mg every 6 hours, #120.\n\nPLAN:\nRefill Norco 10/325 mg #120."),
        pr2("02/03/2015", "CURRENT MEDICATIONS:\n1. Norco 10/325 mg every 6 hours, #120."),
        pr2("03/03/2015", "CURRENT MEDICATIONS:\n1. Norco 7.5/325 mg every 6 hours, #120."),
      ),
      { vocabulary },
    );
    const norco = t.medications.find((m) => m.name.startsWith("hydrocodone"))!;
    expect(norco).toMatchObject({
      status: "current",
      start: "2015-01-06",
      startStated: false,
      lastDocumented: "2015-03-03",
      visitsListed: 3,
      durationWeeks: 8,
    });
    expect(norco.doses.map((d) => [d.dose, d.date])).toEqual([
      ["10/325 mg", "2015-01-06"],
      ["7.5/325 mg", "2015-03-03"],
    ]);
  });

  it('reads "on Norco since June 2013" as the start of the course', () => {
    const t = buildTimeline(docs(pr2("02/03/2015", "SUBJECTIVE:\nShe has been on Norco since June 2013 and it helps.")), { vocabulary });
    const norco = t.medications[0]!;
    expect(norco).toMatchObject({ start: "2013-06-01", startStated: true, status: "current" });
    expect(norco.durationWeeks).toBeCloseTo(87.6, 0);
    expect(norco.evidence[0]).toMatchObject({ document: "PR-2 02/03/2015", page: 1 });
  });

  it("marks a drug stopped when a later report says it was discontinued", () => {
    const t = buildTimeline(
      docs(pr2("01/06/2015", "MEDICATIONS:\n1. Flexeril 7.5 mg three times daily."), pr2("02/03/2015", "SUBJECTIVE:\nFlexeril was discontinued last week.")),
      { vocabulary },
    );
    expect(t.medications[0]).toMatchObject({ name: "cyclobenzaprine", status: "stopped", stop: "2015-02-03" });
  });

  it("does not count a drug only requested as taken", () => {
    const t = buildTimeline(docs(pr2("01/06/2015", "TREATMENT PLAN:\nRequest Zanaflex 4 mg #60 for a trial.")), { vocabulary });
    expect(t.medications[0]).toMatchObject({ name: "tizanidine", status: "requested only", visitsListed: 0 });
  });

  it.each([
    ["since 9/22/2014", "2014-09-22"],
    ["for 6 months", "2014-08-04"],
    ["since 2012", "2012-01-01"],
    ["for several months", "2014-11-04"],
  ])("reads %j as a start date", (phrase, start) => {
    expect(statedStart(`She has taken it ${phrase}.`, "2015-02-03")).toBe(start);
  });
});

describe("buildTimeline: pain, function, work, treatments, studies, diagnoses", () => {
  const t = buildTimeline(
    docs(
      pr2(
        "01/06/2015",
        "SUBJECTIVE:\nShe rates her pain 7/10 with medications and 9/10 without medications. She completed 12 sessions of physical therapy with temporary improvement. She had two epidural steroid injections with 50% relief for six weeks. She is status post L4-5 microdiscectomy in 2013. MRI of the lumbar spine dated 08/20/2014 showed a protrusion at L4-5.\n\nDIAGNOSES:\n1. Lumbar radiculopathy (M54.16)\n2. Lumbar disc protrusion\n\nWORK STATUS:\nModified duty.",
      ),
      pr2(
        "02/03/2015",
        "SUBJECTIVE:\nPain is 6/10. She reports no functional improvement.\n\nDIAGNOSES:\n1. Lumbar radiculopathy (M54.16)\n\nWORK STATUS:\nTemporarily totally disabled.",
      ),
    ),
    { vocabulary },
  );

  it("keeps pain scores over time, with and without medication", () => {
    expect(t.pain.map((p) => [p.date, p.withMedication, p.withoutMedication, p.score])).toEqual([
      ["2015-01-06", 7, 9, undefined],
      ["2015-02-03", undefined, undefined, 6],
    ]);
  });

  it("keeps work status and function per report", () => {
    expect(t.workStatus.map((w) => [w.date, w.status])).toEqual([
      ["2015-01-06", "modified duty"],
      ["2015-02-03", "temporarily totally disabled"],
    ]);
    expect(t.function.map((f) => [f.date, f.status])).toEqual([["2015-02-03", "unchanged"]]);
  });

  it("counts treatments and keeps their responses", () => {
    expect(t.treatments.map((x) => [x.kind, x.count, x.responses.map((r) => r.text)])).toEqual([
      ["physical therapy", 12, ["temporary improvement"]],
      ["epidural steroid injection", 2, ["50% relief for six weeks"]],
    ]);
  });

  it("lists studies, surgeries and diagnoses once each", () => {
    expect(t.studies.map((s) => [s.kind, s.bodyPart, s.date])).toEqual([["MRI", "lumbar spine", "2014-08-20"]]);
    expect(t.surgeries.map((s) => [s.procedure, s.date])).toEqual([["L4-5 microdiscectomy", "2013-01-01"]]);
    expect(t.diagnoses.map((d) => [d.text, d.firstDocumented, d.documents.length])).toEqual([
      ["Lumbar radiculopathy", "2015-01-06", 2],
      ["Lumbar disc protrusion", "2015-01-06", 1],
    ]);
  });
});

describe("buildTimeline: conflicts and the report the request is judged against", () => {
  const documents = docs(
    pr2("01/06/2015", "SUBJECTIVE:\nShe completed 12 sessions of physical therapy."),
    pr2("02/03/2015", "SUBJECTIVE:\nPain 6/10."),
    "UTILIZATION REVIEW DETERMINATION\nDate of Decision: 02/12/2015\nThe request is non-certified.",
    pr2("03/10/2015", "SUBJECTIVE:\nShe completed 8 sessions of physical therapy.").replace("06/14/2012", "06/14/2011"),
  );
  const t = buildTimeline(documents, { vocabulary });

  it("keeps both statements when reports disagree", () => {
    expect(t.conflicts.map((c) => [c.topic, c.statements.map((s) => [s.document, s.value])])).toEqual([
      [
        "date of injury",
        [
          ["PR-2 01/06/2015", "6/14/2012"],
          ["PR-2 03/10/2015", "6/14/2011"],
        ],
      ],
      [
        "number of physical therapy sessions received",
        [
          ["PR-2 01/06/2015", "12"],
          ["PR-2 03/10/2015", "8"],
        ],
      ],
    ]);
    expect(renderTimelineText(t)).toContain("number of physical therapy sessions received: 12 (PR-2 01/06/2015, p. 1) vs 8 (PR-2 03/10/2015, p. 1)");
  });

  it("judges the request against the latest clinical report on or before the UR decision", () => {
    expect(t.urDecisionDate).toBe("2015-02-12");
    expect(t.judgedAgainst).toBe("PR-2 02/03/2015");
    expect(t.documents.map((d) => [d.document, d.isJudgedAgainst, d.isUsedForDecision])).toEqual([
      ["PR-2 01/06/2015", false, true],
      ["PR-2 02/03/2015", true, true],
      ["UR determination 02/12/2015", false, false],
      ["PR-2 03/10/2015", false, false],
    ]);
  });

  it("takes the UR date given with the case over the records", () => {
    expect(buildTimeline(documents, { vocabulary, urDecisionDate: "2015-01-20" }).judgedAgainst).toBe("PR-2 01/06/2015");
  });
});

describe("renderCaseSummary", () => {
  it("writes the summary from the timeline with no identifiers", () => {
    const documents = docs(
      pr2(
        "02/03/2015",
        "SUBJECTIVE COMPLAINTS:\nMs. Ortega is a 46-year-old female who injured her low back while lifting boxes. She rates her pain 6/10.\n\nOBJECTIVE FINDINGS:\nThere is lumbar spasm. Dr. Hale noted a positive straight leg raise.\n\nDIAGNOSES:\n1. Lumbar radiculopathy\n\nTREATMENT PLAN:\nRequest Flexeril 7.5 mg #90.",
      ),
    );
    const known = personNameWords(documents[0]!.pages[0]!);
    const summary = renderCaseSummary(buildTimeline(documents, { vocabulary }), documents, (d, p) =>
      findIdentifiers(documents.find((x) => x.document === d)!.pages[p - 1]!, known),
    );
    expect(summary).toMatch(/^This is a case of a 46 year old female with a date of injury of 6\/14\/2012\./);
    expect(summary).toContain("The patient is diagnosed with lumbar radiculopathy.");
    expect(summary).toContain("In a progress report dated 2/3/2015 by the primary treating physician");
    expect(summary).not.toMatch(/Ortega|Hale|1968/);
  });
});
