/**
 * PDF text extraction speed: unpdf (what OpenIMR uses) next to poppler's pdftotext on the same files, in pages per
 * second with the ratio, and the time to draft a 200-page case file end to end (read, split, timeline, draft).
 *
 *   npm run bench:pdf            (pdftotext comes from Debian's poppler-utils; the bench says so when it is missing)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  EMG_2014_10_02,
  MRI_2014_08_20,
  PR2_2015_01_06,
  PR2_2015_02_03,
  PR2_ACUTE_FLARE,
  PR2_ESI,
  PR2_NECK_PT,
  PR2_OPIOID,
  RFA_2015_02_03,
  UR_2015_02_12,
  writePdf,
} from "../scripts/make-record-fixtures.ts";
import { loadKnowledgeBase } from "../src/adapters/knowledge/load-knowledge-base.ts";
import { extractPdfPages } from "../src/adapters/pdf/extract-text.ts";
import { makeDrafting } from "../src/services/drafting.ts";
import { makeRecords } from "../src/services/records.ts";

const ROUNDS = 3;
const dir = mkdtempSync(join(tmpdir(), "openimr-bench-pdf-"));

/** A 200-page case file: a year of monthly two-page PR-2s with imaging, EMG, RFA and other reports between them. */
function caseFilePages(pageCount: number): string[] {
  const cycle = [PR2_2015_01_06, PR2_2015_02_03, MRI_2014_08_20, PR2_ACUTE_FLARE, PR2_NECK_PT, PR2_ESI, PR2_OPIOID, EMG_2014_10_02];
  const pages: string[] = [];
  for (let i = 0; pages.length < pageCount; i++) {
    const month = (i % 12) + 1;
    const year = 2010 + Math.floor(i / 12);
    const report = cycle[i % cycle.length]!.map((p) =>
      p.replace(/(Date of (?:Service|Exam|Study): )\d{2}\/\d{2}\/\d{4}/, `$1${String(month).padStart(2, "0")}/15/${year}`),
    );
    pages.push(...report);
  }
  pages.length = pageCount - 2;
  pages.push(...RFA_2015_02_03.map((p) => p.replace("02/03/2015", "02/03/2031")), ...UR_2015_02_12.map((p) => p.replace("02/12/2015", "02/12/2031")));
  return pages;
}

const files: { path: string; pages: number }[] = [];
for (const [name, pages] of [
  ["two-report-case.pdf", [...PR2_2015_01_06, ...PR2_2015_02_03]],
  ["single-pr2.pdf", PR2_ESI],
  ["case-file-200-pages.pdf", caseFilePages(200)],
] as const) {
  const path = join(dir, name);
  writeFileSync(path, await writePdf([...pages]));
  files.push({ path, pages: pages.length });
}
const totalPages = files.reduce((a, f) => a + f.pages, 0) * ROUNDS;

// Warm up pdf.js (module load and font setup are paid once per process).
await extractPdfPages(new Uint8Array(readFileSync(files[0]!.path)), "warmup.pdf");
let t = performance.now();
for (let r = 0; r < ROUNDS; r++) for (const f of files) await extractPdfPages(new Uint8Array(readFileSync(f.path)), f.path);
const unpdfSeconds = (performance.now() - t) / 1000;
const unpdfRate = totalPages / unpdfSeconds;

const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;
let pdftotextRate: number | undefined;
if (hasPdftotext) {
  t = performance.now();
  for (let r = 0; r < ROUNDS; r++) for (const f of files) spawnSync("pdftotext", ["-enc", "UTF-8", f.path, "-"], { maxBuffer: 64 * 1024 * 1024 });
  pdftotextRate = totalPages / ((performance.now() - t) / 1000);
}

console.log(`PDF text extraction: ${files.length} files, ${totalPages / ROUNDS} pages, ${ROUNDS} rounds (same files for both)`);
console.log(`  unpdf 1.7.0 (pure JS, in process)     ${unpdfRate.toFixed(0).padStart(7)} pages/s`);
if (pdftotextRate !== undefined) {
  console.log(`  pdftotext (poppler, one process/file) ${pdftotextRate.toFixed(0).padStart(7)} pages/s`);
  console.log(`  ratio unpdf / pdftotext: ${(unpdfRate / pdftotextRate).toFixed(2)}`);
} else {
  console.log("  pdftotext: NOT INSTALLED, no peer figure (apt-get install -y poppler-utils to compare)");
}

const knowledge = loadKnowledgeBase();
const records = makeRecords({
  pdfPages: extractPdfPages,
  files: { size: async (p) => (await stat(p)).size, read: async (p) => new Uint8Array(await readFile(p)) },
  vocabulary: knowledge.drugs,
  maxRecordBytes: 100 * 1024 * 1024,
});
const drafting = makeDrafting({ knowledge });
const big = files.find((f) => f.pages === 200)!;
const times: { read: number; draft: number }[] = [];
let documents = 0;
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  const caseFile = await records.readCaseFile([big.path]);
  const t1 = performance.now();
  records.draftWithRecords((i) => drafting.draft(i), { items: [{ request: "Flexeril 7.5mg #90" }, { request: "Norco 10/325mg #120" }] }, caseFile);
  times.push({ read: t1 - t0, draft: performance.now() - t1 });
  documents = caseFile.documents.length;
}
const best = times.sort((a, b) => a.read + a.draft - (b.read + b.draft))[0]!;
console.log(`Draft of a 200-page case file (${documents} reports, 2 disputed items), best of ${ROUNDS}:`);
console.log(
  `  read + split ${best.read.toFixed(0)} ms, timeline + identifiers + draft ${best.draft.toFixed(0)} ms, total ${(best.read + best.draft).toFixed(0)} ms`,
);
if (pdftotextRate !== undefined) console.log(`  (pdftotext alone would take ~${((200 / pdftotextRate) * 1000).toFixed(0)} ms for the same 200 pages)`);
rmSync(dir, { recursive: true, force: true });
