import { addDays, formatUsDate } from "../shared/dates.ts";
import type { FinalDeterminationLetter, LetterItem, LetterSection } from "./model.ts";

/** When the parties may appeal: 30 days after service of the determination (LC §4610.6(h); WCAB Rule 10575). */
export function appealDeadline(letter: FinalDeterminationLetter): string {
  return addDays(letter.letterDate, 30);
}

function documentLine(d: FinalDeterminationLetter["documentsReviewed"][number]): string {
  const when = d.date ? (d.through && d.through !== d.date ? ` dated ${formatUsDate(d.date)} to ${formatUsDate(d.through)}` : ` dated ${formatUsDate(d.date)}`) : "";
  const who = d.authorRole ? ` by the ${d.authorRole}` : "";
  const pages = d.pages ? ` (${d.pages} page${d.pages === 1 ? "" : "s"})` : "";
  return `${d.type}${who}${when}${pages}`;
}

export function itemGuidelineLine(item: LetterItem, organisation: string): string {
  const g = item.imroGuideline;
  if (!g) return `${organisation} guideline: The reviewer did not cite a guideline.`;
  return g.pages ? `${organisation} guideline: Decision based on ${g.source} Page(s): ${g.pages}.` : `${organisation} guideline: Decision based on ${g.source}${g.section ? `, ${g.section}` : ""}.`;
}

/** The body of the letter as headed sections, in the order of the published letters, then what follows from it. */
export function letterSections(letter: FinalDeterminationLetter, options: { published?: boolean } = {}): LetterSection[] {
  const org = letter.organisation.name;
  const sections: LetterSection[] = [];
  const dates = letter.dates;
  const dateLines = [
    dates.applicationReceived && `Application for IMR received: ${formatUsDate(dates.applicationReceived)}`,
    dates.urDecision && `Utilization review decision: ${formatUsDate(dates.urDecision)}`,
    dates.assigned && `Case assigned for review: ${formatUsDate(dates.assigned)}`,
    dates.recordsComplete && `Medical records complete: ${formatUsDate(dates.recordsComplete)}`,
    `Date of determination: ${formatUsDate(dates.determination ?? letter.letterDate)}`,
  ].filter((l): l is string => Boolean(l));
  // The published copy keeps the date of injury (not an identifier on its own) while the parties block goes.
  const injury = options.published && letter.parties.dateOfInjury ? [`Date of injury: ${formatUsDate(letter.parties.dateOfInjury)}`] : [];
  sections.push({ heading: "CASE INFORMATION", paragraphs: [`IMR case number: ${letter.caseNumber}`, ...dateLines, ...injury] });
  if (!options.published) {
    const p = letter.parties;
    const partyLines = [
      p.employee && `Employee: ${p.employee}`,
      p.claimNumber && `Claim number: ${p.claimNumber}`,
      p.dateOfInjury && `Date of injury: ${formatUsDate(p.dateOfInjury)}`,
      p.employer && `Employer: ${p.employer}`,
      p.claimsAdministrator && `Claims administrator: ${p.claimsAdministrator}`,
      p.requestingPhysician && `Requesting physician: ${p.requestingPhysician}`,
    ].filter((l): l is string => Boolean(l));
    if (partyLines.length > 0) sections.push({ heading: "PARTIES", paragraphs: partyLines });
  }
  sections.push({ heading: "HOW THE IMR FINAL DETERMINATION WAS MADE", paragraphs: [letter.qualifications] });
  sections.push({
    heading: "DOCUMENTS REVIEWED",
    paragraphs: letter.documentsReviewed.length > 0 ? letter.documentsReviewed.map(documentLine) : ["The application for IMR and the utilization review decision."],
  });
  sections.push({
    heading: "CLINICAL CASE SUMMARY",
    paragraphs: ["The expert reviewer wrote the following clinical case summary after reviewing the case file, including all medical records:", letter.caseSummary],
  });
  const issueParagraphs = ["The Final Determination was based on decisions for the disputed items/services set forth below:"];
  for (const item of letter.items) {
    issueParagraphs.push(
      `${item.request}:  ${item.decision}`,
      item.claimsAdministratorGuideline ? `Claims Administrator guideline: Decision based on ${item.claimsAdministratorGuideline.replace(/\.$/, "")}.` : "Claims Administrator guideline: Not stated.",
      itemGuidelineLine(item, org),
      `Decision rationale: ${item.rationale}`,
    );
  }
  sections.push({ heading: "IMR ISSUES, DECISIONS AND RATIONALES", paragraphs: issueParagraphs });
  if (letter.items.some((i) => i.decision === "Overturned")) {
    sections.push({
      heading: "WHAT AN OVERTURNED DECISION REQUIRES",
      paragraphs: [
        "Where this determination overturns the utilization review decision, the treatment is medically necessary and the claims administrator must carry out the determination promptly, unless it appeals or disputes liability on other grounds.",
        "Treatment not yet given must be authorized within 5 working days of receiving this determination; treatment already given must be paid for within 20 days of receiving it. Each day the determination is not carried out can draw an administrative penalty (8 CCR §9792.10.7; 8 CCR §9792.12(a)).",
      ],
    });
  }
  sections.push({
    heading: "RIGHT TO APPEAL",
    paragraphs: [
      `This determination binds all parties. A party may appeal it to the Workers' Compensation Appeals Board by filing a verified petition within 30 days after service of this determination (by ${formatUsDate(appealDeadline(letter))} when it is served on its date), quoting the IMR case number and serving the petition on the Division of Workers' Compensation IMR Unit (Labor Code §4610.6(h); WCAB Rule 10575).`,
      "The determination is presumed correct and can be set aside only on clear and convincing evidence that the Administrative Director acted without or beyond authority, that it was procured by fraud, that the reviewer had a material conflict of interest, that it resulted from bias based on a protected characteristic, or that it rests on a plainly erroneous finding of fact that is a matter of ordinary knowledge (Labor Code §4610.6(h)).",
    ],
  });
  return sections;
}
