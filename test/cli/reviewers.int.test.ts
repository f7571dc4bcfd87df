import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliRun, runCli } from "../cli-harness.ts";
import { afterAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../../src/interfaces/reviewer-contract.ts";
import { makeApplication } from "../case-factories.ts";
import { sharedFixture } from "../fixtures/shared.ts";

const dir = mkdtempSync(join(tmpdir(), "openimr-reviewers-cli-"));
const data = join(dir, "data");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): Promise<CliRun> {
  return runCli([...args, "--data", data]);
}

const good = `${CSV_COLUMNS.join(",")}
rev-pain,Dr. Pain Fit,MD,CA:A700:active:2099-01-01,Pain Medicine,pain medicine,2000-01-01,40,,8,1,yes
rev-nv,Dr. Nevada,MD,NV:N700:active:2099-01-01,Pain Medicine,pain medicine,2000-01-01,40,,8,0,
`;

describe("openimr reviewers and case assign", () => {
  it("imports nothing when one CSV row is bad, and names the row and field", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, `${good}rev-bad,Dr. Bad,MD,CA:A701:active:soon,X,pain medicine,2000-01-01,40,,8,0,\n`);
    const { code, err } = await run("reviewers", "import", file);
    expect(code).toBe(2);
    expect(err).toContain("REVIEWER_IMPORT_INVALID");
    expect(err).toContain("row 4 (id rev-bad), field licences[1].expires");
    expect((await run("reviewers", "list")).out).toContain("The panel is empty");
  });

  it("imports JSON and CSV panels and lists them with their status", async () => {
    expect((await run("reviewers", "import", sharedFixture("reviewers", "panel.example.json"))).out).toContain("1 added");
    const file = join(dir, "good.csv");
    writeFileSync(file, good);
    expect((await run("reviewers", "import", file)).out).toContain("2 added, 0 updated");
    const list = await run("reviewers", "list", "--today", "2027-05-15");
    expect(list.out).toContain("LICENCE EXPIRING: CA A000001 expires 2027-06-30 (in 46 days)");
    expect(list.out).toMatch(/rev-nv .*NOT ASSIGNABLE \(NOT_LICENSED_IN_CALIFORNIA\)/);
  });

  it("assigns a case, explaining the choice and every other reviewer, then reassigns it", async () => {
    const application = join(dir, "application.json");
    writeFileSync(application, JSON.stringify(makeApplication()));
    const created = await run("case", "create", "--input", application, "--on", "2015-02-20", "--format", "json");
    expect(created.code).toBe(0);
    const id = JSON.parse(created.out).id as string;
    const assigned = await run("case", "assign", id, "--format", "json");
    expect(assigned.code).toBe(0);
    const report = JSON.parse(assigned.out);
    expect(report.assigned[0]).toMatchObject({ reviewerId: "rev-pain", name: "Dr. Pain Fit" });
    const reasons = Object.fromEntries(report.excluded.map((e: { reviewerId: string; reasons: { code: string }[] }) => [e.reviewerId, e.reasons.map((r) => r.code)]));
    expect(reasons).toEqual({ "rev-001": ["CONFLICT_OF_INTEREST"], "rev-nv": ["NOT_LICENSED_IN_CALIFORNIA"] });
    const text = await run("case", "reassign", id, "--reason", "declined");
    expect(text.code).toBe(2);
    expect(text.err).toContain("NO_REVIEWER_AVAILABLE");
    expect(text.err).toContain("rev-pain: DECLINED_OR_REMOVED");
  });

  it("adds the first admin with the password from OPENIMR_PASSWORD, never prints it, and refuses a short one", async () => {
    process.env.OPENIMR_PASSWORD = "bootstrap admin password";
    try {
      expect((await run("users", "add", "root", "--role", "staff", "--staff-role", "admin")).out).toBe("Added staff root (admin).\n");
      process.env.OPENIMR_PASSWORD = "short";
      const weak = await run("users", "add", "weak", "--role", "staff", "--staff-role", "admin");
      expect(weak.err).toContain("password: at least 12 characters");
    } finally {
      delete process.env.OPENIMR_PASSWORD;
    }
    const list = await run("users", "list", "--format", "json");
    expect(list.out).not.toContain("bootstrap admin password");
    expect(JSON.parse(list.out).map((u: { username: string }) => u.username)).toEqual(["root"]);
  });
});
