import { readFileSync } from "node:fs";
import fc from "fast-check";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { sharedFixture } from "../../test/fixtures/shared.ts";
import { loadKnowledgeBase } from "../adapters/knowledge/load-knowledge-base.ts";
import { extractPdfPages } from "../adapters/pdf/extract-text.ts";
import { parseLetter } from "../domain/library/parse-letter.ts";
import { makeLibrary } from "./library.ts";

const library = makeLibrary({ knowledge: loadKnowledgeBase(), pdfPages: extractPdfPages });
const letterText = readFileSync(sharedFixture("letters", "fdl-2014-zanaflex.txt"), "utf8");
const expected = JSON.parse(readFileSync(sharedFixture("letters", "fdl-2014-zanaflex.expected.json"), "utf8"));

function pdfOf(text: string): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: "LETTER", margin: 72 });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.font("Helvetica").fontSize(11);
    for (const paragraph of text.split(/\n\s*\n/)) doc.text(paragraph.replace(/\s+/g, " ").trim(), { paragraphGap: 6 });
    doc.end();
  });
}

describe("reading the seed letter", () => {
  const record = library.readLetter(letterText, "fdl-2014-zanaflex.txt");

  it("reads the reviewer's qualifications, the patient and the latest progress note date as published", () => {
    expect(record.reviewer).toEqual(expected.reviewer);
    expect(record.patient).toEqual(expected.patient);
    expect(record.mostRecentProgressNoteDate).toBe(expected.mostRecentProgressNoteDate);
  });

  it("reads every diagnosis despite the page break in the middle of the list", () => {
    expect(record.diagnoses).toEqual(expected.diagnoses);
  });

  it("reads the disputed item with its decision, both guidelines, pages and rationale", () => {
    expect(record.items).toHaveLength(1);
    const item = record.items[0]!;
    const want = expected.items[0];
    expect(item).toMatchObject({
      request: want.request,
      decision: want.decision,
      medicallyNecessary: want.medicallyNecessary,
      treatmentFamily: want.treatmentFamily,
      claimsAdministratorGuideline: want.claimsAdministratorGuideline,
      imroGuideline: want.imroGuideline,
      normalized: want.normalized.drug ? { drug: want.normalized.drug, brand: want.normalized.brand, strength: want.normalized.strength, quantity: want.normalized.quantity, refills: want.normalized.refills } : {},
    });
    expect(item.rationale).toMatch(/^Based on MTUS guidelines non-sedating muscle relaxants/);
    expect(item.rationale).toMatch(/is not medically necessary\.$/);
  });

  it("reads the clinical facts the letter states", () => {
    expect(record.clinicalFacts).toMatchObject({
      painWithMedications: expected.clinicalFacts.painWithMedications,
      painWithoutMedications: expected.clinicalFacts.painWithoutMedications,
      priorSurgery: expected.clinicalFacts.priorSurgery,
      acuteFlareUpDocumented: expected.clinicalFacts.acuteFlareUpDocumented,
    });
  });

  it("keeps the redaction gap of the published text without breaking the summary", () => {
    expect(record.caseSummary).toContain("dated 10/22/2014 by , the patient");
  });
});

describe("reading letters in other shapes", () => {
  it("reads the same letter from a PDF", async () => {
    const record = await library.readLetterFile(await pdfOf(letterText), "letter.pdf");
    expect(record.patient).toEqual(expected.patient);
    expect(record.items[0]).toMatchObject({ request: "Zanaflex 4mg #60 with 3 refills", decision: "Upheld", imroGuideline: { pages: "63-66" } });
  });

  it("reads an overturned item and several items", () => {
    const text = letterText.replace(
      "IMR ISSUES, DECISIONS AND RATIONALES",
      "IMR ISSUES, DECISIONS AND RATIONALES\n\nPhysical therapy 2x3 lumbar spine:  Overturned\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 98-99.\n\nDecision rationale: A flare-up is documented. Therefore the request is medically necessary.\n",
    );
    const record = library.readLetter(text, "two-items.txt");
    expect(record.items.map((i) => [i.request, i.decision])).toEqual([
      ["Physical therapy 2x3 lumbar spine", "Overturned"],
      ["Zanaflex 4mg #60 with 3 refills", "Upheld"],
    ]);
    expect(record.items[0]!.imroGuideline).toEqual({ source: "MTUS Chronic Pain Treatment Guidelines", pages: "98-99" });
  });

  it("refuses text that is not a determination letter, naming the file", () => {
    expect(() => library.readLetter("Dear Sir, please find the invoice attached.", "invoice.txt")).toThrow(/invoice\.txt does not look like/);
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        parseLetter(text);
      }),
      { numRuns: 300 },
    );
  });
});
