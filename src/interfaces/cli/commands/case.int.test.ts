import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliRun, runCli } from "../../../../test/cli-harness.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../../../adapters/db/lock.ts";
import { sharedFixture } from "../../../../test/fixtures/shared.ts";

const EXAMPLE = JSON.parse(readFileSync(sharedFixture("applications", "application.example.json"), "utf8"));
let dir: string;
let data: string;
const savedUrl = process.env.DATABASE_URL;

function run(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

beforeAll(() => {
  delete process.env.DATABASE_URL; // these tests use the embedded database in a temporary directory
  dir = mkdtempSync(join(tmpdir(), "openimr-cli-"));
  data = join(dir, "data");
});
afterAll(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
  rmSync(dir, { recursive: true, force: true });
});

describe("openimr case screen", () => {
  it("prints eligibility with reasons and the deadlines as JSON, and stores nothing", async () => {
    const { code, out } = await run(
      "case",
      "screen",
      "--input",
      sharedFixture("applications", "application.example.json"),
      "--on",
      "2015-02-20",
      "--format",
      "json",
      "--data",
      data,
    );
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.eligibility).toMatchObject({ eligible: true, reasons: [] });
    expect(report.track).toBe("standard");
    expect(report.deadlines.find((d: { code: string }) => d.code === "NOTICE_OF_ASSIGNMENT")).toMatchObject({ startedOn: "2015-02-20", dueOn: "2015-02-23" });
    expect(JSON.parse((await run("case", "list", "--format", "json", "--data", data)).out)).toEqual([]);
  });

  it.each([
    { name: "late", change: { receivedDate: "2015-03-10" }, code: "UNTIMELY", citation: "8 CCR §9792.10.1(b)(1)" },
    { name: "unsigned", change: { signed: false }, code: "MISSING_SIGNATURE", citation: "8 CCR §9792.10.2" },
    {
      name: "missing the UR decision",
      change: { urDecision: { ...EXAMPLE.urDecision, attached: false } },
      code: "MISSING_UR_DECISION",
      citation: "8 CCR §9792.10.1(b)(1)",
    },
  ])("finds a $name application ineligible with the citation", async ({ change, code, citation }) => {
    const { code: exit, out } = await run("case", "screen", "--input", file("app.json", { ...EXAMPLE, ...change }), "--format", "json", "--data", data);
    expect(exit).toBe(0);
    const report = JSON.parse(out);
    expect(report.eligibility.eligible).toBe(false);
    expect(report.eligibility.reasons).toEqual([{ code, message: expect.any(String), citation: expect.stringContaining(citation), effect: "ineligible" }]);
  });

  it("screens an expedited application onto the expedited clocks", async () => {
    const app = { ...EXAMPLE, expedited: true, expeditedCertification: { physician: "Dr. Example Treater", hasSupportingDocumentation: true } };
    const report = JSON.parse((await run("case", "screen", "--input", file("exp.json", app), "--on", "2015-02-20", "--format", "json", "--data", data)).out);
    expect(report).toMatchObject({ track: "expedited", eligibility: { eligible: true } });
    expect(report.deadlines.find((d: { code: string }) => d.code === "RECORDS_FROM_CLAIMS_ADMINISTRATOR")).toMatchObject({ unit: "hour", dueOn: "2015-02-21" });
  });

  it("names the unknown field and the wrong type in bad input, exiting 2", async () => {
    const { code, err } = await run("case", "screen", "--input", file("bad.json", { ...EXAMPLE, signed: "yes", colour: "blue" }), "--data", data);
    expect(code).toBe(2);
    expect(err).toContain("INPUT_INVALID");
    expect(err).toContain('colour: unknown field "colour"');
    expect(err).toContain("signed: ");
  });
});

describe("openimr case create, list, records-received, decide, withdraw", () => {
  it("follows a case from intake to the decision and refuses what the state machine forbids", async () => {
    const created = await run(
      "case",
      "create",
      "--input",
      sharedFixture("applications", "application.example.json"),
      "--on",
      "2015-02-20",
      "--format",
      "json",
      "--data",
      data,
    );
    expect(created.code).toBe(0);
    const imrCase = JSON.parse(created.out);
    expect(imrCase.id).toMatch(/^IMR-2015-[0-9A-F]{8}$/);
    expect(imrCase).toMatchObject({ status: "assigned", version: 1 });
    expect(imrCase.notices[0].title).toContain("Notice of Assignment");

    const again = await run("case", "create", "--input", sharedFixture("applications", "application.example.json"), "--on", "2015-02-20", "--data", data);
    expect(again.code).toBe(2);
    expect(again.err).toContain(`APPLICATION_DUPLICATE: This application was already received as case ${imrCase.id}`);

    const list = await run("case", "list", "--today", "2015-03-06", "--data", data);
    expect(list.out).toContain(
      `${imrCase.id}  assigned  standard  Medical records received from the claims administrator (notice sent electronically): overdue by 2 days (2015-03-04)`,
    );

    expect((await run("case", "records-received", imrCase.id, "--on", "2015-03-05", "--data", data)).code).toBe(0);
    const decided = await run("case", "decide", imrCase.id, "--item", "Norco 10/325mg #120=Upheld", "--on", "2015-03-20", "--format", "json", "--data", data);
    expect(decided.code).toBe(0);
    expect(JSON.parse(decided.out)).toMatchObject({ status: "decided", determinations: [{ request: "Norco 10/325mg #120", determination: "Upheld" }] });

    const withdraw = await run("case", "withdraw", imrCase.id, "--data", data);
    expect(withdraw.code).toBe(2);
    expect(withdraw.err).toContain("CASE_STATE_CONFLICT");

    const shown = JSON.parse((await run("case", "show", imrCase.id, "--audit", "--format", "json", "--data", data)).out);
    expect(shown.audit.map((a: { action: string }) => a.action)).toEqual(["received", "screened", "assigned", "records_received", "review_started", "decided"]);
  });

  it("answers CASE_NOT_FOUND for an unknown id", async () => {
    const { code, err } = await run("case", "show", "IMR-0000-NOPE", "--data", data);
    expect(code).toBe(2);
    expect(err).toContain("CASE_NOT_FOUND");
  });

  it("refuses to open a data directory another process holds, and screens without it", async () => {
    const locked = join(dir, "locked");
    const release = lockDataDir(locked);
    try {
      const create = await run("case", "create", "--input", sharedFixture("applications", "application.example.json"), "--data", locked);
      expect(create.code).not.toBe(0);
      expect(create.err).toContain("DATA_DIR_LOCKED");
      expect(create.err).toContain(`process ${process.pid}`);
      const screen = JSON.parse(
        (await run("case", "screen", "--input", sharedFixture("applications", "application.example.json"), "--format", "json", "--data", locked)).out,
      );
      expect(screen.eligibility.notes.map((n: { code: string }) => n.code)).toEqual(["STORE_NOT_CHECKED"]);
    } finally {
      release();
    }
  });
});
