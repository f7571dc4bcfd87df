import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../adapters/db/migrate.ts";
import { DbPanelStore } from "../../adapters/db/panel-store.ts";
import { openPglite } from "../../adapters/db/pglite.ts";
import { type CaseServices, composeCaseServices } from "../../compose.ts";
import { loadConfig } from "../../config.ts";
import { employeeKey } from "../../domain/case/duplicate-key.ts";
import { CLAIM_NUMBER, makeReviewApplication, movableClock, PHONE, REVIEWER, REVIEWER_NAME } from "../../../test/review-factories.ts";
import { buildApp } from "./app.ts";

let app: FastifyInstance;
let services: CaseServices;
let panel: DbPanelStore;
const clock = movableClock("2014-11-03");
const PASSWORD = "correct horse battery staple";
const tokens: Record<string, string> = {};

async function login(username: string): Promise<string> {
  const res = await app.inject({ method: "POST", url: "/auth/login", payload: { username, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  return res.json().token;
}

function call(method: "GET" | "POST" | "PATCH", url: string, who: string | undefined, payload?: object) {
  return app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
}

/** A case with complete records and the test reviewer designated. */
async function newCase(): Promise<string> {
  clock.set("2014-11-03");
  const application = makeReviewApplication();
  const { imrCase } = await services.intake.create(application, { actor: "intake" });
  clock.set("2014-11-05");
  await services.cases.recordsReceived(imrCase.id, { actor: "intake" });
  await panel.designate(
    imrCase.id,
    { add: [{ reviewerId: REVIEWER.id, items: [], why: "test" }], on: "2014-11-05", employeeKey: employeeKey(application) },
    "test",
  );
  clock.set("2014-11-20");
  return imrCase.id;
}

let caseId: string;

beforeAll(async () => {
  const db = await openPglite(undefined);
  await migrate(db);
  services = await composeCaseServices(loadConfig({ OPENIMR_ORGANISATION: "Example IMR Organisation" }), { db, clock });
  app = await buildApp(services, { organisationName: "Example IMR Organisation" });
  panel = new DbPanelStore(db);
  await panel.importPanel([REVIEWER], "test");
  caseId = await newCase();
  const accounts = [
    { username: "director", role: "staff" as const, staffRole: "medical-director" as const },
    { username: "intake", role: "staff" as const, staffRole: "intake" as const },
    { username: "reviewer", role: "reviewer" as const, reviewerId: REVIEWER.id },
    { username: "worker", role: "party" as const, caseId, partyKind: "employee" as const },
  ];
  for (const a of accounts) {
    await services.accounts.addUser({ ...a, password: PASSWORD }, { actor: "test" });
    tokens[a.username] = await login(a.username);
  }
}, 60_000);
afterAll(async () => {
  await app?.close();
  await services?.close();
});

describe("the review and letter API", () => {
  it("gives the assigned reviewer the working copy, and refuses the party and anonymous callers", async () => {
    const res = await call("GET", `/cases/${caseId}/review`, "reviewer");
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { request: string }) => i.request)).toEqual(["Zanaflex 4mg #60 with 3 refills", "MRI left knee"]);
    expect((await call("GET", `/cases/${caseId}/review`, "worker")).statusCode).toBe(403);
    expect((await call("GET", `/cases/${caseId}/review`, undefined)).json().error.code).toBe("AUTH_REQUIRED");
  });

  it("edits an item as a tracked revision and rejects an empty edit naming the problem", async () => {
    const res = await call("PATCH", `/cases/${caseId}/review/items/1`, "reviewer", {
      rationale: "Muscle relaxants are for short courses during a flare-up; none is documented. Therefore, the request is not medically necessary.",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().revisions.at(-1)).toMatchObject({ by: "user:reviewer", field: "rationale", item: 1 });
    const bad = await call("PATCH", `/cases/${caseId}/review/items/1`, "reviewer", {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("INPUT_INVALID");
    expect((await call("PATCH", `/cases/${caseId}/review/items/7`, "reviewer", { decision: "Overturned" })).statusCode).toBe(400);
  });

  it("refuses to issue until every item is signed", async () => {
    await call("POST", `/cases/${caseId}/review/items/1/sign`, "reviewer");
    const res = await call("POST", `/cases/${caseId}/letter/issue`, "reviewer");
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "ITEMS_NOT_SIGNED", issues: [{ code: "ITEM_NOT_SIGNED", path: "items.2" }] });
  });

  it("explains each QA check; only the medical director may override, and the letter then issues", async () => {
    await call("POST", `/cases/${caseId}/review/items/2/sign`, "reviewer");
    clock.set("2014-12-15");
    // Sessions expire with the clock: sign in again on the later day.
    for (const who of Object.keys(tokens)) tokens[who] = await login(who);
    const qa = (await call("GET", `/cases/${caseId}/review/qa`, "director")).json();
    expect(qa.results).toHaveLength(6);
    expect(qa.results.find((r: { code: string }) => r.code === "DEADLINE_MISSED")).toMatchObject({ passed: false, explain: expect.stringMatching(/4610\.6/) });
    expect((await call("POST", `/cases/${caseId}/letter/issue`, "reviewer")).json().error.code).toBe("QA_CHECKS_FAILED");
    expect((await call("POST", `/cases/${caseId}/letter/override`, "intake", { reason: "Fine." })).statusCode).toBe(403);
    const override = await call("POST", `/cases/${caseId}/letter/override`, "director", { reason: "Records arrived late; the determination stands." });
    expect(override.statusCode).toBe(200);
    const issued = await call("POST", `/cases/${caseId}/letter/issue`, "reviewer");
    expect(issued.statusCode).toBe(201);
    expect(issued.json().override).toMatchObject({ by: "user:director", checks: ["DEADLINE_MISSED"] });
    const audit = (await call("GET", `/cases/${caseId}/audit`, "director")).json() as { action: string; actor: string }[];
    expect(audit.find((a) => a.action === "qa_overridden")?.actor).toBe("user:director");
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["decided", "letter_issued"]));
  });

  it("serves the parties' letter to the worker in each format, without the reviewer's name", async () => {
    const text = await call("GET", `/cases/${caseId}/letter?format=text`, "worker");
    expect(text.statusCode).toBe(200);
    expect(text.headers["content-type"]).toMatch(/^text\/plain/);
    expect(text.body).toContain("HOW THE IMR FINAL DETERMINATION WAS MADE");
    expect(text.body).not.toContain("Reviewerly");
    const html = await call("GET", `/cases/${caseId}/letter?format=html`, "worker");
    expect(html.body).toMatch(/^<!doctype html>/);
    const pdf = await call("GET", `/cases/${caseId}/letter?format=pdf`, "worker");
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await call("GET", `/cases/${caseId}/letter?draft=true`, "worker")).statusCode).toBe(403);
    expect((await call("GET", `/cases/${caseId}/letter?format=doc`, "worker")).statusCode).toBe(400);
  });

  it("publishes for staff only, and serves the redacted copy to the public by publication number", async () => {
    expect((await call("POST", `/cases/${caseId}/publish`, "reviewer")).statusCode).toBe(403);
    const res = await call("POST", `/cases/${caseId}/publish`, "intake");
    expect(res.statusCode).toBe(201);
    const { publicationNumber, url } = res.json();
    const pub = await call("GET", `${url}?format=text`, undefined);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain(`IMR case number: ${publicationNumber}`);
    for (const secret of ["Sample", "Treater", REVIEWER_NAME, CLAIM_NUMBER, PHONE, caseId]) expect(pub.body).not.toContain(secret);
    expect((await call("GET", "/published/P-1999-000000", undefined)).json().error.code).toBe("PUBLICATION_NOT_FOUND");
  });

  it("refuses to publish a planted phone number with 422, naming the kind, not the value", async () => {
    const other = await newCase();
    await call("PATCH", `/cases/${other}/review`, "reviewer", {
      caseSummary: "This is a case of a 51 year old male; the family asks to be called at 9165550142 about neck pain.",
    });
    await call("POST", `/cases/${other}/review/items/1/sign`, "reviewer");
    await call("POST", `/cases/${other}/review/items/2/sign`, "reviewer");
    expect((await call("POST", `/cases/${other}/letter/issue`, "reviewer")).statusCode).toBe(201);
    const res = await call("POST", `/cases/${other}/publish`, "intake");
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: "PUBLICATION_IDENTIFIER_FOUND",
      issues: [{ code: "IDENTIFIER_LEFT", message: "phone in CLINICAL CASE SUMMARY" }],
    });
    expect(res.body).not.toMatch(/555/);
  });

  it("describes every route it adds in the OpenAPI document", async () => {
    const paths = Object.keys((await call("GET", "/openapi.json", undefined)).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/cases/{id}/review",
        "/cases/{id}/review/items/{n}/sign",
        "/cases/{id}/letter",
        "/cases/{id}/letter/issue",
        "/cases/{id}/publish",
        "/published/{publicationNumber}",
      ]),
    );
  });
});
