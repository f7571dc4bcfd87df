import type { PlainDate } from "./types.ts";

const MONTHS = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];

/** Whether a string is a real calendar date in ISO form. */
export function isPlainDate(value: string): value is PlainDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  return makeDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

/** Builds an ISO date from parts, or undefined when the parts are not a real date. */
export function makeDate(year: number, month: number, day: number): PlainDate | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2100) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined;
  return d.toISOString().slice(0, 10);
}

/**
 * Reads a date as written in US medical records: 10/22/2014, 7/3/01, 2014-10-22, October 22, 2014, Oct 2014.
 * A month without a day is taken as the first of the month.
 */
export function parseUsDate(text: string): PlainDate | undefined {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year > 50 ? 1900 : 2000;
    return makeDate(year, Number(m[1]), Number(m[2]));
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = monthNumber(m[1]!);
    return month ? makeDate(Number(m[3]), month, Number(m[2])) : undefined;
  }
  m = /^([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = monthNumber(m[1]!);
    return month ? makeDate(Number(m[2]), month, 1) : undefined;
  }
  m = /^(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return makeDate(Number(m[2]), Number(m[1]), 1);
  return undefined;
}

function monthNumber(name: string): number | undefined {
  const n = name.toLowerCase();
  if (n.length < 3) return undefined;
  const i = MONTHS.findIndex((month) => month.startsWith(n.slice(0, 3)) && month.startsWith(n.replace(/\.$/, "")));
  return i >= 0 ? i + 1 : undefined;
}

/** A regular-expression source that finds the date forms parseUsDate reads. */
export const DATE_PATTERN =
  "(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2})(?!\\d)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?\\d{4}|\\d{1,2}/\\d{4})";

function toUtc(date: PlainDate): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

export function addDays(date: PlainDate, days: number): PlainDate {
  return new Date(toUtc(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Day of week, 0 = Sunday. */
export function dayOfWeek(date: PlainDate): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** Renders an ISO date the way US letters write it: 10/22/2014. */
export function formatUsDate(date: PlainDate): string {
  const [y, m, d] = date.split("-");
  return `${Number(m)}/${Number(d)}/${y}`;
}

/** Completed years between two dates (an age). */
export function yearsBetween(from: PlainDate, to: PlainDate): number {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  let years = ty! - fy!;
  if (tm! < fm! || (tm === fm && td! < fd!)) years -= 1;
  return years;
}
