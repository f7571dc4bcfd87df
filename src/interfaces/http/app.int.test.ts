import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../adapters/db/migrate.ts";
import { openPglite } from "../../adapters/db/pglite.ts";
import { type CaseServices, composeCaseServices } from "../../compose.ts";
import { loadConfig } from "../../config.ts";
import { sharedFixture } from "../../../test/fixtures/shared.ts";
import { buildApp } from "./app.ts";

const EXAMPLE = JSON.parse(readFileSync(sharedFixture("applications", "application.example.json"), "utf8"));
let app: FastifyInstance;
let services: CaseServices;
let today = "2015-02-20";
/** Bearer tokens of two staff members (every case route needs a signed-in staff user or the assigned reviewer). */
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const db = await openPglite(undefined);
  await migrate(db);
  services = await composeCaseServices(loadConfig({}), { db, clock: { today: () => today, now: () => new Date() } });
  app = await buildApp(services, { organisationName: "Test IMRO" });
  for (const [username, staffRole] of [
    ["clerk", "intake"],
    ["director", "medical-director"],
  ] as const) {
    await services.accounts.addUser({ username, password: "a long test password", role: "staff", staffRole }, { actor: "test" });
    tokens[username] = (await services.accounts.login(username, "a long test password", "127.0.0.1")).token;
  }
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

const as = (user = "clerk") => ({ authorization: `Bearer ${tokens[user]}` });
const post = (url: string, payload: unknown, user = "clerk") => app.inject({ method: "POST", url, payload: payload as object, headers: as(user) });
const get = (url: string) => app.inject({ method: "GET", url, headers: as() });

describe("POST /screenings", () => {
  it("screens the example application eligible, with its deadlines", async () => {
    const res = await post("/screenings", EXAMPLE);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ track: "standard", eligibility: { eligible: true, reasons: [] } });
    expect(res.json().deadlines.find((d: { code: string }) => d.code === "APPLICATION_FILING")).toMatchObject({ dueOn: "2015-03-04", state: "met" });
  });

  it.each([
    { name: "late", body: { ...EXAMPLE, receivedDate: "2015-03-10" }, code: "UNTIMELY" },
    { name: "unsigned", body: { ...EXAMPLE, signed: false }, code: "MISSING_SIGNATURE" },
    { name: "without the UR decision", body: { ...EXAMPLE, urDecision: { ...EXAMPLE.urDecision, attached: false } }, code: "MISSING_UR_DECISION" },
    {
      name: "for a conditional non-certification",
      body: { ...EXAMPLE, urDecision: { ...EXAMPLE.urDecision, items: [{ request: "MRI", decision: "conditionally non-certified" }] } },
      code: "CNC_DECISION",
    },
  ])("refuses an application $name with the reason's code and citation", async ({ body, code }) => {
    const res = await post("/screenings", body);
    expect(res.statusCode).toBe(200);
    const [reason] = res.json().eligibility.reasons;
    expect(reason).toMatchObject({ code, citation: expect.stringMatching(/§/) });
    expect(res.json().eligibility.eligible).toBe(false);
  });

  it("puts an expedited application on the expedited track", async () => {
    const res = await post("/screenings?on=2015-02-20", { ...EXAMPLE, expedited: true, expeditedCertification: { physician: "Dr. Example Treater" } });
    expect(res.json()).toMatchObject({ track: "expedited", eligibility: { eligible: true, notes: [] } });
  });

  it("answers malformed JSON with 400 INPUT_UNREADABLE", async () => {
    const res = await app.inject({ method: "POST", url: "/screenings", payload: '{"signed": tru', headers: { ...as(), "content-type": "application/json" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "INPUT_UNREADABLE", issues: [{ path: "(body)" }] });
    expect(res.json().error.message).toMatch(/JSON/i);
  });

  it("answers an unknown field with 400 naming it", async () => {
    const res = await post("/screenings", { ...EXAMPLE, employee: { name: "X", nickname: "Y" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("INPUT_INVALID");
    expect(res.json().error.issues).toEqual([{ code: "INPUT_INVALID", message: 'unknown field "nickname"', path: "employee.nickname" }]);
  });

  it("answers a wrong type and a bad date with 400 naming each field", async () => {
    const res = await post("/screenings", { ...EXAMPLE, signed: "yes", receivedDate: "2015-02-30" });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(["receivedDate", "signed"]);
    expect(res.json().error.message).toContain("signed:");
  });
});

describe("/cases", () => {
  let id: string;

  it("creates a case (201) and reports the same application again as a duplicate (409), in screening too", async () => {
    const res = await post("/cases", { application: EXAMPLE });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ status: "assigned", version: 1 });
    const again = await post("/cases", { application: EXAMPLE });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("APPLICATION_DUPLICATE");
    const screened = await post("/screenings", EXAMPLE);
    expect(screened.json().eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(["DUPLICATE"]);
  });

  it("lists the worklist with due and overdue wording", async () => {
    const res = await get("/cases?today=2015-03-06");
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toMatchObject({ id, next: { code: "RECORDS_FROM_CLAIMS_ADMINISTRATOR", text: "overdue by 2 days", daysLeft: -2 } });
  });

  it("answers 409 to a decision before the records and to a stale version", async () => {
    today = "2015-03-05";
    const early = await post(`/cases/${id}/decide`, { items: [{ request: "Norco 10/325mg #120", determination: "Upheld" }] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("CASE_STATE_CONFLICT");
    expect((await post(`/cases/${id}/records-received`, { version: 1 })).statusCode).toBe(200);
    const stale = await post(`/cases/${id}/withdraw`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain("version 2");
  });

  it("decides every item and keeps an audit trail naming who did what", async () => {
    today = "2015-03-20";
    const res = await post(`/cases/${id}/decide`, { items: [{ request: "Norco 10/325mg #120", determination: "Overturned" }] }, "director");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "decided", decidedOn: "2015-03-20" });
    const audit = await get(`/cases/${id}/audit`);
    expect(audit.json().map((a: { actor: string; action: string }) => `${a.actor} ${a.action}`)).toEqual([
      "user:clerk received",
      "user:clerk screened",
      "user:clerk assigned",
      "user:clerk records_received",
      "user:director review_started",
      "user:director decided",
    ]);
  });

  it("offers no way to change or delete the audit log", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"] as const) {
      const res = await app.inject({ method, url: `/cases/${id}/audit`, headers: as() });
      expect(res.statusCode).toBe(404);
    }
  });

  it("answers 404 CASE_NOT_FOUND and 404 ROUTE_NOT_FOUND in the error shape", async () => {
    const missing = await get("/cases/IMR-NOPE");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: "CASE_NOT_FOUND", message: "No case IMR-NOPE.", issues: [] } });
    expect((await get("/nowhere")).json().error.code).toBe("ROUTE_NOT_FOUND");
  });
});

describe("POST /drafts", () => {
  it("answers a case without items with 400 naming the field", async () => {
    const res = await post("/drafts", { caseSummary: "Chronic low back pain.", items: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe("items");
  });

  it("drafts the seed case with the drafting engine", async () => {
    const seed = JSON.parse(readFileSync(sharedFixture("cases", "seed-zanaflex.case.json"), "utf8"));
    const res = await post("/drafts", seed);
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].decision).toMatch(/^(Upheld|Overturned)$/);
  });
});

describe("GET /openapi.json", () => {
  it("describes every operation with schemas generated from the zod contracts", async () => {
    const res = await app.inject({ method: "GET", url: "/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/screenings/", "/cases/", "/cases/{id}", "/cases/{id}/decide", "/drafts/"]));
    const ref: string = doc.paths["/screenings/"].post.requestBody.content["application/json"].schema.$ref;
    const application = doc.components.schemas[ref.split("/").pop()!];
    expect(application.required).toEqual(expect.arrayContaining(["receivedDate", "signed", "employee"]));
    expect(application.additionalProperties).toBe(false);
    expect(JSON.stringify(doc.paths["/cases/{id}/decide"].post.requestBody)).toContain("Overturned");
  });
});
