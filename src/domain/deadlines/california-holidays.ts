import { addDays, dayOfWeek, makeDate } from "../shared/dates.ts";
import type { PlainDate } from "../shared/types.ts";

/**
 * California state holidays as the state observes them: the holidays of state employees in Government Code
 * §19853(a) (the CalHR holiday list that imr-process.md §0.2 names for "business days"), observed by §19853(b):
 * a holiday falling on a Sunday is observed the Monday after; Veterans Day falling on a Saturday is observed the
 * Friday before; any other holiday falling on a Saturday is not moved (employees get holiday credit instead).
 * The days §6700 lists that state offices do not close for (Lincoln Day, Admission Day, Native American Day,
 * Columbus Day, Juneteenth, ...) are not holidays here: §19853(e) makes some of them optional credit only.
 * Rule-computed for any year; the list is the one in force since IMR began (2013).
 */
export type StateHoliday = { date: PlainDate; name: string; observedFrom?: PlainDate };

type HolidayRule =
  | { name: string; kind: "fixed"; month: number; day: number; saturdayToFriday?: boolean; since?: number }
  | { name: string; kind: "nth-weekday"; month: number; weekday: number; nth: number; offsetDays?: number }
  | { name: string; kind: "last-weekday"; month: number; weekday: number };

/** Government Code §19853(a), in calendar order. */
const HOLIDAY_RULES: readonly HolidayRule[] = [
  { name: "New Year's Day", kind: "fixed", month: 1, day: 1 },
  { name: "Martin Luther King Jr. Day", kind: "nth-weekday", month: 1, weekday: 1, nth: 3 },
  { name: "Presidents' Day", kind: "nth-weekday", month: 2, weekday: 1, nth: 3 },
  // Cesar Chavez Day became a state holiday in 2000 (first observed March 31, 2001).
  { name: "Cesar Chavez Day", kind: "fixed", month: 3, day: 31, since: 2001 },
  { name: "Memorial Day", kind: "last-weekday", month: 5, weekday: 1 },
  { name: "Independence Day", kind: "fixed", month: 7, day: 4 },
  { name: "Labor Day", kind: "nth-weekday", month: 9, weekday: 1, nth: 1 },
  { name: "Veterans Day", kind: "fixed", month: 11, day: 11, saturdayToFriday: true },
  { name: "Thanksgiving Day", kind: "nth-weekday", month: 11, weekday: 4, nth: 4 },
  { name: "Day after Thanksgiving", kind: "nth-weekday", month: 11, weekday: 4, nth: 4, offsetDays: 1 },
  { name: "Christmas Day", kind: "fixed", month: 12, day: 25 },
];

export const HOLIDAY_CITATION = "Government Code §19853(a)-(b) (state holidays; Civil Code §§7, 9 and Government Code §6700 define holidays and business days)";

function nthWeekday(year: number, month: number, weekday: number, nth: number): PlainDate {
  const first = makeDate(year, month, 1)!;
  const shift = (weekday - dayOfWeek(first) + 7) % 7;
  return addDays(first, shift + (nth - 1) * 7);
}

function lastWeekday(year: number, month: number, weekday: number): PlainDate {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = makeDate(year, month, lastDay)!;
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}

/** The days California state offices observe as holidays in a year (observed dates; the actual day named when it moved). */
export function californiaStateHolidays(year: number): StateHoliday[] {
  const out: StateHoliday[] = [];
  for (const rule of HOLIDAY_RULES) {
    if (rule.kind === "fixed") {
      if (rule.since && year < rule.since) continue;
      const actual = makeDate(year, rule.month, rule.day)!;
      const weekday = dayOfWeek(actual);
      if (weekday === 0) out.push({ date: addDays(actual, 1), name: `${rule.name} (observed)`, observedFrom: actual });
      else if (weekday === 6 && rule.saturdayToFriday) out.push({ date: addDays(actual, -1), name: `${rule.name} (observed)`, observedFrom: actual });
      else out.push({ date: actual, name: rule.name });
    } else if (rule.kind === "nth-weekday") {
      out.push({ date: addDays(nthWeekday(year, rule.month, rule.weekday, rule.nth), rule.offsetDays ?? 0), name: rule.name });
    } else {
      out.push({ date: lastWeekday(year, rule.month, rule.weekday), name: rule.name });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

const cache = new Map<number, Map<PlainDate, string>>();

/** The holiday a date is observed as, or undefined. */
export function stateHolidayOn(date: PlainDate): string | undefined {
  const year = Number(date.slice(0, 4));
  let days = cache.get(year);
  if (!days) {
    days = new Map(californiaStateHolidays(year).map((h) => [h.date, h.name]));
    cache.set(year, days);
  }
  return days.get(date);
}

/**
 * A normal business day: not a Saturday, Sunday or California state holiday (Labor Code §4600.4(b);
 * imr-process.md §0.2). "Working days" are counted the same way (imr-process.md §21.19).
 */
export function isBusinessDay(date: PlainDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && stateHolidayOn(date) === undefined;
}

/** The date `count` business days after `start` (the start day is day zero and is never counted). */
export function addBusinessDays(start: PlainDate, count: number): PlainDate {
  let date = start;
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    if (isBusinessDay(date)) left -= 1;
  }
  return date;
}
