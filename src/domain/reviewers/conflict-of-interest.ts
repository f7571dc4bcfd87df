import type { Affiliation, AffiliationKind, CaseParties, ExpertReviewer, ReviewerIssue } from "./types.ts";

const CITATION = "Labor Code §139.5(d)(5)-(6)";

/** Compares names of people and organisations without titles, punctuation or corporate suffixes. */
export function sameParty(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/\./g, "")
      .replace(/\b(?:dr|mr|mrs|ms|md|do|inc|llc|llp|pc|corp|corporation|company|co|the|a medical corporation)\b\.?/g, " ")
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  const x = norm(a);
  const y = norm(b);
  return x.length > 0 && x === y;
}

/** A stable key for a worker across cases: name and date of injury, lower-cased. */
export function workerKey(name: string, dateOfInjury: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim()}|${dateOfInjury}`;
}

function partiesOf(imrCase: CaseParties): { role: string; name: string; kinds: AffiliationKind[] }[] {
  const list: { role: string; name: string | undefined; kinds: AffiliationKind[] }[] = [
    { role: "the employee", name: imrCase.employee, kinds: ["employee", "other"] },
    { role: "the employer", name: imrCase.employer, kinds: ["employer", "other"] },
    { role: "the claims administrator", name: imrCase.claimsAdministrator, kinds: ["claims administrator", "insurer", "other"] },
    { role: "the insurer", name: imrCase.insurer, kinds: ["insurer", "claims administrator", "other"] },
    { role: "the medical provider network", name: imrCase.medicalProviderNetwork, kinds: ["medical provider network", "other"] },
    { role: "the utilization review organization", name: imrCase.urOrganization, kinds: ["ur organization", "other"] },
    { role: "the utilization review physician", name: imrCase.urPhysician, kinds: ["ur physician", "provider", "other"] },
    { role: "the institution where the treatment would be given", name: imrCase.institution, kinds: ["institution", "other"] },
    { role: "the developer or manufacturer of the treatment", name: imrCase.manufacturer, kinds: ["manufacturer", "other"] },
    ...imrCase.providers.flatMap((p) => [
      { role: "a treating or requesting provider", name: p.name, kinds: ["provider", "ur physician", "other"] as AffiliationKind[] },
      { role: "a treating provider's medical group", name: p.group, kinds: ["medical group", "other"] as AffiliationKind[] },
    ]),
  ];
  return list.filter((p): p is { role: string; name: string; kinds: AffiliationKind[] } => Boolean(p.name?.trim()));
}

/**
 * Every material affiliation between a reviewer and a party of the case (LC §139.5(d)(5)-(6)), each with why.
 * An affiliation counts whatever its stated kind when the names match, because a mislabelled tie is still a tie.
 */
export function findConflicts(reviewer: ExpertReviewer, imrCase: CaseParties): ReviewerIssue[] {
  const issues: ReviewerIssue[] = [];
  for (const party of partiesOf(imrCase)) {
    const tie = reviewer.affiliations.find((a: Affiliation) => sameParty(a.name, party.name));
    if (tie) {
      const article = tie.nature ? `a ${tie.nature}` : "an";
      issues.push({ code: "CONFLICT_OF_INTEREST", message: `Has ${article} affiliation (${tie.kind}) with ${party.role}.`, citation: CITATION });
    }
  }
  if (sameParty(reviewer.name, imrCase.employee)) issues.push({ code: "CONFLICT_OF_INTEREST", message: "Is the employee.", citation: CITATION });
  for (const p of imrCase.providers) {
    if (sameParty(reviewer.name, p.name)) issues.push({ code: "CONFLICT_OF_INTEREST", message: "Is a treating or requesting provider in this case.", citation: CITATION });
  }
  if (imrCase.urPhysician && sameParty(reviewer.name, imrCase.urPhysician)) {
    issues.push({ code: "CONFLICT_OF_INTEREST", message: "Made the utilization review decision under review.", citation: CITATION });
  }
  return issues;
}

/**
 * Whether the reviewer reviewed the same worker before. The statute does not list this as a conflict, so it is a
 * flag for staff and lowers the reviewer's rank rather than excluding them.
 */
export function hasReviewedWorker(reviewer: ExpertReviewer, imrCase: CaseParties): boolean {
  return Boolean(imrCase.workerKey && reviewer.reviewedWorkers?.includes(imrCase.workerKey));
}
