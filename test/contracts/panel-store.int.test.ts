import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseServices } from "../../src/compose.ts";
import { caseClocks } from "../../src/domain/deadlines/clocks.ts";
import { AppError } from "../../src/services/errors.ts";
import { CONFLICTED_EMPLOYER, fixedClock, makeReviewer, OTHER, PLANTED, servicesOn, TODAY, testPanel, uniqueApplication } from "../access/panel-fixtures.ts";
import { databaseTargets, type TestDatabase } from "./databases.ts";

const { targets } = await databaseTargets();

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(targets)("the reviewer panel, assignment and accounts on the $name database", (target) => {
  let t: TestDatabase;
  let s: CaseServices;

  beforeAll(async () => {
    t = await target.create();
    s = await servicesOn(t);
    await s.panel.importPanel(testPanel(), { actor: "test:setup" });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const openCases = async (id: string) => (await s.panel.get(id)).openCases;

  it("stores every imported reviewer with an audit line, and audits only what changed on a second import", async () => {
    expect((await s.panel.list(TODAY)).map((e) => e.reviewer.id)).toEqual(expect.arrayContaining([PLANTED.id, OTHER.id, "rev-nv-only"]));
    const updated = testPanel().map((r) => (r.id === OTHER.id ? { ...r, hoursPerWeekInPractice: 40 } : r));
    expect(await s.panel.importPanel(updated, { actor: "test:update" })).toMatchObject({ added: [], updated: [OTHER.id] });
    const rows = await t.db.query<{ action: string; actor: string; detail: unknown }>("select action, actor, detail from audit_log where entity_type = 'reviewer' and entity_id = $1 order by id", [OTHER.id]);
    expect(rows.map((r) => r.action)).toEqual(["reviewer_added", "reviewer_updated"]);
    const detail = typeof rows[1]!.detail === "string" ? JSON.parse(rows[1]!.detail) : rows[1]!.detail;
    expect(detail).toEqual({ changed: { hoursPerWeekInPractice: { from: 32, to: 40 } } });
  });

  it("stores nothing of an import when one reviewer cannot be stored", async () => {
    const before = (await s.panel.list(TODAY)).length;
    const bad = makeReviewer({ id: "rev-new-ok" });
    const broken = makeReviewer({ id: "rev-broken", capacity: -1 }); // refused by the capacity CHECK constraint
    await expect(s.panel.importPanel([bad, broken], { actor: "test" })).rejects.toThrow();
    expect((await s.panel.list(TODAY)).length).toBe(before);
    expect(await t.db.query("select id from audit_log where entity_id = 'rev-new-ok'")).toEqual([]);
  });

  it("refuses an import repeating an id, naming both rows", async () => {
    const error = await appError(s.panel.importPanel([makeReviewer({ id: "dup" }), makeReviewer({ id: "dup" })], { actor: "test" }));
    expect(error.code).toBe("REVIEWER_IMPORT_INVALID");
    expect(error.message).toContain("row 2 (id dup): the id is already used by row 1");
  });

  it("flags a licence expiring within 60 days", async () => {
    const entry = (await s.panel.list("2030-05-15")).find((e) => e.reviewer.id === PLANTED.id)!;
    expect(entry.expiringLicences.map((l) => l.number)).toEqual([PLANTED.licence]);
  });

  it("assigns the best reviewer, lists every other one with its reason, and counts the open case", async () => {
    const created = await s.intake.create(uniqueApplication(), { actor: "test", on: "2015-02-20" });
    const before = await openCases(PLANTED.id);
    const report = await s.assignment.assign(created.imrCase.id, { actor: "test:assign" });
    expect(report.assigned.map((a) => a.reviewerId)).toEqual([PLANTED.id]);
    expect(report.assigned[0]!.why).toMatch(/Highest-ranked/);
    expect(report.ranked.map((r) => r.reviewerId)).toContain(OTHER.id);
    const codes = Object.fromEntries(report.excluded.map((e) => [e.reviewerId, e.reasons.map((r) => r.code)]));
    expect(codes).toMatchObject({ "rev-nv-only": ["NOT_LICENSED_IN_CALIFORNIA"], "rev-junior": ["TOO_FEW_YEARS_IN_PRACTICE"], "rev-psych": ["SPECIALTY_MISMATCH"] });
    expect(report.qualificationsStatements[0]).toMatch(/board certified in Pain Medicine and licensed to practice in California/);
    expect(report.qualificationsStatements[0]).not.toContain(PLANTED.name);
    expect(await openCases(PLANTED.id)).toBe(before + 1);
    const audit = await s.cases.auditTrail(created.imrCase.id);
    expect(audit.find((a) => a.action === "reviewer_assigned")).toMatchObject({ actor: "test:assign", detail: { reviewerId: PLANTED.id } });
  });

  it("excludes a reviewer affiliated with a party, naming the party", async () => {
    const created = await s.intake.create(uniqueApplication({ employer: { name: CONFLICTED_EMPLOYER } }), { actor: "test", on: "2015-02-20" });
    const report = await s.assignment.assign(created.imrCase.id, { actor: "test" });
    expect(report.assigned.map((a) => a.reviewerId)).toEqual([OTHER.id]);
    expect(report.excluded.find((e) => e.reviewerId === PLANTED.id)!.reasons[0]).toMatchObject({ code: "CONFLICT_OF_INTEREST", message: expect.stringContaining("the employer") });
  });

  it("refuses a second assignment of the same case", async () => {
    const created = await s.intake.create(uniqueApplication(), { actor: "test", on: "2015-02-20" });
    await s.assignment.assign(created.imrCase.id, { actor: "test" });
    expect((await appError(s.assignment.assign(created.imrCase.id, { actor: "test" }))).code).toBe("CASE_STATE_CONFLICT");
  });

  it("lets only one of two simultaneous assignments of a case succeed", async () => {
    const created = await s.intake.create(uniqueApplication(), { actor: "test", on: "2015-02-20" });
    const results = await Promise.allSettled([s.assignment.assign(created.imrCase.id, { actor: "a" }), s.assignment.assign(created.imrCase.id, { actor: "b" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await s.assignment.history(created.imrCase.id)).filter((a) => !a.endedOn)).toHaveLength(1);
  });

  it("reassigns a declining reviewer without moving any deadline, and moves the open case", async () => {
    const created = await s.intake.create(uniqueApplication(), { actor: "test", on: "2015-02-20" });
    const id = created.imrCase.id;
    await s.assignment.assign(id, { actor: "test" });
    await s.cases.recordsReceived(id, { actor: "test", on: "2015-02-24", from: "claims_administrator", complete: true });
    const clocksBefore = caseClocks((await s.cases.get(id)).imrCase, TODAY);
    const [plantedBefore, otherBefore] = [await openCases(PLANTED.id), await openCases(OTHER.id)];
    const report = await s.assignment.reassign(id, { actor: "test", reason: "declined", note: "on leave" });
    expect(report.ended).toMatchObject({ reviewerId: PLANTED.id, reason: "declined" });
    expect(report.assigned.map((a) => a.reviewerId)).toEqual([OTHER.id]);
    expect(report.excluded.find((e) => e.reviewerId === PLANTED.id)!.reasons.map((r) => r.code)).toContain("DECLINED_OR_REMOVED");
    expect(caseClocks((await s.cases.get(id)).imrCase, TODAY)).toEqual(clocksBefore);
    expect([await openCases(PLANTED.id), await openCases(OTHER.id)]).toEqual([plantedBefore - 1, otherBefore + 1]);
    const history = await s.assignment.history(id);
    expect(history.map((h) => [h.reviewerId, h.endReason ?? null])).toEqual([
      [PLANTED.id, "declined"],
      [OTHER.id, null],
    ]);
  });

  it("changes nothing when no reviewer is left to take a reassigned case", async () => {
    const created = await s.intake.create(uniqueApplication({ employer: { name: CONFLICTED_EMPLOYER } }), { actor: "test", on: "2015-02-20" });
    const id = created.imrCase.id;
    await s.assignment.assign(id, { actor: "test" });
    const before = await s.assignment.history(id);
    const error = await appError(s.assignment.reassign(id, { actor: "test", reason: "conflict" }));
    expect(error.code).toBe("NO_REVIEWER_AVAILABLE");
    expect(error.message).toContain(`${PLANTED.id}: CONFLICT_OF_INTEREST`);
    expect(await s.assignment.history(id)).toEqual(before);
  });

  it("assigns an eligible case to the IMR organisation first, through the case service", async () => {
    const created = await s.intake.create(uniqueApplication({ liabilityDisputed: true }), { actor: "test", on: "2015-02-20" });
    expect(created.imrCase.status).toBe("screened");
    await s.cases.liftDeferral(created.imrCase.id, { actor: "test", on: "2015-02-23" });
    await s.assignment.assign(created.imrCase.id, { actor: "test", on: "2015-02-24" });
    const view = await s.cases.get(created.imrCase.id);
    expect(view.imrCase).toMatchObject({ status: "assigned", assignment: { on: "2015-02-24" } });
  });

  it("signs a user in with a hashed password and ends the session at logout or expiry", async () => {
    let now = new Date("2015-02-25T17:00:00Z");
    const local = await servicesOn(t, fixedClock(TODAY, () => now));
    await local.accounts.addUser({ username: `clerk-${target.name}`, password: "correct horse battery", role: "staff", staffRole: "intake" }, { actor: "test" });
    const [row] = await t.db.query<{ password_hash: string }>("select password_hash from users where username = $1", [`clerk-${target.name}`]);
    expect(row!.password_hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(row!.password_hash).not.toContain("correct horse");
    const { token } = await local.accounts.login(`clerk-${target.name}`, "correct horse battery", "127.0.0.1");
    expect(await t.db.query("select token_hash from sessions where token_hash = $1", [token])).toEqual([]);
    expect((await local.accounts.authenticate(token))?.username).toBe(`clerk-${target.name}`);
    now = new Date(now.getTime() + 9 * 3600 * 1000);
    expect(await local.accounts.authenticate(token)).toBeUndefined();
    now = new Date("2015-02-25T17:00:00Z");
    const second = await local.accounts.login(`clerk-${target.name}`, "correct horse battery", "127.0.0.1");
    await local.accounts.logout(second.token);
    expect(await local.accounts.authenticate(second.token)).toBeUndefined();
  });

  it("refuses a duplicate username and a party account without a case", async () => {
    await s.accounts.addUser({ username: `dup-${target.name}`, password: "a long enough pass", role: "staff", staffRole: "admin" }, { actor: "test" });
    expect((await appError(s.accounts.addUser({ username: `DUP-${target.name}`, password: "a long enough pass", role: "staff", staffRole: "admin" }, { actor: "test" }))).code).toBe("USER_EXISTS");
    expect((await appError(s.accounts.addUser({ username: "p1", password: "a long enough pass", role: "party", partyKind: "employee" }, { actor: "test" }))).code).toBe("INPUT_INVALID");
  });
});
