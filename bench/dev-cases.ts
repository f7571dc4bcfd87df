// Runs the draft engine over the development cases (test/fixtures/shared/dev-cases.json) and prints, per case,
// the expected and drafted decision and treatment family, then the agreement rate.
// Usage: node --import tsx bench/dev-cases.ts [--verbose] [id-or-family-substring ...]
import { readFileSync } from "node:fs";
import { sharedFixture } from "../test/fixtures/shared.ts";
import { loadKnowledgeBase } from "../src/adapters/knowledge/load-knowledge-base.ts";
import { draftCase } from "../src/domain/review/draft.ts";

type DevCase = { id: string; caseSummary: string; items: { request: string }[]; expected: { decision: string; treatmentFamily: string; guidelineDetail: string; keyReasons: string[] } };
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const filters = args.filter((a) => !a.startsWith("--"));
const cases: DevCase[] = JSON.parse(readFileSync(sharedFixture("dev-cases.json"), "utf8"));
const kb = loadKnowledgeBase();
let right = 0;
let familyRight = 0;
let total = 0;
for (const c of cases) {
  if (filters.length && !filters.some((f) => c.id === f || c.expected.treatmentFamily.includes(f))) continue;
  const draft = draftCase(kb, { caseSummary: c.caseSummary, items: c.items });
  const item = draft.items[0]!;
  total++;
  const ok = item.decision === c.expected.decision;
  if (ok) right++;
  if (item.treatmentFamily === c.expected.treatmentFamily) familyRight++;
  console.log(`${ok ? "ok  " : "MISS"} ${c.id} expected ${c.expected.decision.padEnd(10)} drafted ${item.decision.padEnd(10)} ${item.guidelineEntry ?? "(no entry)"} [${c.expected.treatmentFamily}] ${c.items[0]!.request}`);
  if (verbose || !ok) {
    for (const r of item.criteria) console.log(`       ${r.status.padEnd(15)} ${r.polarity.padEnd(9)} ${r.id} ${r.value !== undefined ? `= ${r.value}` : ""} ${r.evidence[0] ? `«${r.evidence[0].text.slice(0, 100)}»` : ""}`);
    if (!ok) console.log(`       expected reasons: ${c.expected.keyReasons.join(" | ")}`);
  }
}
console.log(`\ndecision agreement: ${right}/${total} (${total ? Math.round((100 * right) / total) : 0}%); treatment family agreement: ${familyRight}/${total}`);
