import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DbAuditTrail, DbCaseStore } from "../../src/adapters/db/case-store.ts";
import { loadMigrations, migrate } from "../../src/adapters/db/migrate.ts";
import { openCase } from "../../src/domain/case/state-machine.ts";
import type { Application } from "../../src/domain/case/types.ts";
import { makeCases } from "../../src/services/cases.ts";
import { AppError } from "../../src/services/errors.ts";
import { makeIntake } from "../../src/services/intake.ts";
import type { Clock } from "../../src/services/ports.ts";
import { makeApplication } from "../case-factories.ts";
import { databaseTargets, type TestDatabase } from "./databases.ts";

const { targets, missing } = await databaseTargets();

let counter = 0;
/** A different employee per call, so the tests of one suite never meet each other's duplicates. */
function application(overrides: Partial<Application> = {}): Application {
  counter += 1;
  return makeApplication({ employee: { name: `Contract Worker ${counter} ${Math.random().toString(36).slice(2, 8)}` }, ...overrides });
}

function fixedClock(today: string): Clock {
  return { today: () => today, now: () => new Date(`${today}T17:00:00Z`) };
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("PostgreSQL availability", () => {
  it.runIf(missing !== undefined)("is required by OPENIMR_REQUIRE_SERVICES=1", () => {
    throw new Error(missing);
  });
  it.runIf(missing === undefined)("is reported when missing (skip or failure), never silently", () => {
    expect(targets.length).toBeGreaterThanOrEqual(1);
  });
});

describe.each(targets)("the case store on the $name database", (target) => {
  let t: TestDatabase;
  let store: DbCaseStore;
  let ids = 0;
  const nextId = () => `IMR-T-${target.name}-${++ids}-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    t = await target.create();
    store = new DbCaseStore(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("applies each migration once and records it in schema_migrations", async () => {
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.query<{ version: number; name: string }>("select version, name from schema_migrations order by version");
    expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
    expect(typeof rows[0]!.version).toBe("number");
  });

  it("stores a case and reads it back whole, with numbers as numbers and dates as ISO text", async () => {
    const created = await store.create(openCase(nextId(), application()), [{ actor: "test", action: "received", detail: { on: "2015-02-20" } }]);
    expect(created.version).toBe(1);
    const read = await store.get(created.id);
    expect(read).toEqual(created);
    const [row] = await t.db.query<{ version: number; received_on: string; n: number }>(
      "select version, received_on, (select count(*) from cases) as n from cases where id = $1",
      [created.id],
    );
    expect(row).toMatchObject({ version: 1, received_on: "2015-02-20" });
    expect(typeof row!.n).toBe("number");
  });

  it("answers undefined for an unknown id", async () => {
    expect(await store.get("IMR-NOPE")).toBeUndefined();
  });

  it("refuses a second open case for the same application, and accepts it again once the first is withdrawn", async () => {
    const app = application();
    const first = await store.create(openCase(nextId(), app), []);
    const error = await expectAppError(store.create(openCase(nextId(), { ...app, receivedDate: "2015-02-21" }), []), "APPLICATION_DUPLICATE");
    expect(error.message).toContain(first.id);
    await store.update({ ...first, status: "withdrawn" }, first.version, [{ actor: "test", action: "withdrawn" }]);
    const again = await store.create(openCase(nextId(), app), []);
    expect((await store.findDuplicate((await import("../../src/domain/case/duplicate-key.ts")).duplicateKey(app)))?.id).toBe(again.id);
  });

  it("bumps the version on update and refuses a save based on a stale version", async () => {
    const created = await store.create(openCase(nextId(), application()), []);
    const updated = await store.update({ ...created, status: "screened" }, 1, [{ actor: "a", action: "screened" }]);
    expect(updated.version).toBe(2);
    const error = await expectAppError(store.update({ ...created, status: "withdrawn" }, 1, [{ actor: "b", action: "withdrawn" }]), "CASE_STATE_CONFLICT");
    expect(error.message).toContain("version 2, expected 1");
    expect((await store.get(created.id))!.status).toBe("screened");
  });

  it("lets only one of two concurrent saves of the same version win", async () => {
    const created = await store.create(openCase(nextId(), application()), []);
    const results = await Promise.allSettled([
      store.update({ ...created, status: "screened" }, 1, [{ actor: "a", action: "x" }]),
      store.update({ ...created, status: "withdrawn" }, 1, [{ actor: "b", action: "y" }]),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("CASE_STATE_CONFLICT");
    expect(await new DbAuditTrail(t.db).listFor("case", created.id)).toHaveLength(1);
  });

  it("answers CASE_NOT_FOUND when updating a case that does not exist", async () => {
    await expectAppError(store.update(openCase("IMR-MISSING", application()), 1, []), "CASE_NOT_FOUND");
  });

  it("writes nothing when any part of the transaction fails", async () => {
    const id = nextId();
    const bad = [{ actor: null as unknown as string, action: "received" }]; // actor is NOT NULL
    await expect(store.create(openCase(id, application()), bad)).rejects.toThrow();
    expect(await store.get(id)).toBeUndefined();
    expect(await new DbAuditTrail(t.db).listFor("case", id)).toEqual([]);
  });

  it("keeps the audit log append-only: UPDATE, DELETE and TRUNCATE are refused by the database", async () => {
    const created = await store.create(openCase(nextId(), application()), [{ actor: "clerk", action: "received", detail: { on: "2015-02-20" } }]);
    const [line] = await new DbAuditTrail(t.db).listFor("case", created.id);
    expect(line).toMatchObject({ actor: "clerk", action: "received", entityType: "case", entityId: created.id, detail: { on: "2015-02-20" } });
    expect(typeof line!.id).toBe("number");
    expect(line!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    await expect(t.db.query("update audit_log set actor = 'someone else' where id = $1", [line!.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query("delete from audit_log where id = $1", [line!.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query("truncate audit_log")).rejects.toThrow(/append-only/);
    expect(await new DbAuditTrail(t.db).listFor("case", created.id)).toHaveLength(1);
  });

  it("finds earlier cases of the same employee and date of injury", async () => {
    const app = application();
    const other = { ...app, urDecision: { ...app.urDecision!, date: "2015-02-03" } };
    await store.create(openCase(nextId(), app), []);
    await store.create(openCase(nextId(), other), []);
    const { employeeKey } = await import("../../src/domain/case/duplicate-key.ts");
    expect(await store.findByEmployee(employeeKey(app))).toHaveLength(2);
  });

  describe("through the services", () => {
    it("takes an application from intake to the letter, auditing every step", async () => {
      let today = "2015-02-20";
      const clock: Clock = { today: () => today, now: () => new Date() };
      let n = 0;
      const intake = makeIntake({
        cases: store,
        clock,
        ids: { newCaseId: () => `IMR-SVC-${target.name}-${++n}-${Math.random().toString(36).slice(2, 6)}` },
        organisationName: "Test IMRO",
      });
      const cases = makeCases({ cases: store, audit: new DbAuditTrail(t.db), clock, organisationName: "Test IMRO" });
      const app = application();
      const { imrCase, notices } = await intake.create(app, { actor: "cli:clerk" });
      expect(imrCase.status).toBe("assigned");
      expect(notices.map((x) => x.kind)).toEqual(["notice_of_assignment"]);
      await expectAppError(intake.create(app, { actor: "cli:clerk" }), "APPLICATION_DUPLICATE");
      today = "2015-03-02";
      await cases.recordsReceived(imrCase.id, { actor: "cli:clerk" });
      await expectAppError(cases.withdraw(imrCase.id, { actor: "x", expectedVersion: 1 }), "CASE_STATE_CONFLICT");
      today = "2015-03-20";
      const decided = await cases.decide(imrCase.id, [{ request: "Norco 10/325mg #120", determination: "Upheld" }], { actor: "reviewer" });
      expect(decided.imrCase).toMatchObject({ status: "decided", version: 3 });
      expect(decided.deadlines.find((d) => d.code === "DETERMINATION")).toMatchObject({ state: "met", dueOn: "2015-04-01" });
      await expectAppError(cases.withdraw(imrCase.id, { actor: "x" }), "CASE_STATE_CONFLICT");
      const trail = await cases.auditTrail(imrCase.id);
      expect(trail.map((l) => `${l.actor} ${l.action}`)).toEqual([
        "cli:clerk received",
        "cli:clerk screened",
        "cli:clerk assigned",
        "cli:clerk records_received",
        "reviewer review_started",
        "reviewer decided",
      ]);
    });

    it("stores an ineligible application with its reasons and notice", async () => {
      const intake = makeIntake({ cases: store, clock: fixedClock("2015-04-01"), ids: { newCaseId: nextId }, organisationName: "Test IMRO" });
      const { imrCase, notices } = await intake.create(application({ signed: false }), { actor: "t" });
      expect(imrCase.status).toBe("ineligible");
      expect(imrCase.eligibility!.reasons.map((r) => r.code)).toEqual(["MISSING_SIGNATURE"]);
      expect(notices[0]!.lines.join("\n")).toContain("not signed");
    });

    it("refuses a second screening of the same employee's treatment decided within 12 months", async () => {
      const app = application();
      const clock = fixedClock("2015-02-20");
      const intake = makeIntake({ cases: store, clock, ids: { newCaseId: nextId }, organisationName: "Test IMRO" });
      const first = await intake.create(app, { actor: "t" });
      const decidedCase = { ...first.imrCase, status: "letter_issued" as const, decidedOn: "2015-03-10" };
      await store.update(decidedCase, first.imrCase.version, []);
      const later = { ...app, receivedDate: "2015-06-20", urDecision: { ...app.urDecision!, date: "2015-06-01", servedDate: "2015-06-01" } };
      const report = await makeIntake({ cases: store, clock: fixedClock("2015-06-20"), ids: { newCaseId: nextId }, organisationName: "x" }).screen(later);
      expect(report.eligibility.reasons.map((r) => r.code)).toEqual(["PRIOR_IMR_SAME_TREATMENT"]);
    });
  });
});
