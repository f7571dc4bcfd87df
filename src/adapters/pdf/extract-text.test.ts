import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { recordFixture } from "../../../test/fixtures/records.ts";
import { AppError } from "../../services/errors.ts";
import { extractPdfPages, hasPdfHeader } from "./extract-text.ts";

const bytes = (name: string) => new Uint8Array(readFileSync(recordFixture(name)));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "no error";
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return `${(error as AppError).code}: ${(error as AppError).message}`;
  }
}

describe("extractPdfPages", () => {
  it("returns one text per page, in page order", async () => {
    const pages = await extractPdfPages(bytes("two-report-case.pdf"), "two-report-case.pdf");
    expect(pages).toHaveLength(4);
    expect(pages[0]).toContain("Date of Service: 01/06/2015");
    expect(pages[1]).toContain("Page 2 of 2");
    expect(pages[2]).toContain("Date of Service: 02/03/2015");
    expect(pages[3]).toContain("Request Flexeril 7.5 mg #90");
  });

  it("leaves the caller's buffer usable (pdf.js detaches what it is given)", async () => {
    const data = bytes("acute-flare-pr2.pdf");
    await extractPdfPages(data, "a.pdf");
    expect(data.length).toBeGreaterThan(0);
    expect(hasPdfHeader(data)).toBe(true);
  });

  it("returns empty pages for a PDF with only drawings (no text layer)", async () => {
    expect(await extractPdfPages(bytes("scanned-no-text.pdf"), "scan.pdf")).toEqual(["", ""]);
  });

  it.each([
    ["empty.pdf", "RECORD_EMPTY"],
    ["not-a-pdf.pdf", "RECORD_NOT_PDF"],
    ["encrypted.pdf", "RECORD_ENCRYPTED"],
    ["corrupt.pdf", "RECORD_CORRUPT"],
  ])("rejects %s with %s and names the file", async (name, code) => {
    const message = await codeOf(extractPdfPages(bytes(name), name));
    expect(message.startsWith(`${code}: ${name}`)).toBe(true);
  });
});
