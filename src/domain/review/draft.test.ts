import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sharedFixture } from "../../../test/fixtures/shared.ts";
import { loadKnowledgeBase } from "../../adapters/knowledge/load-knowledge-base.ts";
import { draftCase } from "./draft.ts";

const kb = loadKnowledgeBase();
const seed = JSON.parse(readFileSync(sharedFixture("cases", "seed-zanaflex.case.json"), "utf8"));
const seedWithRecords = JSON.parse(readFileSync(sharedFixture("cases", "seed-zanaflex-with-records.case.json"), "utf8"));
const records = (c: { records?: { title: string; date?: string; text: string }[] }) =>
  (c.records ?? []).map((r) => ({ document: r.title, ...(r.date ? { date: r.date } : {}), pages: [r.text] }));

describe("draftCase on the seed case", () => {
  it("upholds Zanaflex taken for months without a documented flare-up, citing MTUS pp. 63-66", () => {
    const draft = draftCase(kb, { caseSummary: seedWithRecords.caseSummary, items: seedWithRecords.items, records: records(seedWithRecords) });
    const item = draft.items[0]!;
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("muscle relaxant");
    expect(item.normalized).toMatchObject({ kind: "drug", name: "tizanidine", brand: "Zanaflex", strength: "4mg", quantity: 60, refills: 3 });
    expect(item.guideline).toMatchObject({ source: "MTUS Chronic Pain Medical Treatment Guidelines", section: "Muscle relaxants (for pain)", pages: "63-66" });
    const byId = Object.fromEntries(item.criteria.map((c) => [c.id, c]));
    expect(byId["muscle-relaxants.acute-exacerbation"]!.status).toBe("not_met");
    expect(byId["muscle-relaxants.acute-exacerbation"]!.evidence[0]!.text).toMatch(/do not document a flare-up/);
    expect(byId["muscle-relaxants.short-term-use"]!.status).toBe("not_met");
    expect(byId["muscle-relaxants.short-term-use"]!.value).toBeGreaterThan(3);
    expect(item.rationale).toMatch(/not medically necessary\.$/);
    expect(item.rationale).toMatch(/flare-up/);
    expect(draft.knowledgeBaseVersion).toBe(kb.version);
  });

  it("upholds the seed from the case summary alone, because no flare-up is documented and the supply is months long", () => {
    const draft = draftCase(kb, { caseSummary: seed.caseSummary, items: seed.items });
    const item = draft.items[0]!;
    expect(item.decision).toBe("Upheld");
    expect(item.criteria.find((c) => c.id === "muscle-relaxants.short-supply")).toMatchObject({ status: "not_met", value: 80 });
    expect(draft.caseFacts).toMatchObject({ age: 51, sex: "male", dateOfInjury: "2001-07-03", referenceDate: "2014-10-22" });
  });

  it("overturns a short course of a muscle relaxant for a documented acute flare-up", () => {
    const draft = draftCase(kb, {
      caseSummary:
        "A 44-year-old female warehouse worker with chronic low back pain since a 3/2/2012 lifting injury reported an acute flare-up of low back pain with new paraspinal muscle spasm on 5/4/2015 after lifting a box at home. She has not taken muscle relaxants before.",
      items: [{ request: "Cyclobenzaprine 7.5mg #20" }],
    });
    expect(draft.items[0]!.decision).toBe("Overturned");
    expect(draft.items[0]!.rationale).toMatch(/is medically necessary\.$/);
  });
});
