import { normalizeRequest } from "./state-machine.ts";
import type { Application } from "./types.ts";

/** The employee's name as compared between filings: case, accents, punctuation and spacing do not matter. */
function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Who the application is about: the employee and the date of injury. Two applications with the same employee
 * key are the same worker's claim (8 CCR §9792.10.4(a) consolidates on the same employee and date of injury).
 */
export function employeeKey(application: Application): string {
  return `${normalizeName(application.employee.name)}|${application.dateOfInjury ?? "?"}`;
}

/**
 * The key that makes two applications "the same application" (imr-process.md §7.1: duplicates are removed before
 * screening): the same employee and date of injury, the same UR decision (its date) and the same disputed items
 * (as written, ignoring case, spacing and order). A second copy of the form sent by fax and by mail has the same key;
 * an application about another UR decision or other items is a new dispute, screened on its own.
 */
export function duplicateKey(application: Application): string {
  const items = (application.urDecision?.items ?? []).map((item) => normalizeRequest(item.request)).sort();
  return [employeeKey(application), application.urDecision?.date ?? "?", items.join(" + ")].join("|");
}
