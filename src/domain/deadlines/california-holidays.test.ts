import { describe, expect, it } from "vitest";
import { addBusinessDays, californiaStateHolidays, isBusinessDay, stateHolidayOn } from "./california-holidays.ts";

describe("californiaStateHolidays", () => {
  it("lists the eleven state holidays of 2013 on the days state offices observed them", () => {
    expect(californiaStateHolidays(2013).map((h) => h.date)).toEqual([
      "2013-01-01",
      "2013-01-21",
      "2013-02-18",
      "2013-04-01", // Cesar Chavez Day fell on a Sunday
      "2013-05-27",
      "2013-07-04",
      "2013-09-02",
      "2013-11-11",
      "2013-11-28",
      "2013-11-29",
      "2013-12-25",
    ]);
  });

  it("observes a Sunday holiday on the Monday after", () => {
    expect(stateHolidayOn("2021-07-05")).toBe("Independence Day (observed)");
    expect(stateHolidayOn("2021-07-04")).toBeUndefined();
  });

  it("observes Veterans Day falling on a Saturday on the Friday before", () => {
    expect(stateHolidayOn("2017-11-10")).toBe("Veterans Day (observed)");
    expect(stateHolidayOn("2023-11-10")).toBe("Veterans Day (observed)");
  });

  it("does not move other Saturday holidays to Friday (holiday credit instead)", () => {
    expect(isBusinessDay("2015-07-03")).toBe(true); // July 4, 2015 was a Saturday
    expect(isBusinessDay("2021-12-24")).toBe(true); // Christmas 2021 was a Saturday
    expect(isBusinessDay("2021-12-31")).toBe(true); // and so was New Year's Day 2022
  });

  it("computes Thanksgiving and the day after for any year", () => {
    expect(
      californiaStateHolidays(2030)
        .filter((h) => h.name.includes("Thanksgiving"))
        .map((h) => h.date),
    ).toEqual(["2030-11-28", "2030-11-29"]);
    expect(
      californiaStateHolidays(2024)
        .filter((h) => h.name.includes("Thanksgiving"))
        .map((h) => h.date),
    ).toEqual(["2024-11-28", "2024-11-29"]);
  });

  it("does not treat federal-only or elective days as holidays", () => {
    expect(isBusinessDay("2015-10-12")).toBe(true); // Columbus Day
    expect(isBusinessDay("2023-06-19")).toBe(true); // Juneteenth: elective credit only for state employees
    expect(isBusinessDay("2015-02-12")).toBe(true); // Lincoln Day
  });
});

describe("addBusinessDays", () => {
  it("skips the weekend and Memorial Day", () => {
    expect(addBusinessDays("2015-05-22", 1)).toBe("2015-05-26");
  });

  it("skips Thanksgiving, the day after, and the weekend", () => {
    expect(addBusinessDays("2015-11-25", 1)).toBe("2015-11-30");
  });

  it("skips Cesar Chavez Day observed on a Monday", () => {
    expect(addBusinessDays("2019-03-29", 5)).toBe("2019-04-08");
  });

  it("never counts the starting day", () => {
    expect(addBusinessDays("2015-05-26", 1)).toBe("2015-05-27");
    expect(addBusinessDays("2015-05-23", 1)).toBe("2015-05-26");
  });
});
