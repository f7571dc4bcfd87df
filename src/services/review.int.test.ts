import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DbAuditTrail, DbCaseStore } from "../adapters/db/case-store.ts";
import { DbLetterStore } from "../adapters/db/letter-store.ts";
import { loadKnowledgeBase } from "../adapters/knowledge/load-knowledge-base.ts";
import { renderLetterText } from "../domain/letter/render-text.ts";
import { databaseTargets, type TestDatabase } from "../../test/contracts/databases.ts";
import { CLAIM_NUMBER, makePanel, makeReviewApplication, movableClock, PHONE, PHYSICIAN, REVIEWER_NAME, WORKER } from "../../test/review-factories.ts";
import { makeCases } from "./cases.ts";
import { makeDrafting } from "./drafting.ts";
import { AppError } from "./errors.ts";
import { makeIntake } from "./intake.ts";
import { makeRecords } from "./records.ts";
import { makeReview } from "./review.ts";

const { targets, missing } = await databaseTargets();
const knowledge = loadKnowledgeBase();
const knownCitations = knowledge.entries.flatMap((e) =>
  e.citations.map((c) => ({ source: c.source, ...(c.shortSource ? { shortSource: c.shortSource } : {}), ...(c.pages ? { pages: c.pages } : {}) })),
);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("PostgreSQL availability for the review suite", () => {
  it.runIf(missing !== undefined)("is required by OPENIMR_REQUIRE_SERVICES=1", () => {
    throw new Error(missing);
  });
});

describe.each(targets)("the reviewer workflow on the $name database", (target) => {
  let t: TestDatabase;
  const clock = movableClock("2014-11-03");
  let services: ReturnType<typeof build>;
  let n = 0;
  const actor = "reviewer:rev-001";

  function build(designated = true) {
    const store = new DbCaseStore(t.db);
    const common = { cases: store, clock, organisationName: "Example IMR Organisation" };
    const drafting = makeDrafting({ knowledge });
    const records = makeRecords({
      pdfPages: async () => [],
      files: { size: async () => 0, read: async () => new Uint8Array() },
      vocabulary: knowledge.drugs,
      maxRecordBytes: 1,
    });
    return {
      intake: makeIntake({ ...common, ids: { newCaseId: () => `IMR-2014-R${target.name.slice(0, 2)}${++n}` } }),
      cases: makeCases({ ...common, audit: new DbAuditTrail(t.db) }),
      review: makeReview({
        cases: store,
        letters: new DbLetterStore(t.db),
        drafting,
        clock,
        letterhead: { name: "Example IMR Organisation", addressLines: ["1 Review Way", "Sacramento, CA 95814"] },
        knownCitations,
        panel: makePanel({ designated }),
        records,
      }),
    };
  }

  /** A case received 2014-11-03 with complete records on 2014-11-05: the determination is due 30 days later. */
  async function caseInReview(s = services): Promise<string> {
    clock.set("2014-11-03");
    const created = await s.intake.create(makeReviewApplication(), { actor: "intake" });
    clock.set("2014-11-05");
    await s.cases.recordsReceived(created.imrCase.id, { actor: "intake" });
    clock.set("2014-11-20");
    return created.imrCase.id;
  }

  const failing = async (id: string) => (await services.review.qa(id, { actor })).results.filter((r) => !r.passed).map((r) => r.code);

  beforeAll(async () => {
    t = await target.create();
    services = build();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("makes the engine's draft the reviewer's working copy, with a case summary and the records reviewed", async () => {
    const id = await caseInReview();
    const copy = await services.review.workingCopy(id, { actor });
    expect(copy.items.map((i) => [i.request, i.decision])).toEqual([
      ["Zanaflex 4mg #60 with 3 refills", "Upheld"],
      ["MRI left knee", copy.items[1]!.decision],
    ]);
    expect(copy.items[1]).toMatchObject({ laterality: "left" });
    expect(copy.caseSummary).toMatch(/year old/);
    expect(copy.caseSummary).not.toContain("Sample");
    expect(copy.records?.[0]).toMatchObject({ type: "PR-2", date: "2014-10-22" });
    expect((await services.review.workingCopy(id, { actor })).version).toBe(1);
    expect((await services.cases.auditTrail(id)).map((a) => a.action)).toContain("review_started_from_draft");
  });

  it("tracks every edit as a revision (who, when, what) in the copy and the audit log, and an edit unsigns the item", async () => {
    const id = await caseInReview();
    await services.review.sign(id, [1], { actor });
    const edited = await services.review.edit(
      id,
      { item: 1, rationale: "Muscle relaxants are for short courses. Therefore, the request is not medically necessary." },
      { actor: "reviewer:rev-001" },
    );
    expect(edited.revisions).toEqual([
      expect.objectContaining({
        n: 1,
        by: "reviewer:rev-001",
        field: "rationale",
        item: 1,
        at: "2014-11-20T17:00:00.000Z",
        after: expect.stringMatching(/short courses/),
      }),
    ]);
    expect(edited.items[0]!.signature).toBeUndefined();
    const summary = await services.review.edit(
      id,
      { caseSummary: "This is a case of a 51 year old male." },
      { actor: "staff:editor", expectedVersion: edited.version },
    );
    expect(summary.revisions.map((r) => r.field)).toEqual(["rationale", "caseSummary"]);
    const audit = (await services.cases.auditTrail(id)).filter((a) => a.action === "review_edited");
    expect(audit.map((a) => [a.actor, a.detail.field])).toEqual([
      ["reviewer:rev-001", "rationale"],
      ["staff:editor", "caseSummary"],
    ]);
    expect((await refusal(services.review.edit(id, { caseSummary: "x" }, { actor, expectedVersion: 1 }))).code).toBe("REVIEW_CHANGED");
    expect((await refusal(services.review.edit(id, { item: 9, decision: "Overturned" }, { actor }))).code).toBe("INPUT_INVALID");
  });

  it("refuses to issue until every item is signed, and leaves the case as it was", async () => {
    const id = await caseInReview();
    await services.review.sign(id, [1], { actor });
    const error = await refusal(services.review.issue(id, { actor }));
    expect(error.code).toBe("ITEMS_NOT_SIGNED");
    expect(error.message).toMatch(/item\(s\) 2 of 2/);
    expect((await services.cases.get(id)).imrCase.status).toBe("records_complete");
    await services.review.sign(id, "all", { actor });
    const issued = await services.review.issue(id, { actor });
    expect(issued.qa.every((r) => r.passed)).toBe(true);
    const after = (await services.cases.get(id)).imrCase;
    expect(after).toMatchObject({ status: "letter_issued", decidedOn: "2014-11-20", letterIssuedOn: "2014-11-20" });
    expect(after.determinations?.map((d) => d.request)).toEqual(["Zanaflex 4mg #60 with 3 refills", "MRI left knee"]);
    expect((await refusal(services.review.edit(id, { caseSummary: "changed" }, { actor }))).code).toBe("CASE_STATE_CONFLICT");
  });

  it("gives the parties the reviewer's qualifications, never the reviewer's name", async () => {
    const id = await caseInReview();
    await services.review.sign(id, "all", { actor });
    await services.review.issue(id, { actor });
    const text = renderLetterText(await services.review.letter(id, { actor }));
    expect(text).toMatch(/board certified in Internal Medicine/);
    expect(text).not.toContain("Reviewerly");
    expect(text).toContain(`Employee: ${WORKER}`);
    expect(text).toContain(`IMR case number: ${id}`);
  });

  it("refuses the issued letter before issue, and gives the working copy as a draft letter", async () => {
    const id = await caseInReview();
    expect((await refusal(services.review.letter(id, { actor }))).code).toBe("LETTER_NOT_ISSUED");
    const draft = await services.review.letter(id, { actor, draft: true });
    expect(draft.items).toHaveLength(2);
  });

  it("refuses to issue without a designated reviewer", async () => {
    const noPanel = build(false);
    const id = await caseInReview(noPanel);
    await noPanel.review.sign(id, "all", { actor });
    expect((await refusal(noPanel.review.issue(id, { actor }))).code).toBe("REVIEWER_NOT_ASSIGNED");
  });

  describe("each QA check fires on its problem and passes without it", () => {
    it("passes every check on the signed, on-time draft", async () => {
      const id = await caseInReview();
      await services.review.sign(id, "all", { actor });
      expect(await failing(id)).toEqual([]);
    });

    it("RATIONALE_CONTRADICTS_DECISION: a decision turned against its rationale", async () => {
      const id = await caseInReview();
      await services.review.sign(id, "all", { actor });
      await services.review.edit(id, { item: 1, decision: "Overturned" }, { actor });
      await services.review.sign(id, "all", { actor });
      expect(await failing(id)).toEqual(["RATIONALE_CONTRADICTS_DECISION"]);
      await services.review.edit(
        id,
        { item: 1, rationale: "The records document a new flare-up, so a short course is supported. Therefore, the request is medically necessary." },
        { actor },
      );
      await services.review.sign(id, "all", { actor });
      expect(await failing(id)).toEqual([]);
    });

    it("CITATION_NOT_IN_KNOWLEDGE_BASE: pages the knowledge base does not hold", async () => {
      const id = await caseInReview();
      const copy = await services.review.sign(id, "all", { actor });
      const good = copy.items[0]!.imroGuideline!;
      await services.review.edit(id, { item: 1, citation: { source: good.source, pages: "12-13" } }, { actor });
      await services.review.sign(id, "all", { actor });
      expect(await failing(id)).toEqual(["CITATION_NOT_IN_KNOWLEDGE_BASE"]);
      await services.review.edit(id, { item: 1, citation: { source: good.source, pages: good.pages ?? null } }, { actor });
      await services.review.sign(id, "all", { actor });
      expect(await failing(id)).toEqual([]);
    });

    it("BODY_PART_MISMATCH: a rationale about the right knee for a left-knee request", async () => {
      const id = await caseInReview();
      const copy = await services.review.workingCopy(id, { actor });
      const conclusion = copy.items[1]!.decision === "Upheld" ? "is not medically necessary" : "is medically necessary";
      await services.review.edit(
        id,
        {
          item: 2,
          rationale: `The right knee examination is normal. Therefore, the request for MRI left knee ${conclusion}.`.replace("MRI left knee", "the MRI"),
        },
        { actor },
      );
      await services.review.sign(id, "all", { actor });
      expect(await failing(id)).toEqual(["BODY_PART_MISMATCH"]);
      await services.review.edit(
        id,
        { item: 2, rationale: `The left knee examination shows joint line tenderness. Therefore, the request for the MRI ${conclusion}.` },
        { actor },
      );
      await services.review.sign(id, "all", { actor });
      expect(await failing(id)).toEqual([]);
    });

    it("QUOTE_NOT_IN_RECORDS: a quotation the records do not hold", async () => {
      const id = await caseInReview();
      await services.review.edit(
        id,
        { item: 1, rationale: 'The report states "he had a flare-up of spasm last week" and no more. Therefore, the request is not medically necessary.' },
        { actor },
      );
      await services.review.sign(id, "all", { actor });
      expect(await failing(id)).toEqual(["QUOTE_NOT_IN_RECORDS"]);
      await services.review.edit(
        id,
        {
          item: 1,
          rationale: 'The report states "He has been on Flexeril (cyclobenzaprine) for several months." Therefore, the request is not medically necessary.',
        },
        { actor },
      );
      await services.review.sign(id, "all", { actor });
      expect(await failing(id)).toEqual([]);
    });

    it("ITEM_NOT_DECIDED: an item the reviewer has not signed", async () => {
      const id = await caseInReview();
      await services.review.sign(id, [2], { actor });
      expect(await failing(id)).toEqual(["ITEM_NOT_DECIDED"]);
      await services.review.sign(id, [1], { actor });
      expect(await failing(id)).toEqual([]);
    });

    it("DEADLINE_MISSED: a late determination without a recorded delay", async () => {
      const id = await caseInReview();
      await services.review.sign(id, "all", { actor });
      clock.set("2014-12-15");
      const qa = await services.review.qa(id, { actor });
      expect(qa.dueDate).toBe("2014-12-05");
      expect(qa.results.filter((r) => !r.passed).map((r) => r.code)).toEqual(["DEADLINE_MISSED"]);
      expect(qa.results.find((r) => r.code === "DEADLINE_MISSED")!.explain).toMatch(/Labor Code §4610\.6\(d\)/);
      await services.review.edit(id, { delayReason: "The claims administrator sent the imaging late." }, { actor });
      expect(await failing(id)).toEqual([]);
    });
  });

  it("blocks issue on a failing check until the medical director overrides it with a reason, and audits the override", async () => {
    const id = await caseInReview();
    await services.review.sign(id, "all", { actor });
    clock.set("2014-12-15");
    const blocked = await refusal(services.review.issue(id, { actor }));
    expect(blocked.code).toBe("QA_CHECKS_FAILED");
    expect(blocked.issues.map((i) => i.code)).toEqual(["DEADLINE_MISSED"]);
    expect((await refusal(services.review.override(id, "  ", { actor: "staff:medical-director" }))).code).toBe("INPUT_INVALID");
    const report = await services.review.override(id, "Determination stands; the delay is documented in the case notes.", { actor: "staff:medical-director" });
    expect(report.coveredByOverride).toBe(true);
    const issued = await services.review.issue(id, { actor });
    expect(issued.override).toMatchObject({ by: "staff:medical-director", checks: ["DEADLINE_MISSED"], reason: /case notes/ });
    const audit = await services.cases.auditTrail(id);
    expect(audit.find((a) => a.action === "qa_overridden")).toMatchObject({
      actor: "staff:medical-director",
      detail: { checks: ["DEADLINE_MISSED"], reason: expect.stringMatching(/case notes/) },
    });
    expect(audit.find((a) => a.action === "letter_issued_with_qa")?.detail).toEqual({ failing: ["DEADLINE_MISSED"], overridden: true });
  });

  it("drops an override once the letter changes", async () => {
    const id = await caseInReview();
    await services.review.sign(id, "all", { actor });
    clock.set("2014-12-15");
    await services.review.override(id, "Accepted by the medical director.", { actor: "staff:medical-director" });
    await services.review.edit(id, { caseSummary: "This is a case of a 51 year old male with neck pain." }, { actor });
    expect((await services.review.workingCopy(id, { actor })).override).toBeUndefined();
    expect((await refusal(services.review.issue(id, { actor }))).code).toBe("QA_CHECKS_FAILED");
  });

  describe("publication", () => {
    it("publishes a redacted copy without any identifier of the case record, found by its publication number", async () => {
      const id = await caseInReview();
      await services.review.sign(id, "all", { actor });
      await services.review.issue(id, { actor });
      const published = await services.review.publish(id, { actor: "staff:publisher" });
      expect(published.publicationNumber).toMatch(/^P-2014-\d{6}$/);
      const text = renderLetterText(published.letter, { published: true });
      for (const secret of ["Sample", "Jordan", "Treater", REVIEWER_NAME, CLAIM_NUMBER, PHONE, "1420 Cypress", "01/02/1963", id])
        expect(text).not.toContain(secret);
      expect(text).toMatch(/year old/);
      expect(text).toContain("Zanaflex 4mg #60 with 3 refills:  Upheld");
      expect((await services.review.published(published.publicationNumber)).caseId).toBe(id);
      expect((await services.review.publish(id, { actor: "staff:publisher" })).publicationNumber).toBe(published.publicationNumber);
      expect((await refusal(services.review.published("P-1999-000000"))).code).toBe("PUBLICATION_NOT_FOUND");
    });

    it("refuses to publish a letter in which a planted identifier would remain, naming its kind, never its value", async () => {
      const id = await caseInReview();
      await services.review.edit(
        id,
        { caseSummary: `This is a case of a 51 year old male born January 2, 1963, seen by ${PHYSICIAN}. Call 9165550142.` },
        { actor },
      );
      await services.review.sign(id, "all", { actor });
      await services.review.issue(id, { actor });
      const error = await refusal(services.review.publish(id, { actor: "staff:publisher" }));
      expect(error.code).toBe("PUBLICATION_IDENTIFIER_FOUND");
      expect(error.message).toMatch(/date of birth in CLINICAL CASE SUMMARY/);
      expect(error.message).toMatch(/phone in CLINICAL CASE SUMMARY/);
      for (const secret of ["January 2, 1963", "9165550142", "Treater"]) expect(JSON.stringify(error)).not.toContain(secret);
      expect((await refusal(services.review.publish(id, { actor }).then(() => services.review.published("x")))).code).toBe("PUBLICATION_IDENTIFIER_FOUND");
    });

    it("refuses to publish a letter that has not been issued", async () => {
      const id = await caseInReview();
      expect((await refusal(services.review.publish(id, { actor }))).code).toBe("LETTER_NOT_ISSUED");
    });
  });
});
