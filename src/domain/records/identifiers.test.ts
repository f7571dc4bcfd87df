import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findIdentifiers, personNameWords, REDACTED, redactEvidenceIn, redactText, scrubKnownIdentifiers } from "./identifiers.ts";

const found = (text: string, known: string[] = []) => findIdentifiers(text, known).map((s) => [s.kind, text.slice(s.start, s.end)]);

describe("findIdentifiers", () => {
  it.each([
    [
      "Patient: Maria L. Ortega      DOB: 04/12/1968",
      [
        ["name", "Maria L. Ortega"],
        ["date of birth", "04/12/1968"],
      ],
    ],
    [
      "Employee Name: ORTEGA, MARIA   Claim No.: 05-WC-884213",
      [
        ["name", "ORTEGA, MARIA"],
        ["claim number", "05-WC-884213"],
      ],
    ],
    ["WCAB No.: ADJ9876543", [["claim number", "ADJ9876543"]]],
    ["SSN: 123-45-6789", [["ssn", "123-45-6789"]]],
    ["1420 Cypress Avenue, Suite 210, Fresno, CA 93721", [["address", "1420 Cypress Avenue, Suite 210, Fresno, CA 93721"]]],
    [
      "Tel (559) 555-0143 or 562-555-0188",
      [
        ["phone", "(559) 555-0143"],
        ["phone", "562-555-0188"],
      ],
    ],
    ["Write to m.ortega@example.com today", [["email", "m.ortega@example.com"]]],
    ["Electronically signed by Alan R. Hale, M.D.", [["name", "Alan R. Hale"]]],
    ["She was seen by Dr. Hale on 02/03/2015.", [["name", "Hale"]]],
    ["Patient: Teresa M. Lindqvist", [["name", "Teresa M. Lindqvist"]]],
    ["Employer: Westline Distribution Inc.", [["employer", "Westline Distribution Inc."]]],
  ])("finds the identifiers in %j", (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it("leaves clinical sentences alone", () => {
    const text =
      "The patient rates her pain 6/10 with medications. Straight leg raise is positive on the left at 50 degrees. MRI dated 08/20/2014 showed an L4-5 protrusion. Norco 10/325 mg #120. Date of Injury: 06/14/2012. Completed 12 sessions.";
    expect(found(text)).toEqual([]);
  });

  it("finds a person named once with a label wherever the name appears again", () => {
    const header = "Patient: Maria L. Ortega";
    const known = personNameWords(header);
    expect(known).toEqual(expect.arrayContaining(["Maria", "Ortega"]));
    expect(found("Ms. ORTEGA reports that Maria walks daily; ortega is not a name in lower case.", known).map((x) => x[1])).toEqual(["ORTEGA", "Maria"]);
  });

  it("does not turn the words of organisations into names elsewhere", () => {
    expect(personNameWords("Employer: Westline Distribution Inc.\nPhysician: Pacific Spine Medical Group")).toEqual([]);
  });

  it("reads any text without throwing and returns spans inside it", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const s of findIdentifiers(text, ["Ortega"])) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(s.end).toBeGreaterThan(s.start);
        }
      }),
    );
  });
});

describe("redaction", () => {
  const page = "Patient: Maria Ortega DOB: 04/12/1968\nMs. Ortega takes Norco daily.";
  const ids = findIdentifiers(page, personNameWords(page));

  it("replaces identifiers inside a quote and keeps the quote's offsets on the original page", () => {
    const start = page.indexOf("Ms.");
    const span = { document: "PR-2 01/06/2015", page: 1, text: page.slice(start), start, end: page.length };
    const [redacted] = redactEvidenceIn([span], (doc, p) => (doc === "PR-2 01/06/2015" && p === 1 ? ids : undefined));
    expect(redacted).toEqual({ ...span, text: `Ms. ${REDACTED} takes Norco daily.` });
  });

  it("redacts a whole page", () => {
    expect(redactText(page, ids)).toBe(`Patient: ${REDACTED} DOB: ${REDACTED}\nMs. ${REDACTED} takes Norco daily.`);
  });

  it("scrubs identifier text that reached a generated sentence", () => {
    expect(scrubKnownIdentifiers("Seen by Alan Hale for claim 05-WC-884213.", ["Alan Hale", "05-WC-884213"])).toBe(
      `Seen by ${REDACTED} for claim ${REDACTED}.`,
    );
  });
});
