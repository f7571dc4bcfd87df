import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeApplication } from "../../../test/case-factories.ts";
import { sharedFixture } from "../../../test/fixtures/shared.ts";
import type { Application } from "../case/types.ts";
import { ELIGIBILITY_RULES } from "./rules.ts";
import { screenEligibility } from "./screen.ts";

const codes = (application: Application, context = {}) => screenEligibility(application, context).reasons.map((r) => r.code);

describe("screenEligibility", () => {
  it("finds the example application eligible with no reasons", () => {
    const example = JSON.parse(readFileSync(sharedFixture("applications", "application.example.json"), "utf8")) as Application;
    const result = screenEligibility(example);
    expect(result).toMatchObject({ eligible: true, deferred: false, reasons: [] });
  });

  it.each([
    { days: 0, codes: [] },
    { days: 30, codes: [] },
    { days: 31, codes: ["UNTIMELY"] },
    { days: 35, codes: ["UNTIMELY"] },
  ])("applies the 30-day filing window to an application received $days days after service", ({ days, codes: expected }) => {
    expect(codes(makeApplication({ filedDaysAfterService: days }))).toEqual(expected);
  });

  it("counts the filing window from service of the UR decision, not from its date", () => {
    const application = makeApplication({
      urDecision: {
        date: "2015-01-20",
        servedDate: "2015-02-02",
        attached: true,
        items: [{ request: "MRI left knee", decision: "denied", basis: "medical necessity" }],
      },
      receivedDate: "2015-03-04",
    });
    expect(codes(application)).toEqual([]);
    expect(codes({ ...application, receivedDate: "2015-03-05" })).toEqual(["UNTIMELY"]);
  });

  it("says how late an untimely application is and cites the regulation", () => {
    const [reason] = screenEligibility(makeApplication({ filedDaysAfterService: 41 })).reasons;
    expect(reason).toMatchObject({ code: "UNTIMELY", citation: expect.stringContaining("9792.10.1(b)(1)") });
    expect(reason!.message).toContain("41 days after the UR decision was served");
  });

  it("finds an unsigned application ineligible", () => {
    const result = screenEligibility(makeApplication({ signed: false }));
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((r) => r.code)).toEqual(["MISSING_SIGNATURE"]);
    expect(result.reasons[0]!.citation).toContain("9792.10.2");
  });

  it("finds an application without the UR decision attached ineligible from 2014-04-01, not before", () => {
    const base = makeApplication();
    const without = { ...base, urDecision: { ...base.urDecision!, attached: false } };
    expect(codes(without)).toEqual(["MISSING_UR_DECISION"]);
    const early = { ...without, receivedDate: "2014-03-20", urDecision: { ...without.urDecision, date: "2014-03-01", servedDate: "2014-03-01" } };
    expect(codes(early)).toEqual([]);
  });

  it("finds an application that names no UR decision at all ineligible", () => {
    const { urDecision: _ur, ...rest } = makeApplication();
    expect(codes(rest as Application)).toEqual(["MISSING_UR_DECISION"]);
  });

  it("refuses a conditional non-certification", () => {
    expect(codes(makeApplication({ items: [{ request: "Lumbar MRI", decision: "conditionally non-certified", basis: "information not received" }] }))).toEqual([
      "CNC_DECISION",
    ]);
  });

  it("refuses a dispute that is not about medical necessity", () => {
    expect(codes(makeApplication({ items: [{ request: "PT 2x6 lumbar spine", decision: "denied", basis: "liability for the body part" }] }))).toEqual([
      "NOT_MEDICAL_NECESSITY",
    ]);
    expect(codes(makeApplication({ items: [{ request: "PT 2x6 lumbar spine", decision: "approved", basis: "medical necessity" }] }))).toEqual([
      "NOT_MEDICAL_NECESSITY",
    ]);
  });

  it("keeps an application with at least one medical-necessity item", () => {
    const items = [
      { request: "PT 2x6 lumbar spine", decision: "denied" as const, basis: "payment amount" },
      { request: "Norco 10/325mg #120", decision: "modified" as const, basis: "medical necessity" },
    ];
    expect(codes(makeApplication({ items }))).toEqual([]);
  });

  it("sends a dispute over an untimely UR decision to the WCAB", () => {
    const base = makeApplication();
    expect(codes({ ...base, urDecision: { ...base.urDecision!, timely: false } })).toEqual(["UR_UNTIMELY"]);
  });

  it("leaves a pre-2013 injury with a pre-July-2013 UR decision out of IMR", () => {
    const application = makeApplication({
      dateOfInjury: "2012-05-01",
      receivedDate: "2013-06-20",
      urDecision: {
        date: "2013-06-10",
        servedDate: "2013-06-10",
        attached: true,
        items: [{ request: "MRI left knee", decision: "denied", basis: "medical necessity" }],
      },
    });
    expect(codes(application)).toEqual(["OUT_OF_SCOPE_DATE"]);
    expect(codes({ ...application, dateOfInjury: "2013-01-01" })).toEqual([]);
  });

  it("refuses an application filed by the employer side or by a designee named before the UR decision", () => {
    expect(codes(makeApplication({ filedBy: { role: "insurer" } }))).toEqual(["INELIGIBLE_FILER"]);
    expect(codes(makeApplication({ filedBy: { role: "designee", designatedOn: "2015-01-15" } }))).toEqual(["INELIGIBLE_FILER"]);
    expect(codes(makeApplication({ filedBy: { role: "attorney", name: "A. Lawyer" } }))).toEqual([]);
  });

  it("reports a duplicate alone, naming the case that holds the application", () => {
    const result = screenEligibility(makeApplication({ signed: false }), { duplicateOf: "IMR-2015-0001" });
    expect(result.reasons.map((r) => r.code)).toEqual(["DUPLICATE"]);
    expect(result.reasons[0]!.message).toContain("IMR-2015-0001");
    expect(result.eligible).toBe(false);
  });

  it("refuses the same treatment already decided by IMR within 12 months, not after", () => {
    const prior = { id: "IMR-OLD", status: "letter_issued", decidedOn: "2014-06-01", requests: ["norco 10/325MG #120"] };
    expect(codes(makeApplication(), { priorCases: [prior] })).toEqual(["PRIOR_IMR_SAME_TREATMENT"]);
    expect(codes(makeApplication(), { priorCases: [{ ...prior, decidedOn: "2014-01-15" }] })).toEqual([]);
    expect(codes(makeApplication(), { priorCases: [{ ...prior, requests: ["MRI left knee"] }] })).toEqual([]);
  });

  it("defers an otherwise eligible application while liability is disputed", () => {
    const result = screenEligibility(makeApplication({ liabilityDisputed: true }));
    expect(result).toMatchObject({ eligible: false, deferred: true });
    expect(result.reasons.map((r) => r.code)).toEqual(["LIABILITY_DISPUTED"]);
  });

  it("does not defer an application that is ineligible anyway", () => {
    const result = screenEligibility(makeApplication({ liabilityDisputed: true, signed: false }));
    expect(result).toMatchObject({ eligible: false, deferred: false });
  });

  it("names what an incomplete application lacks", () => {
    const { treatingPhysician: _t, claimsAdministrator: _c, ...rest } = makeApplication();
    const [reason] = screenEligibility(rest as Application).reasons;
    expect(reason!.code).toBe("INCOMPLETE_OTHER");
    expect(reason!.message).toContain("the claims administrator, the treating physician");
  });

  it("keeps an expedited application eligible and notes a missing physician certification", () => {
    const uncertified = screenEligibility(makeApplication({ expedited: true }));
    expect(uncertified.eligible).toBe(true);
    expect(uncertified.notes.map((n) => n.code)).toEqual(["EXPEDITED_NOT_CERTIFIED"]);
    const certified = screenEligibility(
      makeApplication({ expedited: true, expeditedCertification: { physician: "Dr. Example Treater", hasSupportingDocumentation: true } }),
    );
    expect(certified.notes).toEqual([]);
  });

  it("reports every reason that applies, in catalogue order", () => {
    expect(codes(makeApplication({ signed: false, filedDaysAfterService: 40 }))).toEqual(["MISSING_SIGNATURE", "UNTIMELY"]);
  });
});

describe("the eligibility catalogue", () => {
  it("gives every rule a unique code, a citation, an effect and a summary", () => {
    const seen = new Set<string>();
    for (const rule of ELIGIBILITY_RULES) {
      expect(rule.code).toMatch(/^[A-Z_]+$/);
      expect(seen.has(rule.code)).toBe(false);
      seen.add(rule.code);
      expect(rule.citation).toMatch(/§|Cal\.Comp\.Cases/);
      expect(rule.summary.length).toBeGreaterThan(20);
    }
    expect(seen.size).toBe(12);
  });
});
