import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, formatUsDate, isPlainDate, parseUsDate, yearsBetween } from "./dates.ts";

describe("parseUsDate", () => {
  it.each([
    ["10/22/2014", "2014-10-22"],
    ["7/3/2001", "2001-07-03"],
    ["7/3/01", "2001-07-03"],
    ["2014-10-22", "2014-10-22"],
    ["October 22, 2014", "2014-10-22"],
    ["Oct 22 2014", "2014-10-22"],
    ["June 2013", "2013-06-01"],
    ["9/2014", "2014-09-01"],
  ])("reads %s as %s", (text, iso) => {
    expect(parseUsDate(text)).toBe(iso);
  });

  it.each(["2/30/2014", "13/1/2014", "Smarch 3, 2014", "7/10", "10/325"])("refuses %s", (text) => {
    expect(parseUsDate(text)).toBeUndefined();
  });
});

describe("date arithmetic", () => {
  it("counts days across a leap day and back", () => {
    expect(daysBetween("2016-02-28", "2016-03-01")).toBe(2);
    expect(addDays("2016-02-28", 2)).toBe("2016-03-01");
    expect(formatUsDate("2014-10-22")).toBe("10/22/2014");
    expect(yearsBetween("1963-10-23", "2014-10-22")).toBe(50);
  });

  it("adds and subtracts days consistently for any date", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40000 }), fc.integer({ min: -3000, max: 3000 }), (offset, days) => {
        const start = addDays("1950-01-01", offset);
        expect(isPlainDate(start)).toBe(true);
        expect(daysBetween(start, addDays(start, days))).toBe(days);
      }),
    );
  });
});
