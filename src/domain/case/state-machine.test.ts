import { describe, expect, it } from "vitest";
import { makeApplication, makeCase } from "../../../test/case-factories.ts";
import { screenEligibility } from "../eligibility/screen.ts";
import { duplicateKey } from "./duplicate-key.ts";
import { openCase, replay, transition } from "./state-machine.ts";
import type { CaseEvent } from "./types.ts";

const NORCO = [{ request: "Norco 10/325mg #120", determination: "Upheld" as const }];
const fullPath: CaseEvent[] = [
  { type: "assigned", on: "2015-02-20", noticeChannel: "electronic" },
  { type: "records_received", on: "2015-03-01", from: "claims_administrator", complete: true },
  { type: "review_started", on: "2015-03-02" },
  { type: "decided", on: "2015-03-10", items: NORCO },
  { type: "letter_issued", on: "2015-03-10" },
];

describe("transition", () => {
  it("walks a case from received to letter issued", () => {
    const opened = openCase("IMR-1", makeApplication());
    expect(opened.status).toBe("received");
    const screened = transition(opened, { type: "screened", on: "2015-02-20", eligibility: screenEligibility(opened.application) });
    expect(screened.ok && screened.value.status).toBe("eligible");
    const statuses: string[] = [];
    let current = screened.ok ? screened.value : opened;
    for (const event of fullPath) {
      const next = transition(current, event);
      expect(next.ok).toBe(true);
      if (next.ok) current = next.value;
      statuses.push(current.status);
    }
    expect(statuses).toEqual(["assigned", "records_complete", "in_review", "decided", "letter_issued"]);
    expect(current.recordsCompleteOn).toBe("2015-03-01");
    expect(current.events.map((e) => e.type)).toEqual(["received", "screened", ...fullPath.map((e) => e.type)]);
  });

  it("sends an ineligible application to ineligible and a deferred one to screened", () => {
    expect(makeCase(makeApplication({ signed: false })).status).toBe("ineligible");
    const deferred = makeCase(makeApplication({ liabilityDisputed: true }));
    expect(deferred.status).toBe("screened");
    const lifted = transition(deferred, { type: "deferral_lifted", on: "2015-03-01" });
    expect(lifted.ok && lifted.value).toMatchObject({ status: "eligible", eligibleOn: "2015-03-01" });
  });

  it("refuses to decide a case whose records are not complete, naming the status", () => {
    const assigned = makeCase(makeApplication(), [fullPath[0]!]);
    const result = transition(assigned, { type: "decided", on: "2015-03-10", items: NORCO });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]!.code).toBe("TRANSITION_NOT_ALLOWED");
      expect(result.issues[0]!.message).toContain("is assigned");
    }
  });

  it.each(["received", "eligible", "assigned", "records_complete", "in_review"])("allows a withdrawal before the decision (from %s)", (status) => {
    const steps: Record<string, CaseEvent[]> = {
      eligible: [],
      assigned: fullPath.slice(0, 1),
      records_complete: fullPath.slice(0, 2),
      in_review: fullPath.slice(0, 3),
    };
    const imrCase = status === "received" ? openCase("IMR-1", makeApplication()) : makeCase(makeApplication(), steps[status]!);
    expect(imrCase.status).toBe(status);
    const result = transition(imrCase, { type: "withdrawn", on: "2015-03-05" });
    expect(result.ok && result.value.status).toBe("withdrawn");
  });

  it("refuses a withdrawal after the decision and after ineligibility", () => {
    const decided = makeCase(makeApplication(), fullPath.slice(0, 4));
    expect(transition(decided, { type: "withdrawn", on: "2015-03-11" })).toMatchObject({ ok: false, issues: [{ code: "TRANSITION_NOT_ALLOWED" }] });
    expect(transition(makeCase(makeApplication({ signed: false })), { type: "withdrawn", on: "2015-03-11" }).ok).toBe(false);
  });

  it("refuses a decision that leaves out a disputed item or decides an item that was not disputed", () => {
    const inReview = makeCase(makeApplication(), fullPath.slice(0, 3));
    const result = transition(inReview, { type: "decided", on: "2015-03-10", items: [{ request: "MRI left knee", determination: "Overturned" }] });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => i.message)).toEqual([
        '"MRI left knee" is not a disputed item of case IMR-TEST-1.',
        'The disputed item "Norco 10/325mg #120" has no determination.',
      ]);
  });

  it("refuses an event dated before the case's last event", () => {
    const result = transition(makeCase(makeApplication()), { type: "assigned", on: "2015-02-01", noticeChannel: "mail" });
    expect(result).toMatchObject({ ok: false, issues: [{ code: "EVENT_DATE_OUT_OF_ORDER", path: "on" }] });
  });

  it("does not change the case it is given", () => {
    const imrCase = makeCase(makeApplication());
    const before = JSON.stringify(imrCase);
    replay(imrCase, fullPath);
    expect(JSON.stringify(imrCase)).toBe(before);
  });
});

describe("duplicateKey", () => {
  it("matches a second copy of the same application whatever the spelling of case, spacing and order", () => {
    const items = [
      { request: "Norco 10/325mg #120", decision: "denied" as const, basis: "medical necessity" },
      { request: "MRI left knee", decision: "denied" as const, basis: "medical necessity" },
    ];
    const first = makeApplication({ items });
    const copy = makeApplication({
      items: [{ ...items[1]!, request: "mri  LEFT knee" }, items[0]!],
      employee: { name: "EXAMPLE  worker" },
      receivedDate: "2015-02-24",
    });
    expect(duplicateKey(copy)).toBe(duplicateKey(first));
  });

  it("tells apart another UR decision, other items or another injury", () => {
    const base = makeApplication();
    expect(duplicateKey({ ...base, dateOfInjury: "2013-01-02" })).not.toBe(duplicateKey(base));
    expect(duplicateKey({ ...base, urDecision: { ...base.urDecision!, date: "2015-02-03" } })).not.toBe(duplicateKey(base));
    expect(duplicateKey(makeApplication({ items: [{ request: "MRI left knee", decision: "denied", basis: "medical necessity" }] }))).not.toBe(
      duplicateKey(base),
    );
  });
});
