import type { CaseDraft, ItemDraft } from "../review/draft.ts";

/** Wraps text at a width, as the letter's plain-text layout does. */
export function wrap(text: string, width = 96): string[] {
  if (text.length <= width && !text.includes("\n")) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function claimsAdministratorLine(item: ItemDraft): string {
  return item.claimsAdministratorGuideline
    ? `Claims Administrator guideline: Decision based on ${item.claimsAdministratorGuideline.replace(/\.$/, "")}.`
    : "Claims Administrator guideline: Not stated in the case file.";
}

function organisationLine(item: ItemDraft, organisation: string): string {
  if (!item.guideline) return `${organisation} guideline: No guideline entry found; the reviewer must cite the guideline relied on.`;
  const g = item.guideline;
  const source = g.citation.replace(/ Page\(s\):.*$/, "").replace(/, .*$/, "");
  return g.pages
    ? `${organisation} guideline: Decision based on ${source} Page(s): ${g.pages}.`
    : `${organisation} guideline: Decision based on ${g.source}, ${g.section}.`;
}

/**
 * Renders the "IMR ISSUES, DECISIONS AND RATIONALES" part of a letter in the published layout.
 * @param organisation - the IMR organisation's name, as configured
 */
export function renderDecisionsText(draft: CaseDraft, organisation: string): string {
  const out: string[] = ["IMR ISSUES, DECISIONS AND RATIONALES", "The Final Determination was based on decisions for the disputed items/services set forth below:", ""];
  for (const item of draft.items) {
    out.push(`${item.request}:  ${item.decision}`, "");
    out.push(...wrap(claimsAdministratorLine(item)), "");
    out.push(...wrap(organisationLine(item, organisation)), "");
    out.push(...wrap(`Decision rationale: ${item.rationale}`), "");
  }
  out.push(`Knowledge base: ${draft.knowledgeBaseVersion}. Draft for the expert reviewer's decision; not a determination until signed.`);
  return `${out.join("\n")}\n`;
}
