import { describe, expect, it } from "vitest";
import { parseLetter } from "../library/parse-letter.ts";
import type { FinalDeterminationLetter } from "./model.ts";
import { findIdentifiers, publishedCopy, redactText } from "./redaction.ts";
import { renderLetterHtml } from "./render-html.ts";
import { renderLetterText } from "./render-text.ts";
import { type QaContext, runQaChecks } from "./qa-checks.ts";

const RATIONALE =
  "Muscle relaxants are a second-line option for a short course during an acute flare-up. In this case, the records state \"He has been on Flexeril for several months\" and document no flare-up. Therefore, the request for Zanaflex 4mg #60 with 3 refills is not medically necessary.";

function makeLetter(overrides: Partial<FinalDeterminationLetter> = {}): FinalDeterminationLetter {
  return {
    organisation: { name: "Example IMR Organisation", addressLines: ["1 Review Way", "Sacramento, CA 95814"] },
    caseNumber: "CM14-0000123",
    letterDate: "2014-12-10",
    dates: { applicationReceived: "2014-11-03", urDecision: "2014-10-28", assigned: "2014-11-05", recordsComplete: "2014-11-20", determination: "2014-12-10" },
    parties: { employee: "Jordan Q. Sample", claimNumber: "CLM-778899", dateOfInjury: "2001-07-03", employer: "Sample Van Lines", claimsAdministrator: "Sample Claims", requestingPhysician: "Dr. Casey Treater" },
    qualifications: "Example IMR Organisation assigned the whole case file to an expert reviewer, who has no affiliation with the employer, the employee, the providers or the claims administrator. The reviewer is board certified in Internal Medicine and licensed to practice in California, has been in active clinical practice for more than five years, and currently works at least 24 hours a week in active practice.",
    documentsReviewed: [{ type: "Primary treating physician's progress report (PR-2)", authorRole: "treating physician", date: "2014-10-22", pages: 3 }],
    caseSummary: "This is a case of a 51 year old male with a date of injury of 7/3/2001. In a progress note dated 10/22/2014 by Dr. Casey Treater, the patient reports neck and low back pain. Jordan Sample can be reached at (916) 555-0142. The patient is diagnosed with cervical radiculopathy and lumbar degenerative disc disease.",
    items: [{ request: "Zanaflex 4mg #60 with 3 refills", decision: "Upheld", claimsAdministratorGuideline: "MTUS Chronic Pain Treatment Guidelines", imroGuideline: { source: "MTUS Chronic Pain Treatment Guidelines", pages: "63-66" }, rationale: RATIONALE }],
    ...overrides,
  };
}

describe("the letter as text", () => {
  const text = renderLetterText(makeLetter());

  it("has the seed letter's sections in the seed's order, then the appeal rights", () => {
    const order = ["HOW THE IMR FINAL DETERMINATION WAS MADE", "DOCUMENTS REVIEWED", "CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES", "RIGHT TO APPEAL"].map((h) => text.indexOf(`\n${h}\n`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain("Zanaflex 4mg #60 with 3 refills:  Upheld");
    expect(text.replace(/\s+/g, " ")).toContain("Example IMR Organisation guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 63-66.");
    expect(text).not.toContain("WHAT AN OVERTURNED DECISION REQUIRES");
  });

  it("reads back through the published-letter parser", () => {
    const parsed = parseLetter(text)!;
    expect(parsed.reviewer.boardCertification).toBe("Internal Medicine");
    expect(parsed.patient).toEqual({ age: 51, sex: "male", dateOfInjury: "2001-07-03" });
    expect(parsed.items[0]).toMatchObject({ request: "Zanaflex 4mg #60 with 3 refills", decision: "Upheld", imroGuideline: { pages: "63-66" } });
  });

  it("states what an overturn obliges the claims administrator to do, and the appeal deadline", () => {
    const overturned = renderLetterText(makeLetter({ items: [{ ...makeLetter().items[0]!, decision: "Overturned", rationale: "It is documented. Therefore the request is medically necessary." }] }));
    expect(overturned).toMatch(/within 5 working days/);
    expect(overturned).toMatch(/within 20 days/);
    expect(text.replace(/\s+/g, " ")).toMatch(/within 30 days after service of this determination \(by 1\/9\/2015/);
  });
});

describe("the letter as HTML", () => {
  it("is a complete document with a language, one h1, headed sections and escaped text", () => {
    const html = renderLetterHtml(makeLetter({ caseSummary: "Pain <5/10> & stable." }));
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h2 id="clinical-case-summary">CLINICAL CASE SUMMARY</h2>');
    expect(html).toContain("Pain &lt;5/10&gt; &amp; stable.");
  });
});

describe("redaction", () => {
  const identifiers = [
    { kind: "name" as const, value: "Jordan Q. Sample" },
    { kind: "name" as const, value: "Dr. Casey Treater" },
    { kind: "claim-number" as const, value: "CLM-778899" },
  ];

  it("removes names, phone numbers and the case number, leaving the published gap and the clinical facts", () => {
    const copy = publishedCopy(makeLetter(), identifiers, "P-000001");
    const text = renderLetterText(copy, { published: true });
    expect(text.replace(/\s+/g, " ")).toContain("dated 10/22/2014 by , the patient");
    for (const secret of ["Jordan", "Sample", "Treater", "Casey", "555-0142", "CLM-778899", "CM14-0000123"]) expect(text).not.toContain(secret);
    expect(text.replace(/\s+/g, " ")).toContain("51 year old male with a date of injury of 7/3/2001");
    expect(findIdentifiers(text, identifiers)).toEqual([]);
  });

  it("finds identifiers planted anywhere, including ones recognisable by shape alone", () => {
    const planted = "Seen with Mr. Sample; SSN 123-45-6789; write to jq@example.org; DOB: 01/02/1963.";
    expect(findIdentifiers(planted, identifiers).map((f) => f.kind).sort()).toEqual(["date-of-birth", "email", "ssn"]);
    expect(redactText(planted, identifiers)).not.toMatch(/Sample|6789|example\.org|1963/);
  });
});

describe("QA checks", () => {
  const base = (): QaContext => ({
    letter: makeLetter(),
    signed: [true],
    requests: [{}],
    knownCitations: [{ source: "MTUS Chronic Pain Medical Treatment Guidelines", shortSource: "MTUS Chronic Pain Treatment Guidelines", pages: "63-66" }],
    recordTexts: ["PR-2: He has been on Flexeril for several months. No flare-up is documented."],
    dueDate: "2014-12-20",
  });
  const failing = (ctx: QaContext) => runQaChecks(ctx).filter((r) => !r.passed).map((r) => r.code);

  it("passes a consistent, signed, on-time letter", () => {
    expect(failing(base())).toEqual([]);
  });

  it.each([
    ["RATIONALE_CONTRADICTS_DECISION", (c: QaContext) => ({ ...c, letter: { ...c.letter, items: [{ ...c.letter.items[0]!, decision: "Overturned" as const }] } })],
    ["CITATION_NOT_IN_KNOWLEDGE_BASE", (c: QaContext) => ({ ...c, letter: { ...c.letter, items: [{ ...c.letter.items[0]!, imroGuideline: { source: "MTUS Chronic Pain Treatment Guidelines", pages: "12-13" } }] } })],
    ["BODY_PART_MISMATCH", (c: QaContext) => ({ ...c, requests: [{ laterality: "left" as const, bodyParts: ["knee"] }], letter: { ...c.letter, items: [{ ...c.letter.items[0]!, rationale: `The right knee is stable. ${RATIONALE}` }] } })],
    ["QUOTE_NOT_IN_RECORDS", (c: QaContext) => ({ ...c, recordTexts: ["Nothing about muscle relaxants here."] })],
    ["ITEM_NOT_DECIDED", (c: QaContext) => ({ ...c, signed: [false] })],
    ["DEADLINE_MISSED", (c: QaContext) => ({ ...c, dueDate: "2014-12-01" })],
  ])("fires %s when its problem is present", (code, spoil) => {
    expect(failing(spoil(base()))).toEqual([code]);
  });

  it("accepts a late determination whose delay is recorded", () => {
    expect(failing({ ...base(), dueDate: "2014-12-01", delayReason: "Records arrived late from the claims administrator." })).toEqual([]);
  });
});
