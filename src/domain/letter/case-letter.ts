import type { ImrCase } from "../case/types.ts";
import type { PlainDate } from "../shared/types.ts";
import type { DocumentReviewed, FinalDeterminationLetter, LetterParties } from "./model.ts";
import type { Identifier } from "./redaction.ts";
import { letterItems, type WorkingCopy } from "./working-copy.ts";

/**
 * The documents the reviewer had: the application, the UR decision and each record of the case file, by type and
 * date (8 CCR §9792.10.6(d); a listing by type and date satisfies it, Hacker v. County of San Bernardino).
 */
export function documentsReviewed(imrCase: ImrCase, records?: DocumentReviewed[]): DocumentReviewed[] {
  const a = imrCase.application;
  const docs: DocumentReviewed[] = [{ type: "Application for Independent Medical Review (DWC Form IMR)", date: a.receivedDate }];
  if (a.urDecision) docs.push({ type: "Utilization review determination", authorRole: "utilization review organization", date: a.urDecision.date });
  if (records) return [...docs, ...records];
  for (const attachment of a.attachments ?? []) {
    if (!attachment.text?.trim()) continue;
    const pages = attachment.text.split("\f").length;
    docs.push({ type: attachment.kind ? `${attachment.kind}: ${attachment.title}` : attachment.title, pages });
  }
  return docs;
}

/** The parties block of the parties' copy (never on the published copy). */
export function letterParties(imrCase: ImrCase): LetterParties {
  const a = imrCase.application;
  const parties: LetterParties = { employee: a.employee.name };
  if (a.employee.claimNumber) parties.claimNumber = a.employee.claimNumber;
  if (a.dateOfInjury) parties.dateOfInjury = a.dateOfInjury;
  if (a.employer?.name) parties.employer = a.employer.name;
  if (a.claimsAdministrator?.name) parties.claimsAdministrator = a.claimsAdministrator.name;
  if (a.treatingPhysician?.name) parties.requestingPhysician = a.treatingPhysician.name;
  return parties;
}

/**
 * The Final Determination Letter of a case from the reviewer's working copy.
 * @param qualifications - the assigned reviewer's qualifications statement (never the reviewer's name)
 * @param letterDate - the day the letter issues (or today, for the working copy)
 */
export function letterForCase(
  imrCase: ImrCase,
  copy: WorkingCopy,
  options: { organisation: FinalDeterminationLetter["organisation"]; qualifications: string; letterDate: PlainDate },
): FinalDeterminationLetter {
  const a = imrCase.application;
  const dates: FinalDeterminationLetter["dates"] = { applicationReceived: a.receivedDate, determination: imrCase.decidedOn ?? options.letterDate };
  if (a.urDecision) dates.urDecision = a.urDecision.date;
  if (imrCase.assignment) dates.assigned = imrCase.assignment.on;
  if (imrCase.recordsCompleteOn) dates.recordsComplete = imrCase.recordsCompleteOn;
  return {
    organisation: options.organisation,
    caseNumber: imrCase.id,
    letterDate: options.letterDate,
    dates,
    parties: letterParties(imrCase),
    qualifications: options.qualifications,
    documentsReviewed: documentsReviewed(imrCase, copy.records),
    caseSummary: copy.caseSummary,
    items: letterItems(copy),
    knowledgeBaseVersion: copy.knowledgeBaseVersion,
  };
}

/**
 * Everything in the case record that identifies a person: the worker's name, date of birth, claim number, address
 * and phone; every provider's, representative's and adjuster's name, address and phone; and the reviewer's name.
 * @param reviewerName - the assigned reviewer's name (staff only; removed from every published copy)
 */
export function caseIdentifiers(imrCase: ImrCase, reviewerName?: string): Identifier[] {
  const a = imrCase.application;
  const ids: Identifier[] = [];
  const person = (p: { name?: string; phone?: string; address?: string } | undefined) => {
    if (!p) return;
    if (p.name?.trim()) ids.push({ kind: "name", value: p.name });
    if (p.phone?.trim()) ids.push({ kind: "phone", value: p.phone });
    if (p.address?.trim()) ids.push({ kind: "address", value: p.address });
  };
  person(a.employee);
  if (a.employee.dateOfBirth) ids.push({ kind: "date-of-birth", value: a.employee.dateOfBirth });
  if (a.employee.claimNumber) ids.push({ kind: "claim-number", value: a.employee.claimNumber });
  person(a.representative);
  person(a.treatingPhysician);
  if (a.urOrganization?.physician) ids.push({ kind: "name", value: a.urOrganization.physician });
  if (a.claimsAdministrator?.adjuster) ids.push({ kind: "name", value: a.claimsAdministrator.adjuster });
  if (a.claimsAdministrator?.phone) ids.push({ kind: "phone", value: a.claimsAdministrator.phone });
  if (a.claimsAdministrator?.address) ids.push({ kind: "address", value: a.claimsAdministrator.address });
  if (a.expeditedCertification?.physician) ids.push({ kind: "name", value: a.expeditedCertification.physician });
  if (a.filedBy?.name) ids.push({ kind: "name", value: a.filedBy.name });
  if (reviewerName?.trim()) ids.push({ kind: "name", value: reviewerName });
  ids.push({ kind: "case-number", value: imrCase.id });
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = `${id.kind}:${id.value.trim().toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
