import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sharedFixture } from "../../test/fixtures/shared.ts";
import { AppError } from "../services/errors.ts";
import { CSV_COLUMNS, parseCsv, parsePanelFile } from "./reviewer-contract.ts";

const HEADER = CSV_COLUMNS.join(",");

function importError(text: string, format?: "json" | "csv"): AppError {
  try {
    parsePanelFile(text, format);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the import to be refused");
}

describe("parsePanelFile", () => {
  it("reads the shared example panel, taking 'licenses' as licences", () => {
    const [reviewer] = parsePanelFile(readFileSync(sharedFixture("reviewers", "panel.example.json"), "utf8"));
    expect(reviewer).toMatchObject({ id: "rev-001", licences: [{ state: "CA", number: "A000001", status: "active", expires: "2027-06-30" }], capacity: 12, openCases: 3 });
    expect(reviewer!.affiliations).toContainEqual({ kind: "claims administrator", name: "Example Claims Services" });
  });

  it("reads CSV with quoted commas, list cells and licences as STATE:NUMBER:STATUS:EXPIRES", () => {
    const csv = `${HEADER}\nrev-9,"Dr. Smith, Jr.",MD,CA:A9:active:2030-01-01;nv:N9:inactive:2020-01-01,Pain Medicine,pain medicine;anesthesiology,2001-02-03,36,"employer:Acme, Inc.:financial",7,2,no\n`;
    const [r] = parsePanelFile(csv);
    expect(r).toMatchObject({
      id: "rev-9",
      name: "Dr. Smith, Jr.",
      licences: [
        { state: "CA", number: "A9", status: "active", expires: "2030-01-01" },
        { state: "NV", number: "N9", status: "inactive", expires: "2020-01-01" },
      ],
      specialties: ["pain medicine", "anesthesiology"],
      affiliations: [{ kind: "employer", name: "Acme, Inc.", nature: "financial" }],
      hoursPerWeekInPractice: 36,
      capacity: 7,
      openCases: 2,
      available: false,
    });
  });

  it("names the CSV row and field of every problem (the header is row 1)", () => {
    const csv = [HEADER, "rev-1,Dr. A,MD,CA:A1:active:2030-01-01,X,pain medicine,2001-01-01,30,,5,0,", "rev-2,Dr. B,MD,CA:A2:active:2030-02-31,X,pain medicine,2001-01-01,lots,,5,0,"].join("\n");
    const error = importError(csv);
    expect(error.code).toBe("REVIEWER_IMPORT_INVALID");
    expect(error.message).toContain("row 3 (id rev-2), field licences[1].expires");
    expect(error.message).toContain("row 3 (id rev-2), field hoursPerWeekInPractice");
    expect(error.message).not.toContain("row 2");
  });

  it("names the JSON row (from 1) and an unknown field", () => {
    const error = importError(JSON.stringify([{ id: "ok-1" }, { id: "x-2", name: "Dr. X", licences: [], specialties: ["pain medicine"], activePracticeSince: "2001-01-01", hoursPerWeekInPractice: 30, capacity: 1, salary: 3 }]));
    expect(error.message).toContain("row 1 (id ok-1), field name");
    expect(error.message).toContain("row 2 (id x-2), field salary: unknown field");
  });

  it("refuses a CSV header with an unknown or missing column, naming it", () => {
    const error = importError("id,name,licences,specialties,activePracticeSince,hoursPerWeekInPractice,shoeSize\n");
    expect(error.message).toContain('unknown column "shoeSize"');
    expect(error.message).toContain('missing column "capacity"');
  });

  it("refuses a row with the wrong number of cells", () => {
    expect(importError(`${HEADER}\nrev-1,Dr. A\n`).message).toContain("row 2: has 2 cells for 12 columns");
  });

  it("refuses an unclosed quote", () => {
    expect(importError(`${HEADER}\nrev-1,"Dr. A\n`).code).toBe("REVIEWER_IMPORT_INVALID");
  });
});

describe("parseCsv", () => {
  it("keeps doubled quotes and line breaks inside quoted fields, and numbers records by their first line", () => {
    expect(parseCsv('a,b\r\n"x ""y""","1\n2"\r\nlast,row')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ['x "y"', "1\n2"] },
      { line: 4, fields: ["last", "row"] },
    ]);
  });
});
