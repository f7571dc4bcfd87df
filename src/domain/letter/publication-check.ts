import { formatUsDate } from "../shared/dates.ts";
import type { FinalDeterminationLetter } from "./model.ts";
import type { Identifier, IdentifierKind } from "./redaction.ts";
import { findIdentifiers } from "./redaction.ts";
import { letterSections } from "./sections.ts";

/** An identifier left in a copy meant for publication: its kind and the section holding it, never its value. */
export type IdentifierLeft = { kind: IdentifierKind; section: string };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const TITLES = /\b(?:dr|mr|mrs|ms|miss|md|m\.d|do|phd|np|pa-c|dc)\b\.?,?/gi;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Digits that may be written with spaces, dots, dashes, slashes or brackets between them ("9165550142" = "(916) 555-0142"). */
function digitRun(digits: string): RegExp {
  return new RegExp(`(?<!\\d)${[...digits].join("[\\s.\\-/()]*")}(?!\\d)`);
}

/**
 * Every way an identifier from the case record may be written in a letter: a name word by word (as written or in
 * capitals), a date in any common format, a number with or without its separators, an address by its street line.
 * Stricter than redaction on purpose: it finds what a redaction by the values as written would leave.
 */
export function identifierPatterns(identifier: Identifier): RegExp[] {
  const value = identifier.value.trim();
  if (value.length < 2) return [];
  const patterns: RegExp[] = [new RegExp(`(?<![\\w])${escapeRegex(value).replace(/\s+/g, "\\s+")}(?![\\w])`, "i")];
  switch (identifier.kind) {
    case "name":
      for (const word of value.replace(TITLES, " ").split(/[\s,]+/)) {
        const w = word.replace(/[.'’]+$/, "");
        if (w.length >= 3) patterns.push(new RegExp(`(?<![A-Za-z])(?:${escapeRegex(w)}|${escapeRegex(w.toUpperCase())})(?![A-Za-z])`));
      }
      break;
    case "date-of-birth": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (m) {
        const [, y, mo, d] = m as unknown as [string, string, string, string];
        const month = Number(mo);
        const day = Number(d);
        patterns.push(
          new RegExp(`(?<!\\d)0?${month}[/.-]0?${day}[/.-](?:${y}|${y.slice(2)})(?!\\d)`),
          new RegExp(`\\b${MONTHS[month - 1]}\\.?\\s+0?${day}(?:st|nd|rd|th)?,?\\s+${y}\\b`, "i"),
          new RegExp(`\\b${MONTHS[month - 1]!.slice(0, 3)}\\.?\\s+0?${day},?\\s+${y}\\b`, "i"),
          new RegExp(`(?<!\\d)0?${day}\\s+${MONTHS[month - 1]}\\s+${y}\\b`, "i"),
          new RegExp(escapeRegex(formatUsDate(value))),
        );
      }
      break;
    }
    case "phone":
    case "claim-number":
    case "case-number":
    case "ssn": {
      const digits = value.replace(/\D/g, "");
      if (digits.length >= 5) patterns.push(digitRun(digits));
      const compact = value.replace(/[^A-Za-z0-9]/g, "");
      if (compact.length >= 5 && compact !== digits) patterns.push(new RegExp([...compact].map(escapeRegex).join("[\\s.\\-/]*"), "i"));
      break;
    }
    case "address": {
      const street = value.split(",")[0]!.trim();
      if (street.length >= 5) patterns.push(new RegExp(escapeRegex(street).replace(/\s+/g, "\\s+"), "i"));
      break;
    }
    default:
      break;
  }
  return patterns;
}

/**
 * The redaction check: which identifiers of the case record (in any of their written forms), or shaped like one,
 * remain in the copy to be published, by kind and section. An empty list means the copy may be published.
 */
export function identifiersLeft(copy: FinalDeterminationLetter, identifiers: Identifier[]): IdentifierLeft[] {
  const left: IdentifierLeft[] = [];
  const note = (kind: IdentifierKind, section: string) => {
    if (!left.some((l) => l.kind === kind && l.section === section)) left.push({ kind, section });
  };
  for (const section of letterSections(copy, { published: true })) {
    const text = section.paragraphs.join("\n");
    for (const identifier of identifiers) if (identifierPatterns(identifier).some((p) => p.test(text))) note(identifier.kind, section.heading);
    for (const found of findIdentifiers(text, [])) note(found.kind, section.heading);
  }
  return left;
}
