import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFixture } from "../../../test/fixtures/records.ts";
import { sharedFixture } from "../../../test/fixtures/shared.ts";
import { DbCaseStore } from "../../adapters/db/case-store.ts";
import { DbLetterStore } from "../../adapters/db/letter-store.ts";
import { migrate } from "../../adapters/db/migrate.ts";
import { openPglite } from "../../adapters/db/pglite.ts";
import { type CaseServices, composeCaseServices, composeDrafting, composeRecords, letterheadOf } from "../../compose.ts";
import { loadConfig } from "../../config.ts";
import type { Db } from "../../adapters/db/db.ts";
import type { RecordsDraft } from "../../services/records.ts";
import { makeReview } from "../../services/review.ts";
import { buildApp } from "./app.ts";

const EXAMPLE = JSON.parse(readFileSync(sharedFixture("applications", "application.example.json"), "utf8"));
const config = loadConfig({});
const today = "2015-02-25";
const clock = { today: () => today, now: () => new Date("2015-02-25T18:00:00Z") };
let db: Db;
let app: FastifyInstance;
let services: CaseServices;
let token = "";
let n = 0;

const base64 = (fixture: string) => readFileSync(recordFixture(fixture)).toString("base64");
const post = (url: string, payload: unknown) => app.inject({ method: "POST", url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
const show = async (id: string) => (await app.inject({ method: "GET", url: `/cases/${id}`, headers: { authorization: `Bearer ${token}` } })).json();

/** A case disputing the muscle relaxant of the two-report PDF, its UR decision after both reports; assigned on receipt. */
async function newCase(): Promise<{ id: string; version: number }> {
  const application = {
    ...EXAMPLE,
    employee: { name: `Worker ${++n}` },
    urDecision: { ...EXAMPLE.urDecision, date: "2015-02-10", servedDate: "2015-02-10", items: [{ request: "Flexeril 7.5mg #90", decision: "denied" }] },
  };
  const res = await post("/cases", { application, on: "2015-02-20" });
  expect(res.statusCode).toBe(201);
  return res.json();
}

beforeAll(async () => {
  db = await openPglite(undefined);
  await migrate(db);
  services = await composeCaseServices(config, { db, clock });
  app = await buildApp(services, { organisationName: "Test IMRO" });
  await services.accounts.addUser({ username: "clerk", password: "a long test password", role: "staff", staffRole: "intake" }, { actor: "test" });
  token = (await services.accounts.login("clerk", "a long test password", "127.0.0.1")).token;
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

describe("POST /cases/:id/records", () => {
  it("stores an uploaded PDF and a text note with the case and records the event", async () => {
    const { id, version } = await newCase();
    const res = await post(`/cases/${id}/records`, {
      from: "claims_administrator",
      files: [
        { name: "two-report-case.pdf", contentBase64: base64("two-report-case.pdf") },
        { name: "note.txt", text: "Adjuster note: records complete." },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "records_complete", version: version + 1, recordProblems: [] });
    const attachments = (await show(id)).application.attachments;
    expect(attachments.map((a: { title: string; pages: number }) => [a.title, a.pages])).toEqual([
      ["two-report-case.pdf", 4],
      ["note.txt", 1],
    ]);
  });

  it("drafts the working copy from the stored PDF with each piece of evidence on the page it was read from", async () => {
    const { id } = await newCase();
    expect((await post(`/cases/${id}/records`, { files: [{ name: "two-report-case.pdf", contentBase64: base64("two-report-case.pdf") }] })).statusCode).toBe(200);
    // The review as compose.ts builds it, with the records reader watched to see the draft and case file it made.
    const records = composeRecords(config);
    let seen: { draft: RecordsDraft; pages: Map<string, string[]> } | undefined;
    const review = makeReview({
      cases: new DbCaseStore(db),
      letters: new DbLetterStore(db),
      drafting: composeDrafting(config),
      clock,
      letterhead: letterheadOf(config),
      knownCitations: [],
      records: {
        draftWithRecords: (draft, input, caseFile) => {
          const made = records.draftWithRecords(draft, input, caseFile);
          seen = { draft: made, pages: new Map(caseFile.documents.map((d) => [d.document, d.pages])) };
          return made;
        },
      },
    });
    const copy = await review.workingCopy(id, { actor: "reviewer:test" });
    expect(copy.items.map((i) => i.decision)).toEqual(["Upheld"]);
    expect(copy.records?.map((r) => r.pages)).toEqual([2, 2]);
    const evidence = seen!.draft.items[0]!.criteria.flatMap((c) => c.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      const page = seen!.pages.get(e.document!)![e.page! - 1]!;
      expect(page.slice(e.start, e.end).replace(/\s+/g, " ")).toBe(e.text.replace(/\s+/g, " "));
    }
    const duration = seen!.draft.items[0]!.criteria.find((c) => c.id.endsWith("short-term-use"))!.evidence;
    expect(duration.map((e) => [e.document, e.page])).toEqual([["PR-2 01/06/2015", 1]]);
    expect(seen!.draft.timeline.documents.map((d) => [d.document, d.filePages])).toEqual([
      ["PR-2 01/06/2015", [1, 2]],
      ["PR-2 02/03/2015", [3, 4]],
    ]);
  });

  it("refuses a corrupt PDF with 422 RECORD_CORRUPT naming it, and stores nothing of the request", async () => {
    const { id, version } = await newCase();
    const res = await post(`/cases/${id}/records`, {
      files: [
        { name: "two-report-case.pdf", contentBase64: base64("two-report-case.pdf") },
        { name: "scan-7.pdf", contentBase64: base64("corrupt.pdf") },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("RECORD_CORRUPT");
    expect(res.json().error.message).toContain("scan-7.pdf");
    const after = await show(id);
    expect([after.version, after.status, after.application.attachments, after.recordsReceived]).toEqual([version, "assigned", undefined, []]);
  });

  it("refuses a file that is not base64 with 400 naming the field", async () => {
    const { id } = await newCase();
    const res = await post(`/cases/${id}/records`, { files: [{ name: "x.pdf", contentBase64: "%%% not base64 %%%" }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("INPUT_INVALID");
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain("files.0.contentBase64");
  });
});

describe("POST /drafts with a PDF record", () => {
  it("reads the PDF's pages and drafts from them", async () => {
    const res = await post("/drafts", {
      items: [{ request: "Flexeril 7.5mg #90" }],
      requestDate: "2015-02-10",
      records: [{ title: "PR-2 01/06/2015", contentBase64: base64("two-report-case.pdf") }],
    });
    expect(res.statusCode).toBe(200);
    const item = res.json().items[0];
    expect(item.decision).toBe("Upheld");
    const pages = item.criteria.flatMap((c: { evidence: { page?: number }[] }) => c.evidence.map((e) => e.page));
    expect(pages.length).toBeGreaterThan(0);
    expect(Math.max(...pages)).toBeLessThanOrEqual(4);
  });

  it("refuses an encrypted PDF record with 422 RECORD_ENCRYPTED naming it", async () => {
    const res = await post("/drafts", {
      items: [{ request: "Flexeril 7.5mg #90" }],
      records: [{ title: "locked-report", contentBase64: base64("encrypted.pdf") }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("RECORD_ENCRYPTED");
    expect(res.json().error.message).toContain("locked-report");
  });
});
