import { formatUsDate } from "../shared/dates.ts";
import type { FinalDeterminationLetter } from "./model.ts";
import { letterSections } from "./sections.ts";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `body{font-family:"Liberation Serif",Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}
header{border-bottom:2px solid #222;margin-bottom:1.5rem}header p{margin:.1rem 0}
h1{font-size:1.35rem}h2{font-size:1.05rem;letter-spacing:.03em;margin-top:1.6rem}
.decision{font-weight:bold}.item{border-left:3px solid #555;padding-left:.8rem;margin:1rem 0}
@media print{body{margin:0;max-width:none}a{color:inherit}.item{break-inside:avoid}}`;

/** The letter as an accessible, printable HTML document (landmarks, headings in order, language set). */
export function renderLetterHtml(letter: FinalDeterminationLetter, options: { published?: boolean } = {}): string {
  const sections = letterSections(letter, options);
  const body: string[] = [];
  for (const section of sections) {
    const id = section.heading.toLowerCase().replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "");
    body.push(`<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(section.heading)}</h2>`);
    if (section.heading === "IMR ISSUES, DECISIONS AND RATIONALES") {
      body.push(`<p>${escapeHtml(section.paragraphs[0]!)}</p>`);
      for (let i = 1; i + 3 < section.paragraphs.length + 1; i += 4) {
        const [head, ca, imro, rationale] = section.paragraphs.slice(i, i + 4);
        body.push(
          `<article class="item"><h3 class="decision">${escapeHtml(head ?? "")}</h3><p>${escapeHtml(ca ?? "")}</p><p>${escapeHtml(imro ?? "")}</p><p>${escapeHtml(rationale ?? "")}</p></article>`,
        );
      }
    } else if (section.heading === "DOCUMENTS REVIEWED" || section.heading === "CASE INFORMATION" || section.heading === "PARTIES") {
      body.push(`<ul>${section.paragraphs.map((p) => `<li>${escapeHtml(p)}</li>`).join("")}</ul>`);
    } else {
      body.push(...section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`));
    }
    body.push("</section>");
  }
  const org = letter.organisation;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>IMR Final Determination Letter ${escapeHtml(letter.caseNumber)}</title><style>${STYLE}</style></head>
<body>
<header><p><strong>${escapeHtml(org.name)}</strong></p>${org.addressLines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}${org.phone ? `<p>${escapeHtml(org.phone)}</p>` : ""}</header>
<main>
<h1>Independent Medical Review Final Determination Letter</h1>
<p>Dated: <time datetime="${letter.letterDate}">${formatUsDate(letter.letterDate)}</time></p>
${body.join("\n")}
</main>
</body>
</html>
`;
}
