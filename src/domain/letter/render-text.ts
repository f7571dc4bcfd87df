import { formatUsDate } from "../shared/dates.ts";
import type { FinalDeterminationLetter } from "./model.ts";
import { wrap } from "./render-decisions.ts";
import { letterSections } from "./sections.ts";

/** The letter as plain text in the published layout: a heading, then wrapped paragraphs separated by blank lines. */
export function renderLetterText(letter: FinalDeterminationLetter, options: { published?: boolean } = {}): string {
  const out: string[] = [letter.organisation.name.toUpperCase(), ...letter.organisation.addressLines];
  if (letter.organisation.phone) out.push(letter.organisation.phone);
  out.push("", "INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION LETTER", `Dated: ${formatUsDate(letter.letterDate)}`, "");
  for (const section of letterSections(letter, options)) {
    out.push(section.heading, "");
    for (const p of section.paragraphs) out.push(...wrap(p, 96), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
