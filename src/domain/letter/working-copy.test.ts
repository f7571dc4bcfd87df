import { describe, expect, it } from "vitest";
import type { FinalDeterminationLetter } from "./model.ts";
import { identifierPatterns, identifiersLeft } from "./publication-check.ts";
import { publishedCopy } from "./redaction.ts";
import { editWorkingCopy, signItem, unsignedItems, type WorkingCopy } from "./working-copy.ts";

function makeCopy(): WorkingCopy {
  const item = {
    request: "MRI left knee",
    decision: "Upheld" as const,
    claimsAdministratorGuideline: null,
    imroGuideline: { source: "MTUS ACOEM Practice Guidelines", pages: "341-343" },
    rationale: "Therefore, the request is not medically necessary.",
    drafted: { decision: "Upheld" as const, rationale: "Therefore, the request is not medically necessary.", confidence: 0.8 },
  };
  return {
    caseId: "IMR-1",
    version: 1,
    createdAt: "2014-11-20T00:00:00Z",
    knowledgeBaseVersion: "kb",
    caseSummary: "A 51 year old male.",
    items: [item, { ...item, request: "Zanaflex 4mg #60" }],
    revisions: [],
  };
}

describe("the working copy", () => {
  it("records each changed field as a revision and removes the signature of the changed item only", () => {
    const first = signItem(makeCopy(), 1, "r", "t0");
    const signed = first.ok ? signItem(first.value, 2, "r", "t0") : first;
    if (!signed.ok) throw new Error("sign failed");
    expect(unsignedItems(signed.value)).toEqual([]);
    const edited = editWorkingCopy(signed.value, { item: 1, decision: "Overturned", citation: { source: "ODG", pages: null } }, "dr-a", "t1");
    if (!edited.ok) throw new Error("edit failed");
    expect(edited.value.revisions.map((r) => [r.field, r.item, r.by, r.before, r.after])).toEqual([
      ["decision", 1, "dr-a", "Upheld", "Overturned"],
      ["citation", 1, "dr-a", "MTUS ACOEM Practice Guidelines, Page(s): 341-343", "ODG"],
    ]);
    expect(unsignedItems(edited.value.copy)).toEqual([1]);
  });

  it("records nothing when an edit changes nothing", () => {
    const result = editWorkingCopy(makeCopy(), { caseSummary: "A 51 year old male." }, "dr-a", "t1");
    expect(result.ok && result.value.revisions).toEqual([]);
  });

  it.each([
    [{ decision: "Overturned" as const }, "ITEM_REQUIRED"],
    [{ item: 3, rationale: "x" }, "ITEM_NOT_FOUND"],
    [{ item: 1, rationale: "  " }, "RATIONALE_EMPTY"],
    [{ caseSummary: "" }, "CASE_SUMMARY_EMPTY"],
  ])("refuses %o with %s", (edit, code) => {
    const result = editWorkingCopy(makeCopy(), edit, "dr-a", "t1");
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual([code]);
  });
});

describe("the redaction check", () => {
  it.each([
    ["date-of-birth", "1963-01-02", ["born 01/02/1963", "DOB 1/2/63", "born January 2, 1963", "born Jan. 2, 1963", "born 2 January 1963"]],
    ["phone", "(916) 555-0142", ["call 9165550142", "call 916.555.0142", "call 916 555 0142"]],
    ["claim-number", "CLM-778899", ["claim clm 778899", "file CLM778899", "no. 778-899"]],
    ["name", "Dr. Casey Treater", ["seen by TREATER", "Casey said"]],
    ["address", "1420 Cypress Avenue, Fresno, CA 93721", ["lives at 1420  Cypress Avenue"]],
  ] as const)("finds a %s written another way", (kind, value, texts) => {
    for (const text of texts) expect(identifierPatterns({ kind, value }).some((p) => p.test(text))).toBe(true);
  });

  it("leaves the date of injury, the letter's own dates and ordinary words alone", () => {
    expect(identifierPatterns({ kind: "date-of-birth", value: "1963-01-02" }).some((p) => p.test("date of injury 1/2/2001; seen 10/22/2014"))).toBe(false);
    expect(identifierPatterns({ kind: "name", value: "Dr. Casey Treater" }).some((p) => p.test("the treater's plan"))).toBe(false);
  });

  it("names the kind and section of an identifier left in a published copy, never its value", () => {
    const letter: FinalDeterminationLetter = {
      organisation: { name: "Example IMRO", addressLines: [] },
      caseNumber: "IMR-2014-0000ABCD",
      letterDate: "2014-12-10",
      dates: {},
      parties: { employee: "Jordan Sample", dateOfInjury: "2001-07-03" },
      qualifications: "An expert reviewer.",
      documentsReviewed: [],
      caseSummary: "A 51 year old male born January 2, 1963, seen by Dr. Casey Treater.",
      items: [],
    };
    const ids = [
      { kind: "date-of-birth" as const, value: "1963-01-02" },
      { kind: "name" as const, value: "Dr. Casey Treater" },
    ];
    const copy = publishedCopy(letter, ids, "P-2014-000001");
    expect(copy.caseSummary).not.toContain("Treater");
    expect(identifiersLeft(copy, ids)).toEqual([{ kind: "date-of-birth", section: "CLINICAL CASE SUMMARY" }]);
    expect(identifiersLeft(publishedCopy({ ...letter, caseSummary: "A 51 year old male." }, ids, "P-2014-000001"), ids)).toEqual([]);
  });
});
