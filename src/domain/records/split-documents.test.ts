import { describe, expect, it } from "vitest";
import { authorRole, documentTitle, reportHeading, serviceDate, splitRecordFile, uniqueTitles } from "./split-documents.ts";

const pr2 = (date: string, body: string) =>
  `CLINIC NAME\nPRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)\nPatient: Test Person\nDate of Service: ${date}\nPage 1 of 2\n\nSUBJECTIVE:\n${body}`;
const cont = (date: string, body: string) => `PR-2 (continued) - Page 2 of 2\nDate of Service: ${date}\n\nPLAN:\n${body}`;

describe("splitRecordFile", () => {
  it("splits a two-report file at the second report's heading and keeps each report's file pages", () => {
    const docs = splitRecordFile({
      name: "case.pdf",
      pages: [pr2("01/06/2015", "a"), cont("01/06/2015", "b"), pr2("02/03/2015", "c"), cont("02/03/2015", "d")],
    });
    expect(docs.map((d) => [d.document, d.type, d.date, d.filePages, d.authorRole])).toEqual([
      ["PR-2 01/06/2015", "PR-2", "2015-01-06", [1, 2], "primary treating physician"],
      ["PR-2 02/03/2015", "PR-2", "2015-02-03", [3, 4], "primary treating physician"],
    ]);
    expect(docs[1]!.pages[1]).toContain("PLAN:\nd");
  });

  it("keeps a page that repeats the heading and date of the report before it in that report", () => {
    const docs = splitRecordFile({ name: "case.pdf", pages: [pr2("01/06/2015", "a"), pr2("01/06/2015", "b").replace("Page 1 of 2", "")] });
    expect(docs).toHaveLength(1);
  });

  it("names each kind of report from its heading", () => {
    const pages = [
      "MRI OF THE LUMBAR SPINE WITHOUT CONTRAST\nDate of Exam: 08/20/2014\nIMPRESSION:\nProtrusion.",
      "ELECTRODIAGNOSTIC CONSULTATION: EMG/NCV\nDate of Study: 10/02/2014",
      "OPERATIVE REPORT\nDate of Surgery: 03/01/2013",
      "REQUEST FOR AUTHORIZATION (DWC Form RFA)\nDate of Request: 02/03/2015",
      "UTILIZATION REVIEW DETERMINATION\nDate of Decision: 02/12/2015",
      "QUALIFIED MEDICAL EVALUATION\nDate of Exam: 04/01/2015",
      "ORTHOPEDIC CONSULTATION\nDate: 05/01/2015",
    ];
    expect(splitRecordFile({ name: "f.pdf", pages }).map((d) => d.document)).toEqual([
      "MRI report 08/20/2014",
      "EMG/NCV report 10/02/2014",
      "Operative report 03/01/2013",
      "RFA 02/03/2015",
      "UR determination 02/12/2015",
      "QME report 04/01/2015",
      "Consultation 05/01/2015",
    ]);
  });

  it("makes a file without headings one document", () => {
    const docs = splitRecordFile({ name: "notes.txt", pages: ["Seen today. Pain 5/10.", "More notes."] });
    expect(docs.map((d) => [d.document, d.filePages])).toEqual([["Report", [1, 2]]]);
  });

  it("numbers reports whose titles would collide", () => {
    const docs = uniqueTitles([
      ...splitRecordFile({ name: "a.pdf", pages: [pr2("01/06/2015", "a")] }),
      ...splitRecordFile({ name: "b.pdf", pages: [pr2("01/06/2015", "a")] }),
    ]);
    expect(docs.map((d) => d.document)).toEqual(["PR-2 01/06/2015", "PR-2 01/06/2015 (2)"]);
  });
});

describe("report fields", () => {
  it("reads the date of service, not the date of birth or injury", () => {
    expect(serviceDate("DOB: 04/12/1968\nDate of Injury: 06/14/2012\nDate of Service: 02/03/2015")).toBe("2015-02-03");
  });
  it("gives the author's role and never a name", () => {
    expect(authorRole("Electronically signed by Alan Hale, M.D.\nOrthopaedic Surgery", "consultation")).toBe("orthopedic surgeon");
    expect(authorRole("Interpreted by staff.", "MRI report")).toBe("radiologist");
  });
  it("finds no heading in a page of plain clinical text", () => {
    expect(reportHeading("She reports pain in the low back. An MRI was done last year and showed a protrusion at L4-5 with more words here.")).toBeUndefined();
  });
  it("titles a report by type and date as citations name it", () => {
    expect(documentTitle("PR-2", "2015-02-03")).toBe("PR-2 02/03/2015");
  });
});
