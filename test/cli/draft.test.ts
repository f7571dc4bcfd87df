import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliRun, runCli } from "../cli-harness.ts";
import { afterAll, describe, expect, it } from "vitest";
import { extractPdfPages } from "../../src/adapters/pdf/extract-text.ts";
import { sharedFixture } from "../fixtures/shared.ts";

const dir = mkdtempSync(join(tmpdir(), "openimr-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seed = sharedFixture("cases", "seed-zanaflex.case.json");

function run(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

describe("openimr draft", () => {
  it("prints the seed case's determination as JSON", async () => {
    const { code, out } = await run("draft", "--input", seed);
    expect(code).toBe(0);
    const draft = JSON.parse(out);
    expect(draft.items[0]).toMatchObject({ decision: "Upheld", treatmentFamily: "muscle relaxant", guideline: { pages: "63-66" } });
    expect(draft.knowledgeBaseVersion).toMatch(/\S/);
  });

  it("drafts one line per case for JSON lines", async () => {
    const file = join(dir, "cases.jsonl");
    const c = JSON.parse(readFileSync(seed, "utf8"));
    writeFileSync(file, `${JSON.stringify({ id: "a", ...c })}\n${JSON.stringify({ id: "b", ...c })}\n`);
    const { code, out } = await run("draft", "--input", file, "--format", "jsonl");
    expect(code).toBe(0);
    expect(out.trim().split("\n").map((l) => JSON.parse(l).id)).toEqual(["a", "b"]);
  });

  it("prints the decisions section in the letter's layout", async () => {
    const { out } = await run("draft", "--input", seed, "--format", "text");
    expect(out).toMatch(/^IMR ISSUES, DECISIONS AND RATIONALES\n/);
    expect(out).toContain("Zanaflex 4mg #60 with 3 refills:  Upheld");
    expect(out).toMatch(/Decision rationale: Based on the MTUS/);
  });

  it("writes a PDF letter with a text layer whose sections come in the letter's order", async () => {
    const file = join(dir, "draft.pdf");
    const { code } = await run("draft", "--input", seed, "--format", "pdf", "--output", file);
    expect(code).toBe(0);
    const text = (await extractPdfPages(readFileSync(file), "draft.pdf")).join("\n");
    const at = ["HOW THE IMR FINAL DETERMINATION WAS MADE", "CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES", "RIGHT TO APPEAL"].map((h) => text.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toMatch(/Page 1 of \d/);
  });

  it("writes an HTML letter", async () => {
    const { out } = await run("draft", "--input", seed, "--format", "html");
    expect(out).toMatch(/<html lang="en">/);
    expect(out).toContain("Zanaflex 4mg #60 with 3 refills:  Upheld");
  });

  it.each([
    [["draft", "--input", "/no/such/file.json"], /INPUT_UNREADABLE: Cannot read \/no\/such\/file\.json: no such file/],
    [["draft", "--input", seed, "--format", "docx"], /Unknown format "docx"/],
  ])("fails with a clear error for %j", async (args, message) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it("names the field when a case has no disputed item", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ caseSummary: "A 40-year-old man.", items: [] }));
    const { code, err } = await run("draft", "--input", file);
    expect(code).toBe(2);
    expect(err).toMatch(/items: a case needs at least one disputed item/);
  });

  it("names the line of a JSON lines file that is not JSON", async () => {
    const file = join(dir, "broken.jsonl");
    writeFileSync(file, `${readFileSync(seed, "utf8").replace(/\n/g, " ")}\n{not json\n`);
    const { code, err } = await run("draft", "--input", file, "--format", "jsonl");
    expect(code).toBe(2);
    expect(err).toMatch(/broken\.jsonl line 2 is not valid JSON/);
  });
});
