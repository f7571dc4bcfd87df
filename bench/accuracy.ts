// The draft engine's accuracy on cases with known outcomes: the development cases (test/fixtures/shared/dev-cases.json)
// and the cases the project wrote itself (test/fixtures/cases/*.json, same shape; each file is reported on its own). Prints agreement, balanced accuracy
// (the mean of uphold and overturn recall), treatment-family and guideline-source agreement, and every miss.
// Usage: npm run bench:accuracy [-- --verbose] [-- id-or-family ...]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadKnowledgeBase } from "../src/adapters/knowledge/load-knowledge-base.ts";
import { draftCase } from "../src/domain/review/draft.ts";
import { sharedFixture } from "../test/fixtures/shared.ts";

type LabelledCase = {
  id: string;
  caseSummary: string;
  items: { request: string }[];
  requestDate?: string;
  expected: { decision: "Upheld" | "Overturned"; treatmentFamily?: string; guideline?: string; keyReasons?: string[] };
};

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const filters = args.filter((a) => !a.startsWith("--"));

function load(file: string): LabelledCase[] {
  return JSON.parse(readFileSync(file, "utf8"));
}
const sets: { name: string; cases: LabelledCase[] }[] = [{ name: "dev-cases", cases: load(sharedFixture("dev-cases.json")) }];
const ownDir = join(import.meta.dirname, "../test/fixtures/cases");
if (existsSync(ownDir)) {
  for (const file of readdirSync(ownDir).filter((f) => f.endsWith(".json")).sort()) sets.push({ name: file.replace(/\.json$/, ""), cases: load(join(ownDir, file)) });
}

/** A coarse key for a guideline source: the ACOEM chapter number, or the MTUS part named. */
function sourceKeys(source: string): string[] {
  const keys = [...source.matchAll(/chapter (\d+)/gi)].map((m) => `acoem-ch${m[1]}`);
  if (/chronic pain/i.test(source)) keys.push("chronic-pain");
  if (/acupuncture/i.test(source)) keys.push("acupuncture");
  if (/postsurgical/i.test(source)) keys.push("postsurgical");
  if (/\bODG\b|official disability/i.test(source)) keys.push("odg");
  if (/formulary|drug list/i.test(source)) keys.push("formulary");
  return keys;
}

const kb = loadKnowledgeBase();
for (const set of sets) {
  let total = 0;
  let agree = 0;
  let family = 0;
  let familyLabelled = 0;
  let source = 0;
  let sourceLabelled = 0;
  const recall = { Upheld: { right: 0, all: 0 }, Overturned: { right: 0, all: 0 } };
  const misses: string[] = [];
  for (const c of set.cases) {
    if (filters.length && !filters.some((f) => c.id === f || (c.expected.treatmentFamily ?? "").includes(f))) continue;
    const draft = draftCase(kb, c.requestDate ? { caseSummary: c.caseSummary, items: c.items, requestDate: c.requestDate } : { caseSummary: c.caseSummary, items: c.items });
    const item = draft.items[0]!;
    total++;
    const ok = item.decision === c.expected.decision;
    recall[c.expected.decision].all++;
    if (ok) {
      agree++;
      recall[c.expected.decision].right++;
    }
    if (c.expected.treatmentFamily) {
      familyLabelled++;
      if (item.treatmentFamily === c.expected.treatmentFamily) family++;
    }
    if (c.expected.guideline) {
      sourceLabelled++;
      const want = sourceKeys(c.expected.guideline);
      const got = item.guideline ? sourceKeys(`${item.guideline.source} ${item.guideline.citation}`) : [];
      if (got.some((k) => want.includes(k))) source++;
    }
    const line = `${ok ? "ok  " : "MISS"} ${c.id.padEnd(8)} expected ${c.expected.decision.padEnd(10)} drafted ${item.decision.padEnd(10)} ${(item.guidelineEntry ?? "(no entry)").padEnd(30)} ${c.items[0]!.request}`;
    if (!ok) misses.push(line);
    if (verbose) {
      console.log(line);
      for (const r of item.criteria) console.log(`       ${r.status.padEnd(15)} ${r.polarity.padEnd(9)} ${r.id} ${r.value !== undefined ? `= ${r.value}` : ""} ${r.evidence[0] ? `«${r.evidence[0].text.slice(0, 100)}»` : ""}`);
    }
  }
  if (total === 0) continue;
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "n/a");
  const upRecall = recall.Upheld.all ? recall.Upheld.right / recall.Upheld.all : 0;
  const overRecall = recall.Overturned.all ? recall.Overturned.right / recall.Overturned.all : 0;
  console.log(`\n${set.name} (${total} cases, knowledge base ${kb.version})`);
  console.log(`  decision agreement      ${agree}/${total} = ${pct(agree, total)}`);
  console.log(`  balanced accuracy       ${((upRecall + overRecall) / 2).toFixed(3)} (uphold recall ${recall.Upheld.right}/${recall.Upheld.all}, overturn recall ${recall.Overturned.right}/${recall.Overturned.all})`);
  console.log(`  treatment family        ${family}/${familyLabelled} = ${pct(family, familyLabelled)}`);
  console.log(`  guideline source        ${source}/${sourceLabelled} = ${pct(source, sourceLabelled)}`);
  if (misses.length > 0) console.log(`  misses:\n    ${misses.join("\n    ")}`);
}
