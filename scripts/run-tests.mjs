#!/usr/bin/env node
// Runs the type check and the Vitest suites, then prints one plain summary line that CI can read:
// "Tests: N passed, N failed, N skipped (N files)".
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const extra = process.argv.slice(2);
if (extra.length === 0) {
  const tsc = spawnSync("npx", ["--no-install", "tsc", "--noEmit", "-p", "."], { stdio: "inherit" });
  if (tsc.status !== 0) {
    console.log("Tests: 0 passed, 1 failed, 0 skipped (type check failed)");
    process.exit(1);
  }
  const lint = spawnSync("npx", ["--no-install", "biome", "lint", "src", "test", "scripts", "bench"], { stdio: "inherit" });
  if (lint.status !== 0) {
    console.log("Tests: 0 passed, 1 failed, 0 skipped (lint failed)");
    process.exit(1);
  }
}
const dir = mkdtempSync(join(tmpdir(), "openimr-vitest-"));
const report = join(dir, "report.json");
const run = spawnSync("npx", ["--no-install", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra], {
  stdio: "inherit",
});
let summary = "Tests: no report was written";
try {
  const r = JSON.parse(readFileSync(report, "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  summary = `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped (${r.numTotalTestSuites} suites in ${r.testResults?.length ?? 0} files)`;
} catch {}
rmSync(dir, { recursive: true, force: true });
console.log(summary);
process.exit(run.status ?? 1);
