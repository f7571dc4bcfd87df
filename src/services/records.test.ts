import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writePdf } from "../../scripts/make-record-fixtures.ts";
import { recordFixture } from "../../test/fixtures/records.ts";
import { loadKnowledgeBase } from "../adapters/knowledge/load-knowledge-base.ts";
import { extractPdfPages } from "../adapters/pdf/extract-text.ts";
import { main } from "../interfaces/cli/main.ts";
import { makeDrafting } from "./drafting.ts";
import { makeRecords } from "./records.ts";

const knowledge = loadKnowledgeBase();
const files = { size: async (p: string) => (await stat(p)).size, read: async (p: string) => new Uint8Array(await readFile(p)) };
const records = makeRecords({ pdfPages: extractPdfPages, files, vocabulary: knowledge.drugs, maxRecordBytes: 10 * 1024 * 1024 });
const drafting = makeDrafting({ knowledge });

describe("readCaseFile: records that cannot be read", () => {
  it.each([
    ["empty.pdf", "RECORD_EMPTY"],
    ["not-a-pdf.pdf", "RECORD_NOT_PDF"],
    ["encrypted.pdf", "RECORD_ENCRYPTED"],
    ["corrupt.pdf", "RECORD_CORRUPT"],
    ["scanned-no-text.pdf", "RECORD_NO_TEXT_LAYER"],
    ["missing.pdf", "RECORD_NOT_FOUND"],
  ])("reports %s as %s, naming it, and still reads the other records", async (name, code) => {
    const caseFile = await records.readCaseFile([recordFixture(name), recordFixture("acute-flare-pr2.pdf")]);
    expect(caseFile.problems).toHaveLength(1);
    expect(caseFile.problems[0]).toMatchObject({ document: name, code });
    expect(caseFile.problems[0]!.message).toContain(name);
    expect(caseFile.documents.map((d) => d.document)).toEqual(["PR-2 04/21/2015"]);
  });

  it("refuses a file above the configured size limit before reading it", async () => {
    const small = makeRecords({ pdfPages: extractPdfPages, files, vocabulary: knowledge.drugs, maxRecordBytes: 4096 });
    const caseFile = await small.readCaseFile([recordFixture("full-case-file.pdf")]);
    expect(caseFile.problems[0]).toMatchObject({ document: "full-case-file.pdf", code: "RECORD_TOO_LARGE" });
    expect(caseFile.problems[0]!.message).toMatch(/above the 0\.0 MB limit|OPENIMR_MAX_RECORD_MB/);
  });

  it("reads the pages that have text and names the pages that have none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "openimr-records-"));
    const path = join(dir, "mixed.pdf");
    writeFileSync(path, await writePdf(["PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)\nDate of Service: 01/06/2015\nPain 5/10.", ""]));
    const caseFile = await records.readCaseFile([path]);
    expect(caseFile.problems).toEqual([expect.objectContaining({ document: "mixed.pdf", code: "RECORD_NO_TEXT_LAYER", pages: [2] })]);
    expect(caseFile.documents.map((d) => d.document)).toEqual(["PR-2 01/06/2015"]);
  });

  it("reads a plain-text record", async () => {
    const caseFile = await records.readCaseFile([recordFixture("pr2-2014-12-02.txt")]);
    expect(caseFile.documents.map((d) => [d.document, d.file])).toEqual([["PR-2 12/02/2014", "pr2-2014-12-02.txt"]]);
  });

  it("uses an OCR port for scanned pages when one is wired", async () => {
    const withOcr = makeRecords({
      pdfPages: extractPdfPages,
      files,
      vocabulary: knowledge.drugs,
      maxRecordBytes: 10 * 1024 * 1024,
      ocr: { recognise: async (_bytes, _name, pages) => pages.map((p) => `PR-2\nDate of Service: 01/0${p}/2015\nRecognised page ${p}.`) },
    });
    const caseFile = await withOcr.readCaseFile([recordFixture("scanned-no-text.pdf")]);
    expect(caseFile.problems).toEqual([]);
    expect(caseFile.documents.map((d) => d.document)).toEqual(["PR-2 01/01/2015", "PR-2 01/02/2015"]);
  });
});

describe("draftWithRecords: the two-report PDF", async () => {
  const caseFile = await records.readCaseFile([recordFixture("two-report-case.pdf")]);
  const draft = records.draftWithRecords((i) => drafting.draft(i), { items: [{ request: "Flexeril 7.5mg #90" }] }, caseFile);
  const item = draft.items[0]!;

  it("upholds a muscle relaxant taken for months without a flare-up", () => {
    expect(item.decision).toBe("Upheld");
    expect(item.criteria.find((c) => c.id.endsWith("short-term-use"))?.status).toBe("not_met");
  });

  it("points each piece of evidence to the report and page it was read from", () => {
    const byTitle = new Map(caseFile.documents.map((d) => [d.document, d]));
    const evidence = item.criteria.flatMap((c) => c.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      const page = byTitle.get(e.document!)!.pages[e.page! - 1]!;
      expect(page.slice(e.start, e.end).replace(/\s+/g, " ")).toBe(e.text.replace(/\s+/g, " "));
    }
    const duration = item.criteria.find((c) => c.id.endsWith("short-term-use"))!.evidence;
    // The stated "for several months" (PR-2 01/06/2015) decides; "chronic muscle spasm" in the later report does not.
    expect(duration.map((e) => [e.document, e.page])).toEqual([["PR-2 01/06/2015", 1]]);
  });

  it("carries the timeline, the case summary and no identifiers", () => {
    expect(draft.timeline.judgedAgainst).toBe("PR-2 02/03/2015");
    expect(draft.timeline.documents.map((d) => [d.document, d.filePages])).toEqual([
      ["PR-2 01/06/2015", [1, 2]],
      ["PR-2 02/03/2015", [3, 4]],
    ]);
    expect(draft.caseSummaryDraft).toMatch(/^This is a case of a 46 year old female with a date of injury of 6\/14\/2012\./);
    const json = JSON.stringify(draft);
    for (const id of ["Ortega", "Hale", "04/12/1968", "884213", "ADJ9876543", "555-0143", "Cypress", "Westline"]) expect(json).not.toContain(id);
  });
});

describe("openimr draft --records and openimr timeline", () => {
  const run = async (...argv: string[]) => {
    let out = "";
    let err = "";
    const code = await main(
      ["node", "openimr", ...argv],
      (t) => (out += t),
      (t) => (err += t),
    );
    return { code, out, err };
  };

  it("drafts from the case file, cites evidence by report and page, and lists the record it could not read", async () => {
    const r = await run(
      "draft",
      "--input",
      recordFixture("two-report-case.case.json"),
      "--records",
      recordFixture("two-report-case.pdf"),
      recordFixture("encrypted.pdf"),
      "--format",
      "text",
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("CLINICAL CASE SUMMARY");
    expect(r.out).toContain("Flexeril 7.5mg #90:  Upheld");
    expect(r.out).toContain("(PR-2 01/06/2015, p. 1)");
    expect(r.out).toContain("RECORD_ENCRYPTED: encrypted.pdf is password-protected");
  });

  it("puts recordProblems and the timeline in the JSON draft", async () => {
    const r = await run(
      "draft",
      "--input",
      recordFixture("acute-flare-pr2.case.json"),
      "--records",
      recordFixture("acute-flare-pr2.pdf"),
      recordFixture("empty.pdf"),
    );
    const json = JSON.parse(r.out);
    expect(json.items[0].decision).toBe("Overturned");
    expect(json.recordProblems).toEqual([{ document: "empty.pdf", code: "RECORD_EMPTY", message: "empty.pdf is empty (0 bytes)." }]);
    expect(json.timeline.judgedAgainst).toBe("PR-2 04/21/2015");
  });

  it("prints the timeline of a case file with its conflicts", async () => {
    const r = await run("timeline", "--records", recordFixture("full-case-file.pdf"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("PR-2 02/03/2015 - primary treating physician - full-case-file.pdf pp. 5-6 [the request is judged against this report]");
    expect(r.out).toContain("date of injury: 6/14/2012");
    expect(r.out).not.toMatch(/Ortega|Hale/);
  });

  it("fails with the record's code when no record can be read", async () => {
    const r = await run("timeline", "--records", recordFixture("not-a-pdf.pdf"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("openimr: RECORD_NOT_PDF: not-a-pdf.pdf is not a PDF");
  });
});
