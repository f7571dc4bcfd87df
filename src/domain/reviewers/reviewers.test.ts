import { describe, expect, it } from "vitest";
import { loadSpecialtyTable } from "../../adapters/knowledge/load-knowledge-base.ts";
import { parseLetter } from "../library/parse-letter.ts";
import { proposeAssignment } from "./assignment.ts";
import { findConflicts, hasReviewedWorker, sameParty, workerKey } from "./conflict-of-interest.ts";
import { checkQualifications, expiringLicences, QUALIFICATION_RULES } from "./qualification.ts";
import { renderQualificationsStatement } from "./qualifications-statement.ts";
import { specialtiesFor } from "./specialty-matching.ts";
import type { CaseParties, ExpertReviewer } from "./types.ts";

const TODAY = "2015-03-01";
const table = loadSpecialtyTable();

function makeReviewer(overrides: Partial<ExpertReviewer> = {}): ExpertReviewer {
  return {
    id: "rev-1",
    name: "Dr. Pat Reviewer",
    degree: "MD",
    licences: [{ state: "CA", number: "A111111", status: "active", expires: "2016-06-30" }],
    boardCertifications: ["Physical Medicine and Rehabilitation"],
    specialties: ["physical medicine and rehabilitation", "pain medicine"],
    activePracticeSince: "2005-07-01",
    hoursPerWeekInPractice: 32,
    affiliations: [],
    capacity: 10,
    openCases: 2,
    ...overrides,
  };
}

const parties: CaseParties = {
  employee: "Example Worker",
  employer: "Example Foods Distribution",
  claimsAdministrator: "Example Claims Services",
  urOrganization: "Example Review Services",
  urPhysician: "Dr. Example UR Physician",
  providers: [{ name: "Dr. Example Treater", group: "Example Spine Medical Group" }],
  workerKey: workerKey("Example Worker", "2012-03-14"),
};

describe("qualification rules", () => {
  it("each rule cites its source", () => {
    for (const rule of QUALIFICATION_RULES) expect(rule.citation).toMatch(/Labor Code|Letter|CCR/);
  });

  it("qualifies a board-certified California physician in practice for more than five years at 24+ hours a week", () => {
    expect(checkQualifications(makeReviewer(), TODAY)).toEqual([]);
  });

  it.each([
    ["NO_ACTIVE_LICENCE", { licences: [{ state: "CA", number: "A1", status: "suspended" as const, expires: "2016-01-01" }] }],
    ["NOT_LICENSED_IN_CALIFORNIA", { licences: [{ state: "NV", number: "N1", status: "active" as const, expires: "2016-01-01" }] }],
    ["NO_ACTIVE_LICENCE", { licences: [{ state: "CA", number: "A1", status: "active" as const, expires: "2015-02-28" }] }],
    ["NOT_BOARD_CERTIFIED", { boardCertifications: [] }],
    ["TOO_FEW_YEARS_IN_PRACTICE", { activePracticeSince: "2010-03-02" }],
    ["TOO_FEW_HOURS_IN_PRACTICE", { hoursPerWeekInPractice: 20 }],
  ])("finds %s", (code, overrides) => {
    expect(checkQualifications(makeReviewer(overrides), TODAY).map((i) => i.code)).toContain(code);
  });

  it("flags licences expiring within 60 days", () => {
    const r = makeReviewer({ licences: [{ state: "CA", number: "A1", status: "active", expires: "2015-04-15" }] });
    expect(expiringLicences(r, TODAY)).toHaveLength(1);
    expect(expiringLicences(makeReviewer(), TODAY)).toHaveLength(0);
  });
});

describe("conflicts of interest", () => {
  it("finds an affiliation with the claims administrator and the treating physician's medical group, whatever the spelling", () => {
    const r = makeReviewer({
      affiliations: [
        { kind: "claims administrator", name: "EXAMPLE CLAIMS SERVICES, INC." },
        { kind: "medical group", name: "Example Spine Medical Group" },
      ],
    });
    const messages = findConflicts(r, parties).map((c) => c.message);
    expect(messages).toEqual(["Has an affiliation (claims administrator) with the claims administrator.", "Has an affiliation (medical group) with a treating provider's medical group."]);
  });

  it("excludes the utilization review physician and the treating physician themselves", () => {
    expect(findConflicts(makeReviewer({ name: "Dr. Example UR Physician" }), parties).map((c) => c.message)).toContain("Made the utilization review decision under review.");
    expect(findConflicts(makeReviewer({ name: "Example Treater MD" }), parties).map((c) => c.message)).toContain("Is a treating or requesting provider in this case.");
  });

  it("has no conflict with unrelated organisations", () => {
    expect(findConflicts(makeReviewer({ affiliations: [{ kind: "medical group", name: "Other Medical Group" }] }), parties)).toEqual([]);
    expect(sameParty("Dr. Jane Roe", "Jane Roe, M.D.")).toBe(true);
  });

  it("flags a reviewer who reviewed the same worker before", () => {
    expect(hasReviewedWorker(makeReviewer({ reviewedWorkers: [parties.workerKey!] }), parties)).toBe(true);
    expect(hasReviewedWorker(makeReviewer(), parties)).toBe(false);
  });
});

describe("specialty matching", () => {
  it("maps spine injections to physiatry, pain medicine and spine surgery, and psychotherapy to psychology and psychiatry", () => {
    expect(specialtiesFor({ request: "L5-S1 ESI", treatmentFamily: "epidural steroid injection", kind: "procedure" }, table).specialties).toEqual(
      expect.arrayContaining(["physical medicine and rehabilitation", "anesthesiology", "orthopedic surgery"]),
    );
    expect(specialtiesFor({ request: "CBT x 6", treatmentFamily: "psychotherapy/CBT", kind: "therapy" }, table).specialties).toEqual(["psychology", "psychiatry"]);
    expect(specialtiesFor({ request: "Acupuncture 2x3", treatmentFamily: "acupuncture", kind: "therapy" }, table).specialties[0]).toBe("acupuncture");
  });

  it("chooses the imaging specialties by body part", () => {
    expect(specialtiesFor({ request: "MRI knee", treatmentFamily: "imaging", kind: "imaging", bodyParts: ["knee"] }, table).specialties[0]).toBe("orthopedic surgery");
  });

  it("falls back to the request kind when the family is unknown", () => {
    expect(specialtiesFor({ request: "Something new", treatmentFamily: null, kind: "surgery" }, table).specialties).toEqual(["orthopedic surgery", "neurosurgery"]);
  });
});

describe("proposeAssignment", () => {
  const panel: ExpertReviewer[] = [
    makeReviewer({ id: "rev-pmr", openCases: 8 }),
    makeReviewer({ id: "rev-pain", specialties: ["pain medicine"], boardCertifications: ["Anesthesiology", "Pain Medicine"], openCases: 1 }),
    makeReviewer({ id: "rev-nv", licences: [{ state: "NV", number: "N1", status: "active", expires: "2016-01-01" }] }),
    makeReviewer({ id: "rev-young", activePracticeSince: "2012-01-01" }),
    makeReviewer({ id: "rev-conflict", affiliations: [{ kind: "claims administrator", name: "Example Claims Services" }] }),
    makeReviewer({ id: "rev-psych", specialties: ["psychology"], boardCertifications: ["Psychology"], degree: "PhD" }),
  ];
  const items = [{ request: "Norco 10/325mg #120", treatmentFamily: "opioid", kind: "drug" }];

  it("picks a qualified, conflict-free, matching reviewer and says why every other one was not picked", () => {
    const p = proposeAssignment(panel, parties, items, table, TODAY);
    expect(p.chosen.map((c) => c.reviewerId)).toEqual(["rev-pain"]);
    expect(p.ranked.map((r) => r.reviewerId)).toEqual(["rev-pain", "rev-pmr"]);
    const why = Object.fromEntries(p.excluded.map((e) => [e.reviewerId, e.reasons.map((r) => r.code)]));
    expect(why).toEqual({
      "rev-nv": ["NOT_LICENSED_IN_CALIFORNIA"],
      "rev-young": ["TOO_FEW_YEARS_IN_PRACTICE"],
      "rev-conflict": ["CONFLICT_OF_INTEREST"],
      "rev-psych": ["SPECIALTY_MISMATCH"],
    });
  });

  it("reassigns to the next reviewer when the first declines", () => {
    const p = proposeAssignment(panel, parties, items, table, TODAY, { exclude: ["rev-pain"] });
    expect(p.chosen.map((c) => c.reviewerId)).toEqual(["rev-pmr"]);
    expect(p.excluded.find((e) => e.reviewerId === "rev-pain")?.reasons[0]?.code).toBe("DECLINED_OR_REMOVED");
  });

  it("splits a case needing different specialties and says it needs the Administrative Director's approval", () => {
    const p = proposeAssignment(panel, parties, [...items, { request: "Psychotherapy x 6", treatmentFamily: "psychotherapy/CBT", kind: "therapy" }], table, TODAY);
    expect(p.chosen.map((c) => c.reviewerId).sort()).toEqual(["rev-pain", "rev-psych"]);
    expect(p.needsApproval?.citation).toBe("8 CCR §9792.10.6(c)");
  });

  it("says when nobody can be assigned", () => {
    const p = proposeAssignment([panel[2]!], parties, items, table, TODAY);
    expect(p.chosen).toEqual([]);
    expect(p.unassignable).toMatch(/No qualified/);
  });
});

describe("the qualifications statement", () => {
  const reviewer = makeReviewer({ boardCertifications: ["Internal Medicine"] });
  const text = renderQualificationsStatement(reviewer, "Example IMRO", TODAY);

  it("states the reviewer's qualifications as a published letter does, and parses back", () => {
    const parsed = parseLetter(`HOW THE IMR FINAL DETERMINATION WAS MADE\n${text}\nIMR ISSUES, DECISIONS AND RATIONALES\nX:  Upheld\n`);
    expect(parsed?.reviewer).toEqual({
      boardCertification: "Internal Medicine",
      licensedIn: "California",
      yearsInActivePractice: "more than five",
      hoursPerWeekInActivePractice: "at least 24",
      noAffiliationWith: ["employer", "employee", "providers", "claims administrator"],
    });
  });

  it("never names the reviewer, a licence number or the reviewer's id", () => {
    expect(text).not.toContain(reviewer.name);
    expect(text).not.toContain("Pat");
    expect(text).not.toContain("A111111");
    expect(text).not.toContain(reviewer.id);
  });
});
