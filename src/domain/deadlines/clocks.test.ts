import { describe, expect, it } from "vitest";
import { makeApplication, makeCase } from "../../../test/case-factories.ts";
import type { CaseEvent, ImrCase } from "../case/types.ts";
import { caseClocks, describeDue, worklist } from "./clocks.ts";

const clock = (imrCase: ImrCase, today: string, code: string) => caseClocks(imrCase, today).find((c) => c.code === code)!;

function standardCase(received: string, events: CaseEvent[], overrides = {}) {
  const application = makeApplication({
    receivedDate: received,
    urDecision: {
      date: received,
      servedDate: received,
      attached: true,
      items: [{ request: "Norco 10/325mg #120", decision: "denied", basis: "medical necessity" }],
    },
    ...overrides,
  });
  return makeCase(application, events);
}

describe("the standard track", () => {
  it("gives the Notice of Assignment one business day, past Memorial Day", () => {
    const imrCase = standardCase("2015-05-22", []);
    expect(clock(imrCase, "2015-05-22", "NOTICE_OF_ASSIGNMENT")).toMatchObject({
      startedOn: "2015-05-22",
      dueOn: "2015-05-26",
      state: "running",
      text: "due in 4 days",
    });
    expect(clock(imrCase, "2015-05-27", "NOTICE_OF_ASSIGNMENT").text).toBe("overdue by 1 day");
  });

  it("gives the Notice of Assignment one business day, past Thanksgiving and the day after", () => {
    expect(clock(standardCase("2015-11-25", []), "2015-11-25", "NOTICE_OF_ASSIGNMENT").dueOn).toBe("2015-11-30");
  });

  it("gives the claims administrator 15 calendar days after a mailed notice, holidays included", () => {
    const imrCase = standardCase("2015-12-10", [{ type: "assigned", on: "2015-12-10", noticeChannel: "mail" }]);
    expect(clock(imrCase, "2015-12-20", "RECORDS_FROM_CLAIMS_ADMINISTRATOR")).toMatchObject({ dueOn: "2015-12-25", text: "due in 5 days" });
  });

  it("gives the claims administrator 12 calendar days after an electronic notice", () => {
    const imrCase = standardCase("2015-12-10", [{ type: "assigned", on: "2015-12-10", noticeChannel: "electronic" }]);
    expect(clock(imrCase, "2015-12-23", "RECORDS_FROM_CLAIMS_ADMINISTRATOR")).toMatchObject({
      dueOn: "2015-12-22",
      state: "overdue",
      text: "overdue by 1 day",
    });
  });

  it("starts the 30-day determination clock when the records are complete and stops it at the decision", () => {
    const events: CaseEvent[] = [
      { type: "assigned", on: "2015-11-10", noticeChannel: "electronic" },
      { type: "records_received", on: "2015-11-20", from: "claims_administrator", complete: true },
    ];
    const imrCase = standardCase("2015-11-10", events);
    expect(clock(imrCase, "2015-12-01", "DETERMINATION")).toMatchObject({ startedOn: "2015-11-20", dueOn: "2015-12-20", text: "due in 19 days" });
    const decided = standardCase("2015-11-10", [
      ...events,
      { type: "review_started", on: "2015-12-01" },
      { type: "decided", on: "2015-12-22", items: [{ request: "Norco 10/325mg #120", determination: "Upheld" }] },
    ]);
    expect(clock(decided, "2016-01-10", "DETERMINATION")).toMatchObject({ state: "met_late", text: "met 2015-12-22, 2 days late" });
  });

  it("gives a formulary drug dispute 5 working days, skipping Cesar Chavez Day observed", () => {
    const events: CaseEvent[] = [
      { type: "assigned", on: "2019-03-20", noticeChannel: "electronic" },
      { type: "records_received", on: "2019-03-29", from: "claims_administrator", complete: true },
    ];
    const imrCase = standardCase("2019-03-20", events, { formularyDispute: true });
    expect(clock(imrCase, "2019-03-29", "DETERMINATION")).toMatchObject({ unit: "business_day", amount: 5, dueOn: "2019-04-08" });
  });

  it("does not start the determination clock before the records are complete", () => {
    const imrCase = standardCase("2015-11-10", [
      { type: "assigned", on: "2015-11-10", noticeChannel: "mail" },
      { type: "records_received", on: "2015-11-12", from: "employee", complete: false },
    ]);
    expect(clock(imrCase, "2015-11-20", "DETERMINATION")).toMatchObject({ state: "not_started", dueOn: null });
  });

  it("never reports the employee's optional window as overdue", () => {
    const imrCase = standardCase("2015-11-10", [{ type: "assigned", on: "2015-11-10", noticeChannel: "mail" }]);
    expect(clock(imrCase, "2015-12-30", "RECORDS_FROM_EMPLOYEE")).toMatchObject({ state: "closed", optional: true });
  });
});

describe("the expedited track", () => {
  const expedited = (events: CaseEvent[]) =>
    standardCase("2015-07-02", events, { expedited: true, expeditedCertification: { physician: "Dr. Example Treater" } });

  it("wants the records within 24 hours, through a holiday weekend", () => {
    const imrCase = expedited([{ type: "assigned", on: "2015-07-03", noticeChannel: "electronic" }]);
    expect(clock(imrCase, "2015-07-03", "RECORDS_FROM_CLAIMS_ADMINISTRATOR")).toMatchObject({
      unit: "hour",
      amount: 24,
      dueOn: "2015-07-04",
      text: "due in 1 day",
    });
  });

  it("wants the determination 3 calendar days after the records, weekend or not", () => {
    const imrCase = expedited([
      { type: "assigned", on: "2015-07-03", noticeChannel: "electronic" },
      { type: "records_received", on: "2015-07-04", from: "claims_administrator", complete: true },
    ]);
    expect(clock(imrCase, "2015-07-08", "DETERMINATION")).toMatchObject({ dueOn: "2015-07-07", text: "overdue by 1 day", confidence: "2" });
  });

  it("lets the expedited determination period be configured", () => {
    const imrCase = expedited([
      { type: "assigned", on: "2015-07-03", noticeChannel: "electronic" },
      { type: "records_received", on: "2015-07-04", from: "claims_administrator", complete: true },
    ]);
    expect(caseClocks(imrCase, "2015-07-04", { expeditedDeterminationDays: 5 }).find((c) => c.code === "DETERMINATION")!.dueOn).toBe("2015-07-09");
  });
});

describe("the filing clock", () => {
  it("is met on the day the application was received, or late", () => {
    expect(clock(makeCase(makeApplication({ filedDaysAfterService: 18 })), "2015-03-01", "APPLICATION_FILING")).toMatchObject({
      dueOn: "2015-03-04",
      state: "met",
    });
    expect(clock(makeCase(makeApplication({ filedDaysAfterService: 33 })), "2015-03-10", "APPLICATION_FILING")).toMatchObject({
      state: "met_late",
      text: "met 2015-03-07, 3 days late",
    });
  });
});

describe("describeDue", () => {
  it.each([
    [3, "due in 3 days"],
    [1, "due in 1 day"],
    [0, "due today"],
    [-1, "overdue by 1 day"],
    [-12, "overdue by 12 days"],
  ])("says %i days left as %s", (days, text) => {
    expect(describeDue(days)).toBe(text);
  });
});

describe("worklist", () => {
  it("puts the most overdue first, then the soonest due, expedited first on a tie, and stopped cases out", () => {
    const late = makeCase(makeApplication(), [{ type: "assigned", on: "2015-02-20", noticeChannel: "electronic" }], "A-LATE"); // records due 03-04
    const soon = makeCase(makeApplication({ receivedDate: "2015-03-01" }), [{ type: "assigned", on: "2015-03-01", noticeChannel: "mail" }], "B-SOON"); // due 03-16
    const tieStandard = makeCase(
      makeApplication({ receivedDate: "2015-03-04" }),
      [{ type: "assigned", on: "2015-03-04", noticeChannel: "electronic" }],
      "C-STD",
    ); // due 03-16
    const tieExpedited = makeCase(
      makeApplication({ receivedDate: "2015-03-04", expedited: true }),
      [
        { type: "assigned", on: "2015-03-04", noticeChannel: "electronic" },
        { type: "records_received", on: "2015-03-13", from: "claims_administrator", complete: true },
      ],
      "D-EXP",
    ); // determination due 03-16
    const withdrawn = makeCase(makeApplication(), [{ type: "withdrawn", on: "2015-02-25" }], "E-WD");
    const list = worklist([soon, withdrawn, tieStandard, late, tieExpedited], "2015-03-10");
    expect(list.map((e) => e.imrCase.id)).toEqual(["A-LATE", "D-EXP", "B-SOON", "C-STD"]);
    expect(list[0]!.text).toBe("Medical records received from the claims administrator (notice sent electronically): overdue by 6 days (2015-03-04)");
    expect(list[1]!.clock!.text).toBe("due in 6 days");
  });
});
