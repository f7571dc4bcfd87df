import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliRun, runCli } from "../../../../test/cli-harness.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFixture } from "../../../../test/fixtures/records.ts";
import { sharedFixture } from "../../../../test/fixtures/shared.ts";

const EXAMPLE = JSON.parse(readFileSync(sharedFixture("applications", "application.example.json"), "utf8"));
/** The example application disputing the muscle relaxant the two-report PDF discusses, decided by UR after both reports. */
const APPLICATION = {
  ...EXAMPLE,
  urDecision: { ...EXAMPLE.urDecision, date: "2015-02-10", servedDate: "2015-02-10", items: [{ request: "Flexeril 7.5mg #90", decision: "denied" }] },
};
let dir: string;
let data: string;
const savedUrl = process.env.DATABASE_URL;

function run(...args: string[]): Promise<CliRun> {
  return runCli([...args, "--data", data]);
}

async function newCase(): Promise<{ id: string; version: number }> {
  const path = join(dir, `application-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ ...APPLICATION, employee: { name: `Worker ${Math.random().toString(36).slice(2, 8)}` } }));
  const created = await run("case", "create", "--input", path, "--on", "2015-02-20", "--format", "json");
  expect(created.code).toBe(0);
  return JSON.parse(created.out);
}

const showCase = async (id: string) => JSON.parse((await run("case", "show", id, "--audit", "--format", "json")).out);

beforeAll(() => {
  delete process.env.DATABASE_URL; // the embedded database in a temporary directory
  dir = mkdtempSync(join(tmpdir(), "openimr-records-"));
  data = join(dir, "data");
});
afterAll(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
  rmSync(dir, { recursive: true, force: true });
});

describe("openimr case records-received --file", () => {
  it("stores a PDF and a text file with the case, page by page, in the same change as the event and its audit lines", async () => {
    const { id, version } = await newCase();
    const r = await run(
      "case",
      "records-received",
      id,
      "--on",
      "2015-02-25",
      "--file",
      recordFixture("two-report-case.pdf"),
      "--file",
      recordFixture("pr2-2014-12-02.txt"),
      "--format",
      "json",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const stored = await showCase(id);
    expect(stored.version).toBe(version + 1);
    expect(stored.status).toBe("records_complete");
    const attachments = stored.application.attachments as { title: string; text: string; pages: number }[];
    expect(attachments.map((a) => [a.title, a.pages])).toEqual([
      ["two-report-case.pdf", 4],
      ["pr2-2014-12-02.txt", 1],
    ]);
    expect(attachments[0]!.text.split("\f")).toHaveLength(4);
    expect(attachments[0]!.text.split("\f")[1]).toMatch(/^PR-2 \(continued\) - Page 2 of 2/);
    const actions = (stored.audit as { action: string; detail: Record<string, unknown> }[]).map((a) => a.action);
    expect(actions.slice(-2)).toEqual(["records_received", "records_stored"]);
    expect(stored.audit.at(-1).detail).toEqual({ files: 2, pages: [4, 1] });
    expect(JSON.stringify(stored.audit)).not.toContain("two-report-case.pdf");
  });

  it("drafts the working copy from the stored pages: each report keeps its own pages", async () => {
    const { id } = await newCase();
    expect((await run("case", "records-received", id, "--on", "2015-02-25", "--file", recordFixture("two-report-case.pdf"))).code).toBe(0);
    const shown = await run("review", "show", id, "--format", "json");
    expect(shown.code).toBe(0);
    const copy = JSON.parse(shown.out);
    expect(copy.records.map((d: { date?: string; pages: number }) => [d.date, d.pages])).toEqual([
      ["2015-01-06", 2],
      ["2015-02-03", 2],
    ]);
    expect(copy.items.map((i: { request: string; decision: string }) => [i.request, i.decision])).toEqual([["Flexeril 7.5mg #90", "Upheld"]]);
    expect(copy.caseSummary).toMatch(/46 year old female/);
  });

  it("refuses the whole command when one file is a corrupt PDF, naming it with its code, and stores nothing", async () => {
    const { id, version } = await newCase();
    const r = await run(
      "case",
      "records-received",
      id,
      "--on",
      "2015-02-25",
      "--file",
      recordFixture("two-report-case.pdf"),
      "--file",
      recordFixture("corrupt.pdf"),
    );
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("RECORD_CORRUPT");
    expect(r.err).toContain("corrupt.pdf");
    const after = await showCase(id);
    expect(after.version).toBe(version);
    expect(after.status).toBe("assigned");
    expect(after.application.attachments).toBeUndefined();
    expect(after.audit.map((a: { action: string }) => a.action)).not.toContain("records_received");
  });

  it("still records the event without files, as before", async () => {
    const { id } = await newCase();
    const r = await run("case", "records-received", id, "--on", "2015-02-25", "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ status: "records_complete", recordsReceived: [{ on: "2015-02-25", complete: true }] });
    expect(JSON.parse(r.out).application.attachments).toBeUndefined();
  });
});
